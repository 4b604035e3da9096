// Renders the whole site into prepared responses: every page, the 404 page and the 410 pages.
import type { Site } from '../content/site.js';
import { ERROR_CACHE, PAGE_CACHE } from '../http/cache-policy.js';
import { errorPageContent } from '../http/error-pages.js';
import { prepare, type Prepared } from '../http/prepared.js';
import { SECURITY_HEADERS } from '../http/security-headers.js';
import { FEED_URL, renderNewsFeed } from './news-feed.js';
import type { RenderContext } from './page-locals.js';
import { renderRobots, renderSitemap } from './sitemap.js';
import type { SiteRenderer } from './site-renderer.js';

const HTML = 'text/html; charset=utf-8';

export interface SiteResponses {
  readonly site: Site;
  /** Pages and the generated files (sitemap, robots.txt, feed), by address. */
  readonly pages: ReadonlyMap<string, Prepared>;
  readonly gone: ReadonlyMap<string, Prepared>;
  readonly notFound: Prepared;
  readonly context: RenderContext;
}

export function preparePage(html: string, lastModified: Date): Prepared {
  return prepare(html, { contentType: HTML, cacheControl: PAGE_CACHE, lastModified, securityHeaders: SECURITY_HEADERS });
}

export function prepareError(renderer: SiteRenderer, context: RenderContext, status: number, note?: string): Prepared {
  const html = renderer.renderError(context, errorPageContent(status, note));
  return prepare(html, { status, contentType: HTML, cacheControl: ERROR_CACHE, securityHeaders: SECURITY_HEADERS });
}

export function buildResponses(site: Site, renderer: SiteRenderer, context: RenderContext): SiteResponses {
  const pages = new Map<string, Prepared>();
  for (const page of site.pages.values()) pages.set(page.url, preparePage(renderer.renderPage(context, page), page.updated));
  const lastChange = new Date(Math.max(0, ...[...site.pages.values()].map((page) => page.updated.getTime())));
  const generated = (body: string, contentType: string): Prepared => prepare(body, { contentType, cacheControl: PAGE_CACHE, lastModified: lastChange, securityHeaders: SECURITY_HEADERS });
  pages.set('/sitemap.xml', generated(renderSitemap(site, context.siteUrl), 'application/xml; charset=utf-8'));
  pages.set('/robots.txt', generated(renderRobots(context.siteUrl), 'text/plain; charset=utf-8'));
  pages.set(FEED_URL, generated(renderNewsFeed(site, context.siteUrl), 'application/atom+xml; charset=utf-8'));
  const gone = new Map<string, Prepared>();
  for (const entry of site.gone.values()) gone.set(entry.url, prepareError(renderer, context, 410, entry.note));
  return { site, pages, gone, notFound: prepareError(renderer, context, 404), context };
}
