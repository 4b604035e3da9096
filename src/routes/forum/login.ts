// GET and POST /forum/login: a member logs in with username and password; failures are slowed, then locked (429).
import type { Request, Response } from 'express';
import { formatDate } from '../../render/format.js';
import type { NoticeLocals, TextFieldLocals } from '../../render/partial-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_PATHS, safeNext } from './forum-paths.js';
import { MESSAGES, throttledError } from './form-messages.js';
import { anonymousCsrf, formPage, paragraph, passwordField, sendFormPage, textField } from './forum-views.js';
import { signIn } from './sign-in.js';
import type { Fields, Visit } from './visit.js';

interface Errors {
  readonly username?: string;
  readonly password?: string;
}

function loginFields(username: string, errors: Errors): TextFieldLocals[] {
  return [
    textField('username', 'Username', 'text', { value: username, error: errors.username, autocomplete: 'username' }),
    passwordField('password', 'Password', { error: errors.password, autocomplete: 'current-password' }),
  ];
}

const RESET_NOTICE: NoticeLocals = { title: 'Your password has been changed', text: 'Log in with your new password.' };

function renderLogin(deps: ForumDeps, req: Request, res: Response, visit: Visit, state: { username: string; next: string; errors: Errors }): void {
  const fields = loginFields(state.username, state.errors);
  const member = visit.session?.member.username;
  const locals = formPage(visit, {
    heading: 'Log in',
    intro: member ? [paragraph(`You are logged in as ${member}. Logging in as another member ends that session.`)] : [],
    notice: req.method === 'GET' && req.query['reset'] === 'done' ? RESET_NOTICE : undefined,
    form: {
      action: FORUM_PATHS.login,
      hidden: [anonymousCsrf(req, res, visit), { name: 'next', value: state.next }],
      fields,
      submit: 'Log in',
    },
    after: [
      paragraph('No account yet? ', { text: 'Create an account', url: FORUM_PATHS.register }, '.'),
      paragraph('Forgotten your password? The forum sends no email, so ask a moderator for a link to choose a new one.'),
    ],
  });
  sendFormPage(deps, res, visit.edition, { title: 'Log in', url: FORUM_PATHS.login }, locals);
}

/** Shown to a member too: logging in as someone else ends the session they have (and gives a new one). */
export async function showLogin(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const next = safeNext(typeof req.query['next'] === 'string' ? req.query['next'] : '');
  renderLogin(deps, req, res, visit, { username: '', next, errors: {} });
  return Promise.resolve();
}

export async function submitLogin(deps: ForumDeps, req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const username = fields('username').trim();
  const password = fields('password');
  const next = safeNext(fields('next'));
  const errors: Errors = {
    ...(username === '' && { username: MESSAGES.yourUsernameMissing }),
    ...(password === '' && { password: MESSAGES.yourPasswordMissing }),
  };
  if (Object.keys(errors).length > 0) return renderLogin(deps, req, res, visit, { username, next, errors });
  const result = await visit.open.forum.accounts.login({ username, password, client: visit.client });
  switch (result.status) {
    case 'throttled':
      throw throttledError(
        result.retryAfterSeconds,
        'There have been too many failed attempts to log in to this account, or from your network, so logging in is paused for a while.',
        'If you have forgotten your password, a moderator can give you a link to choose a new one.',
      );
    case 'invalid':
      return renderLogin(deps, req, res, visit, { username, next, errors: { password: MESSAGES.loginWrong } });
    case 'suspended':
      return renderLogin(deps, req, res, visit, {
        username,
        next,
        errors: { username: `This account is suspended until ${formatDate(new Date(result.until))}` },
      });
    case 'ok':
      await signIn(res, visit, result.member.id);
      res.redirect(303, next);
  }
}
