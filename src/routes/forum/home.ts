// GET /forum: the categories editors define in content/forum.yml, each with its topics, posts and newest post.
import type { Request, Response } from 'express';
import { isoDay } from '../../lib/calendar-day.js';
import type { CategorySummary } from '../../forum/topic-queries.js';
import type { ForumCategory } from '../../content/forum-settings.js';
import { isUnavailable } from '../../db/errors.js';
import { NO_STORE } from '../../http/cache-policy.js';
import { setSecurityHeaders } from '../../http/security-headers.js';
import { formatDate } from '../../render/format.js';
import type { ForumCategoryLocals, ForumHomeLocals } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { barFor, forumChrome, forumViewAt, sendPage, type ForumView } from './forum-views.js';
import { RETRY_AFTER_SECONDS, shareWithCaches, startVisit } from './visit.js';

function categoryLocals(view: ForumView, category: ForumCategory, summary: CategorySummary | undefined): ForumCategoryLocals {
  const { t, at } = view;
  const url = at.urls.category(category.slug);
  if (!summary) return { title: category.title, url, description: category.description, activity: undefined };
  const { latest } = summary;
  const when = latest ? new Date(latest.at) : undefined;
  return {
    title: category.title,
    url,
    description: category.description,
    activity: {
      topics: t('forum.topics', { count: summary.topicCount }),
      posts: t('forum.posts', { count: summary.postCount }),
      latest:
        latest && when
          ? { title: latest.topicTitle, author: latest.author.name, date: { iso: isoDay(when), text: formatDate(when, at.language.code) } }
          : undefined,
    },
  };
}

/** The figures of each category, read with the visit; undefined when the database cannot be reached just now. */
async function readActivity(deps: ForumDeps, req: Request, res: Response, slugs: string[]) {
  const open = await deps.forum();
  if (!open) return undefined;
  try {
    const visit = await startVisit(deps, req, res, open);
    // The same figures the topic services keep: one home for what a category's counts mean.
    const summaries = await open.forum.topics.summaries(slugs);
    return { visit, activity: new Map(summaries.map((summary) => [summary.slug, summary] as const)) };
  } catch (error) {
    if (isUnavailable(error)) return undefined;
    throw error;
  }
}

/**
 * The categories come from the published content, so they show even when the database cannot be opened or reached: the
 * page then answers 503 (so monitors notice) with the categories and a notice, rather than an error page.
 */
export async function showForumHome(deps: ForumDeps, req: Request, res: Response): Promise<void> {
  const view = forumViewAt(deps.snapshot(), req.path);
  const { t, at, categories } = view;
  const chrome = forumChrome(view, { title: t('forum.title'), description: t('forum.description'), url: at.paths.home, indexed: true });
  const read = await readActivity(
    deps,
    req,
    res,
    categories.map((category) => category.slug),
  );
  if (!read) {
    const locals: ForumHomeLocals = {
      t,
      bar: barFor(view),
      unavailable: true,
      categories: categories.map((each) => categoryLocals(view, each, undefined)),
      privacyUrl: at.paths.privacy,
    };
    // Whatever startVisit had set (a private Cache-Control, an expired cookie) belongs to a visit that did not happen.
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    setSecurityHeaders(res);
    res.setHeader('Retry-After', RETRY_AFTER_SECONDS);
    res.setHeader('Cache-Control', NO_STORE);
    return sendPage(deps, res, 503, 'pages/forum-home', locals, chrome);
  }
  const { visit, activity } = read;
  const locals: ForumHomeLocals = {
    t,
    bar: barFor(visit),
    unavailable: false,
    categories: categories.map((category) => categoryLocals(view, category, activity.get(category.slug))),
    privacyUrl: at.paths.privacy,
  };
  shareWithCaches(res, visit, deps.cache.forum);
  if (req.method === 'GET') deps.countView(req, at.paths.home);
  sendPage(deps, res, 200, 'pages/forum-home', locals, chrome);
}
