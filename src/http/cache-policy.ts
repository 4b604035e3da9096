// Cache-Control for each kind of response, chosen for a CDN in front of the app: the one place these values live.

/** Pages change when editors publish: caches keep them 5 minutes, then may serve stale for a day while revalidating. */
export const PAGE_CACHE = 'public, max-age=300, stale-while-revalidate=86400, stale-if-error=86400';
/** Errors of pages that may appear soon (404, 410): short, so a fix shows quickly. */
export const ERROR_CACHE = 'public, max-age=60';
/** Permanent redirects of old and misspelt addresses: a day, so an editor's mistake in an alias does not last for ever. */
export const REDIRECT_CACHE = 'public, max-age=86400';
/** Search results: they change with the content and differ per query, so a minute. */
export const SEARCH_CACHE = 'public, max-age=60';
/** A fingerprinted asset name changes whenever the file does, so it can be cached for a year (RFC 8246 immutable). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** An asset at its plain name may change under the same address: cache briefly and revalidate. */
export const SHORT_LIVED = 'public, max-age=3600';
/** Responses that depend on the moment or the visitor (statistics, health, errors of the app): never stored. */
export const NO_STORE = 'no-store';
