// The parts every forum page is built from: the layout's locals under Home › Forum, the account bar, fields and forms.
import type { Request, Response } from 'express';
import type { IsoTime } from '../../db/schema.js';
import { categoriesIn } from '../../content/forum-settings.js';
import { homeOf } from '../../content/languages.js';
import { PRE_SESSION_COOKIE_NAME, preSessionCookie } from '../../forum/form-tokens.js';
import { sendCompressed } from '../../http/send-compressed.js';
import { readCookie } from '../../lib/cookies.js';
import type { Translate } from '../../render/interface-text.js';
import { chromeLocals } from '../../render/page-locals.js';
import type { Breadcrumb, ErrorSummaryLocals, ForumBarLocals, ForumFormLocals, Paragraph, TextFieldLocals } from '../../render/partial-locals.js';
import { structuredData } from '../../render/structured-data.js';
import type { ChromeLocals, ContentTemplate, ForumFormPageLocals, TemplateLocals } from '../../render/template-locals.js';
import type { Snapshot } from '../../publish/snapshot.js';
import type { ForumDeps } from './forum-deps.js';
import { forumOfPath, forumVersions } from './forum-paths.js';
import { CSRF_FIELD, type Visit } from './visit.js';

/** What every forum page is drawn with: its edition, its language's forum and words, and the forum's categories. */
export type ForumView = Pick<Visit, 'edition' | 'at' | 't' | 'categories'>;

/** The view of an address without a visit (the front page and the privacy page show even when the database is down). */
export function forumViewAt(current: Snapshot, path: string): ForumView {
  const edition = current.editionFor(path);
  const categories = categoriesIn(current.edition().site.forum?.categories ?? [], edition.context.text.language.code);
  return { edition, at: forumOfPath(path), t: edition.context.text.t, categories };
}

export interface ForumPageMeta {
  readonly title: string;
  readonly description: string;
  readonly url: string;
  /** Pages between the forum and this one (the account, for its password page). */
  readonly trail?: readonly Breadcrumb[];
  /** Forms and personal pages are not for search engines. */
  readonly indexed: boolean;
  /** The page shows a form sent back with errors: GOV.UK starts its title with "Error: ", read out first. */
  readonly errors?: boolean;
  /** When what the page shows last changed (a topic's last change), for its JSON-LD; none for forms and personal pages. */
  readonly updated?: IsoTime | undefined;
}

/**
 * The feeds a forum page offers for autodiscovery, in its language: the forum's own on its front page, and on a
 * category's page that category's feed before the whole forum's.
 */
export function forumFeedsOf(view: ForumView, url: string): { title: string; url: string }[] {
  const { at, t } = view;
  const forumFeed = { title: t('forum.feed_title'), url: at.urls.feed };
  if (url === at.paths.home) return [forumFeed];
  const slug = url.startsWith(`${at.base}/c/`) ? /^[a-z0-9-]+$/.exec(url.slice(`${at.base}/c/`.length))?.[0] : undefined;
  const category = slug === undefined ? undefined : view.categories.find((each) => each.slug === slug);
  return category ? [{ title: t('forum.category_feed_title', { category: category.title }), url: at.urls.categoryFeed(category.slug) }, forumFeed] : [];
}

/**
 * The page in every language, for hreflang and the language switcher: each forum page, the moderators' too, exists at
 * the same address under /forum and /ru/forum. The edition's context is given these pairs for this page alone.
 */
function withVersions(view: ForumView, url: string) {
  const { context } = view.edition;
  return { ...context, translations: new Map([[url, forumVersions(url)]]) };
}

/** The layout's locals for a forum page: Home › Forum › … › the page, with JSON-LD of the same trail. */
export function forumChrome(view: ForumView, meta: ForumPageMeta): ChromeLocals {
  const { edition, at, t } = view;
  const home = meta.url === at.paths.home;
  const forum: Breadcrumb = { title: t('forum.title'), url: home ? undefined : at.paths.home };
  const breadcrumbs: Breadcrumb[] = [{ title: t('chrome.home'), url: homeOf(edition.context.text.language) }, forum, ...(meta.trail ?? [])];
  if (!home) breadcrumbs.push({ title: meta.title, url: undefined });
  // "Log in – Forum – UN in Kyrgyzstan": the tab names the forum, so that a forum tab can be told from the site's own pages.
  const named = home ? meta.title : t('forum.title_suffix', { title: meta.title });
  const title = meta.errors ? t('forum.error_prefix', { title: named }) : named;
  const updated = meta.updated === undefined ? undefined : new Date(meta.updated);
  const jsonLd = structuredData(edition.context.siteUrl, { title: meta.title, description: meta.description, updated, url: meta.url }, breadcrumbs);
  return chromeLocals(withVersions(view, meta.url), {
    title,
    description: meta.description,
    url: meta.url,
    breadcrumbs,
    ...(meta.indexed ? {} : { robots: 'noindex' }),
    jsonLd,
    feeds: forumFeedsOf(view, meta.url),
  });
}

/** Renders a forum page into the site's layout and sends it, compressed, with a status (200, or 422 for a form with errors). */
export function sendPage<N extends ContentTemplate>(
  deps: ForumDeps,
  res: Response,
  status: number,
  template: N,
  locals: TemplateLocals[N],
  chrome: ChromeLocals,
): void {
  res.status(status);
  sendCompressed(res.req, res, deps.renderer.renderInLayout(template, locals, chrome), 'text/html; charset=utf-8');
}

/**
 * A page with one form: 422 when it comes back with errors (and "Error:" first in the tab title), else 200;
 * never indexed. Every form page of the forum is sent this way.
 */
