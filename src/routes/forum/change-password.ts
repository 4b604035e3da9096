// GET and POST /forum/account/password: a member changes their password; every other session ends, and theirs is renewed.
import type { Request, Response } from 'express';
import { MIN_PASSWORD_LENGTH } from '../../forum/password-policy.js';
import type { TextFieldLocals } from '../../render/partial-locals.js';
import { loginFirst } from './account.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_PATHS } from './forum-paths.js';
import { MESSAGES, passwordMessage, problemMessages, throttledError } from './form-messages.js';
import { formPage, memberCsrf, passwordField, sendFormPage } from './forum-views.js';
import { signIn } from './sign-in.js';
import type { Fields, Visit } from './visit.js';

interface Errors {
  readonly currentPassword?: string;
  readonly password?: string;
  readonly confirm?: string;
}

const TRAIL = [{ title: 'Your account', url: FORUM_PATHS.account }];

function passwordFields(errors: Errors): TextFieldLocals[] {
  return [
    passwordField('current-password', 'Current password', { error: errors.currentPassword, autocomplete: 'current-password' }),
    passwordField('password', 'New password', {
      hint: `At least ${MIN_PASSWORD_LENGTH} characters. Three or four words that mean something only to you make a good one.`,
      error: errors.password,
      autocomplete: 'new-password',
    }),
    passwordField('password-confirm', 'Type the new password again', { error: errors.confirm, autocomplete: 'new-password' }),
  ];
}

function renderChangePassword(deps: ForumDeps, res: Response, visit: Visit, errors: Errors): void {
  const locals = formPage(visit, {
    heading: 'Change your password',
    form: { action: FORUM_PATHS.changePassword, hidden: [memberCsrf(visit)], fields: passwordFields(errors), submit: 'Change password' },
  });
  sendFormPage(deps, res, visit.edition, { title: 'Change your password', url: FORUM_PATHS.changePassword, trail: TRAIL }, locals);
}

export async function showChangePassword(deps: ForumDeps, _req: Request, res: Response, visit: Visit): Promise<void> {
  if (!visit.session) return loginFirst(res, FORUM_PATHS.changePassword);
  renderChangePassword(deps, res, visit, {});
  return Promise.resolve();
}

export async function submitChangePassword(deps: ForumDeps, _req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const member = visit.session!.member;
  const [current, next, confirm] = [fields('current-password'), fields('password'), fields('password-confirm')];
  const problem = next === '' ? undefined : visit.open.forum.policy.check(next, { username: member.username });
  const errors: Errors = {
    ...(current === '' && { currentPassword: MESSAGES.currentPasswordMissing }),
    ...(next === '' ? { password: MESSAGES.passwordMissing } : problem ? { password: passwordMessage(problem) } : {}),
    ...(next !== '' && confirm !== next && { confirm: MESSAGES.passwordsDiffer }),
  };
  if (Object.keys(errors).length > 0) return renderChangePassword(deps, res, visit, errors);
  // Every session ends, this one too: a new token is then given here, as after a login (OWASP: renew the session
  // when the member's credentials change).
  const result = await visit.open.forum.accounts.changePassword(member.id, { current, next, client: visit.client });
  if (result.status === 'throttled') {
    throw throttledError(result.retryAfterSeconds, 'The current password was typed wrongly too many times, so changing it is paused for a while.');
  }
  if (result.status === 'invalid') return renderChangePassword(deps, res, visit, problemMessages(result.problems));
  await signIn(res, visit, member.id);
  res.redirect(303, `${FORUM_PATHS.account}?password=changed`);
}
