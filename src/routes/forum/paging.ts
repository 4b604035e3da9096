// ?page=N on the forum's lists: one address per page, the first without it, and the links between pages.
import type { Request, Response } from 'express';
import type { Paged } from '../../forum/pages.js';
import { HttpError } from '../../http/http-error.js';
import type { Translate } from '../../render/interface-text.js';
import type { PaginationLocals } from '../../render/partial-locals.js';

/** A page past the end, or a number no list reaches: there is no such page. */
export function noSuchPage(path: string): HttpError {
  return new HttpError(404, `no such page of ${path}`);
}

/**
 * The page a request asks for: none means the first. `?page=1` and anything that is not a whole number from 2 (`0`,
 * `02`, `x`, the parameter twice) are answered here with a 301 to the first page's address, the one canonical spelling,
 * and give undefined. A number too large to be a page is past the end: 404.
 */
export function requestedPage(req: Request, res: Response, firstPage: string, redirectCache: string): number | undefined {
  const value = req.query['page'];
  if (value === undefined) return 1;
  if (typeof value === 'string' && /^[1-9][0-9]*$/.test(value) && value !== '1') {
    const page = Number(value);
    if (!Number.isSafeInteger(page)) throw noSuchPage(firstPage);
    return page;
  }
  res.setHeader('Cache-Control', redirectCache);
  res.redirect(301, firstPage);
  return undefined;
}

/** 404 for a page past the last (an empty list has one page, the first, which exists). */
export function checkInRange(paged: Paged<unknown>, path: string): void {
  if (paged.page > paged.pageCount) throw noSuchPage(path);
}

/** Previous and next links, when the list has more than one page. */
export function paginationOf(t: Translate, paged: Paged<unknown>, label: string, urlOf: (page: number) => string): PaginationLocals | undefined {
  if (paged.pageCount <= 1) return undefined;
  return {
    t,
    label,
    page: paged.page,
    pageCount: paged.pageCount,
    previousUrl: paged.page > 1 ? urlOf(paged.page - 1) : undefined,
    nextUrl: paged.page < paged.pageCount ? urlOf(paged.page + 1) : undefined,
  };
}

/** "Page 2 of 3", from the second page on: said under the heading and in the tab's title. */
export function pageNote(t: Translate, paged: Paged<unknown>): string | undefined {
  return paged.page > 1 ? t('forum.page_note', { page: paged.page, pages: paged.pageCount }) : undefined;
}
