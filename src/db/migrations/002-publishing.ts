// Migration 2: when each post became public (feeds and "latest activity" follow it) and when each topic page last changed.
import { sql, type Kysely } from 'kysely';

/**
 * posts.published_at: when the post became visible to all, at creation or at approval; null while it has never been
 * public. A new member's topic approved hours after it was written must count as new activity, or it would be buried
 * below every topic that moved in the meantime, and feed readers that already fetched those hours would never see it.
 *
 * topics.changed_at: the last write that may have changed the topic's page (a post, an edit, a moderator's action), for
 * the sitemap's lastmod and for caches. NOT NULL needs a default on an existing table; the backfill replaces it at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('posts').addColumn('published_at', 'text').execute();
  await sql`update posts set published_at = created_at where status in ('visible', 'hidden')`.execute(db);
  await db.schema
    .alterTable('topics')
    .addColumn('changed_at', 'text', (column) => column.notNull().defaultTo(''))
    .execute();
  await sql`update topics set changed_at = last_post_at`.execute(db);
  // Feeds: the newest public posts of the forum or of a category.
  await db.schema.createIndex('posts_by_publication').on('posts').columns(['status', 'published_at']).execute();
}
