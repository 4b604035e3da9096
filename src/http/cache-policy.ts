// Cache-Control for each kind of response, chosen for a CDN in front of the app.
/** Pages change when editors publish: caches keep them 5 minutes, then may serve stale for a day while revalidating. */
export const PAGE_CACHE = 'public, max-age=300, stale-while-revalidate=86400, stale-if-error=86400';
/** Errors and redirects of pages that may appear soon: short, so a fix shows quickly. */
export const ERROR_CACHE = 'public, max-age=60';
/** Responses that depend on the query or the visitor: never stored. */
export const NO_STORE = 'no-store';
