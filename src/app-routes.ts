// Addresses the app answers that are not content pages, so links to them count as working links.
export const APP_ROUTES: ReadonlySet<string> = new Set(['/news.atom', '/sitemap.xml', '/robots.txt', '/healthz', '/search', '/stats']);
