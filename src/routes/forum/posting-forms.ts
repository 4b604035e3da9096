// What every posting form shares: its time-trap stamp and honeypot, the text box, and the answers to what the services refuse.
import type { Response } from 'express';
import type { IsoTime } from '../../db/schema.js';
import type { PostProblems } from '../../forum/post-messages.js';
import { APPROVALS_BEFORE_TRUSTED } from '../../forum/pre-moderation.js';
import { BODY_MAX_LENGTH, TITLE_MAX_LENGTH, TITLE_MIN_LENGTH } from '../../forum/post-text.js';
import { NEW_MEMBER_MAX_LINKS } from '../../forum/spam.js';
import type { FormRefusal } from '../../forum/spam.js';
import { HttpError } from '../../http/http-error.js';
import type { Translate } from '../../render/interface-text.js';
import type { ForumFormLocals, Paragraph, TextFieldLocals } from '../../render/partial-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { moment, readersClock } from './forum-items.js';
import { throttledError } from './form-messages.js';
import { backToForum, barFor, forumChrome, forumDescription, formLocals, memberCsrf, paragraph, sendPage, textArea } from './forum-views.js';
import { suspendedUntil, type Fields, type Visit } from './visit.js';

export const BODY_FIELD = 'body';
export const TITLE_FIELD = 'title';
/** The hidden field with FormStamps' stamp of when the form was shown. */
export const STAMP_FIELD = 'stamp';
/** The honeypot: a name a form filler might fill in, on a field no person sees. */
export const TRAP = Object.freeze({ id: 'website', name: 'website' });

/** Errors by field, in words, for the error summary and the messages by each field. */
export interface PostErrors {
  readonly title?: string | undefined;
  readonly body?: string | undefined;
}

/** The hidden fields of a posting form: the session's CSRF token and the stamp, issued now for this member. */
export function postingHidden(visit: Visit): ForumFormLocals['hidden'] {
  return [memberCsrf(visit), { name: STAMP_FIELD, value: visit.open.forum.formStamps.issue(visit.session!.member.id) }];
}

/** What the spam guard reads from a posting form besides its text. */
export function formFieldsOf(fields: Fields): { honeypot: string; stamp: string } {
  return { honeypot: fields(TRAP.name), stamp: fields(STAMP_FIELD) };
}

export function bodyField(t: Translate, label: string, value: string, error: string | undefined): TextFieldLocals {
  return textArea(t, BODY_FIELD, label, 10, { value, hint: t('forum.fields.markdown_hint', { max: BODY_MAX_LENGTH }), error });
}

/** The form under a topic and on the reply page: the text box, the stamp and the honeypot. */
export function replyForm(visit: Visit, topicId: number, body: string, error: string | undefined): ForumFormLocals {
  const { t } = visit;
  return formLocals(visit, {
    action: visit.at.urls.reply(topicId),
    hidden: postingHidden(visit),
    fields: [bodyField(t, t('forum.fields.your_reply'), body, error)],
    submit: t('forum.reply.submit'),
    trap: TRAP,
  });
}

/** The limits a post's messages name (i18n/: forum.post_problems). */
const POST_LIMITS = { min: TITLE_MIN_LENGTH, approvals: APPROVALS_BEFORE_TRUSTED, links: NEW_MEMBER_MAX_LINKS } as const;

/** The services' problems by field, in words. A category problem cannot arise from a category's own form. */
export function errorsOf(t: Translate, problems: PostProblems): PostErrors {
  const say = (problem: string, max: number): string => t(`forum.post_problems.${problem}`, { ...POST_LIMITS, max });
  return { title: problems.title && say(problems.title, TITLE_MAX_LENGTH), body: problems.body && say(problems.body, BODY_MAX_LENGTH) };
}

/** A refusal of the whole form is said by the text box: what was typed is kept, and sending again is the way out. */
export function refusalErrors(t: Translate, reason: FormRefusal): PostErrors {
  return { body: t(`forum.refusals.${reason}`) };
}

