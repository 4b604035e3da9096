// GET /forum/c/{slug} and /ru/forum/c/{slug}: a category's topics, pinned first, then newest activity first, 20 a page.
import type { Request, Response } from 'express';
import type { IsoTime } from '../../db/schema.js';
import type { ForumCategoryPageLocals } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { categoryFrom, topicRow } from './forum-items.js';
import { barFor, forumChrome } from './forum-views.js';
import { checkInRange, pageNote, paginationOf, requestedPage } from './paging.js';
import { sendReadable } from './reader-pages.js';
import { suspendedNotice } from './posting-forms.js';
import { suspendedUntil, viewerOf, type Visit } from './visit.js';

/** The way to start a topic here: the form for a member, logging in first for a reader, why not for a suspended member. */
function newTopicLocals(visit: Visit, slug: string): ForumCategoryPageLocals['newTopic'] {
  const { at } = visit;
  if (!visit.session) return { kind: 'log-in', url: `${at.paths.login}?next=${encodeURIComponent(at.urls.newTopic(slug))}` };
  const until = suspendedUntil(visit);
  return until === undefined ? { kind: 'start', url: at.urls.newTopic(slug) } : { kind: 'suspended', text: suspendedNotice(visit, until) };
}

export async function showCategory(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const { t, at } = visit;
  const category = categoryFrom(visit, req.params['slug'], req.path);
  const firstPage = at.urls.category(category.slug);
  const page = requestedPage(req, res, firstPage, deps.cache.redirect);
  if (page === undefined) return;
  const topics = await visit.open.forum.topics.list(category.slug, viewerOf(visit), page);
  checkInRange(topics, req.path);
  const note = pageNote(t, topics);
  const locals: ForumCategoryPageLocals = {
    t,
    bar: barFor(visit),
    heading: category.title,
    description: category.description,
    pageNote: note,
    topics: topics.items.map((topic) => topicRow(visit, topic)),
    newTopic: newTopicLocals(visit, category.slug),
    pagination: paginationOf(t, topics, t('forum.category_pages'), (number) => at.urls.category(category.slug, number)),
    privacyUrl: at.paths.privacy,
  };
  const url = at.urls.category(category.slug, page);
  const chrome = forumChrome(visit, {
    title: note ? `${category.title} (${note.toLocaleLowerCase(at.language.locale)})` : category.title,
    description: category.description,
    url,
    indexed: true,
    // The newest change among the topics it lists: what the page shows, as readers see it.
    updated: topics.items.reduce<IsoTime | undefined>(
      (newest, topic) => (newest === undefined || topic.changedAt > newest ? topic.changedAt : newest),
      undefined,
    ),
  });
  if (req.method === 'GET') deps.countView(req, firstPage);
  sendReadable(deps, { req, res, visit, key: url }, 'pages/forum-category', locals, chrome);
}
