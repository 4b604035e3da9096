// /forum, /ru/forum and their own pages, as a table of routes: one line per address and method, each handler in its own module.
import { Router } from 'express';
import type { AppRoute } from '../app-route.js';
import { showAccount, showAccountDeleted } from './account.js';
import { showCategory } from './category.js';
import { showChangePassword, submitChangePassword } from './change-password.js';
import { showDeleteAccount, submitDeleteAccount } from './delete-account.js';
import { showEditPost, submitEditPost } from './edit-post.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_URLS, FORUMS, type ForumAddresses } from './forum-paths.js';
import { showCategoryFeed, showForumFeed, showForumSitemap } from './forum-feeds.js';
import { showForumHome } from './home.js';
import { showLogin, submitLogin } from './login.js';
import { addModerationRoutes } from './moderation-routes.js';
import { showLogout, submitLogout } from './logout.js';
import { showNewTopic, submitNewTopic } from './new-topic.js';
import { showPermalink } from './permalink.js';
import { showPrivacy } from './privacy.js';
import { showRegister, submitRegister } from './register.js';
import { showReply, submitReply } from './reply.js';
import { showReportPost, submitReportPost } from './report-post.js';
import { showReset, submitReset } from './reset.js';
import { showTopic } from './topic.js';
import { databaseUnavailable, forumForm, forumPage, methodNotAllowed, type FormHandler, type VisitHandler } from './visit.js';

export type { ForumDeps } from './forum-deps.js';
export { READER_COPY_MS, ReaderPages } from './reader-pages.js';

const READ = 'GET, HEAD';
const READ_AND_SEND = 'GET, HEAD, POST';

/** One language's forum: its pages, forms and feeds, each answered in that language over the same posts. */
function addForum(router: Router, deps: ForumDeps, at: ForumAddresses): void {
  const get = (path: string, handler: VisitHandler): void => void router.get(path, forumPage(deps, handler));
  const post = (path: string, kind: 'member' | 'anonymous', handler: FormHandler, signedOut?: string): void =>
    void router.post(path, ...forumForm(deps, kind, handler, { signedOut }));
  const { paths, patterns } = at;

  router.get(paths.home, (req, res) => showForumHome(deps, req, res));
  router.get(paths.privacy, (req, res) => showPrivacy(deps, req, res));
  get(paths.register, (req, res, visit) => showRegister(deps, req, res, visit));
  post(paths.register, 'anonymous', (req, res, visit, fields) => submitRegister(deps, req, res, visit, fields));
  get(paths.login, (req, res, visit) => showLogin(deps, req, res, visit));
  post(paths.login, 'anonymous', (req, res, visit, fields) => submitLogin(deps, req, res, visit, fields));
  get(paths.logout, (req, res, visit) => showLogout(deps, req, res, visit));
  // A log-out sent after the session has ended needs no login first: the member is already logged out.
  post(paths.logout, 'member', (req, res, visit) => submitLogout(deps, req, res, visit), paths.logout);
  get(paths.account, (req, res, visit) => showAccount(deps, req, res, visit));
  get(paths.changePassword, (req, res, visit) => showChangePassword(deps, req, res, visit));
  post(paths.changePassword, 'member', (req, res, visit, fields) => submitChangePassword(deps, req, res, visit, fields));
  get(paths.deleteAccount, (req, res, visit) => showDeleteAccount(deps, req, res, visit));
  post(paths.deleteAccount, 'member', (req, res, visit, fields) => submitDeleteAccount(deps, req, res, visit, fields));
  get(paths.accountDeleted, (req, res, visit) => showAccountDeleted(deps, req, res, visit));
  get(paths.reset, (req, res, visit) => showReset(deps, req, res, visit));
  post(paths.reset, 'anonymous', (req, res, visit, fields) => submitReset(deps, req, res, visit, fields));

  get(patterns.category, (req, res, visit) => showCategory(deps, req, res, visit));
  get(patterns.topic, (req, res, visit) => showTopic(deps, req, res, visit));
  get(patterns.post, (req, res, visit) => showPermalink(deps, req, res, visit));
  get(patterns.newTopic, (req, res, visit) => showNewTopic(deps, req, res, visit));
  post(patterns.newTopic, 'member', (req, res, visit, fields) => submitNewTopic(deps, req, res, visit, fields));
  get(patterns.reply, (req, res, visit) => showReply(deps, req, res, visit));
  post(patterns.reply, 'member', (req, res, visit, fields) => submitReply(deps, req, res, visit, fields));
  get(patterns.editPost, (req, res, visit) => showEditPost(deps, req, res, visit));
  post(patterns.editPost, 'member', (req, res, visit, fields) => submitEditPost(deps, req, res, visit, fields));
  get(patterns.reportPost, (req, res, visit) => showReportPost(deps, req, res, visit));
  post(patterns.reportPost, 'member', (req, res, visit, fields) => submitReportPost(deps, req, res, visit, fields));
  router.get(at.urls.feed, (req, res) => showForumFeed(deps, req, res));
  router.get(`${patterns.category}/feed.atom`, (req, res) => showCategoryFeed(deps, req, res));

  const readOnly = [
    paths.home,
    paths.privacy,
    paths.account,
    paths.accountDeleted,
    patterns.category,
    patterns.topic,
    patterns.post,
    at.urls.feed,
    `${patterns.category}/feed.atom`,
  ];
  for (const path of readOnly) router.all(path, methodNotAllowed(READ));
  const forms = [paths.register, paths.login, paths.logout, paths.changePassword, paths.deleteAccount, paths.reset];
  for (const path of [...forms, patterns.newTopic, patterns.reply, patterns.editPost, patterns.reportPost]) {
    router.all(path, methodNotAllowed(READ_AND_SEND));
  }
}

function forumRouter(deps: ForumDeps): Router {
  const router = Router({ caseSensitive: true, strict: true });
  // Readers' copies of category and topic pages are forgotten whenever this process takes a form.
  router.use(deps.readerPages.forgetAfterForms());
  for (const at of FORUMS) {
    addForum(router, deps, at);
    addModerationRoutes(router, deps, at);
  }
  router.get(FORUM_URLS.sitemap, (req, res) => showForumSitemap(deps, req, res));
  router.all(FORUM_URLS.sitemap, methodNotAllowed(READ));
  router.use(databaseUnavailable(deps));
  return router;
}

export const forumRoute: AppRoute<ForumDeps> = {
  paths: FORUMS.flatMap((at) => Object.values(at.paths)),
  // Categories, topics and posts live below /forum and /ru/forum too, at addresses made from the database.
  prefixes: FORUMS.map((at) => at.base),
  // The forms and a member's own pages are noindex; these two are for everyone, in every language.
  sitemap: FORUMS.flatMap((at) => [at.paths.home, at.paths.privacy]),
  router: forumRouter,
};
