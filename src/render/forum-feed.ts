// The forum's Atom feeds (RFC 4287): the newest public posts of the whole forum or of one category, each its own entry.
import { renderMarkdown } from '../content/markdown.js';
import { SITE_NAME } from '../content/site-identity.js';
import { escapeXml } from './sitemap.js';

export interface ForumFeedEntry {
  /** The post's permanent address, absolute: the entry's id and link. */
  readonly url: string;
  readonly topicTitle: string;
  readonly author: string;
  /** Markdown as the member wrote it. */
  readonly body: string;
  readonly published: string;
  /** Its last edit, or its publication. */
  readonly updated: string;
}

export interface ForumFeed {
  /** The feed's own address, absolute. */
  readonly selfUrl: string;
  /** The page the feed follows (the forum, a category), absolute. */
  readonly pageUrl: string;
  readonly title: string;
  readonly subtitle: string;
  readonly entries: readonly ForumFeedEntry[];
  /** When the feed has no entry: the time to give as its updated (the forum's start, a category's creation). */
  readonly emptySince: string;
}

/**
 * Text for XML 1.0, which has no place for most control characters (§2.2): a member's post may hold one, and a single
 * such character would make the whole feed unreadable to every reader. They are dropped, then the rest escaped.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function xmlText(text: string): string {
  return escapeXml(text.replace(NOT_XML, ''));
}

/** The later of two ISO times. */
function later(a: string, b: string): string {
  return new Date(a).getTime() >= new Date(b).getTime() ? a : b;
}

/**
 * One entry per post, newest first. Its content is the post's Markdown through the site's one renderer (no raw HTML, no
 * script links), escaped once more as Atom's type="html" requires. The feed's updated is its newest entry's, so a
 * reader that polls sees a change exactly when an entry changed.
 */
export function renderForumFeed(feed: ForumFeed): string {
  const entries = feed.entries.map((entry) =>
    [
      '  <entry>',
      `    <id>${xmlText(entry.url)}</id>`,
      `    <title>${xmlText(`${entry.author} in “${entry.topicTitle}”`)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(entry.url)}"/>`,
      `    <author><name>${xmlText(entry.author)}</name></author>`,
      `    <published>${new Date(entry.published).toISOString()}</published>`,
      `    <updated>${new Date(entry.updated).toISOString()}</updated>`,
      `    <content type="html">${xmlText(renderMarkdown(entry.body).html)}</content>`,
      '  </entry>',
    ].join('\n'),
  );
  const updated = feed.entries.reduce((newest, entry) => later(newest, entry.updated), feed.entries[0]?.updated ?? feed.emptySince);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `  <id>${xmlText(feed.selfUrl)}</id>`,
    `  <title>${xmlText(feed.title)}</title>`,
    `  <subtitle>${xmlText(feed.subtitle)}</subtitle>`,
    `  <updated>${new Date(updated).toISOString()}</updated>`,
    `  <author><name>${xmlText(SITE_NAME)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(feed.pageUrl)}"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
