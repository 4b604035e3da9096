// Renders the site into prepared responses (pages, generated files, 404 and 410 pages), wholly or in part.
import type { Site } from '../content/site.js';
import { ERROR_CACHE, PAGE_CACHE } from '../http/cache-policy.js';
import { errorPageContent } from '../http/error-pages.js';
import { precompressInBackground, prepare, type Prepared } from '../http/prepared.js';
import { SECURITY_HEADERS } from '../http/security-headers.js';
import { FEED_URL, renderNewsFeed } from './news-feed.js';
import type { RenderContext } from './page-locals.js';
import type { SiteRenderer } from './site-renderer.js';
import { renderRobots, renderSitemap } from './sitemap.js';

const HTML = 'text/html; charset=utf-8';

export function preparePage(html: string, lastModified: Date): Prepared {
  return prepare(html, { contentType: HTML, cacheControl: PAGE_CACHE, lastModified, securityHeaders: SECURITY_HEADERS });
}

export function prepareError(renderer: SiteRenderer, context: RenderContext, status: number, note?: string): Prepared {
  const html = renderer.renderError(context, errorPageContent(status, note));
  return prepare(html, { status, contentType: HTML, cacheControl: ERROR_CACHE, securityHeaders: SECURITY_HEADERS });
}

/** The responses now being served. Replaced maps, never mutated ones, so a request never sees half an update. */
export class SiteResponses {
  site!: Site;
  context!: RenderContext;
  /** Pages and the generated files (sitemap, robots.txt, feed), by address. */
  pages: ReadonlyMap<string, Prepared> = new Map();
  gone: ReadonlyMap<string, Prepared> = new Map();
  notFound!: Prepared;
  /** Settles when the latest render's compressed variants are all made (tests and benchmarks wait on it). */
  compressed: Promise<void> = Promise.resolve();
  private readonly renderer: SiteRenderer;

  constructor(renderer: SiteRenderer) {
    this.renderer = renderer;
  }

  /** Renders every page: at start, and when the navigation, the templates or the assets change. */
  renderAll(site: Site, context: RenderContext): void {
    this.render(site, context, site.pages.keys(), new Map());
  }

  /** Renders only the given pages again, keeping every other page's response. */
  renderSome(site: Site, urls: Iterable<string>): void {
    this.render(site, this.context, urls, this.pages);
  }

  private render(site: Site, context: RenderContext, urls: Iterable<string>, previous: ReadonlyMap<string, Prepared>): void {
    const pages = new Map(previous);
    const fresh: Prepared[] = [];
    for (const url of urls) {
      const page = site.pages.get(url);
      if (!page) {
        pages.delete(url);
        continue;
      }
      const prepared = preparePage(this.renderer.renderPage({ ...context, site }, page), page.updated);
      pages.set(url, prepared);
      fresh.push(prepared);
    }
    let latest = 0;
    for (const page of site.pages.values()) latest = Math.max(latest, page.updated.getTime());
    const lastChange = new Date(latest);
    const generated = (body: string, contentType: string): Prepared => {
      const prepared = prepare(body, { contentType, cacheControl: PAGE_CACHE, lastModified: lastChange, securityHeaders: SECURITY_HEADERS });
      fresh.push(prepared);
      return prepared;
    };
    pages.set('/sitemap.xml', generated(renderSitemap(site, context.siteUrl), 'application/xml; charset=utf-8'));
    pages.set('/robots.txt', generated(renderRobots(context.siteUrl), 'text/plain; charset=utf-8'));
    pages.set(FEED_URL, generated(renderNewsFeed(site, context.siteUrl), 'application/atom+xml; charset=utf-8'));

    const siteContext = { ...context, site };
    const gone = new Map<string, Prepared>();
    for (const entry of site.gone.values()) gone.set(entry.url, prepareError(this.renderer, siteContext, 410, entry.note));

    this.site = site;
    this.context = siteContext;
    this.pages = pages;
    this.gone = gone;
    this.notFound = prepareError(this.renderer, siteContext, 404);
    this.compressed = precompressInBackground(fresh);
  }
}
