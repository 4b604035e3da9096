// Server-side sessions: a random token in the cookie, only its hash stored, ended by logout, inactivity or age.
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.js';
import { isoTime, timeMs } from '../db/values.js';
import { systemClock, type Clock } from './clock.js';
import { MEMBER_COLUMNS, toMember, type Member } from './members.js';
import { sessionCookie } from './session-cookie.js';
import { isTokenShaped, randomToken, sameToken, sha256Hex } from './tokens.js';

/**
 * Idle timeout, 2 hours: OWASP suggests 15-30 minutes for low-risk applications, but a member writing a long post must
 * not lose it to the timeout, and the forum holds nothing private beyond the account itself. Absolute timeout, 12 hours:
 * a session left open on a shared computer (an internet café, a library) ends the same day whatever happens to it.
 */
export const IDLE_TIMEOUT_MS = 2 * 60 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most once a minute per session, so reading pages does not mean writing the database. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export interface StartedSession {
  /** For the cookie only; never stored or logged. */
  readonly token: string;
  /** The Set-Cookie header value that carries the token. */
  readonly cookie: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface CurrentSession {
  /** The stored id (the token's hash): for endAllForMember's `except`. */
  readonly id: string;
  readonly member: Member;
  /** To put in every form of this session, and compare with csrfMatches(). */
  readonly csrfToken: string;
}

export class Sessions {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * A new session for a member who has just logged in. A token the browser already had (`replacing`) is ended first, so
   * a token planted before login (session fixation) never becomes a logged-in one.
   */
  async start(memberId: number, options: { readonly replacing?: string | undefined } = {}): Promise<StartedSession> {
    if (options.replacing !== undefined) await this.end(options.replacing);
    const token = randomToken();
    const csrfToken = randomToken();
    const now = this.clock();
    const expiresAt = isoTime(now + ABSOLUTE_TIMEOUT_MS);
    await this.db
      .insertInto('sessions')
      .values({ id: sha256Hex(token), user_id: memberId, csrf_token: csrfToken, created_at: isoTime(now), last_seen_at: isoTime(now), expires_at: expiresAt })
      .execute();
    return { token, cookie: sessionCookie(token), csrfToken, expiresAt };
  }

  /** The session a cookie's token names, if it is still valid; an expired one is deleted on the way. */
  async resolve(token: string | undefined): Promise<CurrentSession | undefined> {
    if (!isTokenShaped(token)) return undefined;
    const id = sha256Hex(token);
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([...MEMBER_COLUMNS, 'sessions.csrf_token', 'sessions.last_seen_at', 'sessions.expires_at', 'users.deleted_at'])
      .where('sessions.id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const now = this.clock();
    const lastSeen = timeMs(row.last_seen_at);
    if (row.deleted_at !== null || now >= timeMs(row.expires_at) || now - lastSeen >= IDLE_TIMEOUT_MS) {
      await this.db.deleteFrom('sessions').where('id', '=', id).execute();
      return undefined;
    }
    if (now - lastSeen >= TOUCH_INTERVAL_MS)
      await this.db
        .updateTable('sessions')
        .set({ last_seen_at: isoTime(now) })
        .where('id', '=', id)
        .execute();
    return { id, member: toMember(row), csrfToken: row.csrf_token };
  }

  /** Ends the session on the server (logout): the token stops working everywhere, whatever the browser keeps. */
  async end(token: string): Promise<void> {
    if (!isTokenShaped(token)) return;
    await this.db.deleteFrom('sessions').where('id', '=', sha256Hex(token)).execute();
  }

  /** Ends every session of a member (password changed, suspended, deleted), except the one named, if any. */
  async endAllForMember(memberId: number, options: { readonly except?: string | undefined } = {}): Promise<void> {
    let query = this.db.deleteFrom('sessions').where('user_id', '=', memberId);
    if (options.except !== undefined) query = query.where('id', '!=', options.except);
    await query.execute();
  }

  /** Deletes sessions past their absolute or idle timeout; returns how many. */
  async removeExpired(): Promise<number> {
    const now = this.clock();
    const result = await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', isoTime(now)), eb('last_seen_at', '<=', isoTime(now - IDLE_TIMEOUT_MS))]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** The CSRF check of a state-changing form: the submitted token must be this session's, compared in constant time. */
export function csrfMatches(session: Pick<CurrentSession, 'csrfToken'>, submitted: unknown): boolean {
  return sameToken(session.csrfToken, submitted);
}
