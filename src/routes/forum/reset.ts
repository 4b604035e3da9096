// GET and POST /forum/reset?token=…: choosing a new password through a one-time link a moderator issued.
import type { Request, Response } from 'express';
import { MIN_PASSWORD_LENGTH } from '../../forum/password-policy.js';
import { RESET_LIFETIME_MS } from '../../forum/password-resets.js';
import type { TextFieldLocals } from '../../render/partial-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { forumOfCode } from './forum-paths.js';
import { message, passwordMessage } from './form-messages.js';
import { anonymousCsrf, barFor, formPage, forumChrome, forumDescription, paragraph, passwordField, sendFormPage, sendPage } from './forum-views.js';
import type { Fields, Visit } from './visit.js';

/**
 * The link's address, for the command line and the moderators' page: the token is in the query, which logs leave out.
 * It leads to the reset page of the forum in the member's language (their registration's), whoever issues it.
 */
export function resetLink(siteUrl: string, token: string, languageCode: string): string {
  return `${siteUrl}${forumOfCode(languageCode).paths.reset}?token=${token}`;
}

interface Errors {
  readonly password?: string;
  readonly confirm?: string;
}

/**
 * The token is in this page's address: no-referrer keeps browsers from sending that address to anything the page
 * loads or links to, even on this site (src/http/security-headers.ts sets strict-origin-when-cross-origin elsewhere).
 */
function keepAddressPrivate(res: Response): void {
  res.setHeader('Referrer-Policy', 'no-referrer');
}

function chromeOf(visit: Visit) {
  const title = visit.t('forum.reset.title');
  return forumChrome(visit, { title, description: forumDescription(visit.t, title), url: visit.at.paths.reset, indexed: false });
}

/** A link that was never issued, is used or has expired: 410 Gone, and what to do instead. */
function linkGone(deps: ForumDeps, res: Response, visit: Visit): void {
  const { t, at } = visit;
  const paragraphs = [
    paragraph(t('forum.reset.gone_text', { hours: RESET_LIFETIME_MS / 3_600_000 })),
    paragraph(t('forum.reset.gone_ask'), { text: t('forum.reset.gone_log_in'), url: at.paths.login }, t('forum.reset.gone_after')),
  ];
  sendPage(deps, res, 410, 'pages/forum-message', { bar: barFor(visit), heading: t('forum.reset.gone_heading'), paragraphs }, chromeOf(visit));
}

function renderReset(deps: ForumDeps, req: Request, res: Response, visit: Visit, state: { token: string; username: string; errors: Errors }): void {
  const { t, at } = visit;
  const fields: TextFieldLocals[] = [
    passwordField(t, 'password', t('forum.fields.new_password'), {
      hint: t('forum.fields.password_hint', { min: MIN_PASSWORD_LENGTH }),
      error: state.errors.password,
      autocomplete: 'new-password',
    }),
    passwordField(t, 'password-confirm', t('forum.fields.new_password_again'), { error: state.errors.confirm, autocomplete: 'new-password' }),
  ];
  const title = t('forum.reset.title');
  const locals = formPage(visit, {
    heading: title,
    intro: [paragraph(t('forum.reset.intro', { name: state.username }))],
    form: {
      action: at.paths.reset,
      hidden: [anonymousCsrf(req, res, visit), { name: 'token', value: state.token }],
      fields,
      submit: t('forum.reset.submit'),
    },
  });
  sendFormPage(deps, res, visit, { title, url: at.paths.reset }, locals);
}

export async function showReset(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  keepAddressPrivate(res);
  const token = typeof req.query['token'] === 'string' ? req.query['token'] : '';
  const valid = await visit.open.forum.resets.check(token);
  if (!valid) return linkGone(deps, res, visit);
  renderReset(deps, req, res, visit, { token, username: valid.username, errors: {} });
}

export async function submitReset(deps: ForumDeps, req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  keepAddressPrivate(res);
  const [token, password, confirm] = [fields('token'), fields('password'), fields('password-confirm')];
  const valid = await visit.open.forum.resets.check(token);
  if (!valid) return linkGone(deps, res, visit);
  const { t } = visit;
  const errors: Errors = {
    ...(password === '' && { password: message(t, 'password_missing') }),
    ...(password !== '' && confirm !== password && { confirm: message(t, 'passwords_differ') }),
  };
  if (Object.keys(errors).length > 0) return renderReset(deps, req, res, visit, { token, username: valid.username, errors });
  const result = await visit.open.forum.resets.redeem(token, password);
  if (result.status === 'expired') return linkGone(deps, res, visit);
  if (result.status === 'invalid') {
    return renderReset(deps, req, res, visit, { token, username: valid.username, errors: { password: passwordMessage(t, result.problem) } });
  }
  res.redirect(303, `${visit.at.paths.login}?reset=done`);
}
