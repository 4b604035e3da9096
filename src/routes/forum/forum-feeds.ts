// GET /forum/feed.atom, /forum/c/{slug}/feed.atom (and /ru/forum/…) and /forum/sitemap.xml: made at each request from the forum's public posts.
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { categoriesIn, type ForumCategory } from '../../content/forum-settings.js';
import type { FeedPost } from '../../forum/post-queries.js';
import { HttpError } from '../../http/http-error.js';
import { sendCompressed } from '../../http/send-compressed.js';
import { renderForumFeed } from '../../render/forum-feed.js';
import { escapeXml } from '../../render/sitemap.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUMS, forumOfPath, type ForumAddresses } from './forum-paths.js';
import { textFor, unavailableError } from './visit.js';

const ATOM = 'application/atom+xml; charset=utf-8';
const XML = 'application/xml; charset=utf-8';

/**
 * Sends a feed or sitemap that is the same for everyone: no session is read and no cookie set, caches keep it as they
 * keep readers' pages (a minute), and a poller that sends back the ETag gets a 304 (RFC 9110 §13.1.2, weak comparison).
 */
function sendPublicXml(deps: ForumDeps, req: Request, res: Response, body: string, contentType: string, lastModified: string | undefined): void {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  res.setHeader('Cache-Control', deps.cache.forum);
  res.setHeader('ETag', etag);
  if (lastModified) res.setHeader('Last-Modified', new Date(lastModified).toUTCString());
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    res.status(304).end();
    return;
  }
  sendCompressed(req, res, body, contentType);
}

/** The newest of ISO times (24 characters each, so they sort as text), or undefined for none. */
function newestOf(times: readonly string[]): string | undefined {
  return times.reduce<string | undefined>((newest, time) => (newest === undefined || time > newest ? time : newest), undefined);
}

function categoriesOf(deps: ForumDeps): readonly ForumCategory[] {
  return deps.snapshot().edition().site.forum?.categories ?? [];
}

/** Entries link into the feed's own language: a Russian feed's reader lands on /ru/forum. */
function entriesOf(siteUrl: string, at: ForumAddresses, posts: readonly FeedPost[]) {
  return posts.map((post) => ({
    url: siteUrl + at.urls.post(post.id),
    topicTitle: post.topicTitle,
    author: post.author.name,
    body: post.body,
    published: post.publishedAt,
    updated: post.editedAt && post.editedAt > post.publishedAt ? post.editedAt : post.publishedAt,
  }));
}

/** The whole forum's feed: the 20 newest public posts (posts.latest: visible posts of visible topics only). */
export async function showForumFeed(deps: ForumDeps, req: Request, res: Response): Promise<void> {
  const t = textFor(deps, req.path);
  const at = forumOfPath(req.path);
  const open = await deps.forum();
  if (!open) throw unavailableError(t);
  const { siteUrl } = deps.snapshot().edition().context;
  const known = new Set(categoriesOf(deps).map((category) => category.slug));
  const posts = (await open.forum.posts.latest()).filter((post) => known.has(post.categorySlug));
  const entries = entriesOf(siteUrl, at, posts);
  const body = renderForumFeed({
    selfUrl: siteUrl + at.urls.feed,
    pageUrl: siteUrl + at.paths.home,
    title: t('forum.feed_title'),
    subtitle: t('forum.feed_subtitle'),
    entries,
    emptySince: new Date(0).toISOString(),
  });
  sendPublicXml(deps, req, res, body, ATOM, newestOf(entries.map((entry) => entry.updated)));
}

/** One category's feed; a slug content/forum.yml does not list is 404. */
export async function showCategoryFeed(deps: ForumDeps, req: Request, res: Response): Promise<void> {
  const at = forumOfPath(req.path);
  const category = categoriesIn(categoriesOf(deps), at.language.code).find((each) => each.slug === req.params['slug']);
  if (!category) throw new HttpError(404, 'no such category');
  const t = textFor(deps, req.path);
  const open = await deps.forum();
  if (!open) throw unavailableError(t);
  const { siteUrl } = deps.snapshot().edition().context;
  const posts = await open.forum.posts.latest({ categorySlug: category.slug });
  const entries = entriesOf(siteUrl, at, posts);
  const body = renderForumFeed({
    selfUrl: siteUrl + at.urls.categoryFeed(category.slug),
    pageUrl: siteUrl + at.urls.category(category.slug),
    title: t('forum.category_feed_title', { category: category.title }),
    subtitle: category.description,
    entries,
    emptySince: new Date(0).toISOString(),
  });
  sendPublicXml(deps, req, res, body, ATOM, newestOf(entries.map((entry) => entry.updated)));
}

/**
 * The forum's sitemap: every category page, and every public topic in a category editors still list, with its last
 * change. Served fresh (a minute in caches) because topics change at any moment; /sitemap.xml, prepared with the
 * content, is an index that points here.
 */
export async function showForumSitemap(deps: ForumDeps, req: Request, res: Response): Promise<void> {
  const open = await deps.forum();
  if (!open) throw unavailableError(textFor(deps, req.path));
  const { siteUrl } = deps.snapshot().edition().context;
  const categories = categoriesOf(deps);
  const known = new Set(categories.map((category) => category.slug));
  const topics = (await open.forum.topics.sitemap()).filter((topic) => known.has(topic.categorySlug));
  const newestIn = (slug: string): string | undefined => newestOf(topics.filter((topic) => topic.categorySlug === slug).map((topic) => topic.changedAt));
  // Each page once per language, each listing every language's version and x-default (Google's sitemap form of hreflang).
  const alternates = (pathOf: (at: ForumAddresses) => string): string =>
    [...FORUMS.map((at) => [at.language.code, pathOf(at)] as const), ['x-default', pathOf(FORUMS[0]!)] as const]
      .map(([hreflang, path]) => `    <xhtml:link rel="alternate" hreflang="${hreflang}" href="${escapeXml(siteUrl + path)}"/>\n`)
      .join('');
  const url = (pathOf: (at: ForumAddresses) => string, lastmod: string | undefined): string[] =>
    FORUMS.map(
      (at) =>
        `  <url>\n    <loc>${escapeXml(siteUrl + pathOf(at))}</loc>\n${lastmod ? `    <lastmod>${new Date(lastmod).toISOString()}</lastmod>\n` : ''}` +
        `${alternates(pathOf)}  </url>\n`,
    );
  const entries = [
    ...categories.flatMap((category) => url((at) => at.urls.category(category.slug), newestIn(category.slug))),
    ...topics.flatMap((topic) => url((at) => at.urls.topic(topic.id), topic.changedAt)),
  ];
  const namespaces = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"';
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset ${namespaces}>\n${entries.join('')}</urlset>\n`;
  sendPublicXml(deps, req, res, body, XML, newestOf(topics.map((topic) => topic.changedAt)));
}
