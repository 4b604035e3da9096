// GET /forum: the categories editors define in content/forum.yml, each with its topics, posts and newest post.
import type { Request, Response } from 'express';
import { isoDay } from '../../lib/calendar-day.js';
import { plural } from '../../lib/words.js';
import type { CategorySummary } from '../../forum/topic-queries.js';
import type { ForumCategory } from '../../content/forum-settings.js';
import { isUnavailable } from '../../db/errors.js';
import { NO_STORE } from '../../http/cache-policy.js';
import { setSecurityHeaders } from '../../http/security-headers.js';
import { formatDate } from '../../render/format.js';
import type { ForumCategoryLocals, ForumHomeLocals } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_PATHS, FORUM_URLS } from './forum-paths.js';
import { barFor, forumChrome, sendPage } from './forum-views.js';
import { RETRY_AFTER_SECONDS, shareWithCaches, startVisit } from './visit.js';

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
  const edition = deps.snapshot().editionFor(FORUM_PATHS.home);
  const categories = edition.site.forum?.categories ?? [];
  const chrome = forumChrome(edition, { title: 'Forum', description: DESCRIPTION, url: FORUM_PATHS.home, indexed: true });
  const read = await readActivity(
    deps,
    req,
    res,
    categories.map((category) => category.slug),
  );
  if (!read) {
    const locals: ForumHomeLocals = {
      bar: barFor(undefined),
      unavailable: true,
      categories: categories.map((each) => categoryLocals(each, undefined)),
      privacyUrl: FORUM_PATHS.privacy,
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
    bar: barFor(visit),
    unavailable: false,
    categories: categories.map((category) => categoryLocals(category, activity.get(category.slug))),
    privacyUrl: FORUM_PATHS.privacy,
  };
  shareWithCaches(res, visit, deps.cache.forum);
  if (req.method === 'GET') deps.countView(req, FORUM_PATHS.home);
  sendPage(deps, res, 200, 'pages/forum-home', locals, chrome);
}
