// Readers' copies of category and topic pages, kept for a few seconds and answered before Express, as prepared pages are.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { readSessionToken } from '../../forum/session-cookie.js';
import { prepare, type Prepared } from '../../http/prepared.js';
import { SECURITY_HEADERS } from '../../http/security-headers.js';
import { servePrepared } from '../../http/serve-prepared.js';
import type { ChromeLocals, ContentTemplate, TemplateLocals } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUMS } from './forum-paths.js';
import { sendPage } from './forum-views.js';
import type { Visit } from './visit.js';

/**
 * How long a reader's copy serves. Readers' pages already say `max-age=60`, so a cache in front may show a
 * page a minute old; here it is 10 seconds, and this process forgets every copy as soon as it takes a form that may
 * change a page (a post, an edit, a report, a moderator's action). Other processes (WORKERS, other servers) catch up
 * within the 10 seconds.
 */
export const READER_COPY_MS = 10_000;
/** Pages kept at most: the first pages of each category and the busiest topics, a few megabytes. */
const MAX_COPIES = 500;

/** The addresses that have readers' copies: a category's pages and a topic's, in every language (keyed by the full path). */
const COPIED = new RegExp(
  `^(?:${FORUMS.flatMap((at) => [at.patterns.category, at.patterns.topic])
    .map((pattern) => pattern.replace(/:[a-z]+/, '[^/?#]+'))
    .join('|')})$`,
);

interface Copy {
  readonly prepared: Prepared;
  readonly madeAt: number;
}

export interface ReaderPagesOptions {
  readonly clock: () => number;
  /** 0 keeps nothing (development, where every save must show at once). */
  readonly lifetimeMs: number;
  readonly cacheControl: string;
  /** Counts a reader's view, as for any page. */
  readonly countView: (req: IncomingMessage, path: string) => void;
}

/**
 * The key of a reader's copy: the page's canonical address (the path, and ?page=N from the second page on), from the
 * raw request target. Undefined for a member (a session cookie), another method, another address, or a query the page
 * itself would redirect: so a copy is only ever found at its own address, and only by readers.
 */
export function copyKeyOf(req: IncomingMessage): string | undefined {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || readSessionToken(req.headers.cookie) !== undefined) return undefined;
  const target = req.url ?? '';
  const question = target.indexOf('?');
  const path = question === -1 ? target : target.slice(0, question);
  if (!COPIED.test(path)) return undefined;
  if (question === -1) return path;
  const pages = new URLSearchParams(target.slice(question + 1)).getAll('page');
  if (pages.length === 0) return path;
  const page = pages[0]!;
  return pages.length === 1 && /^[1-9][0-9]{0,8}$/.test(page) && page !== '1' ? `${path}?page=${page}` : undefined;
}

export class ReaderPages {
  private readonly copies = new Map<string, Copy>();

  constructor(private readonly options: ReaderPagesOptions) {}

  /** Answers a reader from a fresh copy of the page, counting the view; false when there is none (Express makes it). */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.options.lifetimeMs === 0 || this.copies.size === 0) return false;
    const key = copyKeyOf(req);
    const copy = key === undefined ? undefined : this.copies.get(key);
    if (!copy || key === undefined) return false;
    if (this.options.clock() - copy.madeAt >= this.options.lifetimeMs) {
      this.copies.delete(key);
      return false;
    }
    if (req.method === 'GET') this.options.countView(req, key.replace(/\?.*$/, ''));
    servePrepared(req, res, copy.prepared);
    return true;
  }

  /** The app's routes with readers' copies answered first. */
  before(routes: RequestListener): RequestListener {
    return (req, res) => {
      if (!this.serve(req, res)) routes(req, res);
    };
  }

  /** Keeps a reader's page just made under its canonical address, and sends it. */
  keepAndSend(req: IncomingMessage, res: ServerResponse, key: string, html: string): void {
    const prepared = prepare(html, {
      contentType: 'text/html; charset=utf-8',
      cacheControl: this.options.cacheControl,
      securityHeaders: SECURITY_HEADERS,
      varyOnCookie: true,
    });
    if (this.options.lifetimeMs > 0) {
      if (this.copies.size >= MAX_COPIES) this.copies.delete(this.copies.keys().next().value!);
      this.copies.set(key, { prepared, madeAt: this.options.clock() });
    }
    servePrepared(req, res, prepared);
  }

  /** Forgets every copy: something was written that a page may show. */
  forget(): void {
    this.copies.clear();
  }

  /** After every form this process takes (whatever it did), readers get pages made afresh. */
  forgetAfterForms(): RequestHandler {
    return (req, res, next) => {
      if (req.method === 'POST') res.once('finish', () => this.forget());
      next();
    };
  }
}

/** Sends a category or topic page: a reader's is kept as a copy under its canonical address, a member's never. */
export function sendReadable<N extends ContentTemplate>(
  deps: ForumDeps,
  page: { readonly req: Request; readonly res: Response; readonly visit: Visit; readonly key: string },
  template: N,
  locals: TemplateLocals[N],
  chrome: ChromeLocals,
): void {
  const { req, res, visit, key } = page;
  if (visit.session || res.hasHeader('Set-Cookie')) return sendPage(deps, res, 200, template, locals, chrome);
  deps.readerPages.keepAndSend(req, res, key, deps.renderer.renderInLayout(template, locals, chrome));
}
