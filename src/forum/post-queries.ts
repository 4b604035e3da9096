// Reads of posts for pages and feeds: a topic's posts in order, one post and the page it is on, the newest public posts.
import type { Kysely } from 'kysely';
import type { ContentStatus, DatabaseSchema, IsoTime, Role } from '../db/schema.js';
import { toCount } from '../db/values.js';
import { authorName } from './members.js';
import { offsetOf, PAGE_SIZE, paged, pageOfPosition, type Paged } from './pages.js';
import { visibleTo, type Viewer } from './visibility.js';

export interface AuthorRef {
  readonly id: number;
  /** The username, or "deleted member". */
  readonly name: string;
  readonly role: Role;
}

export interface PostView {
  readonly id: number;
  readonly topicId: number;
  readonly author: AuthorRef;
  /** Markdown as written: render it with the site's safe renderer. */
  readonly body: string;
  readonly createdAt: IsoTime;
  /** When it became visible to all; null while held (or rejected without ever being public). */
  readonly publishedAt: IsoTime | null;
  /** Null, or when its author last edited it: show it as "edited". */
  readonly editedAt: IsoTime | null;
  /** Only a moderator ever sees anything but 'visible', and an author their own 'held'. */
  readonly status: ContentStatus;
}

/** A post with the topic it belongs to: for the edit, quote and report forms, and for permalinks. */
export interface PostDetail extends PostView {
  readonly topic: { readonly id: number; readonly title: string; readonly categorySlug: string; readonly locked: boolean; readonly status: ContentStatus };
  /** The topic's first post: editing it may change the title too. */
  readonly isFirst: boolean;
}

export interface PostLocation {
  readonly postId: number;
  readonly topicId: number;
  readonly categorySlug: string;
  /** The topic page, for this viewer, on which the post is: link to it with #post-ID. */
  readonly page: number;
}

export interface FeedPost {
  readonly id: number;
  readonly topicId: number;
  readonly topicTitle: string;
  readonly categorySlug: string;
  readonly author: AuthorRef;
  readonly body: string;
  readonly publishedAt: IsoTime;
  readonly editedAt: IsoTime | null;
}

/** Feeds carry the 20 newest entries, as the site's news feed does. */
export const FEED_SIZE = 20;

type PostRowWithAuthor = {
  id: number;
  topic_id: number;
  author_id: number;
  body: string;
  created_at: IsoTime;
  published_at: IsoTime | null;
  edited_at: IsoTime | null;
  status: ContentStatus;
  author_name: string;
  author_role: Role;
  author_deleted_at: IsoTime | null;
};

export function toAuthor(id: number, name: string, role: Role, deletedAt: IsoTime | null): AuthorRef {
  return { id, name: authorName({ username: name, deleted_at: deletedAt }), role };
}

export function toPostView(row: PostRowWithAuthor): PostView {
  return {
    id: row.id,
    topicId: row.topic_id,
    author: toAuthor(row.author_id, row.author_name, row.author_role, row.author_deleted_at),
    body: row.body,
    createdAt: row.created_at,
    publishedAt: row.published_at,
    editedAt: row.edited_at,
    status: row.status,
  };
}

/** Posts joined with their authors, with the columns toPostView() reads. */
export function postsWithAuthors(db: Kysely<DatabaseSchema>) {
  return db
    .selectFrom('posts')
    .innerJoin('users as author', 'author.id', 'posts.author_id')
    .select([
      'posts.id',
      'posts.topic_id',
      'posts.author_id',
      'posts.body',
      'posts.created_at',
      'posts.published_at',
      'posts.edited_at',
      'posts.status',
      'author.username as author_name',
      'author.role as author_role',
      'author.deleted_at as author_deleted_at',
    ]);
}

/** A topic's posts that the viewer may see, in the order written, one page. The caller has checked the topic itself. */
export async function topicPosts(db: Kysely<DatabaseSchema>, topicId: number, viewer: Viewer | undefined, page: number): Promise<Paged<PostView>> {
  const counted = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('posts.topic_id', '=', topicId)
    .where(visibleTo('posts', viewer))
    .executeTakeFirstOrThrow();
  const rows = await postsWithAuthors(db)
    .where('posts.topic_id', '=', topicId)
    .where(visibleTo('posts', viewer))
    .orderBy('posts.id')
    .limit(PAGE_SIZE)
    .offset(offsetOf(page, PAGE_SIZE))
    .execute();
  return paged(rows.map(toPostView), page, toCount(counted.count), PAGE_SIZE);
}

/** One post, if the viewer may see both it and its topic. */
export async function findPost(db: Kysely<DatabaseSchema>, postId: number, viewer: Viewer | undefined): Promise<PostDetail | undefined> {
  const row = await postsWithAuthors(db)
    .innerJoin('topics', 'topics.id', 'posts.topic_id')
    .select(['topics.title as topic_title', 'topics.category_slug', 'topics.locked', 'topics.status as topic_status'])
    .select((eb) =>
      eb
        .selectFrom('posts as first')
        .select((inner) => inner.fn.min('first.id').as('first_id'))
        .whereRef('first.topic_id', '=', 'posts.topic_id')
        .as('first_id'),
    )
    .where('posts.id', '=', postId)
    .where(visibleTo('posts', viewer))
    .where(visibleTo('topics', viewer))
    .executeTakeFirst();
  if (!row) return undefined;
  const topic = { id: row.topic_id, title: row.topic_title, categorySlug: row.category_slug, locked: Number(row.locked) === 1, status: row.topic_status };
  return { ...toPostView(row), topic, isFirst: row.first_id === row.id };
}

/** Where a post is for this viewer: its topic, and the page of that topic among the posts the viewer sees. */
export async function locatePost(db: Kysely<DatabaseSchema>, postId: number, viewer: Viewer | undefined): Promise<PostLocation | undefined> {
  const post = await findPost(db, postId, viewer);
  if (!post) return undefined;
  const before = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('posts.topic_id', '=', post.topicId)
    .where('posts.id', '<', postId)
    .where(visibleTo('posts', viewer))
    .executeTakeFirstOrThrow();
  return { postId, topicId: post.topicId, categorySlug: post.topic.categorySlug, page: pageOfPosition(toCount(before.count), PAGE_SIZE) };
}

/**
 * The newest public posts (visible, in a visible topic) of the whole forum or of one category, newest publication first:
 * for Atom feeds. Anyone may read a feed, so there is no viewer: it is what a reader without an account sees.
 */
export async function latestPosts(db: Kysely<DatabaseSchema>, options: { readonly categorySlug?: string; readonly limit?: number } = {}): Promise<FeedPost[]> {
  let query = postsWithAuthors(db)
    .innerJoin('topics', 'topics.id', 'posts.topic_id')
    .select(['topics.title as topic_title', 'topics.category_slug'])
    .where('posts.status', '=', 'visible')
    .where('topics.status', '=', 'visible');
  if (options.categorySlug !== undefined) query = query.where('topics.category_slug', '=', options.categorySlug);
  const rows = await query
    .orderBy('posts.published_at', 'desc')
    .orderBy('posts.id', 'desc')
    .limit(options.limit ?? FEED_SIZE)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    topicId: row.topic_id,
    topicTitle: row.topic_title,
    categorySlug: row.category_slug,
    author: toAuthor(row.author_id, row.author_name, row.author_role, row.author_deleted_at),
    body: row.body,
    publishedAt: row.published_at ?? row.created_at,
    editedAt: row.edited_at,
  }));
}
