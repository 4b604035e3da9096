// What every moderators' page shares: who may see it, its tabs, times, reasons, notices, and how it is sent.
import type { Request, Response } from 'express';
import { HttpError } from '../../http/http-error.js';
import type { Breadcrumb, NavLinkLocals, TextFieldLocals } from '../../render/partial-locals.js';
import type { MomentText } from '../../render/partial-locals.js';
import type { TextValues } from '../../render/interface-text.js';
import type { ForumModerationLocals, ModerationForm } from '../../render/template-locals.js';
import { DELETED_MEMBER_NAME } from '../../forum/members.js';
import type { Viewer } from '../../forum/visibility.js';
import { isStaff } from '../../forum/visibility.js';
import { loginFirst } from './account.js';
import type { Translate } from '../../render/interface-text.js';
import type { ForumDeps } from './forum-deps.js';
import { moment, moderatorsClock } from './forum-items.js';
import type { ForumAddresses } from './forum-paths.js';
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

/** A moderators' page's words: i18n/<code>.yml, forum.moderation.<key>, in the language of the visit's address. */
export function wordsOf(visit: Pick<Visit, 't'>): Translate {
  return (key: string, values?: TextValues) => visit.t(`forum.moderation.${key}`, values);
}

/** The address of page N of a list: the first without ?page (its one address), the rest with it. */
export function pageUrl(path: string): (page: number) => string {
  return (page) => (page === 1 ? path : `${path}${path.includes('?') ? '&' : '?'}page=${page}`);
}

/** "27 November 2026, 09:30 UTC": moderators in several time zones read one clock, the one the log keeps (forum-items.ts). */
export function momentText(visit: Pick<Visit, 'at'>, iso: string): MomentText {
  return moment(iso, moderatorsClock(visit));
}

const TABS = ['queue', 'reports', 'log', 'members'] as const;

/** The tabs of the moderators' pages; the one of this page marked as current. */
export function moderationTabs(visit: Pick<Visit, 'at' | 't'>, current: string | undefined): NavLinkLocals[] {
  const words = wordsOf(visit);
  return TABS.map((tab) => {
    const url = visit.at.moderation[tab];
    return { title: words(`tab.${tab}`), url, current: url === current ? 'page' : undefined };
  });
}

/** A reason field: optional unless said, with what was typed kept when the form comes back. */
export function reasonField(
  t: Translate,
  id: string,
  options: { value?: string; error?: string | undefined; required?: boolean; label?: string } = {},
): TextFieldLocals {
  const words = (key: string, values?: TextValues) => t(`forum.moderation.${key}`, values);
  const label = options.label ?? words(options.required ? 'reason' : 'reason_optional');
  const hint = words('reason_hint', { max: REASON_MAX_LENGTH });
  return { ...textField(t, id, label, 'text', { value: options.value, error: options.error, hint, autocomplete: 'off' }), name: 'reason', spellcheck: true };
}

/** A reason as sent: trimmed, and what is wrong with it, if anything. */
export function readReason(t: Translate, typed: string, required: boolean): { readonly reason: string; readonly problem: string | undefined } {
  const reason = typed.replace(/\s+/g, ' ').trim();
  if (required && reason === '') return { reason, problem: t('forum.moderation.reason_missing') };
  if ([...reason].length > REASON_MAX_LENGTH) return { reason, problem: t('forum.moderation.reason_too_long', { max: REASON_MAX_LENGTH }) };
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

/** What a redirect's ?done=… may say: fixed words only (forum.moderation.done.*), so that the address carries nothing a link could forge. */
const DONE = new Set([
  'approved',
  'rejected',
  'hidden',
  'restored',
  'locked',
  'unlocked',
  'pinned',
  'unpinned',
  'moved',
  'resolved',
  'dismissed',
  'suspended',
  'lifted',
  'unlocked_login',
  'ended',
  'unchanged',
]);

export function doneNotice(visit: Pick<Visit, 't'>, req: Request): ForumModerationLocals['notice'] {
  const word = req.query['done'];
  if (typeof word !== 'string' || !DONE.has(word)) return undefined;
  const words = wordsOf(visit);
  return { title: words(`done.${word}`), text: words('done_text') };
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
    t: visit.t,
    bar: barFor(visit),
    tabs: moderationTabs(visit, current),
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
  const { queue } = visit.at.moderation;
  const trail = page.url === queue ? [] : [{ title: visit.t('forum.moderation.title'), url: queue }, ...(page.trail ?? [])];
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
export function memberLink(at: ForumAddresses, author: { readonly id: number; readonly name: string }): string | undefined {
  return author.name === DELETED_MEMBER_NAME ? undefined : at.urls.member(author.id);
}
