// The Atom feed of News & events (RFC 4287): dated pages under /news, newest first.
import type { Page } from '../content/page.js';
import type { Site } from '../content/site.js';
import { escapeXml } from './sitemap.js';
import { ORGANISATION_NAME } from './structured-data.js';

export const NEWS_SECTION = '/news';
export const FEED_URL = '/news.atom';
const FEED_SIZE = 50;

export function newsItems(site: Site): Page[] {
  return [...site.pages.values()]
    .filter((page) => page.url.startsWith(`${NEWS_SECTION}/`) && page.date && !page.draft)
    .sort((a, b) => b.date!.getTime() - a.date!.getTime() || a.url.localeCompare(b.url));
}

/** An item's atom:updated is its last edit, never earlier than its date. */
function updatedOf(page: Page): Date {
  return page.updated.getTime() > page.date!.getTime() ? page.updated : page.date!;
}

export function renderNewsFeed(site: Site, siteUrl: string): string {
  const items = newsItems(site).slice(0, FEED_SIZE);
  const section = site.pages.get(NEWS_SECTION);
  const feedUpdated = items.reduce((latest, page) => (updatedOf(page) > latest ? updatedOf(page) : latest), section?.updated ?? new Date(0));
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
    `  <title>News &amp; events – UN in Kyrgyzstan</title>`,
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
