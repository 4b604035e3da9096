// The addresses of the forum's own pages, one home for all: routes, links, redirects and the route table read them here.
import { FORUM_PATH, FORUM_SITEMAP_PATH, forumCategoryPath } from '../../content/forum-settings.js';

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

/** Express patterns of the forum's reading and posting pages: a category, a topic, a post, each by its key. */
export const FORUM_PATTERNS = Object.freeze({
  category: `${FORUM_PATH}/c/:slug`,
  newTopic: `${FORUM_PATH}/c/:slug/new`,
  topic: `${FORUM_PATH}/t/:id`,
  reply: `${FORUM_PATH}/t/:id/reply`,
  post: `${FORUM_PATH}/post/:id`,
  editPost: `${FORUM_PATH}/post/:id/edit`,
  reportPost: `${FORUM_PATH}/post/:id/report`,
});

/** The moderators' pages (role moderator or administrator). */
export const MODERATION_PATHS = Object.freeze({
  queue: `${FORUM_PATH}/moderation`,
  reports: `${FORUM_PATH}/moderation/reports`,
  log: `${FORUM_PATH}/moderation/log`,
  members: `${FORUM_PATH}/moderation/members`,
});

/** `?page=N` from the second page on: the first page has the address without it, its one canonical form. */
const onPage = (path: string, page = 1): string => (page > 1 ? `${path}?page=${page}` : path);

/** The addresses of categories, topics and posts, of the feeds and sitemap, and of the moderators' pages. */
export const FORUM_URLS = Object.freeze({
  category: (slug: string, page?: number): string => onPage(forumCategoryPath(slug), page),
  newTopic: (slug: string): string => `${FORUM_PATH}/c/${slug}/new`,
  topic: (id: number, page?: number): string => onPage(`${FORUM_PATH}/t/${id}`, page),
  reply: (topicId: number, quotePostId?: number): string => `${FORUM_PATH}/t/${topicId}/reply${quotePostId === undefined ? '' : `?quote=${quotePostId}`}`,
  post: (id: number): string => `${FORUM_PATH}/post/${id}`,
  /** Where a post is shown: its topic's page for this viewer, at the post. */
  postOnPage: (topicId: number, page: number, postId: number): string => `${onPage(`${FORUM_PATH}/t/${topicId}`, page)}#post-${postId}`,
  editPost: (id: number): string => `${FORUM_PATH}/post/${id}/edit`,
  reportPost: (id: number): string => `${FORUM_PATH}/post/${id}/report`,
  feed: `${FORUM_PATH}/feed.atom`,
  categoryFeed: (slug: string): string => `${forumCategoryPath(slug)}/feed.atom`,
  sitemap: FORUM_SITEMAP_PATH,
  moderationQueue: MODERATION_PATHS.queue,
  moderatePost: (id: number): string => `${MODERATION_PATHS.queue}/post/${id}`,
  moderateTopic: (id: number): string => `${MODERATION_PATHS.queue}/topic/${id}`,
  member: (id: number): string => `${MODERATION_PATHS.members}/${id}`,
  report: (id: number): string => `${MODERATION_PATHS.reports}/${id}`,
});

/**
 * Where to go after logging in, from the form's `next` field: only an address of the forum itself, so that a link to
 * the login page cannot send a member on to another site (an open redirect).
 */
export function safeNext(next: string): string {
  return /^\/forum(?:\/[a-z0-9-]+)*$/.test(next) && next !== FORUM_PATHS.login && next !== FORUM_PATHS.logout ? next : FORUM_PATHS.home;
}

/** Where a moderator's form may send them back to: one of the moderators' own pages, never anywhere else. */
export function safeReturn(path: string, fallback: string): string {
  return /^\/forum\/moderation(?:\/[a-z0-9-]+)*$/.test(path) ? path : fallback;
}
