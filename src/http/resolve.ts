// resolve(method, url): what an address is, decided in one place before any handler runs. Pure, and tested as a table.
import { HttpError } from './http-error.js';
import { pathOf, queryOf } from '../lib/url-path.js';
import { canonicalPath } from './canonical-path.js';
import type { Prepared } from './prepared.js';
import { ALLOW_READ, isReadMethod } from './read-methods.js';

export interface AddressHit {
  readonly prepared: Prepared;
  /** A content page (counted as a view), as opposed to an asset, a generated file or a removed page's 410. */
  readonly page: boolean;
}

/** What the resolver reads of the published site: one snapshot of it. */
export interface Addresses {
  /** The response prepared at exactly this path: a page, generated file, asset, or removed page. */
  prepared(path: string): AddressHit | undefined;
  /** Where an old address (a path, or path?query for the 2007 site's .phtml pages) now lives. */
  redirect(address: string): string | undefined;
  /** The 404 page for this address (in its edition's language). */
  notFound(path: string): Prepared;
}

/** The addresses the app's own handlers answer (search, statistics, health, and what comes next). */
export interface AppRoutes {
  has(path: string): boolean;
}

export type Resolution =
  | { readonly kind: 'serve'; readonly hit: AddressHit }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'route' }
  | { readonly kind: 'not-found'; readonly page: Prepared }
  | { readonly kind: 'reject'; readonly error: HttpError };

/** Longer than any address on the site by far; browsers and CDNs cap near here too. */
export const MAX_PATH_LENGTH = 2048;
/** The query may be longer (a pasted paragraph in the search box), up to what Node reads as a request line anyway. */
export const MAX_URL_LENGTH = 16 * 1024;

/** A request target no address can match: too long, not a path, badly encoded, or with control characters or dot segments. */
export function malformed(rawUrl: string): HttpError | undefined {
  const path = pathOf(rawUrl);
  if (path.length > MAX_PATH_LENGTH || rawUrl.length > MAX_URL_LENGTH) return new HttpError(414, `URL of ${rawUrl.length} characters`);
  if (!rawUrl.startsWith('/')) return new HttpError(400, 'request target is not a path');
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
    decodeURIComponent(rawUrl.slice(path.length).replace(/\+/g, ' '));
  } catch (error) {
    return new HttpError(400, 'malformed percent-encoding in the address', { cause: error });
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return new HttpError(400, 'control character in the path');
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) return new HttpError(400, 'dot segment in the path');
  return undefined;
}

function serve(method: string, path: string, hit: AddressHit): Resolution {
  if (isReadMethod(method)) return { kind: 'serve', hit };
  return { kind: 'reject', error: new HttpError(405, `${method} on ${path}`, { headers: { Allow: ALLOW_READ } }) };
}

/**
 * In order: a prepared response at exactly the address (pages, generated files, assets, 410s) unless the app
 * answers it itself, a malformed target (4xx), one of the app's own routes, a prepared response, an old address
 * (301 to its page), another spelling of a page's or a
 * route's address (301, keeping the query), and otherwise 404.
 */
export function resolve(addresses: Addresses, routes: AppRoutes, method: string, rawUrl: string): Resolution {
  // The hot path: an address with no query that is a prepared response is a known, well-formed path. The app's
  // own routes come first: a page or an alias at /search or /healthz must never hide them (the check refuses one).
  const exact = rawUrl.includes('?') || routes.has(rawUrl) ? undefined : addresses.prepared(rawUrl);
  if (exact) return serve(method, rawUrl, exact);
  const error = malformed(rawUrl);
  if (error) return { kind: 'reject', error };
  const path = pathOf(rawUrl);
  const query = queryOf(rawUrl);
  if (routes.has(path)) return { kind: 'route' };
  const hit = addresses.prepared(path);
  if (hit) return serve(method, path, hit);
  const canonical = canonicalPath(path);
  const alias = addresses.redirect(path + query) ?? addresses.redirect(path) ?? addresses.redirect(canonical);
  if (alias) return { kind: 'redirect', location: alias };
  if (canonical !== path && (addresses.prepared(canonical) || routes.has(canonical))) return { kind: 'redirect', location: canonical + query };
  return { kind: 'not-found', page: addresses.notFound(path) };
}
