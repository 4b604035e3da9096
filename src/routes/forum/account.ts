// GET /forum/account and /forum/account/deleted: a member's own account, and the page after deleting it.
import type { Request, Response } from 'express';
import { isoDay } from '../../lib/calendar-day.js';
import { formatDate } from '../../render/format.js';
import type { Translate } from '../../render/interface-text.js';
import type { NoticeLocals } from '../../render/partial-locals.js';
import type { ForumAccountLocals } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { backToForum, barFor, forumChrome, forumDescription, paragraph, sendPage } from './forum-views.js';
import type { Visit } from './visit.js';

/** Confirmations after a redirect, chosen by a fixed word in the query: the address carries nothing personal. */
function noticeFor(t: Translate, req: Request, username: string): NoticeLocals | undefined {
  if (req.query['welcome'] === '1') return { title: t('forum.account.welcome_title', { name: username }), text: t('forum.account.welcome_text') };
  if (req.query['password'] === 'changed') return { title: t('forum.account.password_changed_title'), text: t('forum.account.password_changed_text') };
  return undefined;
}

/** A page only for a member: anyone else is sent to log in first (in the same language), and comes back here afterwards. */
export function loginFirst(res: Response, visit: Visit, path: string): void {
  res.redirect(303, `${visit.at.paths.login}?next=${encodeURIComponent(path)}`);
}

export async function showAccount(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const { session, t, at } = visit;
  if (!session) return loginFirst(res, visit, at.paths.account);
  const bar = barFor(visit);
  if (!bar.signedIn) return loginFirst(res, visit, at.paths.account);
  const since = new Date(session.member.createdAt);
  const locals: ForumAccountLocals = {
    t,
    bar,
    notice: noticeFor(t, req, session.member.username),
    username: session.member.username,
    role: t(`forum.role.${session.member.role}`),
    memberSince: { iso: isoDay(since), text: formatDate(since, at.language.code) },
    changePasswordUrl: at.paths.changePassword,
    deleteAccountUrl: at.paths.deleteAccount,
    privacyUrl: at.paths.privacy,
  };
  const title = t('forum.account.title');
  const chrome = forumChrome(visit, { title, description: forumDescription(t, title), url: at.paths.account, indexed: false });
  sendPage(deps, res, 200, 'pages/forum-account', locals, chrome);
  return Promise.resolve();
}

export async function showAccountDeleted(deps: ForumDeps, _req: Request, res: Response, visit: Visit): Promise<void> {
  const { t, at } = visit;
  const title = t('forum.account.deleted_title');
  const chrome = forumChrome(visit, { title, description: forumDescription(t, title), url: at.paths.accountDeleted, indexed: false });
  const paragraphs = [paragraph(t('forum.account.deleted_text')), paragraph(t('forum.account.deleted_posts')), backToForum(visit)];
  sendPage(deps, res, 200, 'pages/forum-message', { bar: barFor(visit), heading: t('forum.account.deleted_heading'), paragraphs }, chrome);
  return Promise.resolve();
}
