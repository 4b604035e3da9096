// One request to the forum: its session read from the cookie, its cache headers, and the CSRF checks every form passes.
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { isUnavailable } from '../../db/errors.js';
import type { IsoTime } from '../../db/schema.js';
import type { ClientKey } from '../../forum/client-key.js';
import { isSuspended } from '../../forum/members.js';
import { PRE_SESSION_COOKIE_NAME } from '../../forum/form-tokens.js';
import type { OpenForum } from '../../forum/forum-connection.js';
import { expiredSessionCookie, readSessionToken } from '../../forum/session-cookie.js';
import { csrfMatches, type CurrentSession } from '../../forum/sessions.js';
import { isStaff, type Viewer } from '../../forum/visibility.js';
import { PRIVATE_NO_STORE } from '../../http/cache-policy.js';
import { clientAddress } from '../../http/client-address.js';
import { HttpError } from '../../http/http-error.js';
import { crossSiteReason } from '../../http/same-origin.js';
import { readCookie } from '../../lib/cookies.js';
import type { Edition } from '../../publish/edition.js';
import type { ForumDeps } from './forum-deps.js';
import { categoriesIn, type ForumCategory } from '../../content/forum-settings.js';
import type { Translate } from '../../render/interface-text.js';
import { forumOfPath, type ForumAddresses } from './forum-paths.js';

/** The name of every form's CSRF field. */
export const CSRF_FIELD = 'csrf';

export interface Visit {
  readonly open: OpenForum;
  readonly edition: Edition;
  /** The forum of the address's language (/forum, /ru/forum): every link and redirect of the visit stays in it. */
  readonly at: ForumAddresses;
  /** The interface text of that language. */
  readonly t: Translate;
  /** The categories of content/forum.yml: one forum for every language, so always the default edition's. */
  readonly categories: readonly ForumCategory[];
  /** The signed-in member's session, if the cookie names a live one. */
  readonly session: CurrentSession | undefined;
  /** The token the session cookie carried: ended at logout, replaced at login. */
  readonly sessionToken: string | undefined;
  /** The client's address as the rate limits know it: a daily-salted HMAC, never the address. */
  readonly client: ClientKey;
  /** For moderators and administrators: how many posts wait in the moderation queue (the account bar shows it). */
  readonly waiting: number | undefined;
}

/** Who a read is for, as the forum's services take it: the signed-in member, or undefined for a reader. */
export function viewerOf(visit: Visit): Viewer | undefined {
  const member = visit.session?.member;
  return member && { id: member.id, role: member.role };
}

/**
 * Until when the signed-in member is suspended, if a suspension is in force now. A suspension ends the member's sessions,
 * but one may outlive it (a session another server resolved a moment before), so their pages offer no forms until then.
 */
export function suspendedUntil(visit: Pick<Visit, 'session' | 'open'>): IsoTime | undefined {
  const member = visit.session?.member;
  return member && isSuspended(member, visit.open.forum.clock()) ? (member.suspendedUntil ?? undefined) : undefined;
}

/** A form's fields as text: a field sent twice, or not at all, reads as "" rather than as a list or undefined. */
export type Fields = (name: string) => string;

export type VisitHandler = (req: Request, res: Response, visit: Visit) => Promise<void>;
export type FormHandler = (req: Request, res: Response, visit: Visit, fields: Fields) => Promise<void>;

/** Seconds a client is told to wait (Retry-After) while the database cannot be reached: about the time it takes to return. */
export const RETRY_AFTER_SECONDS = '60';

/**
 * The 503 of every forum page while its database cannot be opened or reached, in the words of the address's language;
 * `cause` is the database's own error.
 */
export function unavailableError(t: Translate, cause?: unknown): HttpError {
  return new HttpError(503, "the forum's database is unavailable", {
    cause,
    headers: { 'Retry-After': RETRY_AFTER_SECONDS },
    shown: { title: t('forum.unavailable_title'), note: t('forum.unavailable_note') },
  });
}

function forgedError(t: Translate, why: string): HttpError {
  return new HttpError(403, `form refused: ${why}`, { shown: { title: t('forum.forged_title'), note: t('forum.forged_note') } });
}

/** The interface text of the edition an address belongs to. */
export function textFor(deps: ForumDeps, path: string): Translate {
  return deps.snapshot().editionFor(path).context.text.t;
}

/**
 * Reads the session, if any, and marks the response personal by default: `private, no-store`, and Vary: Cookie since
 * what a page shows depends on it. Public pages loosen this themselves (shareWithCaches) when nothing is personal.
 * A cookie that names no live session (ended, expired) is removed, so the browser stops sending it.
 */
