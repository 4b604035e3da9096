// /forum and its own pages, as a table of routes: one line per address and method, each handler in its own module.
import { Router } from 'express';
import { FORUM_PATH } from '../../content/forum-settings.js';
import type { AppRoute } from '../app-route.js';
import { showAccount, showAccountDeleted } from './account.js';
import { showCategory } from './category.js';
import { showChangePassword, submitChangePassword } from './change-password.js';
import { showDeleteAccount, submitDeleteAccount } from './delete-account.js';
import { showEditPost, submitEditPost } from './edit-post.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_PATHS, FORUM_PATTERNS } from './forum-paths.js';
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

function forumRouter(deps: ForumDeps): Router {
  const router = Router({ caseSensitive: true, strict: true });
  // Readers' copies of category and topic pages are forgotten whenever this process takes a form.
  router.use(deps.readerPages.forgetAfterForms());
  const get = (path: string, handler: VisitHandler): void => void router.get(path, forumPage(deps, handler));
  const post = (path: string, kind: 'member' | 'anonymous', handler: FormHandler, signedOut?: string): void =>
    void router.post(path, ...forumForm(deps, kind, handler, { signedOut }));

  router.get(FORUM_PATHS.home, (req, res) => showForumHome(deps, req, res));
  router.get(FORUM_PATHS.privacy, (req, res) => showPrivacy(deps, req, res));
  get(FORUM_PATHS.register, (req, res, visit) => showRegister(deps, req, res, visit));
  post(FORUM_PATHS.register, 'anonymous', (req, res, visit, fields) => submitRegister(deps, req, res, visit, fields));
  get(FORUM_PATHS.login, (req, res, visit) => showLogin(deps, req, res, visit));
  post(FORUM_PATHS.login, 'anonymous', (req, res, visit, fields) => submitLogin(deps, req, res, visit, fields));
  get(FORUM_PATHS.logout, (req, res, visit) => showLogout(deps, req, res, visit));
  // A log-out sent after the session has ended needs no login first: the member is already logged out.
  post(FORUM_PATHS.logout, 'member', (req, res, visit) => submitLogout(deps, req, res, visit), FORUM_PATHS.logout);
  get(FORUM_PATHS.account, (req, res, visit) => showAccount(deps, req, res, visit));
  get(FORUM_PATHS.changePassword, (req, res, visit) => showChangePassword(deps, req, res, visit));
  post(FORUM_PATHS.changePassword, 'member', (req, res, visit, fields) => submitChangePassword(deps, req, res, visit, fields));
  get(FORUM_PATHS.deleteAccount, (req, res, visit) => showDeleteAccount(deps, req, res, visit));
  post(FORUM_PATHS.deleteAccount, 'member', (req, res, visit, fields) => submitDeleteAccount(deps, req, res, visit, fields));
  get(FORUM_PATHS.accountDeleted, (req, res, visit) => showAccountDeleted(deps, req, res, visit));
  get(FORUM_PATHS.reset, (req, res, visit) => showReset(deps, req, res, visit));
  post(FORUM_PATHS.reset, 'anonymous', (req, res, visit, fields) => submitReset(deps, req, res, visit, fields));

  get(FORUM_PATTERNS.category, (req, res, visit) => showCategory(deps, req, res, visit));
  get(FORUM_PATTERNS.topic, (req, res, visit) => showTopic(deps, req, res, visit));
  get(FORUM_PATTERNS.post, (req, res, visit) => showPermalink(deps, req, res, visit));
  get(FORUM_PATTERNS.newTopic, (req, res, visit) => showNewTopic(deps, req, res, visit));
  post(FORUM_PATTERNS.newTopic, 'member', (req, res, visit, fields) => submitNewTopic(deps, req, res, visit, fields));
  get(FORUM_PATTERNS.reply, (req, res, visit) => showReply(deps, req, res, visit));
  post(FORUM_PATTERNS.reply, 'member', (req, res, visit, fields) => submitReply(deps, req, res, visit, fields));
  get(FORUM_PATTERNS.editPost, (req, res, visit) => showEditPost(deps, req, res, visit));
  post(FORUM_PATTERNS.editPost, 'member', (req, res, visit, fields) => submitEditPost(deps, req, res, visit, fields));
  get(FORUM_PATTERNS.reportPost, (req, res, visit) => showReportPost(deps, req, res, visit));
  post(FORUM_PATTERNS.reportPost, 'member', (req, res, visit, fields) => submitReportPost(deps, req, res, visit, fields));

  addModerationRoutes(router, deps);

  const readOnly = [
    FORUM_PATHS.home,
    FORUM_PATHS.privacy,
    FORUM_PATHS.account,
    FORUM_PATHS.accountDeleted,
    FORUM_PATTERNS.category,
    FORUM_PATTERNS.topic,
    FORUM_PATTERNS.post,
  ];
  for (const path of readOnly) router.all(path, methodNotAllowed(READ));
  const forms = [FORUM_PATHS.register, FORUM_PATHS.login, FORUM_PATHS.logout, FORUM_PATHS.changePassword, FORUM_PATHS.deleteAccount, FORUM_PATHS.reset];
  for (const path of [...forms, FORUM_PATTERNS.newTopic, FORUM_PATTERNS.reply, FORUM_PATTERNS.editPost, FORUM_PATTERNS.reportPost]) {
    router.all(path, methodNotAllowed(READ_AND_SEND));
  }
  router.use(databaseUnavailable);
  return router;
}

export const forumRoute: AppRoute<ForumDeps> = {
  paths: Object.values(FORUM_PATHS),
  // Categories, topics and posts live below /forum too (FORUM_PATTERNS), at addresses made from the database.
  prefixes: [FORUM_PATH],
  // The forms and a member's own pages are noindex; these two are for everyone.
  sitemap: [FORUM_PATHS.home, FORUM_PATHS.privacy],
  router: forumRouter,
};