/** A forum page that only says something, with a status (403, 409): why it cannot be done, and what to do instead. */
export function sendMessage(deps: ForumDeps, res: Response, visit: Visit, status: number, heading: string, paragraphs: readonly Paragraph[]): void {
  const chrome = forumChrome(visit, { title: heading, description: forumDescription(visit.t, heading), url: res.req.path, indexed: false });
  sendPage(deps, res, status, 'pages/forum-message', { bar: barFor(visit), heading, paragraphs }, chrome);
}

/** The answers every posting form gives to the same refusals: suspended, throttled, nothing there. */
export type CommonRefusal =
  | { readonly status: 'suspended'; readonly until: IsoTime }
  | { readonly status: 'throttled'; readonly retryAfterSeconds: number }
  | { readonly status: 'not-found' };

export function answerRefusal(deps: ForumDeps, res: Response, visit: Visit, result: CommonRefusal): void {
  const { t } = visit;
  switch (result.status) {
    case 'suspended':
      return sendMessage(deps, res, visit, 403, t('forum.refusal.suspended_title'), [
        paragraph(t('forum.refusal.suspended_text', { date: moment(result.until, readersClock(visit)).text })),
        paragraph(t('forum.refusal.suspended_read')),
        backToForum(visit),
      ]);
    case 'throttled':
      throw throttledError(t, result.retryAfterSeconds, t('forum.refusal.throttled'), t('forum.refusal.throttled_advice'));
    case 'not-found':
      throw new HttpError(404, `nothing to post to at ${res.req.path}`, { shown: { note: t('forum.refusal.not_found') } });
  }
}

/** Where a form would be, for a suspended member: until when they may only read, in the page's language. */
export function suspendedNotice(visit: Visit, until: IsoTime): string {
  return visit.t('forum.suspended_notice', { date: moment(until, readersClock(visit)).text });
}

/**
 * A form's own page (new topic, reply, edit, report) refuses a suspended member as its POST would, rather than take text
 * that could not be sent; true when it has answered.
 */
export function refusedWhileSuspended(deps: ForumDeps, res: Response, visit: Visit): boolean {
  const until = suspendedUntil(visit);
  if (until === undefined) return false;
  answerRefusal(deps, res, visit, { status: 'suspended', until });
  return true;
}

/** A locked topic takes no replies or edits from members. */
export function answerLocked(deps: ForumDeps, res: Response, visit: Visit, topicId: number): void {
  const { t } = visit;
  sendMessage(deps, res, visit, 403, t('forum.refusal.locked_title'), [
    paragraph(t('forum.refusal.locked_text')),
    paragraph(t('forum.refusal.locked_read'), { text: t('forum.form.the_topic'), url: visit.at.urls.topic(topicId) }, t('forum.form.full_stop')),
  ]);
}

/** A topic still awaiting approval takes replies once it is approved. */
export function answerTopicHeld(deps: ForumDeps, res: Response, visit: Visit, topicId: number): void {
  const { t } = visit;
  sendMessage(deps, res, visit, 409, t('forum.refusal.held_title'), [
    paragraph(t('forum.refusal.held_text')),
    paragraph(t('forum.refusal.held_back'), { text: t('forum.form.the_topic'), url: visit.at.urls.topic(topicId) }, t('forum.form.full_stop')),
  ]);
}

/** Confirmations shown at the top of a topic page after a redirect, chosen by a fixed word in its query. */
export type TopicNotice = 'held' | 'reported';

/**
 * After a post, an edit or a report: 303 to where the post now is for this member (its topic's page, at the post),
 * with the word for a confirmation when there is one to give.
 */
export async function redirectToPost(
  res: Response,
  visit: Visit,
  post: { readonly id: number; readonly topicId: number },
  notice?: TopicNotice,
): Promise<void> {
  const member = visit.session!.member;
  const where = await visit.open.forum.posts.locate(post.id, { id: member.id, role: member.role });
  // A post this member no longer sees (their report hid it): the topic's first page.
  const { urls } = visit.at;
  const page = where ? urls.topic(where.topicId, where.page) : urls.topic(post.topicId);
  const query = notice ? `${page.includes('?') ? '&' : '?'}notice=${notice}` : '';
  res.redirect(303, `${page}${query}${where ? `#post-${post.id}` : ''}`);
}
