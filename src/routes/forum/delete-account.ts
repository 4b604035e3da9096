// GET and POST /forum/account/delete: a member deletes their account after typing their password; their posts stay.
import type { Request, Response } from 'express';
import { loginFirst } from './account.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_PATHS } from './forum-paths.js';
import { MESSAGES, throttledError } from './form-messages.js';
import { formPage, memberCsrf, paragraph, passwordField, sendFormPage } from './forum-views.js';
import { signOut } from './sign-in.js';
import type { Fields, Visit } from './visit.js';

const TRAIL = [{ title: 'Your account', url: FORUM_PATHS.account }];

function renderDelete(deps: ForumDeps, res: Response, visit: Visit, error: string | undefined): void {
  const locals = formPage(visit, {
    heading: 'Delete your account',
    intro: [
      paragraph('Deleting your account removes your username, your email address if you gave one, your password and every session, at once.'),
      paragraph(
        'Your topics and replies stay on the forum, shown as written by “deleted member”. The forum is a public record of the discussions on the UN’s site, ' +
          'and other members’ replies quote and answer them: taking posts out would leave those replies answering nothing.',
      ),
      paragraph('Your username becomes free, and anyone can register it.'),
    ],
    warning: 'This cannot be undone.',
    form: {
      action: FORUM_PATHS.deleteAccount,
      hidden: [memberCsrf(visit)],
      fields: [passwordField('password', 'Your password, to confirm that it is you', { error, autocomplete: 'current-password' })],
      submit: 'Delete my account',
      warning: true,
    },
    after: [paragraph('Changed your mind? Go back to ', { text: 'your account', url: FORUM_PATHS.account }, '.')],
  });
  sendFormPage(deps, res, visit.edition, { title: 'Delete your account', url: FORUM_PATHS.deleteAccount, trail: TRAIL }, locals);
}

export async function showDeleteAccount(deps: ForumDeps, _req: Request, res: Response, visit: Visit): Promise<void> {
  if (!visit.session) return loginFirst(res, FORUM_PATHS.deleteAccount);
  renderDelete(deps, res, visit, undefined);
  return Promise.resolve();
}

export async function submitDeleteAccount(deps: ForumDeps, _req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const password = fields('password');
  if (password === '') return renderDelete(deps, res, visit, MESSAGES.yourPasswordMissing);
  const result = await visit.open.forum.accounts.deleteAccount(visit.session!.member.id, { password, client: visit.client });
  switch (result.status) {
    case 'throttled':
      throw throttledError(result.retryAfterSeconds, 'The password was typed wrongly too many times, so deleting the account is paused for a while.');
    case 'invalid':
      return renderDelete(deps, res, visit, MESSAGES.passwordWrong);
    case 'last-administrator':
      return renderDelete(deps, res, visit, MESSAGES.lastAdministrator);
    case 'deleted':
      await signOut(res, visit);
      res.redirect(303, FORUM_PATHS.accountDeleted);
  }
}
