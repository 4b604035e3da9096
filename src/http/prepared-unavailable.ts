// A 503 page as a prepared response: rendered once, sent as it is to everyone it applies to, never stored.
import { NO_STORE } from './cache-policy.js';
import { prepare, type PrepareOptions, type Prepared } from './prepared.js';
import { SECURITY_HEADERS } from './security-headers.js';

/**
 * The same 503 goes to every visitor of an edition while it lasts (a page still rendering on its thread, search
 * busy or down), often in floods: prepared once, each one costs only its sending. Not stored, as it is over in
 * moments, and Retry-After says when to come back.
 */
export function prepareUnavailable(html: string, retryAfterSeconds: number, options: Pick<PrepareOptions, 'varyOnAccept'> = {}): Prepared {
  return prepare(html, {
    status: 503,
    contentType: 'text/html; charset=utf-8',
    cacheControl: NO_STORE,
    securityHeaders: [...SECURITY_HEADERS, ['Retry-After', String(retryAfterSeconds)]],
    ...options,
  });
}
