// What every moderators' page shares: who may see it, its tabs, times, reasons, notices, and how it is sent.
import type { Request, Response } from 'express';
import { HttpError } from '../../http/http-error.js';
import type { Breadcrumb, NavLinkLocals, TextFieldLocals } from '../../render/partial-locals.js';
import type { MomentText } from '../../render/partial-locals.js';
import type { ForumModerationLocals, ModerationForm } from '../../render/template-locals.js';
import { DELETED_MEMBER_NAME } from '../../forum/members.js';
import type { Viewer } from '../../forum/visibility.js';
import { isStaff } from '../../forum/visibility.js';
import { loginFirst } from './account.js';
import type { Translate } from '../../render/interface-text.js';
import type { ForumDeps } from './forum-deps.js';
import { moment, MODERATORS_CLOCK } from './forum-items.js';
import { FORUM_URLS, MODERATION_PATHS } from './forum-paths.js';
import { barFor, forumChrome, forumDescription, memberCsrf, sendPage, textField } from './forum-views.js';
import type { Visit } from './visit.js';

/** A reason is one line for the log: long enough to explain, short enough to read in a table. */
export const REASON_MAX_LENGTH = 500;

/**
 * Members who are not staff get 404, as Discourse answers its staff-only routes (StaffConstraint): a page that is not
 * theirs does not exist for them, and nothing (not even the queue's size) is told. Someone signed out is sent to log in,
 * as on every member's page, so a moderator whose session ended comes straight back.
 */
export function notForYou(): HttpError {
  return new HttpError(404, 'a moderators’ page asked for by someone who is not staff');
}

/** The staff member of a visit to a GET page; undefined once the response has sent them to log in. */
export function staffVisitor(res: Response, visit: Visit, path: string): Viewer | undefined {
  const member = visit.session?.member;
  if (!member) {
    loginFirst(res, visit, path);
    return undefined;
  }
  if (!isStaff(member)) throw notForYou();
  return member;
}

/** The staff member who sent a form (forumForm has checked the session and its CSRF token already). */
export function staffSender(visit: Visit): Viewer {
  const member = visit.session?.member;
  if (!member || !isStaff(member)) throw notForYou();
  return member;
}

/** A whole number id from an address, or 404: "007", "1e3" and "-1" name nothing. */
export function idFrom(value: unknown): number {
  const text = typeof value === 'string' ? value : '';
  const id = /^[1-9][0-9]{0,9}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id)) throw new HttpError(404, `no such id: ${text.slice(0, 20)}`);
  return id;
}

/** An action named in the address, if it is one of those listed; else 404. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new HttpError(404, 'no such action');
}

/** ?page=N of a list: absent is 1, anything but 2, 3, … is 404 (one address per page). */
export function pageFrom(req: Request): number {
  const raw = req.query['page'];
  if (raw === undefined) return 1;
  const page = typeof raw === 'string' && /^[1-9][0-9]{0,5}$/.test(raw) ? Number(raw) : 0;
  if (page < 2) throw new HttpError(404, 'a page number that names no page');
  return page;
}

/** The paging links of a list, by address. */
export function pagingOf(path: string, page: number, pageCount: number, label: string): ForumModerationLocals['paging'] {
  const at = (number: number): string => (number === 1 ? path : `${path}${path.includes('?') ? '&' : '?'}page=${number}`);
  return { label, previous: page > 1 ? at(page - 1) : undefined, next: page < pageCount ? at(page + 1) : undefined };
}

/** "27 November 2026, 09:30 UTC": moderators in several time zones read one clock, the one the log keeps (forum-items.ts). */
export function momentText(iso: string): MomentText {
  return moment(iso, MODERATORS_CLOCK);
}

const TABS = [
  { title: 'Queue', url: MODERATION_PATHS.queue },
  { title: 'Reports', url: MODERATION_PATHS.reports },
  { title: 'Log', url: MODERATION_PATHS.log },
  { title: 'Members', url: MODERATION_PATHS.members },
] as const;

/** The tabs of the moderators' pages; the one of this page marked as current. */
export function moderationTabs(current: string | undefined): NavLinkLocals[] {
  return TABS.map((tab) => ({ title: tab.title, url: tab.url, current: tab.url === current ? 'page' : undefined }));
}

/** A reason field: optional unless said, with what was typed kept when the form comes back. */
export function reasonField(
  t: Translate,
  id: string,
  options: { value?: string; error?: string | undefined; required?: boolean; label?: string } = {},
): TextFieldLocals {
  const label = options.label ?? (options.required ? 'Reason' : 'Reason (optional)');
  const hint = `Kept in the moderation log; moderators read it. At most ${REASON_MAX_LENGTH} characters.`;
  return { ...textField(t, id, label, 'text', { value: options.value, error: options.error, hint, autocomplete: 'off' }), name: 'reason', spellcheck: true };
}

