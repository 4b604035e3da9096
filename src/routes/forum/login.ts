// GET and POST /forum/login: a member logs in with username and password; failures are slowed, then locked (429).
import type { Request, Response } from 'express';
import type { Translate } from '../../render/interface-text.js';
import type { NoticeLocals, TextFieldLocals } from '../../render/partial-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { safeNext } from './forum-paths.js';
import { message, throttledError } from './form-messages.js';
import { moment, readersClock } from './forum-items.js';
import { anonymousCsrf, formPage, paragraph, passwordField, sendFormPage, textField } from './forum-views.js';
import { signIn } from './sign-in.js';
import type { Fields, Visit } from './visit.js';

interface Errors {
  readonly username?: string;
  readonly password?: string;
}

function loginFields(t: Translate, username: string, errors: Errors): TextFieldLocals[] {
  return [
    textField(t, 'username', t('forum.fields.username'), 'text', { value: username, error: errors.username, autocomplete: 'username' }),
    passwordField(t, 'password', t('forum.fields.password'), { error: errors.password, autocomplete: 'current-password' }),
  ];
}

const resetNotice = (t: Translate): NoticeLocals => ({ title: t('forum.login.reset_title'), text: t('forum.login.reset_text') });

function renderLogin(deps: ForumDeps, req: Request, res: Response, visit: Visit, state: { username: string; next: string; errors: Errors }): void {
  const { t, at } = visit;
  const fields = loginFields(t, state.username, state.errors);
  const member = visit.session?.member.username;
  const locals = formPage(visit, {
    heading: t('forum.login.title'),
    intro: member ? [paragraph(t('forum.login.signed_in_as', { name: member }))] : [],
    notice: req.method === 'GET' && req.query['reset'] === 'done' ? resetNotice(t) : undefined,
    form: {
      action: at.paths.login,
      hidden: [anonymousCsrf(req, res, visit), { name: 'next', value: state.next }],
      fields,
      submit: t('forum.login.submit'),
    },
    after: [
      paragraph(t('forum.login.no_account'), { text: t('forum.login.create_account'), url: at.paths.register }, t('forum.form.full_stop')),
      paragraph(t('forum.login.forgotten')),
    ],
  });
  sendFormPage(deps, res, visit, { title: t('forum.login.title'), url: at.paths.login }, locals);
}

/** Shown to a member too: logging in as someone else ends the session they have (and gives a new one). */
export async function showLogin(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const next = safeNext(typeof req.query['next'] === 'string' ? req.query['next'] : '', visit.at);
  renderLogin(deps, req, res, visit, { username: '', next, errors: {} });
  return Promise.resolve();
}

export async function submitLogin(deps: ForumDeps, req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const username = fields('username').trim();
  const password = fields('password');
  const { t } = visit;
  const next = safeNext(fields('next'), visit.at);
  const errors: Errors = {
    ...(username === '' && { username: message(t, 'your_username_missing') }),
    ...(password === '' && { password: message(t, 'your_password_missing') }),
  };
  if (Object.keys(errors).length > 0) return renderLogin(deps, req, res, visit, { username, next, errors });
  const result = await visit.open.forum.accounts.login({ username, password, client: visit.client });
  switch (result.status) {
    case 'throttled':
      throw throttledError(t, result.retryAfterSeconds, t('forum.login.throttled'), t('forum.login.throttled_advice'));
    case 'invalid':
      return renderLogin(deps, req, res, visit, { username, next, errors: { password: message(t, 'login_wrong') } });
    case 'suspended':
      return renderLogin(deps, req, res, visit, {
        username,
        next,
        errors: { username: t('forum.login.suspended', { date: moment(result.until, readersClock(visit)).text }) },
      });
    case 'ok':
      await signIn(res, visit, result.member.id);
      res.redirect(303, next);
  }
}
