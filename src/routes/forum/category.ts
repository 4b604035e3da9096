// GET /forum/c/{slug}: a category's topics, pinned first, then newest activity first, 20 a page.
import type { Request, Response } from 'express';
import type { ForumCategoryPageLocals } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_PATHS, FORUM_URLS } from './forum-paths.js';
import { categoryFrom, topicRow } from './forum-items.js';
import { barFor, forumChrome } from './forum-views.js';
import { checkInRange, pageNote, paginationOf, requestedPage } from './paging.js';
import { sendReadable } from './reader-pages.js';
import { viewerOf, type Visit } from './visit.js';

export async function showCategory(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const category = categoryFrom(visit.edition, req.params['slug'], req.path);
  const firstPage = FORUM_URLS.category(category.slug);
  const page = requestedPage(req, res, firstPage, deps.cache.redirect);
  if (page === undefined) return;
  const topics = await visit.open.forum.topics.list(category.slug, viewerOf(visit), page);
  checkInRange(topics, req.path);
  const note = pageNote(topics);
  const locals: ForumCategoryPageLocals = {
    bar: barFor(visit),
    heading: category.title,
    description: category.description,
    pageNote: note,
    topics: topics.items.map(topicRow),
    newTopic: visit.session
      ? { url: FORUM_URLS.newTopic(category.slug), signedIn: true }
      : { url: `${FORUM_PATHS.login}?next=${encodeURIComponent(FORUM_URLS.newTopic(category.slug))}`, signedIn: false },
    pagination: paginationOf(topics, 'Pages of this category', (number) => FORUM_URLS.category(category.slug, number)),
    privacyUrl: FORUM_PATHS.privacy,
  };
  const url = FORUM_URLS.category(category.slug, page);
  const chrome = forumChrome(visit.edition, {
    title: note ? `${category.title} (${note.toLowerCase()})` : category.title,
    description: category.description,
    url,
    indexed: true,
  });
  if (req.method === 'GET') deps.countView(req, firstPage);
  sendReadable(deps, { req, res, visit, key: url }, 'pages/forum-category', locals, chrome);
}
