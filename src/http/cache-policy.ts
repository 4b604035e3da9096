// Cache-Control for each kind of response, chosen for a CDN in front of the app: the one place these values live.

// No "public": it only lets shared caches store answers to requests with Authorization (RFC 9111 §5.2.2.9), and the
// site never asks for that; max-age alone already makes these answers storable by any cache.

/** A fingerprinted asset name changes whenever the file does, so it can be cached for a year (RFC 8246 immutable). */
export const IMMUTABLE = 'max-age=31536000, immutable';
/** Responses that depend on the moment or the visitor (statistics, health, errors of the app): never stored. */
export const NO_STORE = 'no-store';
/**
 * Anything personal: a page for a signed-in member, a form bound to a cookie, a response that sets one. `private`
 * keeps shared caches (a CDN) from storing it even if one ignored no-store, and no-store keeps the browser's copy out
 * of its history cache on a shared computer.
 */
export const PRIVATE_NO_STORE = 'private, no-store';
/**
 * Development: a browser may keep a copy but must ask again before every use (RFC 9111 §5.2.2.4), so a page
 * reached by a menu link shows the editor's last save, and an unchanged page still costs only a 304.
 */
const REVALIDATE = 'no-cache';

/** Cache-Control of every kind of response that content or assets make. */
export interface CachePolicy {
  /** Pages and the generated files (sitemap, robots.txt, feed). */
  readonly page: string;
  /** Errors of pages that may appear soon (404, 410). */
  readonly error: string;
  /** Permanent redirects of old and misspelt addresses. */
  readonly redirect: string;
  /** Search results. */
  readonly search: string;
  /** Forum pages as readers see them (no cookie): their figures change with every post. */
  readonly forum: string;
  /** Fingerprinted assets. */
  readonly asset: string;
  /** Assets at their plain name (/docs/report.pdf), which may change under the same address. */
  readonly plainAsset: string;
}

const PRODUCTION: CachePolicy = Object.freeze({
  // Pages change when editors publish: caches keep them 5 minutes, then may serve stale for a day while revalidating.
  page: 'max-age=300, stale-while-revalidate=86400, stale-if-error=86400',
  // Short, so a fix shows quickly.
  error: 'max-age=60',
  // A day, so an editor's mistake in an alias does not last for ever.
  redirect: 'max-age=86400',
  // They change with the content and differ per query, so a minute.
  search: 'max-age=60',
  // A minute, like search: a new post shows on the front page within it.
  forum: 'max-age=60',
  asset: IMMUTABLE,
  // Cache briefly and revalidate.
  plainAsset: 'max-age=3600',
});

// In `npm run dev` every save must show on the next visit, whichever way the editor gets there. Fingerprinted
// assets keep a year: a changed file gets a new name, so they can never be stale.
const DEVELOPMENT: CachePolicy = Object.freeze({
  page: REVALIDATE,
  error: REVALIDATE,
  redirect: REVALIDATE,
  search: REVALIDATE,
  forum: REVALIDATE,
  asset: IMMUTABLE,
  plainAsset: REVALIDATE,
});

/** The policy of a server: development revalidates everything an editor can change; production suits a CDN. */
export function cachePolicy(development: boolean): CachePolicy {
  return development ? DEVELOPMENT : PRODUCTION;
}
