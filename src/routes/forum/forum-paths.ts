// The addresses of the forum's own pages, one home for all: routes, links, redirects and the route table read them here.
import { FORUM_PATH } from '../../content/forum-settings.js';

export const FORUM_PATHS = Object.freeze({
  home: FORUM_PATH,
  privacy: `${FORUM_PATH}/privacy`,
  register: `${FORUM_PATH}/register`,
  login: `${FORUM_PATH}/login`,
  logout: `${FORUM_PATH}/logout`,
  account: `${FORUM_PATH}/account`,
  changePassword: `${FORUM_PATH}/account/password`,
  deleteAccount: `${FORUM_PATH}/account/delete`,
  accountDeleted: `${FORUM_PATH}/account/deleted`,
  reset: `${FORUM_PATH}/reset`,
});

/**
 * Where to go after logging in, from the form's `next` field: only an address of the forum itself, so that a link to
 * the login page cannot send a member on to another site (an open redirect).
 */
export function safeNext(next: string): string {
  return /^\/forum(?:\/[a-z0-9-]+)*$/.test(next) && next !== FORUM_PATHS.login && next !== FORUM_PATHS.logout ? next : FORUM_PATHS.home;
}
