// The Atom feed of News & events (RFC 4287): dated pages under /news, newest first.
import { NEWS_SECTION, newsItems } from '../content/news.js';
import type { Page } from '../content/page.js';
import type { Site } from '../content/site.js';
import { ORGANISATION_NAME, SITE_NAME } from '../content/site-identity.js';
import { escapeXml } from './sitemap.js';

export const FEED_URL = '/news.atom';
/** The feed's title, also the name a browser shows for the feed link in every page's head. */
export const FEED_TITLE = `News & events – ${SITE_NAME}`;
const FEED_SIZE = 50;

/**
 * An item's atom:updated is its own date: when it was published, which is what a feed reader orders and marks new
 * by. Not `updated:`, the page's last edit: the archive was rewritten on one day, so every entry (and the feed)
 * would say it changed that day, and readers would show old items as new (a feed validator flagged it).
 */
function updatedOf(page: Page): Date {
  return page.date!;
}

export function renderNewsFeed(site: Site, siteUrl: string): string {
  const items = newsItems(site).slice(0, FEED_SIZE);
  const section = site.pages.get(NEWS_SECTION);
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
      `    <content type="html">${escapeXml(page.bodyHtml)}</content>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `  <id>${escapeXml(siteUrl + FEED_URL)}</id>`,
    `  <title>${escapeXml(FEED_TITLE)}</title>`,
    section ? `  <subtitle>${escapeXml(section.description)}</subtitle>` : '',
    `  <updated>${feedUpdated.toISOString()}</updated>`,
    `  <author><name>${escapeXml(ORGANISATION_NAME)}</name><uri>${escapeXml(`${siteUrl}/`)}</uri></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(siteUrl + FEED_URL)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(siteUrl + NEWS_SECTION)}"/>`,
    ...entries,
    '</feed>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}
