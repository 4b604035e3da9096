// What every posting form shares: its time-trap stamp and honeypot, the text box, and the answers to what the services refuse.
import type { Response } from 'express';
import type { IsoTime } from '../../db/schema.js';
import { FORM_REFUSAL_MESSAGES, POST_MESSAGES, type PostProblems } from '../../forum/post-messages.js';
import type { FormRefusal } from '../../forum/spam.js';
import { BODY_MAX_LENGTH } from '../../forum/post-text.js';
import { HttpError } from '../../http/http-error.js';
import { formatDateTime } from '../../render/format.js';
import type { ForumFormLocals, Paragraph, TextFieldLocals } from '../../render/partial-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_PATHS, FORUM_URLS } from './forum-paths.js';
import { throttledError } from './form-messages.js';
import { barFor, forumChrome, forumDescription, formLocals, memberCsrf, paragraph, sendPage, textArea } from './forum-views.js';
import type { Fields, Visit } from './visit.js';

export const BODY_FIELD = 'body';
export const TITLE_FIELD = 'title';
/** The hidden field with FormStamps' stamp of when the form was shown. */
export const STAMP_FIELD = 'stamp';
/** The honeypot: a name a form filler might fill in, on a field no person sees. */
export const TRAP = Object.freeze({ id: 'website', name: 'website' });

export const MARKDOWN_HINT =
  'Plain text, or Markdown: **bold**, *italic*, [a link](https://example.org), a line starting with > for a quote. ' +
  `HTML is shown as text. Up to ${BODY_MAX_LENGTH.toLocaleString('en')} characters.`;

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

export function bodyField(label: string, value: string, error: string | undefined): TextFieldLocals {
  return textArea(BODY_FIELD, label, 10, { value, hint: MARKDOWN_HINT, error });
}

/** The form under a topic and on the reply page: the text box, the stamp and the honeypot. */
export function replyForm(visit: Visit, topicId: number, body: string, error: string | undefined): ForumFormLocals {
  return formLocals({
    action: FORUM_URLS.reply(topicId),
    hidden: postingHidden(visit),
    fields: [bodyField('Your reply', body, error)],
    submit: 'Post reply',
    trap: TRAP,
  });
}

/** The services' problems by field, in words (POST_MESSAGES). A category problem cannot arise from a category's own form. */
export function errorsOf(problems: PostProblems): PostErrors {
  return { title: problems.title && POST_MESSAGES[problems.title], body: problems.body && POST_MESSAGES[problems.body] };
}

/** A refusal of the whole form is said by the text box: what was typed is kept, and sending again is the way out. */
export function refusalErrors(reason: FormRefusal): PostErrors {
  return { body: FORM_REFUSAL_MESSAGES[reason] };
}

/** A forum page that only says something, with a status (403, 409): why it cannot be done, and what to do instead. */
export function sendMessage(deps: ForumDeps, res: Response, visit: Visit, status: number, heading: string, paragraphs: readonly Paragraph[]): void {
  const chrome = forumChrome(visit.edition, { title: heading, description: forumDescription(heading), url: res.req.path, indexed: false });
  sendPage(deps, res, status, 'pages/forum-message', { bar: barFor(visit), heading, paragraphs }, chrome);
}

const BACK_TO_FORUM = paragraph('Go back to the ', { text: 'forum', url: FORUM_PATHS.home }, '.');

/** The answers every posting form gives to the same refusals: suspended, throttled, nothing there. */
export type CommonRefusal =
  | { readonly status: 'suspended'; readonly until: IsoTime }
  | { readonly status: 'throttled'; readonly retryAfterSeconds: number }
  | { readonly status: 'not-found' };

export function answerRefusal(deps: ForumDeps, res: Response, visit: Visit, result: CommonRefusal): void {
  switch (result.status) {
    case 'suspended':
      return sendMessage(deps, res, visit, 403, 'Your account is suspended', [
        paragraph(`A moderator has suspended your account until ${formatDateTime(new Date(result.until))}, so you cannot post, edit or report until then.`),
        paragraph('You can still read the forum. If you think this is a mistake, ask a moderator once the suspension ends.'),
        BACK_TO_FORUM,
      ]);
    case 'throttled':
      throw throttledError(
        result.retryAfterSeconds,
        'You have posted many times in a short while, or many posts came from your network, so posting is paused for a while.',
        'What you wrote was not saved: copy it somewhere if you want to post it later.',
      );
    case 'not-found':
      throw new HttpError(404, `nothing to post to at ${res.req.path}`, {
        shown: { note: 'The topic or post may have been removed by a moderator, or may not have been approved yet.' },
      });
  }
}

/** A locked topic takes no replies or edits from members. */
export function answerLocked(deps: ForumDeps, res: Response, visit: Visit, topicId: number): void {
  sendMessage(deps, res, visit, 403, 'This topic is locked', [
    paragraph('A moderator has locked this topic, so it takes no new replies and its posts can no longer be edited.'),
    paragraph('You can still read it: go back to ', { text: 'the topic', url: FORUM_URLS.topic(topicId) }, '.'),
  ]);
}

/** A topic still awaiting approval takes replies once it is approved. */
export function answerTopicHeld(deps: ForumDeps, res: Response, visit: Visit, topicId: number): void {
  sendMessage(deps, res, visit, 409, 'This topic is awaiting approval', [
    paragraph('A moderator has not approved this topic yet. Until then, nobody but you and the moderators can see it, and it takes no replies.'),
    paragraph('Go back to ', { text: 'the topic', url: FORUM_URLS.topic(topicId) }, '.'),
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
  const page = where ? FORUM_URLS.topic(where.topicId, where.page) : FORUM_URLS.topic(post.topicId);
  const query = notice ? `${page.includes('?') ? '&' : '?'}notice=${notice}` : '';
  res.redirect(303, `${page}${query}${where ? `#post-${post.id}` : ''}`);
}
