// GET and POST /forum/register: a new member with a username and a password (an email address is optional).
import type { Request, Response } from 'express';
import { MIN_PASSWORD_LENGTH } from '../../forum/password-policy.js';
import { checkUsername, USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from '../../forum/usernames.js';
import type { TextFieldLocals } from '../../render/partial-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_PATHS } from './forum-paths.js';
import { MESSAGES, passwordMessage, problemMessages, throttledError, usernameMessage } from './form-messages.js';
import { anonymousCsrf, formPage, paragraph, passwordField, sendFormPage, textField } from './forum-views.js';
import { signIn } from './sign-in.js';
import type { Fields, Visit } from './visit.js';

interface Typed {
  readonly username: string;
  readonly email: string;
}

interface Errors {
  readonly username?: string;
  readonly email?: string;
  readonly password?: string;
  readonly confirm?: string;
}

function registerFields(typed: Typed, errors: Errors): TextFieldLocals[] {
  const usernameHint =
    `${USERNAME_MIN_LENGTH} to ${USERNAME_MAX_LENGTH} letters (Latin or Cyrillic) and numbers; full stops, hyphens and underscores inside. ` +
    'It is shown with everything you post.';
  return [
    textField('username', 'Username', 'text', { value: typed.username, hint: usernameHint, error: errors.username, autocomplete: 'username' }),
    textField('email', 'Email address (optional)', 'email', {
      value: typed.email,
      hint: 'Never shown to anyone, and the forum sends no email. A moderator may use it to check that a lost account is yours.',
      error: errors.email,
      autocomplete: 'email',
    }),
    passwordField('password', 'Password', {
      hint: `At least ${MIN_PASSWORD_LENGTH} characters. Three or four words that mean something only to you make a good one.`,
      error: errors.password,
      autocomplete: 'new-password',
    }),
    passwordField('password-confirm', 'Type the password again', { error: errors.confirm, autocomplete: 'new-password' }),
  ];
}

function renderRegister(deps: ForumDeps, req: Request, res: Response, visit: Visit, typed: Typed, errors: Errors): void {
  const fields = registerFields(typed, errors);
  const locals = formPage(visit, {
    heading: 'Create an account',
    intro: [paragraph('You need an account to start topics and reply. Reading the forum needs none.')],
    form: { action: FORUM_PATHS.register, hidden: [anonymousCsrf(req, res, visit)], fields, submit: 'Create account' },
    after: [paragraph('Already have an account? ', { text: 'Log in', url: FORUM_PATHS.login }, '.')],
  });
  sendFormPage(deps, res, visit.edition, { title: 'Create an account', url: FORUM_PATHS.register }, locals);
}

export async function showRegister(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  if (visit.session) return res.redirect(303, FORUM_PATHS.account);
  renderRegister(deps, req, res, visit, { username: '', email: '' }, {});
  return Promise.resolve();
}

/** Every fault the page can tell at once, all together, before asking Accounts (which checks again, and counts the limit). */
async function firstCheck(visit: Visit, typed: Typed, password: string, confirm: string): Promise<Errors> {
  const usernameProblem = typed.username === '' ? undefined : checkUsername(typed.username);
  const taken = typed.username !== '' && !usernameProblem && (await visit.open.forum.accounts.findByUsername(typed.username)) !== undefined;
  const username =
    typed.username === '' ? MESSAGES.usernameMissing : usernameProblem ? usernameMessage(usernameProblem) : taken ? MESSAGES.usernameTaken : undefined;
  const problem = password === '' ? undefined : visit.open.forum.policy.check(password, { username: typed.username });
  return {
    ...(username && { username }),
    ...(password === '' ? { password: MESSAGES.passwordMissing } : problem ? { password: passwordMessage(problem) } : {}),
    ...(password !== '' && confirm !== password && { confirm: MESSAGES.passwordsDiffer }),
  };
}

export async function submitRegister(deps: ForumDeps, req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const typed: Typed = { username: fields('username').trim(), email: fields('email').trim() };
  const password = fields('password');
  const errors = await firstCheck(visit, typed, password, fields('password-confirm'));
  if (Object.keys(errors).length > 0) return renderRegister(deps, req, res, visit, typed, errors);
  const result = await visit.open.forum.accounts.register({ ...typed, email: typed.email || undefined, password, client: visit.client });
  if (result.status === 'throttled') {
    throw throttledError(result.retryAfterSeconds, 'Too many accounts have been created from your network in a short time.');
  }
  if (result.status === 'invalid') return renderRegister(deps, req, res, visit, typed, problemMessages(result.problems));
  await signIn(res, visit, result.member.id);
  res.redirect(303, `${FORUM_PATHS.account}?welcome=1`);
}
