// The moderators' pages of one language's forum (/forum/moderation, /ru/forum/moderation), as a table of routes added to the forum's router.
import type { Router } from 'express';
import type { ForumDeps } from './forum-deps.js';
import type { ForumAddresses } from './forum-paths.js';
import { showMember, showMembers, submitMemberAction } from './moderation-members.js';
import { showPostModeration, submitPostAction } from './moderation-post.js';
import { showLog, showQueue } from './moderation-queue.js';
import { showReports, submitReportOutcome } from './moderation-reports.js';
import { showTopicModeration, submitTopicAction } from './moderation-topic.js';
import { forumForm, forumPage, methodNotAllowed, type FormHandler, type VisitHandler } from './visit.js';

const READ = 'GET, HEAD';
const SEND = 'POST';

/** Express path patterns; the handlers check each id (idFrom) and action (oneOf) and answer 404 for anything else. */
function patternsOf(paths: ForumAddresses['moderation']) {
  return {
    post: `${paths.queue}/post/:id`,
    postAction: `${paths.queue}/post/:id/:action`,
    topic: `${paths.queue}/topic/:id`,
    topicAction: `${paths.queue}/topic/:id/:action`,
    member: `${paths.members}/:id`,
    memberAction: `${paths.members}/:id/:action`,
    reportOutcome: `${paths.reports}/:id/:outcome`,
  };
}

/** The same pages in each language: the handlers take their addresses and words from the visit (visit.at, visit.t). */
export function addModerationRoutes(router: Router, deps: ForumDeps, at: ForumAddresses): void {
  const paths = at.moderation;
  const patterns = patternsOf(paths);
  const get = (path: string, handler: VisitHandler): void => void router.get(path, forumPage(deps, handler));
  const post = (path: string, handler: FormHandler): void => void router.post(path, ...forumForm(deps, 'member', handler));

  get(paths.queue, (req, res, visit) => showQueue(deps, req, res, visit));
  get(paths.reports, (req, res, visit) => showReports(deps, req, res, visit));
  get(paths.log, (req, res, visit) => showLog(deps, req, res, visit));
  get(paths.members, (req, res, visit) => showMembers(deps, req, res, visit));
  get(patterns.member, (req, res, visit) => showMember(deps, req, res, visit));
  post(patterns.memberAction, (req, res, visit, fields) => submitMemberAction(deps, req, res, visit, fields));
  get(patterns.post, (req, res, visit) => showPostModeration(deps, req, res, visit));
  post(patterns.postAction, (req, res, visit, fields) => submitPostAction(deps, req, res, visit, fields));
  get(patterns.topic, (req, res, visit) => showTopicModeration(deps, req, res, visit));
  post(patterns.topicAction, (req, res, visit, fields) => submitTopicAction(deps, req, res, visit, fields));
  post(patterns.reportOutcome, (req, res, visit, fields) => submitReportOutcome(deps, req, res, visit, fields));

  const pages = [...Object.values(paths), patterns.member, patterns.post, patterns.topic];
  for (const path of pages) router.all(path, methodNotAllowed(READ));
  for (const path of [patterns.postAction, patterns.topicAction, patterns.memberAction, patterns.reportOutcome]) router.all(path, methodNotAllowed(SEND));
}
