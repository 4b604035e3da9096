// GET and POST /forum/register: a new member with a username and a password (an email address is optional).
import type { Request, Response } from 'express';
import { MIN_PASSWORD_LENGTH } from '../../forum/password-policy.js';
import { checkUsername, USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from '../../forum/usernames.js';
import type { Translate } from '../../render/interface-text.js';
import type { TextFieldLocals } from '../../render/partial-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { message, passwordMessage, problemMessages, throttledError, usernameMessage } from './form-messages.js';
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

function registerFields(t: Translate, typed: Typed, errors: Errors): TextFieldLocals[] {
  const usernameHint = t('forum.fields.username_hint', { min: USERNAME_MIN_LENGTH, max: USERNAME_MAX_LENGTH });
  return [
    textField(t, 'username', t('forum.fields.username'), 'text', {
      value: typed.username,
      hint: usernameHint,
      error: errors.username,
      autocomplete: 'username',
    }),
    textField(t, 'email', t('forum.fields.email'), 'email', {
      value: typed.email,
      hint: t('forum.fields.email_hint'),
      error: errors.email,
      autocomplete: 'email',
    }),
    passwordField(t, 'password', t('forum.fields.password'), {
      hint: t('forum.fields.password_hint', { min: MIN_PASSWORD_LENGTH }),
      error: errors.password,
      autocomplete: 'new-password',
    }),
    passwordField(t, 'password-confirm', t('forum.fields.password_again'), { error: errors.confirm, autocomplete: 'new-password' }),
  ];
}

function renderRegister(deps: ForumDeps, req: Request, res: Response, visit: Visit, typed: Typed, errors: Errors): void {
  const { t, at } = visit;
  const fields = registerFields(t, typed, errors);
  const locals = formPage(visit, {
    heading: t('forum.register.title'),
    intro: [paragraph(t('forum.register.intro'))],
    form: { action: at.paths.register, hidden: [anonymousCsrf(req, res, visit)], fields, submit: t('forum.register.submit') },
    after: [paragraph(t('forum.register.have_account'), { text: t('forum.register.log_in'), url: at.paths.login }, t('forum.form.full_stop'))],
  });
  sendFormPage(deps, res, visit, { title: t('forum.register.title'), url: at.paths.register }, locals);
}

export async function showRegister(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  if (visit.session) return res.redirect(303, visit.at.paths.account);
  renderRegister(deps, req, res, visit, { username: '', email: '' }, {});
  return Promise.resolve();
}

/** Every fault the page can tell at once, all together, before asking Accounts (which checks again, and counts the limit). */
async function firstCheck(visit: Visit, typed: Typed, password: string, confirm: string): Promise<Errors> {
  const usernameProblem = typed.username === '' ? undefined : checkUsername(typed.username);
  const taken = typed.username !== '' && !usernameProblem && (await visit.open.forum.accounts.findByUsername(typed.username)) !== undefined;
  const { t } = visit;
  const username =
    typed.username === ''
      ? message(t, 'username_missing')
      : usernameProblem
        ? usernameMessage(t, usernameProblem)
        : taken
          ? message(t, 'username_taken')
          : undefined;
  const problem = password === '' ? undefined : visit.open.forum.policy.check(password, { username: typed.username });
  return {
    ...(username && { username }),
    ...(password === '' ? { password: message(t, 'password_missing') } : problem ? { password: passwordMessage(t, problem) } : {}),
    ...(password !== '' && confirm !== password && { confirm: message(t, 'passwords_differ') }),
  };
}

export async function submitRegister(deps: ForumDeps, req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const typed: Typed = { username: fields('username').trim(), email: fields('email').trim() };
  const password = fields('password');
  const errors = await firstCheck(visit, typed, password, fields('password-confirm'));
  if (Object.keys(errors).length > 0) return renderRegister(deps, req, res, visit, typed, errors);
  const result = await visit.open.forum.accounts.register({
    ...typed,
    email: typed.email || undefined,
    password,
    client: visit.client,
    language: visit.at.language.code,
  });
  if (result.status === 'throttled') {
    throw throttledError(visit.t, result.retryAfterSeconds, visit.t('forum.register.throttled'));
  }
  if (result.status === 'invalid') return renderRegister(deps, req, res, visit, typed, problemMessages(visit.t, result.problems));
  await signIn(res, visit, result.member.id);
  res.redirect(303, `${visit.at.paths.account}?welcome=1`);
}
