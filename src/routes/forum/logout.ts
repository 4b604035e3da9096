// GET and POST /forum/logout: a button to log out (a GET must never end a session), then the confirmation that it did.
import type { Request, Response } from 'express';
import type { ForumDeps } from './forum-deps.js';
import { backToForum, barFor, forumChrome, forumDescription, formPage, memberCsrf, paragraph, sendPage } from './forum-views.js';
import { signOut } from './sign-in.js';
import type { Visit } from './visit.js';

export async function showLogout(deps: ForumDeps, _req: Request, res: Response, visit: Visit): Promise<void> {
  const { t, at } = visit;
  const title = t('forum.logout.title');
  const chrome = forumChrome(visit, { title, description: forumDescription(t, title), url: at.paths.logout, indexed: false });
  if (!visit.session) {
    const paragraphs = [paragraph(t('forum.logout.not_logged_in')), backToForum(visit)];
    return sendPage(deps, res, 200, 'pages/forum-message', { bar: barFor(visit), heading: t('forum.logout.logged_out_title'), paragraphs }, chrome);
  }
  const locals = formPage(visit, {
    heading: title,
    intro: [paragraph(t('forum.logout.intro', { name: visit.session.member.username }))],
    form: { action: at.paths.logout, hidden: [memberCsrf(visit)], fields: [], submit: t('forum.logout.submit') },
  });
  sendPage(deps, res, 200, 'pages/forum-form', locals, chrome);
  return Promise.resolve();
}

export async function submitLogout(_deps: ForumDeps, _req: Request, res: Response, visit: Visit): Promise<void> {
  await signOut(res, visit);
  res.redirect(303, visit.at.paths.logout);
}
