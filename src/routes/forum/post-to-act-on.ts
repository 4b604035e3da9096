// The post a member's form acts on (edit, report): one lookup, and one order of refusals, for the form's page and its POST.
import type { Request, Response } from 'express';
import type { ContentStatus } from '../../db/schema.js';
import type { PostDetail } from '../../forum/post-queries.js';
import { loginFirst } from './account.js';
import type { ForumDeps } from './forum-deps.js';
import { idFrom } from './forum-items.js';
import type { ForumAddresses } from './forum-paths.js';
import { answerRefusal, refusedWhileSuspended } from './posting-forms.js';
import { viewerOf, type Visit } from './visit.js';

/** What an action on a post asks of it, and how it says no. */
export interface ActionOnPost {
  /** The statuses a post may be acted on in; a post in any other is answered as not there. */
  readonly statuses: readonly ContentStatus[];
  /** The address of the action's form, for a reader sent to log in first. */
  readonly formUrl: (urls: ForumAddresses['urls'], id: number) => string;
  /**
   * Answers, and returns true, when this member may not act on a post they can see (not theirs to edit, their own to
   * report). Only the form's page asks: the POST's service refuses the same cases itself.
   */
  readonly refused: (deps: ForumDeps, res: Response, visit: Visit, post: PostDetail) => boolean;
}

/**
 * For the form's page: a reader is sent to log in, a suspended member is told until when, a post that is not there
 * (or not in a state to act on) is 404, and the action's own refusals follow. Undefined once answered.
 */
export async function postForForm(deps: ForumDeps, req: Request, res: Response, visit: Visit, action: ActionOnPost): Promise<PostDetail | undefined> {
  const id = idFrom(req.params['id'], req.path);
  if (!visit.session) {
    loginFirst(res, visit, action.formUrl(visit.at.urls, id));
    return undefined;
  }
  if (refusedWhileSuspended(deps, res, visit)) return undefined;
  const post = await postForSubmit(deps, req, res, visit, action);
  return post && !action.refused(deps, res, visit, post) ? post : undefined;
}

/**
 * For the form's POST (the session and CSRF token already checked): the post of the address if this member may see it
 * and it is in one of the action's statuses, or 404; the service refuses the rest.
 */
export async function postForSubmit(deps: ForumDeps, req: Request, res: Response, visit: Visit, action: ActionOnPost): Promise<PostDetail | undefined> {
  const post = await visit.open.forum.posts.find(idFrom(req.params['id'], req.path), viewerOf(visit));
  if (post && action.statuses.includes(post.status)) return post;
  answerRefusal(deps, res, visit, { status: 'not-found' });
  return undefined;
}
