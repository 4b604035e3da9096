// GET /forum/moderation (and /ru/forum/moderation): the queue of held posts, oldest first, each with approve and reject; GET …/log: the audit log.
import type { Request, Response } from 'express';
import type { LogEntry } from '../../forum/moderation-queries.js';
import { HttpError } from '../../http/http-error.js';
import type { ModerationLogRow } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { paragraph } from './forum-views.js';
import { postCard } from './moderation-post.js';
import { doneNotice, memberLink, moderationLocals, momentText, pageFrom, pageUrl, sendModerationPage, staffVisitor, wordsOf } from './moderation-views.js';
import { checkInRange, paginationOf } from './paging.js';
import type { Visit } from './visit.js';

export async function showQueue(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const { at } = visit;
  const words = wordsOf(visit);
  const actor = staffVisitor(res, visit, at.moderation.queue);
  if (!actor) return;
  const page = pageFrom(req);
  const queue = await visit.open.forum.moderation.queue(actor, page);
  if (!queue) throw new HttpError(404, 'the queue is for staff');
  checkInRange(queue, req.path);
  const cards = queue.items.map((post) =>
    postCard(visit, post, {
      back: at.moderation.queue,
      actor,
      heading: words(post.isFirst ? 'queue.new_topic' : 'queue.reply_in', { title: post.topic.title }),
      extraFacts: [{ term: words('queue.approved_posts'), text: String(post.authorApprovedPosts), url: undefined, datetime: undefined }],
    }),
  );
  const intro = [paragraph(queue.total === 0 ? words('queue.intro_empty') : words('queue.intro', { count: queue.total }))];
  const title = words('queue.title');
  const locals = moderationLocals(visit, title, at.moderation.queue, {
    notice: doneNotice(visit, req),
    intro,
    cards,
    empty: words('queue.empty'),
    paging: paginationOf(visit.t, queue, words('queue.pages'), pageUrl(at.moderation.queue)),
  });
  sendModerationPage(deps, res, visit, { title, url: at.moderation.queue }, locals);
}

const ROLES = new Set(['member', 'moderator', 'administrator']);
const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/**
 * What else the log kept, in the viewer's words. The log stores codes and values (a move's category slugs, a role's
 * change, a suspension's end as an instant), never sentences: each is put into words here, at display time.
 */
function detailsOf(visit: Visit, entry: LogEntry): string {
  const words = wordsOf(visit);
  const details = entry.details ?? {};
  const parts: string[] = [];
  if ('from' in details && 'to' in details) {
    // A move keeps category slugs, a role's change keeps roles: each is named as this language names it.
    const name = (value: unknown): string => {
      const slug = text(value);
      if (entry.action === 'set-role' && ROLES.has(slug)) return visit.t(`forum.role.${slug}`);
      return visit.categories.find((category) => category.slug === slug)?.title ?? slug;
    };
    parts.push(words('log.moved', { from: name(details['from']), to: name(details['to']) }));
  }
  if (typeof details['until'] === 'string') parts.push(words('log.until', { date: momentText(visit, details['until']).text }));
  if (typeof details['expiresAt'] === 'string') parts.push(words('log.valid_until', { date: momentText(visit, details['expiresAt']).text }));
  if (typeof details['via'] === 'string')
    parts.push(details['via'] === 'command line' ? words('log.via_command_line') : words('log.via', { via: details['via'] }));
  if (typeof details['reportId'] === 'number') parts.push(words('log.report', { id: details['reportId'] }));
  return parts.join('; ');
}

/** The actions the log's words name (forum.moderation.log.action.*); an action not listed yet shows as recorded. */
const NAMED_ACTIONS = new Set([
  'approve-post',
  'reject-post',
  'hide-post',
  'restore-post',
  'auto-hide-post',
  'lock-topic',
  'unlock-topic',
  'pin-topic',
  'unpin-topic',
  'move-topic',
  'suspend-member',
  'lift-suspension',
  'issue-password-reset',
  'unlock-login',
  'end-sessions',
  'set-role',
  'resolve-report',
  'dismiss-report',
]);

function actionWords(visit: Visit, action: string): string {
  return NAMED_ACTIONS.has(action) ? visit.t(`forum.moderation.log.action.${action}`) : action;
}

function logRow(visit: Visit, entry: LogEntry): ModerationLogRow {
  const { at } = visit;
  const words = wordsOf(visit);
  return {
    at: momentText(visit, entry.at),
    actor: { text: entry.actor.name, url: memberLink(at, entry.actor) },
    action: actionWords(visit, entry.action),
    targets: [
      ...(entry.targetMember ? [{ text: words('log.member', { name: entry.targetMember.name }), url: memberLink(at, entry.targetMember) }] : []),
      ...(entry.targetTopicId !== null ? [{ text: words('log.topic', { id: entry.targetTopicId }), url: at.urls.moderateTopic(entry.targetTopicId) }] : []),
      ...(entry.targetPostId !== null ? [{ text: words('log.post', { id: entry.targetPostId }), url: at.urls.moderatePost(entry.targetPostId) }] : []),
    ],
    reason: entry.reason ?? '',
    details: detailsOf(visit, entry),
  };
}

export async function showLog(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const { at } = visit;
  const words = wordsOf(visit);
  const actor = staffVisitor(res, visit, at.moderation.log);
  if (!actor) return;
  const page = pageFrom(req);
  const log = await visit.open.forum.moderation.log(actor, page);
  if (!log) throw new HttpError(404, 'the log is for staff');
  checkInRange(log, req.path);
  const locals = moderationLocals(visit, words('log.title'), at.moderation.log, {
    intro: [paragraph(words('log.intro'))],
    log: log.items.map((entry) => logRow(visit, entry)),
    paging: paginationOf(visit.t, log, words('log.pages'), pageUrl(at.moderation.log)),
  });
  const title = page === 1 ? words('log.title') : words('log.title_page', { page });
  sendModerationPage(deps, res, visit, { title, url: at.moderation.log }, locals);
}
