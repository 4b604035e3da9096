// /sitemap.xml and /robots.txt: every public page with an absolute address and its last change.
import { FORUM_SITEMAP_PATH, forumCategoryPath } from '../content/forum-settings.js';
import { LANGUAGES } from '../content/languages.js';
import type { Site } from '../content/site.js';
import type { Translations } from '../content/translations.js';
import { SITE_NAME } from '../content/site-identity.js';
import { isoDay } from '../lib/calendar-day.js';
import { sorting, type Steps } from '../lib/steps.js';
import type { Page } from '../content/page.js';

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char]!);
}

/** Pages by address, in the order of code units (Array.prototype.sort's own). */
function byUrl(a: Page, b: Page): number {
  return a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
}

/** A page's versions in other languages as xhtml:link alternates (Google's sitemap form of hreflang), itself and x-default included. */
function alternateLinks(siteUrl: string, url: string, translations: Translations): string {
  const versions = translations.get(url);
  if (!versions) return '';
  const link = (hreflang: string, href: string): string => `    <xhtml:link rel="alternate" hreflang="${hreflang}" href="${escapeXml(siteUrl + href)}"/>\n`;
  return versions.map((version) => link(version.language.code, version.url)).join('') + link('x-default', versions[0]!.url);
}

/** Sitemap entries made between two pauses of renderingSitemap(). */
const ENTRIES_PER_STEP = 500;

/**
 * Every page of every edition, then the app's own public pages (`appPages`: the forum's front page, /search) and the
 * forum's categories (content/forum.yml), which have no `updated` day to give as lastmod (the sitemap protocol makes
 * it optional). Each address with versions in other languages lists them all. In steps (src/lib/steps.ts): a page
 * added to a 10,000-page site makes the sitemap again, which held the serving thread about 25 ms in one piece.
 */
export function* renderingSitemap(sites: readonly Site[], siteUrl: string, appPages: readonly string[], translations: Translations): Steps<string> {
  const entries: string[] = [];
  for (const site of sites) {
    const listed = [...site.pages.values()].filter((page) => page.sitemap && !page.draft);
    yield;
    for (const page of yield* sorting(listed, byUrl)) {
      const lastmod = `    <lastmod>${isoDay(page.updated)}</lastmod>\n`;
      entries.push(`  <url>\n    <loc>${escapeXml(siteUrl + page.url)}</loc>\n${lastmod}${alternateLinks(siteUrl, page.url, translations)}  </url>\n`);
      if (entries.length % ENTRIES_PER_STEP === 0) yield;
    }
  }
  const isPage = (url: string): boolean => sites.some((site) => site.pages.has(url));
  // One forum for every language (content/forum.yml): each category's page under /forum and under each edition's
  // prefix, each listing the others as its alternates.
  const pairs = new Map(translations);
  for (const site of sites) {
    for (const category of site.forum?.categories ?? []) {
      const versions = LANGUAGES.map((language) => ({ language, url: language.prefix + forumCategoryPath(category.slug) }));
      for (const version of versions) pairs.set(version.url, versions);
    }
  }
  const categories = sites.flatMap(
    (site) => site.forum?.categories.flatMap((category) => LANGUAGES.map((language) => language.prefix + forumCategoryPath(category.slug))) ?? [],
  );
  for (const url of [...new Set([...appPages, ...categories])].sort()) {
    if (!isPage(url)) entries.push(`  <url>\n    <loc>${escapeXml(siteUrl + url)}</loc>\n${alternateLinks(siteUrl, url, pairs)}  </url>\n`);
  }
  const namespaces = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset ${namespaces}>\n${entries.join('')}</urlset>\n`;
}

/** The sitemap of the content's pages and the app's own public pages; /sitemap.xml is the index that lists it. */
export const PAGES_SITEMAP_PATH = '/sitemap-pages.xml';

/**
 * /sitemap.xml as a sitemap index (sitemaps.org): the pages' sitemap of every edition, prepared with each generation of content, and the
 * forum's, which the app serves fresh because topics change between generations (Discourse splits its sitemap the
 * same way). The forum's is listed only where content/forum.yml gives the forum categories.
 */
export function renderSitemapIndex(sites: readonly Site[], siteUrl: string): string {
  const files = [PAGES_SITEMAP_PATH, ...(sites.some((site) => site.forum) ? [FORUM_SITEMAP_PATH] : [])];
  const entries = files.map((file) => `  <sitemap>\n    <loc>${escapeXml(siteUrl + file)}</loc>\n  </sitemap>\n`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('')}</sitemapindex>\n`;
}

export function renderRobots(siteUrl: string): string {
  const comment = `# ${SITE_NAME}: every page may be crawled; search results are marked noindex on the page itself.`;
  return `${comment}\nUser-agent: *\nDisallow:\n\nSitemap: ${siteUrl}/sitemap.xml\n`;
}
