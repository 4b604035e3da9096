// GET and POST /forum/account/password: a member changes their password; every other session ends, and theirs is renewed.
import type { Request, Response } from 'express';
import { MIN_PASSWORD_LENGTH } from '../../forum/password-policy.js';
import type { Translate } from '../../render/interface-text.js';
import type { TextFieldLocals } from '../../render/partial-locals.js';
import { loginFirst } from './account.js';
import type { ForumDeps } from './forum-deps.js';
import { message, passwordMessage, problemMessages, throttledError } from './form-messages.js';
import { formPage, memberCsrf, passwordField, sendFormPage } from './forum-views.js';
import { signIn } from './sign-in.js';
import type { Fields, Visit } from './visit.js';

interface Errors {
  readonly currentPassword?: string;
  readonly password?: string;
  readonly confirm?: string;
}

function passwordFields(t: Translate, errors: Errors): TextFieldLocals[] {
  return [
    passwordField(t, 'current-password', t('forum.fields.current_password'), { error: errors.currentPassword, autocomplete: 'current-password' }),
    passwordField(t, 'password', t('forum.fields.new_password'), {
      hint: t('forum.fields.password_hint', { min: MIN_PASSWORD_LENGTH }),
      error: errors.password,
      autocomplete: 'new-password',
    }),
    passwordField(t, 'password-confirm', t('forum.fields.new_password_again'), { error: errors.confirm, autocomplete: 'new-password' }),
  ];
}

function renderChangePassword(deps: ForumDeps, res: Response, visit: Visit, errors: Errors): void {
  const { t, at } = visit;
  const title = t('forum.change_password.title');
  const locals = formPage(visit, {
    heading: title,
    form: { action: at.paths.changePassword, hidden: [memberCsrf(visit)], fields: passwordFields(t, errors), submit: t('forum.change_password.submit') },
  });
  const trail = [{ title: t('forum.account.title'), url: at.paths.account }];
  sendFormPage(deps, res, visit, { title, url: at.paths.changePassword, trail }, locals);
}

export async function showChangePassword(deps: ForumDeps, _req: Request, res: Response, visit: Visit): Promise<void> {
  if (!visit.session) return loginFirst(res, visit, visit.at.paths.changePassword);
  renderChangePassword(deps, res, visit, {});
  return Promise.resolve();
}

export async function submitChangePassword(deps: ForumDeps, _req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const member = visit.session!.member;
  const [current, next, confirm] = [fields('current-password'), fields('password'), fields('password-confirm')];
  const problem = next === '' ? undefined : visit.open.forum.policy.check(next, { username: member.username });
  const { t } = visit;
  const errors: Errors = {
    ...(current === '' && { currentPassword: message(t, 'current_password_missing') }),
    ...(next === '' ? { password: message(t, 'password_missing') } : problem ? { password: passwordMessage(t, problem) } : {}),
    ...(next !== '' && confirm !== next && { confirm: message(t, 'passwords_differ') }),
  };
  if (Object.keys(errors).length > 0) return renderChangePassword(deps, res, visit, errors);
  // Every session ends, this one too: a new token is then given here, as after a login (OWASP: renew the session
  // when the member's credentials change).
  const result = await visit.open.forum.accounts.changePassword(member.id, { current, next, client: visit.client });
  if (result.status === 'throttled') {
    throw throttledError(t, result.retryAfterSeconds, t('forum.change_password.throttled'));
  }
  if (result.status === 'invalid') return renderChangePassword(deps, res, visit, problemMessages(t, result.problems));
  await signIn(res, visit, member.id);
  res.redirect(303, `${visit.at.paths.account}?password=changed`);
}
