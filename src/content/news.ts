// What a news item is: a dated page under /news. The one definition the list, the feed and the re-render rule use.
import { languageOfUrl, type Language } from './languages.js';
import type { Page } from './page.js';
import type { Site } from './site.js';

/** The section that holds News & events in the default edition; its own page has `layout: news`. */
export const NEWS_SECTION = '/news';

/** The news section of an edition: "/news", "/ru/news". */
export function newsSectionOf(language: Language): string {
  return `${language.prefix}${NEWS_SECTION}`;
}

/** Whether an address is below its edition's news section: every page there is a news item, and needs a `date:`. */
export function inNewsSection(url: string): boolean {
  return url.startsWith(`${newsSectionOf(languageOfUrl(url))}/`);
}

/** A news item: a page below the news section with a `date:`. */
export function isNewsItem(page: Page): boolean {
  return page.date !== undefined && inNewsSection(page.url);
}

/** Dated pages, newest first; pages of one day by address, so the order never changes between renders. */
export function newestFirst(pages: Iterable<Page>): Page[] {
  return [...pages].filter((page) => page.date !== undefined).sort((a, b) => b.date!.getTime() - a.date!.getTime() || a.url.localeCompare(b.url));
}

/** Every published news item of the site, newest first. */
export function newsItems(site: Site): Page[] {
  return newestFirst([...site.pages.values()].filter((page) => isNewsItem(page) && !page.draft));
}
