// GET /forum/account and /forum/account/deleted: a member's own account, and the page after deleting it.
import type { Request, Response } from 'express';
import { isoDay } from '../../lib/calendar-day.js';
import { formatDate } from '../../render/format.js';
import type { NoticeLocals } from '../../render/partial-locals.js';
import type { ForumAccountLocals } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_PATHS } from './forum-paths.js';
import { barFor, forumChrome, forumDescription, paragraph, sendPage } from './forum-views.js';
import type { Visit } from './visit.js';

/** A role as people read it. */
export const ROLE_NAMES = { member: 'Member', moderator: 'Moderator', administrator: 'Administrator' } as const;

/** Confirmations after a redirect, chosen by a fixed word in the query: the address carries nothing personal. */
function noticeFor(req: Request, username: string): NoticeLocals | undefined {
  if (req.query['welcome'] === '1') return { title: `Welcome to the forum, ${username}`, text: 'Your account has been created and you are logged in.' };
  if (req.query['password'] === 'changed') return { title: 'Your password has been changed', text: 'You have been logged out everywhere else.' };
  return undefined;
}

/** A page only for a member: anyone else is sent to log in first, and comes back here afterwards. */
export function loginFirst(res: Response, path: string): void {
  res.redirect(303, `${FORUM_PATHS.login}?next=${encodeURIComponent(path)}`);
}

export async function showAccount(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const { session } = visit;
  if (!session) return loginFirst(res, FORUM_PATHS.account);
  const bar = barFor(visit);
  if (!bar.signedIn) return loginFirst(res, FORUM_PATHS.account);
  const since = new Date(session.member.createdAt);
  const locals: ForumAccountLocals = {
    bar,
    notice: noticeFor(req, session.member.username),
    username: session.member.username,
    role: ROLE_NAMES[session.member.role],
    memberSince: { iso: isoDay(since), text: formatDate(since) },
    changePasswordUrl: FORUM_PATHS.changePassword,
    deleteAccountUrl: FORUM_PATHS.deleteAccount,
    privacyUrl: FORUM_PATHS.privacy,
  };
  const chrome = forumChrome(visit.edition, { title: 'Your account', description: forumDescription('Your account'), url: FORUM_PATHS.account, indexed: false });
  sendPage(deps, res, 200, 'pages/forum-account', locals, chrome);
  return Promise.resolve();
}

export async function showAccountDeleted(deps: ForumDeps, _req: Request, res: Response, visit: Visit): Promise<void> {
  const chrome = forumChrome(visit.edition, {
    title: 'Account deleted',
    description: forumDescription('Account deleted'),
    url: FORUM_PATHS.accountDeleted,
    indexed: false,
  });
  const paragraphs = [
    paragraph('Your account has been deleted. Your username, email address, password and sessions are gone, and the username is free for anyone to take.'),
    paragraph('Your posts stay on the forum, shown as written by “deleted member”, because other members’ replies quote and answer them.'),
    paragraph('Go back to the ', { text: 'forum', url: FORUM_PATHS.home }, '.'),
  ];
  sendPage(deps, res, 200, 'pages/forum-message', { bar: barFor(visit), heading: 'Your account has been deleted', paragraphs }, chrome);
  return Promise.resolve();
}
