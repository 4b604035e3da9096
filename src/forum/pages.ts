// Paging for every list of the forum: a page of items with where it stands among all of them.

/** Topics on a category page and posts on a topic page (phpBB and Discourse show about as many). */
export const PAGE_SIZE = 20;

export interface Paged<T> {
  readonly items: readonly T[];
  /** 1-based, as asked; past the last page `items` is empty, for the caller to answer 404. */
  readonly page: number;
  /** At least 1: an empty list is one empty page. */
  readonly pageCount: number;
  readonly total: number;
}

/** A page number as a query can use it: a whole number from 1, whatever the caller parsed. */
export function pageNumber(page: number): number {
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}

/** Rows to skip for a page. */
export function offsetOf(page: number, size: number): number {
  return (pageNumber(page) - 1) * size;
}

export function paged<T>(items: readonly T[], page: number, total: number, size: number): Paged<T> {
  return { items, page: pageNumber(page), pageCount: Math.max(1, Math.ceil(total / size)), total };
}

/** The page on which the item at a 0-based position falls. */
export function pageOfPosition(position: number, size: number): number {
  return Math.floor(position / size) + 1;
}
