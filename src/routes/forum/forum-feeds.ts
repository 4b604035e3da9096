// GET /forum/feed.atom, /forum/c/{slug}/feed.atom and /forum/sitemap.xml: made at each request from the forum's public posts.
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { ForumCategory } from '../../content/forum-settings.js';
import { SITE_NAME } from '../../content/site-identity.js';
import type { FeedPost } from '../../forum/post-queries.js';
import { HttpError } from '../../http/http-error.js';
import { sendCompressed } from '../../http/send-compressed.js';
import { renderForumFeed } from '../../render/forum-feed.js';
import { escapeXml } from '../../render/sitemap.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_URLS, FORUM_PATHS } from './forum-paths.js';
import { unavailableError } from './visit.js';

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

function entriesOf(siteUrl: string, posts: readonly FeedPost[]) {
  return posts.map((post) => ({
    url: siteUrl + FORUM_URLS.post(post.id),
    topicTitle: post.topicTitle,
    author: post.author.name,
    body: post.body,
    published: post.publishedAt,
    updated: post.editedAt && post.editedAt > post.publishedAt ? post.editedAt : post.publishedAt,
  }));
}

/** The whole forum's feed: the 20 newest public posts (posts.latest: visible posts of visible topics only). */
export async function showForumFeed(deps: ForumDeps, req: Request, res: Response): Promise<void> {
  const open = await deps.forum();
  if (!open) throw unavailableError();
  const { siteUrl } = deps.snapshot().edition().context;
  const known = new Set(categoriesOf(deps).map((category) => category.slug));
  const posts = (await open.forum.posts.latest()).filter((post) => known.has(post.categorySlug));
  const entries = entriesOf(siteUrl, posts);
  const body = renderForumFeed({
    selfUrl: siteUrl + FORUM_URLS.feed,
    pageUrl: siteUrl + FORUM_PATHS.home,
    title: `Forum – ${SITE_NAME}`,
    subtitle: 'The newest posts on the forum of the UN in Kyrgyzstan.',
    entries,
    emptySince: new Date(0).toISOString(),
  });
  sendPublicXml(deps, req, res, body, ATOM, newestOf(entries.map((entry) => entry.updated)));
}

/** One category's feed; a slug content/forum.yml does not list is 404. */
export async function showCategoryFeed(deps: ForumDeps, req: Request, res: Response): Promise<void> {
  const category = categoriesOf(deps).find((each) => each.slug === req.params['slug']);
  if (!category) throw new HttpError(404, 'no such category');
  const open = await deps.forum();
  if (!open) throw unavailableError();
  const { siteUrl } = deps.snapshot().edition().context;
  const posts = await open.forum.posts.latest({ categorySlug: category.slug });
  const entries = entriesOf(siteUrl, posts);
  const body = renderForumFeed({
    selfUrl: siteUrl + FORUM_URLS.categoryFeed(category.slug),
    pageUrl: siteUrl + FORUM_URLS.category(category.slug),
    title: `${category.title} – Forum – ${SITE_NAME}`,
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
  if (!open) throw unavailableError();
  const { siteUrl } = deps.snapshot().edition().context;
  const categories = categoriesOf(deps);
  const known = new Set(categories.map((category) => category.slug));
  const topics = (await open.forum.topics.sitemap()).filter((topic) => known.has(topic.categorySlug));
  const newestIn = (slug: string): string | undefined => newestOf(topics.filter((topic) => topic.categorySlug === slug).map((topic) => topic.changedAt));
  const url = (path: string, lastmod: string | undefined): string =>
    `  <url>\n    <loc>${escapeXml(siteUrl + path)}</loc>\n${lastmod ? `    <lastmod>${new Date(lastmod).toISOString()}</lastmod>\n` : ''}  </url>\n`;
  const entries = [
    ...categories.map((category) => url(FORUM_URLS.category(category.slug), newestIn(category.slug))),
    ...topics.map((topic) => url(FORUM_URLS.topic(topic.id), topic.changedAt)),
  ];
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('')}</urlset>\n`;
  sendPublicXml(deps, req, res, body, XML, newestOf(topics.map((topic) => topic.changedAt)));
}