export function sendFormPage(
  deps: ForumDeps,
  res: Response,
  view: ForumView,
  page: { readonly title: string; readonly url: string; readonly trail?: readonly Breadcrumb[] },
  locals: ForumFormPageLocals,
): void {
  const failed = locals.errorSummary !== undefined;
  const chrome = forumChrome(view, { ...page, description: forumDescription(view.t, page.title), indexed: false, errors: failed });
  sendPage(deps, res, failed ? 422 : 200, 'pages/forum-form', locals, chrome);
}

/** The account bar of the visit; without one (the database cannot be read), the links to log in and register. */
export function barFor(view: ForumView & Partial<Pick<Visit, 'session' | 'waiting'>>): ForumBarLocals {
  const { at, t, session, waiting } = view;
  if (!session) return { t, signedIn: false, loginUrl: at.paths.login, registerUrl: at.paths.register };
  return {
    t,
    signedIn: true,
    username: session.member.username,
    accountUrl: at.paths.account,
    logoutUrl: at.paths.logout,
    csrfToken: session.csrfToken,
    // The moderators' pages of the bar's own language (/forum/moderation, /ru/forum/moderation).
    moderation: waiting === undefined ? undefined : { url: at.urls.moderationQueue, waiting: t('forum.bar.waiting', { count: waiting }) },
  };
}

type FieldOptions = Partial<Pick<TextFieldLocals, 'value' | 'hint' | 'error'>> & Pick<TextFieldLocals, 'autocomplete'>;

/**
 * A text or email field, showing back what was typed. No maxlength: a browser would cut a longer text short without
 * a word, where the server says what the limit is (GOV.UK's advice).
 */
export function textField(t: Translate, id: string, label: string, type: 'text' | 'email', options: FieldOptions): TextFieldLocals {
  const { value, hint, error, autocomplete } = options;
  return { t, id, name: id, label, type, rows: undefined, value, hint, error, autocomplete, spellcheck: false };
}

/** A box for a post's text (or a report's reason), showing back what was typed; the spellchecker helps here. */
export function textArea(t: Translate, id: string, label: string, rows: number, options: Omit<FieldOptions, 'autocomplete'>): TextFieldLocals {
  const { value, hint, error } = options;
  return { t, id, name: id, label, type: 'textarea', rows, value, hint, error, autocomplete: 'off', spellcheck: true };
}

/** A password field: whatever was typed is never sent back. */
export function passwordField(t: Translate, id: string, label: string, options: Omit<FieldOptions, 'value'>): TextFieldLocals {
  const { hint, error, autocomplete } = options;
  return { t, id, name: id, label, type: 'password', rows: undefined, value: undefined, hint, error, autocomplete, spellcheck: false };
}

/** The summary of a form's errors, in the order of its fields, or undefined when there are none. */
export function summaryOf(t: Translate, fields: readonly TextFieldLocals[]): ErrorSummaryLocals | undefined {
  const errors = fields.flatMap((field) => (field.error ? [{ fieldId: field.id, text: field.error }] : []));
  return errors.length > 0 ? { t, errors } : undefined;
}

export function paragraph(before: string, link?: { text: string; url: string }, after = ''): Paragraph {
  return { before, link, after };
}

/**
 * The CSRF token of a form shown before there is a session: the pre-session cookie is set (or renewed) on this
 * response, and the token is signed for it. Only the forms' own pages do this, so a reader never gets a cookie.
 */
export function anonymousCsrf(req: Request, res: Response, visit: Visit): { name: string; value: string } {
  const preSession = visit.open.formTokens.preSession(readCookie(req.headers.cookie, PRE_SESSION_COOKIE_NAME));
  res.append('Set-Cookie', preSessionCookie(preSession));
  return { name: CSRF_FIELD, value: visit.open.formTokens.tokenFor(preSession) };
}

/** A member's form carries the session's synchronizer token. */
export function memberCsrf(visit: Visit): { name: string; value: string } {
  return { name: CSRF_FIELD, value: visit.session?.csrfToken ?? '' };
}

export interface FormPageInput {
  readonly heading: string;
  readonly intro?: readonly Paragraph[];
  readonly warning?: string;
  readonly notice?: ForumFormPageLocals['notice'];
  readonly form: Omit<ForumFormLocals, 't' | 'privacyUrl' | 'warning' | 'trap'> & { readonly warning?: boolean; readonly trap?: ForumFormLocals['trap'] };
  readonly after?: readonly Paragraph[];
}

/** A form's locals with the privacy page's address, and no red button or honeypot unless asked for. */
export function formLocals(view: ForumView, form: FormPageInput['form']): ForumFormLocals {
  return { ...form, t: view.t, warning: form.warning ?? false, trap: form.trap, privacyUrl: view.at.paths.privacy };
}

/** The locals of a one-form page, its error summary made from its fields' errors. */
export function formPage(visit: Visit, input: FormPageInput): ForumFormPageLocals {
  return {
    t: visit.t,
    bar: barFor(visit),
    heading: input.heading,
    notice: input.notice,
    errorSummary: summaryOf(visit.t, input.form.fields),
    intro: input.intro ?? [],
    warning: input.warning,
    form: formLocals(visit, input.form),
    after: input.after ?? [],
  };
}

/** A description for forum pages that have nothing more particular to say. */
export function forumDescription(t: Translate, what: string): string {
  return t('forum.page_description', { what });
}

/** "Go back to the forum.", in the visit's language, linking its forum's front page. */
export function backToForum(view: ForumView): Paragraph {
  const { t, at } = view;
  return paragraph(t('forum.form.go_back_to'), { text: t('forum.form.forum_link'), url: at.paths.home }, t('forum.form.full_stop'));
}