/** A reason as sent: trimmed, and what is wrong with it, if anything. */
export function readReason(typed: string, required: boolean): { readonly reason: string; readonly problem: string | undefined } {
  const reason = typed.replace(/\s+/g, ' ').trim();
  if (required && reason === '') return { reason, problem: 'Enter a reason: the member may ask, and other moderators will read it' };
  if ([...reason].length > REASON_MAX_LENGTH) return { reason, problem: `Shorten the reason to ${REASON_MAX_LENGTH} characters or fewer` };
  return { reason, problem: undefined };
}

/** A POST form of a moderator's action: the session's token, and the page to come back to. */
export function actionForm(
  visit: Visit,
  input: Omit<ModerationForm, 'hidden' | 'choice' | 'fields'> & Partial<Pick<ModerationForm, 'choice' | 'fields'>>,
  back: string,
): ModerationForm {
  return {
    action: input.action,
    hidden: [memberCsrf(visit), { name: 'return', value: back }],
    choice: input.choice,
    fields: input.fields ?? [],
    submit: input.submit,
    warning: input.warning,
  };
}

/** What a redirect's ?done=… says: fixed words only, so that the address carries nothing a link could forge. */
const DONE: Readonly<Record<string, string>> = {
  approved: 'The post has been approved and is public now',
  rejected: 'The post has been rejected',
  hidden: 'The post has been hidden',
  restored: 'The post has been restored',
  locked: 'The topic has been locked',
  unlocked: 'The topic has been unlocked',
  pinned: 'The topic has been pinned',
  unpinned: 'The topic has been unpinned',
  moved: 'The topic has been moved',
  resolved: 'The report has been resolved',
  dismissed: 'The report has been dismissed',
  suspended: 'The member has been suspended and logged out',
  lifted: 'The suspension has been lifted',
  unlocked_login: 'The member can log in again',
  ended: 'The member’s sessions have ended',
  unchanged: 'Nothing changed: it was already so, perhaps done by another moderator a moment ago',
};

export function doneNotice(req: Request): ForumModerationLocals['notice'] {
  const word = req.query['done'];
  const title = typeof word === 'string' ? DONE[word] : undefined;
  return title ? { title, text: 'The moderation log records it.' } : undefined;
}

/** After an action: back to the page the form came from, saying what was done (303: the next request is a GET). */
export function doneRedirect(res: Response, back: string, word: string): void {
  res.redirect(303, `${back}?done=${word}`);
}

/** Locals every moderators' page starts from; the page fills in the rest. */
export function moderationLocals(visit: Visit, heading: string, current: string | undefined, rest: Partial<ForumModerationLocals> = {}): ForumModerationLocals {
  const cards = rest.cards ?? [];
  // The summary lists every error of the page's forms in their order, each linking to its field (or first radio).
  const errors = cards.flatMap((card) =>
    card.forms.flatMap((form) => [form.choice, ...form.fields].flatMap((field) => (field?.error ? [{ fieldId: field.id, text: field.error }] : []))),
  );
  return {
    bar: barFor(visit),
    tabs: moderationTabs(current),
    heading,
    notice: undefined,
    errorSummary: errors.length > 0 ? { t: visit.t, errors } : undefined,
    intro: [],
    secret: undefined,
    lookup: undefined,
    cards,
    empty: undefined,
    log: undefined,
    paging: undefined,
    ...rest,
  };
}

/**
 * Sends a moderators' page: never indexed, never cached (private, no-store from startVisit), 422 when a form came back
 * with errors and "Error:" first in its title.
 */
export function sendModerationPage(
  deps: ForumDeps,
  res: Response,
  visit: Visit,
  page: { readonly title: string; readonly url: string; readonly trail?: readonly Breadcrumb[] },
  locals: ForumModerationLocals,
  status = 200,
): void {
  const failed = locals.errorSummary !== undefined;
  const trail = page.url === MODERATION_PATHS.queue ? [] : [{ title: 'Moderation', url: MODERATION_PATHS.queue }, ...(page.trail ?? [])];
  const chrome = forumChrome(visit, {
    title: page.title,
    description: forumDescription(visit.t, page.title),
    url: page.url,
    trail,
    indexed: false,
    errors: failed,
  });
  res.setHeader('X-Robots-Tag', 'noindex');
  sendPage(deps, res, failed ? 422 : status, 'pages/forum-moderation', locals, chrome);
}

/** A link to a member's page for staff, or none for a deleted member (whose account is gone). */
export function memberLink(author: { readonly id: number; readonly name: string }): string | undefined {
  return author.name === DELETED_MEMBER_NAME ? undefined : FORUM_URLS.member(author.id);
}
