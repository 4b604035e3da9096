// /sitemap.xml and /robots.txt: every public page with an absolute address and its last change.
import { forumCategoryPath } from '../content/forum-settings.js';
import type { Site } from '../content/site.js';
import { FORUM_SITEMAP_PATH } from '../content/forum-settings.js';
import { SITE_NAME } from '../content/site-identity.js';
import { isoDay } from '../lib/calendar-day.js';

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char]!);
}

/** Pages in the sitemap: published (drafts never reach the site model in production) and not opted out. */
export function sitemapPages(site: Site): string[] {
  return [...site.pages.values()]
    .filter((page) => page.sitemap && !page.draft)
    .map((page) => page.url)
    .sort();
}

/**
 * Every page, then the app's own public pages (`appPages`: the forum's front page, say) and the forum's categories
 * (content/forum.yml), which have no `updated` day to give as lastmod (the sitemap protocol makes it optional).
 */
export function renderSitemap(site: Site, siteUrl: string, appPages: readonly string[] = []): string {
  const entries = sitemapPages(site).map((url) => {
    const page = site.pages.get(url)!;
    return `  <url>\n    <loc>${escapeXml(siteUrl + page.url)}</loc>\n    <lastmod>${isoDay(page.updated)}</lastmod>\n  </url>\n`;
  });
  const categories = site.forum?.categories.map((category) => forumCategoryPath(category.slug)) ?? [];
  for (const url of [...appPages, ...categories].sort()) {
    if (!site.pages.has(url)) entries.push(`  <url>\n    <loc>${escapeXml(siteUrl + url)}</loc>\n  </url>\n`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('')}</urlset>\n`;
}

/** The sitemap of the content's pages and the app's own public pages; /sitemap.xml is the index that lists it. */
export const PAGES_SITEMAP_PATH = '/sitemap-pages.xml';

/**
 * /sitemap.xml as a sitemap index (sitemaps.org): the pages' sitemap, prepared with each generation of content, and the
 * forum's, which the app serves fresh because topics change between generations (Discourse splits its sitemap the
 * same way). The forum's is listed only where content/forum.yml gives the forum categories.
 */
export function renderSitemapIndex(site: Site, siteUrl: string): string {
  const files = [PAGES_SITEMAP_PATH, ...(site.forum ? [FORUM_SITEMAP_PATH] : [])];
  const entries = files.map((file) => `  <sitemap>\n    <loc>${escapeXml(siteUrl + file)}</loc>\n  </sitemap>\n`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('')}</sitemapindex>\n`;
}

export function renderRobots(siteUrl: string): string {
  const comment = `# ${SITE_NAME}: every page may be crawled; search results are marked noindex on the page itself.`;
  return `${comment}\nUser-agent: *\nDisallow:\n\nSitemap: ${siteUrl}/sitemap.xml\n`;
}
