// GET and POST /forum/reset?token=…: choosing a new password through a one-time link a moderator issued.
import type { Request, Response } from 'express';
import { MIN_PASSWORD_LENGTH } from '../../forum/password-policy.js';
import { RESET_LIFETIME_MS } from '../../forum/password-resets.js';
import type { TextFieldLocals } from '../../render/partial-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_PATHS } from './forum-paths.js';
import { MESSAGES, passwordMessage } from './form-messages.js';
import { anonymousCsrf, barFor, formPage, forumChrome, forumDescription, paragraph, passwordField, sendFormPage, sendPage } from './forum-views.js';
import type { Fields, Visit } from './visit.js';

/** The link's address, for the command line and the moderators' page: the token is in the query, which logs leave out. */
export function resetLink(siteUrl: string, token: string): string {
  return `${siteUrl}${FORUM_PATHS.reset}?token=${token}`;
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

const RESET_TITLE = 'Choose a new password';

function chromeOf(visit: Visit) {
  return forumChrome(visit.edition, { title: RESET_TITLE, description: forumDescription(RESET_TITLE), url: FORUM_PATHS.reset, indexed: false });
}

/** A link that was never issued, is used or has expired: 410 Gone, and what to do instead. */
function linkGone(deps: ForumDeps, res: Response, visit: Visit): void {
  const paragraphs = [
    paragraph(`This link to choose a new password has been used already, or has expired. Each link works once, for ${RESET_LIFETIME_MS / 3_600_000} hours.`),
    paragraph('Ask a moderator for a new link, or ', { text: 'log in', url: FORUM_PATHS.login }, ' if you remember your password.'),
  ];
  sendPage(deps, res, 410, 'pages/forum-message', { bar: barFor(visit), heading: 'This link no longer works', paragraphs }, chromeOf(visit));
}

function renderReset(deps: ForumDeps, req: Request, res: Response, visit: Visit, state: { token: string; username: string; errors: Errors }): void {
  const fields: TextFieldLocals[] = [
    passwordField('password', 'New password', {
      hint: `At least ${MIN_PASSWORD_LENGTH} characters. Three or four words that mean something only to you make a good one.`,
      error: state.errors.password,
      autocomplete: 'new-password',
    }),
    passwordField('password-confirm', 'Type the new password again', { error: state.errors.confirm, autocomplete: 'new-password' }),
  ];
  const locals = formPage(visit, {
    heading: 'Choose a new password',
    intro: [paragraph(`This link lets ${state.username} choose a new password. It works once. Every session of the account ends when the password changes.`)],
    form: {
      action: FORUM_PATHS.reset,
      hidden: [anonymousCsrf(req, res, visit), { name: 'token', value: state.token }],
      fields,
      submit: 'Save the new password',
    },
  });
  sendFormPage(deps, res, visit.edition, { title: RESET_TITLE, url: FORUM_PATHS.reset }, locals);
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
  const errors: Errors = {
    ...(password === '' && { password: MESSAGES.passwordMissing }),
    ...(password !== '' && confirm !== password && { confirm: MESSAGES.passwordsDiffer }),
  };
  if (Object.keys(errors).length > 0) return renderReset(deps, req, res, visit, { token, username: valid.username, errors });
  const result = await visit.open.forum.resets.redeem(token, password);
  if (result.status === 'expired') return linkGone(deps, res, visit);
  if (result.status === 'invalid') {
    return renderReset(deps, req, res, visit, { token, username: valid.username, errors: { password: passwordMessage(result.problem) } });
  }
  res.redirect(303, `${FORUM_PATHS.login}?reset=done`);
}
