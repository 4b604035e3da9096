// The addresses of the forum's own pages in each language, one home for all: routes, links, redirects and the route table read them here.
import { FORUM_PATH, FORUM_SITEMAP_PATH } from '../../content/forum-settings.js';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../content/languages.js';

/** `?page=N` from the second page on: the first page has the address without it, its one canonical form. */
const onPage = (path: string, page = 1): string => (page > 1 ? `${path}?page=${page}` : path);

/**
 * One language's forum: the same pages over the same posts, its interface in that language. English answers at /forum,
 * Russian at /ru/forum (Google's pattern for user-generated content under a translated template): only the words of
 * the pages differ, never what members wrote.
 */
function forumIn(language: Language) {
  const base = `${language.prefix}${FORUM_PATH}`;
  const moderation = `${base}/moderation`;
  const paths = Object.freeze({
    home: base,
    privacy: `${base}/privacy`,
    register: `${base}/register`,
    login: `${base}/login`,
    logout: `${base}/logout`,
    account: `${base}/account`,
    changePassword: `${base}/account/password`,
    deleteAccount: `${base}/account/delete`,
    accountDeleted: `${base}/account/deleted`,
    reset: `${base}/reset`,
  });
  /** Express patterns of the forum's reading and posting pages: a category, a topic, a post, each by its key. */
  const patterns = Object.freeze({
    category: `${base}/c/:slug`,
    newTopic: `${base}/c/:slug/new`,
    topic: `${base}/t/:id`,
    reply: `${base}/t/:id/reply`,
    post: `${base}/post/:id`,
    editPost: `${base}/post/:id/edit`,
    reportPost: `${base}/post/:id/report`,
  });
  /** The moderators' pages (role moderator or administrator). */
  const moderationPaths = Object.freeze({
    queue: moderation,
    reports: `${moderation}/reports`,
    log: `${moderation}/log`,
    members: `${moderation}/members`,
  });
  const category = (slug: string): string => `${base}/c/${slug}`;
  /** The addresses of categories, topics and posts, of the feeds and sitemap, and of the moderators' pages. */
  const urls = Object.freeze({
    category: (slug: string, page?: number): string => onPage(category(slug), page),
    newTopic: (slug: string): string => `${category(slug)}/new`,
    topic: (id: number, page?: number): string => onPage(`${base}/t/${id}`, page),
    reply: (topicId: number, quotePostId?: number): string => `${base}/t/${topicId}/reply${quotePostId === undefined ? '' : `?quote=${quotePostId}`}`,
    post: (id: number): string => `${base}/post/${id}`,
    /** Where a post is shown: its topic's page for this viewer, at the post. */
    postOnPage: (topicId: number, page: number, postId: number): string => `${onPage(`${base}/t/${topicId}`, page)}#post-${postId}`,
    editPost: (id: number): string => `${base}/post/${id}/edit`,
    reportPost: (id: number): string => `${base}/post/${id}/report`,
    feed: `${base}/feed.atom`,
    categoryFeed: (slug: string): string => `${category(slug)}/feed.atom`,
    sitemap: FORUM_SITEMAP_PATH,
    moderationQueue: moderationPaths.queue,
    moderatePost: (id: number): string => `${moderationPaths.queue}/post/${id}`,
    moderateTopic: (id: number): string => `${moderationPaths.queue}/topic/${id}`,
    member: (id: number): string => `${moderationPaths.members}/${id}`,
    report: (id: number): string => `${moderationPaths.reports}/${id}`,
  });
  return Object.freeze({ language, base, paths, patterns, moderation: moderationPaths, urls });
}

export type ForumAddresses = ReturnType<typeof forumIn>;

/** Every language's forum, in the order of LANGUAGES (English first). */
export const FORUMS: readonly ForumAddresses[] = LANGUAGES.map(forumIn);

/** The forum of a language. */
export function forumOf(language: Language): ForumAddresses {
  return FORUMS.find((forum) => forum.language === language) ?? FORUMS[0]!;
}

/**
 * The forum of a language's code, as a member's row keeps it: the default one for a code the site no longer has (a
 * language taken out of src/content/languages.ts), so an address made for that member still leads somewhere.
 */
export function forumOfCode(code: string): ForumAddresses {
  return FORUMS.find((forum) => forum.language.code === code) ?? DEFAULT_FORUM;
}

/** The forum an address belongs to: /ru/forum/… is the Russian one, anything else the default. */
export function forumOfPath(path: string): ForumAddresses {
  return FORUMS.find((forum) => forum.language !== DEFAULT_LANGUAGE && (path === forum.base || path.startsWith(`${forum.base}/`))) ?? FORUMS[0]!;
}

/**
 * The same forum address in every language: "/ru/forum/t/3" -> [/forum/t/3, /ru/forum/t/3]. Pages exist in each
 * language, so every pair is reciprocal (hreflang, the language switcher, the sitemap's alternates).
 */
export function forumVersions(path: string): { language: Language; url: string }[] {
  const own = forumOfPath(path);
  const rest = path.slice(own.base.length);
  return FORUMS.map((forum) => ({ language: forum.language, url: forum.base + rest }));
}

const DEFAULT_FORUM = FORUMS[0]!;
/** The default (English) forum's addresses, under the names the rest of the site and the tests know. */
export const FORUM_PATHS = DEFAULT_FORUM.paths;
export const FORUM_PATTERNS = DEFAULT_FORUM.patterns;
export const MODERATION_PATHS = DEFAULT_FORUM.moderation;
export const FORUM_URLS = DEFAULT_FORUM.urls;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where to go after logging in, from the form's `next` field: only an address of the same language's forum, so that a
 * link to the login page cannot send a member on to another site (an open redirect), nor out of their language.
 */
export function safeNext(next: string, forum: ForumAddresses = DEFAULT_FORUM): string {
  const inForum = new RegExp(`^${escapeRegExp(forum.base)}(?:/[a-z0-9-]+)*$`).test(next);
  return inForum && next !== forum.paths.login && next !== forum.paths.logout ? next : forum.paths.home;
}

/** Where a moderator's form may send them back to: one of the moderators' own pages, never anywhere else. */
export function safeReturn(path: string, fallback: string, forum: ForumAddresses = DEFAULT_FORUM): string {
  return new RegExp(`^${escapeRegExp(forum.moderation.queue)}(?:/[a-z0-9-]+)*$`).test(path) ? path : fallback;
}
