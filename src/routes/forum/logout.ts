// GET and POST /forum/logout: a button to log out (a GET must never end a session), then the confirmation that it did.
import type { Request, Response } from 'express';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_PATHS } from './forum-paths.js';
import { barFor, forumChrome, forumDescription, formPage, memberCsrf, paragraph, sendPage } from './forum-views.js';
import { signOut } from './sign-in.js';
import type { Visit } from './visit.js';

export async function showLogout(deps: ForumDeps, _req: Request, res: Response, visit: Visit): Promise<void> {
  const chrome = forumChrome(visit.edition, { title: 'Log out', description: forumDescription('Log out'), url: FORUM_PATHS.logout, indexed: false });
  if (!visit.session) {
    const paragraphs = [
      paragraph('You are not logged in to the forum. A session you logged out of has ended on the server as well, so it cannot be used again.'),
      paragraph('Go back to the ', { text: 'forum', url: FORUM_PATHS.home }, '.'),
    ];
    return sendPage(deps, res, 200, 'pages/forum-message', { bar: barFor(visit), heading: 'You are logged out', paragraphs }, chrome);
  }
  const locals = formPage(visit, {
    heading: 'Log out',
    intro: [paragraph(`You are logged in as ${visit.session.member.username}. Logging out ends your session on this computer and on the server.`)],
    form: { action: FORUM_PATHS.logout, hidden: [memberCsrf(visit)], fields: [], submit: 'Log out' },
  });
  sendPage(deps, res, 200, 'pages/forum-form', locals, chrome);
  return Promise.resolve();
}

export async function submitLogout(_deps: ForumDeps, _req: Request, res: Response, visit: Visit): Promise<void> {
  await signOut(res, visit);
  res.redirect(303, FORUM_PATHS.logout);
}
