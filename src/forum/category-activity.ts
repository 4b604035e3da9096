// What the forum's front page shows of each category: visible topics and posts, and the newest visible post.
import type { Kysely } from 'kysely';
import type { DatabaseSchema, IsoTime } from '../db/schema.js';
import { toCount } from '../db/values.js';
import { authorName } from './members.js';

export interface LatestPost {
  readonly topicId: number;
  readonly topicTitle: string;
  readonly postId: number;
  /** The author's name, or "deleted member". */
  readonly author: string;
  readonly at: IsoTime;
}

export interface CategoryActivity {
  readonly topics: number;
  readonly posts: number;
  readonly latest: LatestPost | undefined;
}

const NONE: CategoryActivity = Object.freeze({ topics: 0, posts: 0, latest: undefined });

/** The newest visible post of a category, through the topic whose last visible post it is (topics keep last_post_id). */
async function latestPost(db: Kysely<DatabaseSchema>, slug: string): Promise<LatestPost | undefined> {
  const row = await db
    .selectFrom('topics')
    .innerJoin('posts', 'posts.id', 'topics.last_post_id')
    .innerJoin('users', 'users.id', 'posts.author_id')
    .select(['topics.id as topicId', 'topics.title', 'posts.id as postId', 'posts.created_at', 'users.username', 'users.deleted_at'])
    .where('topics.category_slug', '=', slug)
    .where('topics.status', '=', 'visible')
    .where('posts.status', '=', 'visible')
    .orderBy('topics.last_post_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { topicId: row.topicId, topicTitle: row.title, postId: row.postId, author: authorName(row), at: row.created_at };
}

/**
 * Counts from the topics table itself (post_count is kept with each change, so no posts are counted here), one query
 * for all categories and one per category for its newest post: a handful of indexed reads for the few categories
 * editors define. Held topics and posts, and those moderators hid, are left out: readers never see them.
 */
export async function categoryActivity(db: Kysely<DatabaseSchema>, slugs: readonly string[]): Promise<Map<string, CategoryActivity>> {
  const activity = new Map<string, CategoryActivity>(slugs.map((slug) => [slug, NONE]));
  if (slugs.length === 0) return activity;
  const counts = await db
    .selectFrom('topics')
    .select((eb) => ['category_slug', eb.fn.countAll<number | string>().as('topics'), eb.fn.sum<number | string | null>('post_count').as('posts')])
    .where('status', '=', 'visible')
    .where('category_slug', 'in', [...slugs])
    .groupBy('category_slug')
    .execute();
  const latest = await Promise.all(slugs.map((slug) => latestPost(db, slug)));
  slugs.forEach((slug, index) => {
    const count = counts.find((row) => row.category_slug === slug);
    activity.set(slug, { topics: toCount(count?.topics), posts: toCount(count?.posts), latest: latest[index] });
  });
  return activity;
}
