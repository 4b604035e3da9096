// GET and POST /forum/account/delete: a member deletes their account after typing their password; their posts stay.
import type { Request, Response } from 'express';
import { loginFirst } from './account.js';
import type { ForumDeps } from './forum-deps.js';
import { message, throttledError } from './form-messages.js';
import { formPage, memberCsrf, paragraph, passwordField, sendFormPage } from './forum-views.js';
import { signOut } from './sign-in.js';
import type { Fields, Visit } from './visit.js';

function renderDelete(deps: ForumDeps, res: Response, visit: Visit, error: string | undefined): void {
  const { t, at } = visit;
  const title = t('forum.delete_account.title');
  const locals = formPage(visit, {
    heading: title,
    intro: [paragraph(t('forum.delete_account.intro')), paragraph(t('forum.delete_account.posts')), paragraph(t('forum.delete_account.username_free'))],
    warning: t('forum.delete_account.warning'),
    form: {
      action: at.paths.deleteAccount,
      hidden: [memberCsrf(visit)],
      fields: [passwordField(t, 'password', t('forum.delete_account.password'), { error, autocomplete: 'current-password' })],
      submit: t('forum.delete_account.submit'),
      warning: true,
    },
    after: [
      paragraph(t('forum.delete_account.changed_mind'), { text: t('forum.delete_account.your_account'), url: at.paths.account }, t('forum.form.full_stop')),
    ],
  });
  const trail = [{ title: t('forum.account.title'), url: at.paths.account }];
  sendFormPage(deps, res, visit, { title, url: at.paths.deleteAccount, trail }, locals);
}

export async function showDeleteAccount(deps: ForumDeps, _req: Request, res: Response, visit: Visit): Promise<void> {
  if (!visit.session) return loginFirst(res, visit, visit.at.paths.deleteAccount);
  renderDelete(deps, res, visit, undefined);
  return Promise.resolve();
}

export async function submitDeleteAccount(deps: ForumDeps, _req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const password = fields('password');
  const { t } = visit;
  if (password === '') return renderDelete(deps, res, visit, message(t, 'your_password_missing'));
  const result = await visit.open.forum.accounts.deleteAccount(visit.session!.member.id, { password, client: visit.client });
  switch (result.status) {
    case 'throttled':
      throw throttledError(t, result.retryAfterSeconds, t('forum.delete_account.throttled'));
    case 'invalid':
      return renderDelete(deps, res, visit, message(t, 'password_wrong'));
    case 'last-administrator':
      return renderDelete(deps, res, visit, message(t, 'last_administrator'));
    case 'deleted':
      await signOut(res, visit);
      res.redirect(303, visit.at.paths.accountDeleted);
  }
}
