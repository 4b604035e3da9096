// The parts every forum page is built from: the layout's locals under Home › Forum, the account bar, fields and forms.
import type { Request, Response } from 'express';
import { SITE_NAME } from '../../content/site-identity.js';
import { PRE_SESSION_COOKIE_NAME, preSessionCookie } from '../../forum/form-tokens.js';
import { sendCompressed } from '../../http/send-compressed.js';
import { readCookie } from '../../lib/cookies.js';
import type { Edition } from '../../publish/edition.js';
import { chromeLocals } from '../../render/page-locals.js';
import type { Breadcrumb, ErrorSummaryLocals, ForumBarLocals, ForumFormLocals, Paragraph, TextFieldLocals } from '../../render/partial-locals.js';
import { structuredData } from '../../render/structured-data.js';
import type { ChromeLocals, ContentTemplate, ForumFormPageLocals, TemplateLocals } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_PATHS, FORUM_URLS } from './forum-paths.js';
import { CSRF_FIELD, type Visit } from './visit.js';

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
}

/**
 * The feeds a forum page offers for autodiscovery: the forum's own on /forum, and on a category's page (whoever renders
 * it) that category's feed before the whole forum's.
 */
export function forumFeedsOf(edition: Edition, url: string): { title: string; url: string }[] {
  const forumFeed = { title: `Forum – ${SITE_NAME}`, url: FORUM_URLS.feed };
  if (url === FORUM_PATHS.home) return [forumFeed];
  const slug = /^\/forum\/c\/([a-z0-9-]+)$/.exec(url)?.[1];
  const category = slug === undefined ? undefined : edition.site.forum?.categories.find((each) => each.slug === slug);
  return category ? [{ title: `${category.title} – Forum – ${SITE_NAME}`, url: FORUM_URLS.categoryFeed(category.slug) }, forumFeed] : [];
}

/** The layout's locals for a forum page: Home › Forum › … › the page, with JSON-LD of the same trail. */
export function forumChrome(edition: Edition, meta: ForumPageMeta): ChromeLocals {
  const forum: Breadcrumb = { title: 'Forum', url: meta.url === FORUM_PATHS.home ? undefined : FORUM_PATHS.home };
  const breadcrumbs: Breadcrumb[] = [{ title: 'Home', url: '/' }, forum, ...(meta.trail ?? [])];
  if (meta.url !== FORUM_PATHS.home) breadcrumbs.push({ title: meta.title, url: undefined });
  // "Log in – Forum – UN in Kyrgyzstan": the tab names the forum, so that a forum tab can be told from the site's own pages.
  const title = `${meta.errors ? 'Error: ' : ''}${meta.title}${meta.url === FORUM_PATHS.home ? '' : ' – Forum'}`;
  const jsonLd = structuredData(edition.context.siteUrl, { title: meta.title, description: meta.description, updated: new Date(), url: meta.url }, breadcrumbs);
  return chromeLocals(edition.context, {
    title,
    description: meta.description,
    url: meta.url,
    breadcrumbs,
    ...(meta.indexed ? {} : { robots: 'noindex' }),
    jsonLd,
    feeds: forumFeedsOf(edition, meta.url),
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
  edition: Edition,
  page: { readonly title: string; readonly url: string; readonly trail?: readonly Breadcrumb[] },
  locals: ForumFormPageLocals,
): void {
  const failed = locals.errorSummary !== undefined;
  const chrome = forumChrome(edition, { ...page, description: forumDescription(page.title), indexed: false, errors: failed });
  sendPage(deps, res, failed ? 422 : 200, 'pages/forum-form', locals, chrome);
}

/** The account bar of the visit; without one (the database cannot be read), the links to log in and register. */
export function barFor(visit: Visit | undefined): ForumBarLocals {
  if (!visit?.session) return { signedIn: false, loginUrl: FORUM_PATHS.login, registerUrl: FORUM_PATHS.register };
  const { waiting } = visit;
  return {
    signedIn: true,
    username: visit.session.member.username,
    accountUrl: FORUM_PATHS.account,
    logoutUrl: FORUM_PATHS.logout,
    csrfToken: visit.session.csrfToken,
    moderation: waiting === undefined ? undefined : { url: FORUM_URLS.moderationQueue, waiting: `${waiting} waiting` },
  };
}

type FieldOptions = Partial<Pick<TextFieldLocals, 'value' | 'hint' | 'error'>> & Pick<TextFieldLocals, 'autocomplete'>;

/**
 * A text or email field, showing back what was typed. No maxlength: a browser would cut a longer text short without
 * a word, where the server says what the limit is (GOV.UK's advice).
 */
export function textField(id: string, label: string, type: 'text' | 'email', options: FieldOptions): TextFieldLocals {
  const { value, hint, error, autocomplete } = options;
  return { id, name: id, label, type, rows: undefined, value, hint, error, autocomplete, spellcheck: false };
}

/** A box for a post's text (or a report's reason), showing back what was typed; the spellchecker helps here. */
export function textArea(id: string, label: string, rows: number, options: Omit<FieldOptions, 'autocomplete'>): TextFieldLocals {
  const { value, hint, error } = options;
  return { id, name: id, label, type: 'textarea', rows, value, hint, error, autocomplete: 'off', spellcheck: true };
}

/** A password field: whatever was typed is never sent back. */
export function passwordField(id: string, label: string, options: Omit<FieldOptions, 'value'>): TextFieldLocals {
  const { hint, error, autocomplete } = options;
  return { id, name: id, label, type: 'password', rows: undefined, value: undefined, hint, error, autocomplete, spellcheck: false };
}

/** The summary of a form's errors, in the order of its fields, or undefined when there are none. */
export function summaryOf(fields: readonly TextFieldLocals[]): ErrorSummaryLocals | undefined {
  const errors = fields.flatMap((field) => (field.error ? [{ fieldId: field.id, text: field.error }] : []));
  return errors.length > 0 ? { errors } : undefined;
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
  readonly form: Omit<ForumFormLocals, 'privacyUrl' | 'warning' | 'trap'> & { readonly warning?: boolean; readonly trap?: ForumFormLocals['trap'] };
  readonly after?: readonly Paragraph[];
}

/** A form's locals with the privacy page's address, and no red button or honeypot unless asked for. */
export function formLocals(form: FormPageInput['form']): ForumFormLocals {
  return { ...form, warning: form.warning ?? false, trap: form.trap, privacyUrl: FORUM_PATHS.privacy };
}

/** The locals of a one-form page, its error summary made from its fields' errors. */
export function formPage(visit: Visit, input: FormPageInput): ForumFormPageLocals {
  return {
    bar: barFor(visit),
    heading: input.heading,
    notice: input.notice,
    errorSummary: summaryOf(input.form.fields),
    intro: input.intro ?? [],
    warning: input.warning,
    form: formLocals(input.form),
    after: input.after ?? [],
  };
}

/** A description for forum pages that have nothing more particular to say. */
export function forumDescription(what: string): string {
  return `${what} on the forum of the ${SITE_NAME} website.`;
}
