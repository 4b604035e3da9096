// GET /forum/post/{id}: a post's permanent address, which leads to the page of its topic where it is, at the post.
import type { Request, Response } from 'express';
import { HttpError } from '../../http/http-error.js';
import type { ForumDeps } from './forum-deps.js';
import { idFrom } from './forum-items.js';
import { shareWithCaches, viewerOf, type Visit } from './visit.js';

/**
 * 302, not 301: the page a post is on changes as posts before it are hidden, and differs for a member who sees their
 * own held posts. A post the viewer may not see is not there for them: 404, as for one that never existed.
 */
export async function showPermalink(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const id = idFrom(req.params['id'], req.path);
  const where = await visit.open.forum.posts.locate(id, viewerOf(visit));
  if (!where) throw new HttpError(404, `no post the viewer may see at ${req.path}`);
  shareWithCaches(res, visit, deps.cache.forum);
  res.redirect(302, visit.at.urls.postOnPage(where.topicId, where.page, id));
}
