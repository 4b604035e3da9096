// The addresses of the forum's own pages, one home for all: routes, links, redirects and the route table read them here.
import { FORUM_PATH, FORUM_SITEMAP_PATH } from '../../content/forum-settings.js';

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

/** The moderators' pages (role moderator or administrator). */
export const MODERATION_PATHS = Object.freeze({
  queue: `${FORUM_PATH}/moderation`,
  reports: `${FORUM_PATH}/moderation/reports`,
  log: `${FORUM_PATH}/moderation/log`,
  members: `${FORUM_PATH}/moderation/members`,
});

/** Addresses with an id or slug in them, built in one place (the agreed scheme of /forum's addresses). */
export const FORUM_LINKS = Object.freeze({
  category: (slug: string) => `${FORUM_PATH}/c/${slug}`,
  topic: (id: number) => `${FORUM_PATH}/t/${id}`,
  post: (id: number) => `${FORUM_PATH}/post/${id}`,
  feed: `${FORUM_PATH}/feed.atom`,
  categoryFeed: (slug: string) => `${FORUM_PATH}/c/${slug}/feed.atom`,
  sitemap: FORUM_SITEMAP_PATH,
  moderatePost: (id: number) => `${MODERATION_PATHS.queue}/post/${id}`,
  moderateTopic: (id: number) => `${MODERATION_PATHS.queue}/topic/${id}`,
  member: (id: number) => `${MODERATION_PATHS.members}/${id}`,
  report: (id: number) => `${MODERATION_PATHS.reports}/${id}`,
});

/** Where a moderator's form may send them back to: one of the moderators' own pages, never anywhere else. */
export function safeReturn(path: string, fallback: string): string {
  return /^\/forum\/moderation(?:\/[a-z0-9-]+)*$/.test(path) ? path : fallback;
}
