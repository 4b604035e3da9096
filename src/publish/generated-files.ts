// The files generated from the content (sitemap, robots.txt, each edition's news feed), prepared as responses.
import { createHash } from 'node:crypto';
import { LANGUAGES } from '../content/languages.js';
import { isNewsItem } from '../content/news.js';
import type { Site } from '../content/site.js';
import type { Translations } from '../content/translations.js';
import { prepare, type Prepared } from '../http/prepared.js';
import { SECURITY_HEADERS } from '../http/security-headers.js';
import type { InterfaceText } from '../render/interface-text.js';
import { feedUrlOf, renderNewsFeed } from '../render/news-feed.js';
import { PAGES_SITEMAP_PATH, renderingSitemap, renderRobots, renderSitemapIndex } from '../render/sitemap.js';
import type { Steps } from '../lib/steps.js';

const XML = 'application/xml; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';
const ATOM = 'application/atom+xml; charset=utf-8';
export const SITEMAP_PATH = '/sitemap.xml';
export const ROBOTS_PATH = '/robots.txt';

/** The addresses of the generated files: declared here, where they are made, and read by the content check. */
export const GENERATED_PATHS: readonly string[] = [SITEMAP_PATH, PAGES_SITEMAP_PATH, ROBOTS_PATH, ...LANGUAGES.map(feedUrlOf)];

/** Last-Modified of a generated file: the newest page's `updated`. */
function newestUpdate(sites: readonly Site[]): Date {
  let latest = 0;
  for (const site of sites) for (const page of site.pages.values()) latest = Math.max(latest, page.updated.getTime());
  return new Date(latest);
}

/** An edition's own generated file, by address: its news feed, in its language. */
export function renderEditionFiles(site: Site, siteUrl: string, text: InterfaceText, cacheControl: string): Map<string, Prepared> {
  const lastModified = newestUpdate([site]);
  const feed = prepare(renderNewsFeed(site, siteUrl, text), { contentType: ATOM, cacheControl, lastModified, securityHeaders: SECURITY_HEADERS });
  return new Map([[feedUrlOf(site.language), feed]]);
}

/** Bytes hashed between two pauses of hashing(). */
const HASHED_PER_STEP = 256 * 1024;

/** The ETag hash of a body of a megabyte or more (a 10,000-page sitemap), in steps, as Prepared would make it at once. */
export function* hashing(bytes: Buffer): Steps<string> {
  const hash = createHash('sha256');
  for (let start = 0; start < bytes.length; start += HASHED_PER_STEP) {
    hash.update(bytes.subarray(start, start + HASHED_PER_STEP));
    yield;
  }
  return hash.digest('base64url');
}

/**
 * The files of the whole site, every edition in one: the sitemap index, the pages' sitemap (with each page's versions
 * in other languages) and robots.txt. `appPages` are the app's own public pages, for the sitemap (src/app-paths.ts:
 * APP_SITEMAP_PATHS). In steps (src/lib/steps.ts): the sitemap of a large site is made and hashed a piece at a time.
 */
export function* renderingSiteFiles(
  sites: readonly Site[],
  siteUrl: string,
  cacheControl: string,
  appPages: readonly string[],
  translations: Translations,
): Steps<Map<string, Prepared>> {
  const lastModified = newestUpdate(sites);
  const options = (contentType: string) => ({ contentType, cacheControl, lastModified, securityHeaders: SECURITY_HEADERS });
  const sitemap = Buffer.from(yield* renderingSitemap(sites, siteUrl, appPages, translations), 'utf8');
  yield;
  const contentHash = yield* hashing(sitemap);
  return new Map([
    [SITEMAP_PATH, prepare(renderSitemapIndex(sites, siteUrl), options(XML))],
    [PAGES_SITEMAP_PATH, prepare(sitemap, { ...options(XML), contentHash })],
    [ROBOTS_PATH, prepare(renderRobots(siteUrl), options(TEXT))],
  ]);
}

/**
 * Whether a change to these pages shows in a generated file: a page added or removed, its date or sitemap flag
 * changed, a news item (whose text an edition's feed carries) changed at all, or the forum's categories changed.
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
