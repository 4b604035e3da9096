// CSRF tokens for forms sent before there is a session (log in, register, reset): a pre-session cookie and a signed token bound to it.
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.js';
import { systemClock, type Clock } from './clock.js';
import { isTokenShaped, randomToken, sameToken } from './tokens.js';

/**
 * OWASP (Cross-Site Request Forgery Prevention Cheat Sheet, "Login CSRF"): create a pre-session before the member is
 * authenticated and put a token bound to it in the login form. The pre-session is a random value in this cookie; the
 * form token is an HMAC of it and the time it was issued, under a key derived from the site secret, so no table is
 * needed and every server sharing the database accepts it. The Origin and Sec-Fetch-Site check runs as well.
 */
export const PRE_SESSION_COOKIE_NAME = '__Host-presession';

/** Two hours: enough to fill in a form after a pause, short enough that a leaked page is soon worthless. */
export const FORM_TOKEN_LIFETIME_MS = 2 * 60 * 60 * 1000;

/**
 * __Host-, HttpOnly and Secure as the session cookie. SameSite=Strict: the cookie is only ever needed by a form sent
 * from this site's own page, so it is never sent with a request another site starts. Max-Age: it is not a login, and
 * should not outlive the forms it protects.
 */
const ATTRIBUTES = `Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=${FORM_TOKEN_LIFETIME_MS / 1000}`;

export function preSessionCookie(value: string): string {
  return `${PRE_SESSION_COOKIE_NAME}=${value}; ${ATTRIBUTES}`;
}

/** Removes the pre-session once a session has started: it has done its work. */
export function expiredPreSessionCookie(): string {
  return `${PRE_SESSION_COOKIE_NAME}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0`;
}

export class FormTokens {
  private constructor(
    private readonly key: Buffer,
    private readonly clock: Clock,
  ) {}

  /** Derives the signing key from the site secret that the first migration made. */
  static async load(db: Kysely<DatabaseSchema>, clock: Clock = systemClock): Promise<FormTokens> {
    const row = await db.selectFrom('site_secret').select('secret').where('id', '=', 1).executeTakeFirstOrThrow();
    const key = createHmac('sha256', Buffer.from(row.secret, 'base64url')).update('form-token-key').digest();
    return new FormTokens(key, clock);
  }

  /** The pre-session a cookie already carries, when it is well formed, or a new one. */
  preSession(current: string | undefined): string {
    return isTokenShaped(current) ? current : randomToken();
  }

  /** The token for the forms of this pre-session: when it was issued (base 36) and the HMAC of both. */
  tokenFor(preSession: string): string {
    const issued = this.clock().toString(36);
    return `${issued}.${this.sign(preSession, issued)}`;
  }

  /** Whether a submitted token was made for this pre-session, by this site, less than FORM_TOKEN_LIFETIME_MS ago. */
  verify(preSession: string | undefined, submitted: unknown): boolean {
    if (!isTokenShaped(preSession) || typeof submitted !== 'string') return false;
    const [issued = '', mac, extra] = submitted.split('.');
    if (extra !== undefined || !/^[0-9a-z]{1,12}$/.test(issued)) return false;
    const age = this.clock() - Number.parseInt(issued, 36);
    return age >= 0 && age < FORM_TOKEN_LIFETIME_MS && sameToken(this.sign(preSession, issued), mac);
  }

  private sign(preSession: string, issued: string): string {
    return createHmac('sha256', this.key).update(`${preSession}.${issued}`).digest('base64url');
  }
}
