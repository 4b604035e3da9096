// /forum and its own pages, as a table of routes: one line per address and method, each handler in its own module.
import { Router } from 'express';
import { FORUM_PATH } from '../../content/forum-settings.js';
import type { AppRoute } from '../app-route.js';
import { showAccount, showAccountDeleted } from './account.js';
import { showChangePassword, submitChangePassword } from './change-password.js';
import { showDeleteAccount, submitDeleteAccount } from './delete-account.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_PATHS } from './forum-paths.js';
import { showForumHome } from './home.js';
import { showLogin, submitLogin } from './login.js';
import { addModerationRoutes } from './moderation-routes.js';
import { showLogout, submitLogout } from './logout.js';
import { showPrivacy } from './privacy.js';
import { showRegister, submitRegister } from './register.js';
import { showReset, submitReset } from './reset.js';
import { forumForm, forumPage, methodNotAllowed, type FormHandler, type VisitHandler } from './visit.js';

export type { ForumDeps } from './forum-deps.js';

const READ = 'GET, HEAD';
const READ_AND_SEND = 'GET, HEAD, POST';

function forumRouter(deps: ForumDeps): Router {
  const router = Router({ caseSensitive: true, strict: true });
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

  addModerationRoutes(router, deps);

  for (const path of [FORUM_PATHS.home, FORUM_PATHS.privacy, FORUM_PATHS.account, FORUM_PATHS.accountDeleted]) router.all(path, methodNotAllowed(READ));
  for (const path of [FORUM_PATHS.register, FORUM_PATHS.login, FORUM_PATHS.logout, FORUM_PATHS.changePassword, FORUM_PATHS.deleteAccount, FORUM_PATHS.reset]) {
    router.all(path, methodNotAllowed(READ_AND_SEND));
  }
  return router;
}

export const forumRoute: AppRoute<ForumDeps> = {
  paths: Object.values(FORUM_PATHS),
  // Categories and topics will live below /forum too; until their pages exist, such an address answers 404 from here.
  prefixes: [FORUM_PATH],
  // The forms and a member's own pages are noindex; these two are for everyone.
  sitemap: [FORUM_PATHS.home, FORUM_PATHS.privacy],
  router: forumRouter,
};
