// Migration 5: indexes for the forum's search version, which every site search reads before it searches the topics.
import type { Kysely } from 'kysely';

/**
 * The version (searchVersion in src/forum/topic-queries.ts) is the newest post, edit, topic change and log entry. With
 * no index on posts.edited_at, its maximum was a scan of every post, bodies and all: 21 ms a search on a forum of
 * 20,000 posts (the bench's), on the thread that serves pages, as SQLite reads synchronously. Each index turns its
 * maximum into one step down a b-tree.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('posts_by_edit').on('posts').column('edited_at').execute();
  await db.schema.createIndex('topics_by_change').on('topics').column('changed_at').execute();
}
