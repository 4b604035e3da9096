// The session cookie's one Set-Cookie line, its removal, and reading it back from a Cookie header.
import { isTokenShaped } from './tokens.js';

/**
 * __Host-: the browser accepts it only with Secure, Path=/ and no Domain, so neither a subdomain nor plain HTTP can set
 * or overwrite it. (Browsers treat http://localhost as secure, so development works.)
 */
export const SESSION_COOKIE_NAME = '__Host-session';

/**
 * HttpOnly: no script reads it. Secure: HTTPS only. SameSite=Lax: not sent with cross-site POSTs (a first CSRF defence;
 * the synchronizer token is the second), yet sent when a member follows a link to the forum from elsewhere. No Max-Age:
 * the cookie ends with the browser, which matters on shared computers; the server's timeouts end it sooner.
 */
const ATTRIBUTES = 'Path=/; HttpOnly; Secure; SameSite=Lax';

/** The Set-Cookie value that gives the browser a session token. */
export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE_NAME}=${token}; ${ATTRIBUTES}`;
}

/** The Set-Cookie value that removes the cookie (at logout, or when the session has ended on the server). */
export function expiredSessionCookie(): string {
  return `${SESSION_COOKIE_NAME}=; ${ATTRIBUTES}; Max-Age=0`;
}

/** The session token from a Cookie request header, or undefined when there is none of the right shape. */
export function readSessionToken(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator === -1 || pair.slice(0, separator).trim() !== SESSION_COOKIE_NAME) continue;
    const value = pair.slice(separator + 1).trim();
    if (isTokenShaped(value)) return value;
  }
  return undefined;
}
