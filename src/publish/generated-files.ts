// The files generated from the whole site (sitemap, robots.txt, the news feed), prepared as responses.
import { isNewsItem } from '../content/news.js';
import type { Site } from '../content/site.js';
import { prepare, type Prepared } from '../http/prepared.js';
import { SECURITY_HEADERS } from '../http/security-headers.js';
import { FEED_URL, renderNewsFeed } from '../render/news-feed.js';
import { PAGES_SITEMAP_PATH, renderRobots, renderSitemap, renderSitemapIndex } from '../render/sitemap.js';

type Render = (site: Site, siteUrl: string, appPages: readonly string[]) => string;

const GENERATORS: readonly { readonly url: string; readonly contentType: string; readonly render: Render }[] = [
  { url: '/sitemap.xml', contentType: 'application/xml; charset=utf-8', render: (site, siteUrl) => renderSitemapIndex(site, siteUrl) },
  { url: PAGES_SITEMAP_PATH, contentType: 'application/xml; charset=utf-8', render: renderSitemap },
  { url: '/robots.txt', contentType: 'text/plain; charset=utf-8', render: (_site, siteUrl) => renderRobots(siteUrl) },
  { url: FEED_URL, contentType: 'application/atom+xml; charset=utf-8', render: renderNewsFeed },
];

/** The addresses of the generated files: declared here, where they are made, and read by the content check. */
export const GENERATED_PATHS: readonly string[] = GENERATORS.map((generator) => generator.url);

/**
 * Each generated file, by address, cached as pages are; Last-Modified is the newest page's `updated`. `appPages` are
 * the app's own public pages, for the sitemap (src/app-paths.ts: APP_SITEMAP_PATHS).
 */
export function renderGenerated(site: Site, siteUrl: string, cacheControl: string, appPages: readonly string[] = []): Map<string, Prepared> {
  let latest = 0;
  for (const page of site.pages.values()) latest = Math.max(latest, page.updated.getTime());
  const lastModified = new Date(latest);
  return new Map(
    GENERATORS.map(({ url, contentType, render }) => [
      url,
      prepare(render(site, siteUrl, appPages), { contentType, cacheControl, lastModified, securityHeaders: SECURITY_HEADERS }),
    ]),
  );
}

/**
 * Whether a change to these pages shows in a generated file: a page added or removed, its date or sitemap flag
 * changed, a news item (whose text the feed carries) changed at all, or the forum's categories changed.
 */
export function changesGenerated(before: Site, after: Site, urls: Iterable<string>): boolean {
  // The sitemap lists the forum's categories by slug.
  const slugs = (site: Site): string => (site.forum?.categories.map((category) => category.slug) ?? []).join(' ');
  if (slugs(before) !== slugs(after)) return true;
  for (const url of urls) {
    const page = after.pages.get(url);
    const old = before.pages.get(url);
    if (!page || !old || page.updated.getTime() !== old.updated.getTime() || page.sitemap !== old.sitemap) return true;
    if (page !== old && (isNewsItem(page) || isNewsItem(old))) return true;
  }
  return false;
}
