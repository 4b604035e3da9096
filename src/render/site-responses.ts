// Renders the site into prepared responses (pages, generated files, 404 and 410 pages), wholly or in part.
import type { Page } from '../content/page.js';
import type { Site } from '../content/site.js';
import { ERROR_CACHE, PAGE_CACHE } from '../http/cache-policy.js';
import { errorPageContent } from '../http/error-pages.js';
import { precompressInBackground, prepare, type Prepared } from '../http/prepared.js';
import { SECURITY_HEADERS } from '../http/security-headers.js';
import { inSlices } from '../in-slices.js';
import { FEED_URL, renderNewsFeed } from './news-feed.js';
import type { RenderContext } from './page-locals.js';
import type { SiteRenderer } from './site-renderer.js';
import { renderRobots, renderSitemap } from './sitemap.js';

const HTML = 'text/html; charset=utf-8';

export function preparePage(html: string, lastModified: Date): Prepared {
  return prepare(html, { contentType: HTML, cacheControl: PAGE_CACHE, lastModified, securityHeaders: SECURITY_HEADERS, releaseWhenCompressed: true });
}

export function prepareError(renderer: SiteRenderer, context: RenderContext, status: number, note?: string): Prepared {
  const html = renderer.renderError(context, errorPageContent(status, note));
  return prepare(html, { status, contentType: HTML, cacheControl: ERROR_CACHE, securityHeaders: SECURITY_HEADERS });
}

/**
 * The responses now being served. Pages are rendered in batches right after start (and after a full reload),
 * between requests, so a large site answers at once; a request for a page not yet rendered renders it first.
 */
export class SiteResponses {
  site!: Site;
  context!: RenderContext;
  /** Pages and the generated files (sitemap, robots.txt, feed) rendered so far, by address. */
  pages: Map<string, Prepared> = new Map();
  gone: ReadonlyMap<string, Prepared> = new Map();
  notFound!: Prepared;
  /** Settles when every page is rendered and compressed (tests, the export and benchmarks wait on it). */
  compressed: Promise<void> = Promise.resolve();
  private generation = 0;
  private readonly renderer: SiteRenderer;

  constructor(renderer: SiteRenderer) {
    this.renderer = renderer;
  }

  /** Renders every page: at start, and when the navigation, the templates or the assets change. */
  renderAll(site: Site, context: RenderContext): void {
    this.site = site;
    this.context = { ...context, site };
    this.pages = new Map();
    const fresh = this.renderGenerated(site, this.context);
    this.gone = new Map([...site.gone.values()].map((entry) => [entry.url, prepareError(this.renderer, this.context, 410, entry.note)] as const));
    this.notFound = prepareError(this.renderer, this.context, 404);
    const generation = ++this.generation;
    // A newer full render takes over from this one: its own pass finishes the work.
    const superseded = (): boolean => generation !== this.generation;
    this.compressed = inSlices(site.pages.keys(), (url) => this.page(url)?.precompress(), superseded).then(() =>
      superseded() ? undefined : precompressInBackground(fresh),
    );
  }

  /**
   * Renders only the given pages again, keeping every other page's response. The sitemap and feed are made
   * again only when a change shows in them: a page added or removed, or its date, title or news text changed.
   */
  renderSome(site: Site, changedUrls: Iterable<string>): void {
    const before = this.site;
    const urls = [...changedUrls];
    const fresh: Prepared[] = [];
    let generatedChanged = false;
    for (const url of urls) {
      const page = site.pages.get(url);
      const old = before.pages.get(url);
      if (!page || !old || page.updated.getTime() !== old.updated.getTime() || page.sitemap !== old.sitemap || (url.startsWith('/news/') && page !== old))
        generatedChanged = true;
      if (!page) {
        this.pages.delete(url);
        continue;
      }
      // Map.set is atomic for requests: each is answered from the old or the new response, never a mix.
      fresh.push(this.renderPage({ ...this.context, site }, page));
    }
    this.site = site;
    this.context = { ...this.context, site };
    // A deleted page whose address removed.yml lists answers 410 from now on, not 404; a page back at such an
    // address is no longer gone.
    if (urls.some((url) => site.gone.has(url) !== this.gone.has(url))) {
      const gone = new Map(this.gone);
      for (const url of urls) {
        const entry = site.gone.get(url);
        if (!entry) gone.delete(url);
        else if (!gone.has(url)) gone.set(url, prepareError(this.renderer, this.context, 410, entry.note));
      }
      this.gone = gone;
    }
    if (generatedChanged) fresh.push(...this.renderGenerated(site, this.context));
    const done = this.compressed;
    this.compressed = Promise.all([done, precompressInBackground(fresh)]).then(() => undefined);
  }

  /** The sitemap, robots.txt and the feed, which list many pages at once. */
  private renderGenerated(site: Site, context: RenderContext): Prepared[] {
    let latest = 0;
    for (const page of site.pages.values()) latest = Math.max(latest, page.updated.getTime());
    const lastModified = new Date(latest);
    const generated = (url: string, body: string, contentType: string): Prepared => {
      const prepared = prepare(body, { contentType, cacheControl: PAGE_CACHE, lastModified, securityHeaders: SECURITY_HEADERS });
      this.pages.set(url, prepared);
      return prepared;
    };
    return [
      generated('/sitemap.xml', renderSitemap(site, context.siteUrl), 'application/xml; charset=utf-8'),
      generated('/robots.txt', renderRobots(context.siteUrl), 'text/plain; charset=utf-8'),
      generated(FEED_URL, renderNewsFeed(site, context.siteUrl), 'application/atom+xml; charset=utf-8'),
    ];
  }

  /** The prepared response of a page, rendering it now if the background pass has not reached it yet. */
  page(url: string): Prepared | undefined {
    const prepared = this.pages.get(url);
    if (prepared) return prepared;
    const page = this.site.pages.get(url);
    return page && this.renderPage(this.context, page);
  }

  private renderPage(context: RenderContext, page: Page): Prepared {
    const prepared = preparePage(this.renderer.renderPage(context, page), page.updated);
    this.pages.set(page.url, prepared);
    return prepared;
  }
}
