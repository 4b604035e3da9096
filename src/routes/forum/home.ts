// GET /forum: the categories editors define in content/forum.yml, each with its topics, posts and newest post.
import type { Request, Response } from 'express';
import { isoDay } from '../../lib/calendar-day.js';
import { plural } from '../../lib/words.js';
import type { CategorySummary } from '../../forum/topic-queries.js';
import type { ForumCategory } from '../../content/forum-settings.js';
import { NO_STORE } from '../../http/cache-policy.js';
import { formatDate } from '../../render/format.js';
import type { ForumCategoryLocals, ForumHomeLocals } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_PATHS, FORUM_URLS } from './forum-paths.js';
import { barFor, forumChrome, sendPage } from './forum-views.js';
import { shareWithCaches, startVisit } from './visit.js';

const DESCRIPTION = 'The forum of the UN in Kyrgyzstan: questions and discussion about the UN’s work in the country, its development goals, jobs and projects.';

function categoryLocals(category: ForumCategory, summary: CategorySummary | undefined): ForumCategoryLocals {
  const url = FORUM_URLS.category(category.slug);
  if (!summary) return { title: category.title, url, description: category.description, activity: undefined };
  const { latest } = summary;
  const at = latest ? new Date(latest.at) : undefined;
  return {
    title: category.title,
    url,
    description: category.description,
    activity: {
      topics: plural(summary.topicCount, 'topic'),
      posts: plural(summary.postCount, 'post'),
      latest: latest && at ? { title: latest.topicTitle, author: latest.author.name, date: { iso: isoDay(at), text: formatDate(at) } } : undefined,
    },
  };
}

/**
 * The categories come from the published content, so they show even when the database cannot be read: the page then
 * answers 503 (so monitors notice) with the categories and a notice, rather than an error page.
 */
export async function showForumHome(deps: ForumDeps, req: Request, res: Response): Promise<void> {
  const edition = deps.snapshot().editionFor(FORUM_PATHS.home);
  const categories = edition.site.forum?.categories ?? [];
  const open = await deps.forum();
  const chrome = forumChrome(edition, { title: 'Forum', description: DESCRIPTION, url: FORUM_PATHS.home, indexed: true });
  if (!open) {
    const locals: ForumHomeLocals = {
      bar: barFor(undefined),
      unavailable: true,
      categories: categories.map((each) => categoryLocals(each, undefined)),
      privacyUrl: FORUM_PATHS.privacy,
    };
    res.setHeader('Retry-After', '60');
    res.setHeader('Cache-Control', NO_STORE);
    return sendPage(deps, res, 503, 'pages/forum-home', locals, chrome);
  }
  const visit = await startVisit(deps, req, res, open);
  // The same figures the topic services keep: one home for what a category's counts mean.
  const summaries = await open.forum.topics.summaries(categories.map((category) => category.slug));
  const activity = new Map(summaries.map((summary) => [summary.slug, summary] as const));
  const locals: ForumHomeLocals = {
    bar: barFor(visit),
    unavailable: false,
    categories: categories.map((category) => categoryLocals(category, activity.get(category.slug))),
    privacyUrl: FORUM_PATHS.privacy,
  };
  shareWithCaches(res, visit, deps.cache.forum);
  if (req.method === 'GET') deps.countView(req, FORUM_PATHS.home);
  sendPage(deps, res, 200, 'pages/forum-home', locals, chrome);
}
