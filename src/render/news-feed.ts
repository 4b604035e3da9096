// The Atom feed of News & events (RFC 4287): dated pages under /news, newest first.
import { homeOf, type Language } from '../content/languages.js';
import { newsItems, newsSectionOf } from '../content/news.js';
import { bodyOf } from '../content/page-body.js';
import type { Page } from '../content/page.js';
import { ContentError } from '../content/problem.js';
import type { Site } from '../content/site.js';
import type { InterfaceText } from './interface-text.js';
import { escapeXml } from './sitemap.js';

/** The default edition's feed; each edition has its own beside its pages (feedUrlOf). */
export const FEED_URL = '/news.atom';
/** News items in a feed, newest first. */
export const FEED_SIZE = 50;

/** An edition's Atom feed: "/news.atom", "/ru/news.atom". */
export function feedUrlOf(language: Language): string {
  return `${language.prefix}${FEED_URL}`;
}

/**
 * An item's atom:updated is its own date: when it was published, which is what a feed reader orders and marks new
 * by. Not `updated:`, the page's last edit: the archive was rewritten on one day, so every entry (and the feed)
 * would say it changed that day, and readers would show old items as new (a feed validator flagged it).
 */
function updatedOf(page: Page): Date {
  return page.date!;
}

/**
 * An entry's text; none for an item whose body cannot be rendered (its page answers an error, logged with its file),
 * nor for a large one (LARGE_BODY_HTML, 64 KB of HTML): its summary and link stand for it, as unpacking and escaping
 * megabytes held the serving thread, and a feed reader has no use for them.
 */
function contentOf(page: Page): string[] {
  try {
    if (bodyOf(page)?.laidOut()) return [];
    return [`    <content type="html">${escapeXml(page.bodyHtml)}</content>`];
  } catch (error) {
    if (error instanceof ContentError) return [];
    throw error;
  }
}

/** The feed of an edition's news, in its language (xml:lang), titled as the feed link in its pages' head. */
export function renderNewsFeed(site: Site, siteUrl: string, text: InterfaceText): string {
  const { language } = site;
  const feedUrl = feedUrlOf(language);
  const newsSection = newsSectionOf(language);
  const items = newsItems(site).slice(0, FEED_SIZE);
  const section = site.pages.get(newsSection);
  // The feed changed when its newest entry did; with no entry yet, when the News page did.
  const feedUpdated =
    items.reduce<Date | undefined>((latest, page) => (latest && latest > updatedOf(page) ? latest : updatedOf(page)), undefined) ??
    section?.updated ??
    new Date(0);
  const entries = items.map((page) => {
    const link = siteUrl + page.url;
    return [
      '  <entry>',
      `    <id>${escapeXml(link)}</id>`,
      `    <title>${escapeXml(page.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
      `    <published>${page.date!.toISOString()}</published>`,
      `    <updated>${updatedOf(page).toISOString()}</updated>`,
      `    <summary>${escapeXml(page.description)}</summary>`,
      ...contentOf(page),
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${language.code}">`,
    `  <id>${escapeXml(siteUrl + feedUrl)}</id>`,
    `  <title>${escapeXml(text.t('site.feed_title'))}</title>`,
    section ? `  <subtitle>${escapeXml(section.description)}</subtitle>` : '',
    `  <updated>${feedUpdated.toISOString()}</updated>`,
    `  <author><name>${escapeXml(text.t('site.organisation'))}</name><uri>${escapeXml(siteUrl + homeOf(language))}</uri></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(siteUrl + feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(siteUrl + newsSection)}"/>`,
    ...entries,
    '</feed>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}
