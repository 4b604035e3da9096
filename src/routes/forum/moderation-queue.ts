// GET /forum/moderation: the queue of held posts, oldest first, each with approve and reject; GET …/log: the audit log.
import type { Request, Response } from 'express';
import type { LogEntry } from '../../forum/moderation-queries.js';
import { HttpError } from '../../http/http-error.js';
import type { ModerationLogRow } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_URLS, MODERATION_PATHS } from './forum-paths.js';
import { paragraph } from './forum-views.js';
import { postCard } from './moderation-post.js';
import { doneNotice, memberLink, moderationLocals, momentText, pageFrom, pagingOf, sendModerationPage, staffVisitor } from './moderation-views.js';
import { checkInRange } from './paging.js';
import type { Visit } from './visit.js';

export async function showQueue(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const actor = staffVisitor(res, visit, MODERATION_PATHS.queue);
  if (!actor) return;
  const page = pageFrom(req);
  const queue = await visit.open.forum.moderation.queue(actor, page);
  if (!queue) throw new HttpError(404, 'the queue is for staff');
  checkInRange(queue, req.path);
  const cards = queue.items.map((post) =>
    postCard(visit, post, {
      back: MODERATION_PATHS.queue,
      actor,
      heading: post.isFirst ? `New topic: ${post.topic.title}` : `Reply in “${post.topic.title}”`,
      extraFacts: [{ term: 'Author’s approved posts', text: String(post.authorApprovedPosts), url: undefined, datetime: undefined }],
    }),
  );
  const intro = [
    paragraph(
      queue.total === 0
        ? 'New members’ first posts wait here until a moderator approves them. Approving a topic’s first post opens the topic.'
        : `${queue.total} ${queue.total === 1 ? 'post waits' : 'posts wait'} for approval, oldest first. ` +
            'Approving a topic’s first post opens the topic; rejecting it takes the topic with it.',
    ),
  ];
  const locals = moderationLocals(visit, 'Moderation queue', MODERATION_PATHS.queue, {
    notice: doneNotice(req),
    intro,
    cards,
    empty: 'Nothing is waiting for approval.',
    paging: pagingOf(MODERATION_PATHS.queue, page, queue.pageCount, 'Queue pages'),
  });
  sendModerationPage(deps, res, visit, { title: 'Moderation queue', url: MODERATION_PATHS.queue }, locals);
}

/** Each action of the log in words; an action this list does not know yet shows as recorded. */
const ACTION_WORDS: Readonly<Record<string, string>> = {
  'approve-post': 'Approved a post',
  'reject-post': 'Rejected a post',
  'hide-post': 'Hid a post',
  'restore-post': 'Restored a post',
  'auto-hide-post': 'Reports hid a post',
  'lock-topic': 'Locked a topic',
  'unlock-topic': 'Unlocked a topic',
  'pin-topic': 'Pinned a topic',
  'unpin-topic': 'Unpinned a topic',
  'move-topic': 'Moved a topic',
  'suspend-member': 'Suspended a member',
  'lift-suspension': 'Lifted a suspension',
  'issue-password-reset': 'Issued a reset link',
  'unlock-login': 'Unlocked a member’s login',
  'end-sessions': 'Ended a member’s sessions',
  'set-role': 'Changed a member’s role',
  'resolve-report': 'Resolved a report',
  'dismiss-report': 'Dismissed a report',
};

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** What else the log kept, in words: a move's categories, a suspension's end, a reset link's expiry, a role's change. */
function detailsOf(entry: LogEntry): string {
  const details = entry.details ?? {};
  const parts: string[] = [];
  if ('from' in details && 'to' in details) parts.push(`from ${text(details['from'])} to ${text(details['to'])}`);
  if (typeof details['until'] === 'string') parts.push(`until ${momentText(details['until']).text}`);
  if (typeof details['expiresAt'] === 'string') parts.push(`valid until ${momentText(details['expiresAt']).text}`);
  if (typeof details['via'] === 'string') parts.push(`from the ${details['via']}`);
  if (typeof details['reportId'] === 'number') parts.push(`report ${details['reportId']}`);
  return parts.join('; ');
}

function logRow(entry: LogEntry): ModerationLogRow {
  return {
    at: momentText(entry.at),
    actor: { text: entry.actor.name, url: memberLink(entry.actor) },
    action: ACTION_WORDS[entry.action] ?? entry.action,
    targets: [
      ...(entry.targetMember ? [{ text: `Member ${entry.targetMember.name}`, url: memberLink(entry.targetMember) }] : []),
      ...(entry.targetTopicId !== null ? [{ text: `Topic ${entry.targetTopicId}`, url: FORUM_URLS.moderateTopic(entry.targetTopicId) }] : []),
      ...(entry.targetPostId !== null ? [{ text: `Post ${entry.targetPostId}`, url: FORUM_URLS.moderatePost(entry.targetPostId) }] : []),
    ],
    reason: entry.reason ?? '',
    details: detailsOf(entry),
  };
}

export async function showLog(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const actor = staffVisitor(res, visit, MODERATION_PATHS.log);
  if (!actor) return;
  const page = pageFrom(req);
  const log = await visit.open.forum.moderation.log(actor, page);
  if (!log) throw new HttpError(404, 'the log is for staff');
  checkInRange(log, req.path);
  const intro = [
    paragraph('Every moderator’s action, newest first: who did what, to whom or to which topic or post, when, and why. Nothing here can be changed.'),
  ];
  const locals = moderationLocals(visit, 'Moderation log', MODERATION_PATHS.log, {
    intro,
    log: log.items.map(logRow),
    paging: pagingOf(MODERATION_PATHS.log, page, log.pageCount, 'Log pages'),
  });
  sendModerationPage(deps, res, visit, { title: page === 1 ? 'Moderation log' : `Moderation log (page ${page})`, url: MODERATION_PATHS.log }, locals);
}