export async function startVisit(deps: ForumDeps, req: Request, res: Response, open: OpenForum): Promise<Visit> {
  const sessionToken = readSessionToken(req.headers.cookie);
  const session = sessionToken === undefined ? undefined : await open.forum.sessions.resolve(sessionToken);
  res.setHeader('Cache-Control', PRIVATE_NO_STORE);
  res.setHeader('Vary', 'Cookie');
  if (sessionToken !== undefined && !session) res.append('Set-Cookie', expiredSessionCookie());
  const current = deps.snapshot();
  const edition = current.editionFor(req.path);
  const categories = categoriesIn(current.edition().site.forum?.categories ?? [], edition.context.text.language.code);
  const client = open.forum.clientKeys.forAddress(clientAddress(req, deps.trustProxy));
  const viewer = session && { id: session.member.id, role: session.member.role };
  const waiting = isStaff(viewer) ? (await open.forum.moderation.queue(viewer, 1))?.total : undefined;
  return { open, edition, at: forumOfPath(req.path), t: edition.context.text.t, categories, session, sessionToken, client, waiting };
}

/** A reader's page (no session, no cookie set): caches may keep it for a moment, as they keep search results. */
export function shareWithCaches(res: Response, visit: Visit, cacheControl: string): void {
  if (visit.session || res.hasHeader('Set-Cookie')) return;
  res.setHeader('Cache-Control', cacheControl);
}

/** A GET page of the forum; 503 while the database cannot be opened. */
export function forumPage(deps: ForumDeps, handler: VisitHandler): RequestHandler {
  return async (req, res) => {
    const open = await deps.forum();
    if (!open) throw unavailableError(textFor(deps, req.path));
    await handler(req, res, await startVisit(deps, req, res, open));
  };
}

/** Small bodies only: these forms carry a few short fields. Repeated names are kept as lists, which fields() refuses. */
const parseForm = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 });

function fieldsOf(body: unknown): Fields {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return (name) => {
    const value = record[name];
    return typeof value === 'string' ? value : '';
  };
}

/** Refuses a form another site's page sent, before reading its body. */
function refuseCrossSite(deps: ForumDeps): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const reason = crossSiteReason(req.headers, deps.ownOrigins);
    next(reason === undefined ? undefined : forgedError(textFor(deps, req.path), reason));
  };
}

/**
 * A form that changes state, in three steps: the Origin / Sec-Fetch-Site check, the body, and the CSRF token. A
 * member's form carries the session's synchronizer token; a form sent before there is a session (log in, register,
 * reset) carries the token signed for the pre-session cookie (src/forum/form-tokens.ts). A member's form sent without
 * a live session leads to the login page (or to `signedOut`), since the session has ended.
 */
export function forumForm(deps: ForumDeps, kind: 'member' | 'anonymous', handler: FormHandler, options: { signedOut?: string } = {}): RequestHandler[] {
  const checked: RequestHandler = async (req, res) => {
    const open = await deps.forum();
    if (!open) throw unavailableError(textFor(deps, req.path));
    const visit = await startVisit(deps, req, res, open);
    const fields = fieldsOf(req.body);
    if (kind === 'member') {
      if (!visit.session) return res.redirect(303, options.signedOut ?? `${visit.at.paths.login}?next=${encodeURIComponent(req.path)}`);
      if (!csrfMatches(visit.session, fields(CSRF_FIELD))) throw forgedError(visit.t, "the session's CSRF token is missing or wrong");
    } else if (!open.formTokens.verify(readCookie(req.headers.cookie, PRE_SESSION_COOKIE_NAME), fields(CSRF_FIELD))) {
      throw forgedError(visit.t, 'the pre-session form token is missing, wrong or expired');
    }
    await handler(req, res, visit, fields);
  };
  return [refuseCrossSite(deps), parseForm, checked];
}

/**
 * The one place a database failure during a forum request becomes a 503: a PostgreSQL that went down or restarts after
 * the forum was opened, a lost connection, a SQLite file locked by another process. Any handler's query may meet one;
 * the visitor gets the page that says nothing was changed and when to try again, never a 500. Other errors pass on.
 */
export function databaseUnavailable(deps: ForumDeps) {
  return (error: unknown, req: Request, _res: Response, next: NextFunction): void => {
    next(isUnavailable(error) ? unavailableError(textFor(deps, req.path), error) : error);
  };
}

/** Every method but those named answers 405 with Allow (RFC 9110 §15.5.6). */
export function methodNotAllowed(allow: string): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => next(new HttpError(405, `${req.method} on ${req.path}`, { headers: { Allow: allow } }));
}
