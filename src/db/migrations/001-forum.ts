// Migration 1: the forum's tables (members, sessions, topics, posts, reports, audit log, resets, rate limits, site secret).
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { generatedId, requiredTime } from './columns.js';

async function createUsers(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', generatedId(engine))
    .addColumn('username', 'text', (column) => column.notNull())
    .addColumn('username_key', 'text', (column) => column.notNull().unique())
    .addColumn('email', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('role', 'text', (column) => column.notNull().defaultTo('member'))
    .addColumn('created_at', 'text', requiredTime)
    .addColumn('approved_post_count', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('suspended_until', 'text')
    .addColumn('deleted_at', 'text')
    .addCheckConstraint('users_role', sql`role in ('member', 'moderator', 'administrator')`)
    .execute();
  // The moderators' list and "is there still an administrator?" read members by role.
  await db.schema.createIndex('users_by_role').on('users').columns(['role']).execute();
}

async function createSessions(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'integer', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', requiredTime)
    .addColumn('last_seen_at', 'text', requiredTime)
    .addColumn('expires_at', 'text', requiredTime)
    .execute();
  // Ending every session of a member (password change, suspension, deletion), and the cleanup of expired ones.
  await db.schema.createIndex('sessions_by_user').on('sessions').columns(['user_id']).execute();
  await db.schema.createIndex('sessions_by_expiry').on('sessions').columns(['expires_at']).execute();
}

async function createTopics(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('topics')
    .addColumn('id', 'integer', generatedId(engine))
    .addColumn('category_slug', 'text', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('author_id', 'integer', (column) => column.notNull().references('users.id'))
    .addColumn('created_at', 'text', requiredTime)
    .addColumn('last_post_at', 'text', requiredTime)
    .addColumn('last_post_id', 'integer')
    .addColumn('pinned', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('locked', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('post_count', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('status', 'text', (column) => column.notNull().defaultTo('visible'))
    .addCheckConstraint('topics_flags', sql`pinned in (0, 1) and locked in (0, 1)`)
    .addCheckConstraint('topics_status', sql`status in ('visible', 'held', 'hidden', 'rejected')`)
    .execute();
  // A category page: its visible topics, pinned first, newest activity first, paged; read backwards in both engines.
  await db.schema.createIndex('topics_by_category').on('topics').columns(['category_slug', 'status', 'pinned', 'last_post_at']).execute();
  // Feeds and the sitemap over the whole forum; a member's topics.
  await db.schema.createIndex('topics_by_activity').on('topics').columns(['status', 'last_post_at']).execute();
  await db.schema.createIndex('topics_by_author').on('topics').columns(['author_id']).execute();
}

async function createPosts(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('posts')
    .addColumn('id', 'integer', generatedId(engine))
    .addColumn('topic_id', 'integer', (column) => column.notNull().references('topics.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (column) => column.notNull().references('users.id'))
    .addColumn('body', 'text', (column) => column.notNull())
    .addColumn('body_sha256', 'text')
    .addColumn('created_at', 'text', requiredTime)
    .addColumn('edited_at', 'text')
    .addColumn('status', 'text', (column) => column.notNull().defaultTo('visible'))
    .addCheckConstraint('posts_status', sql`status in ('visible', 'held', 'hidden', 'rejected')`)
    .execute();
  // A topic page: its posts in order, paged; the moderation queue (held posts, oldest first); a member's posts, and
  // "has this member just posted the same text?".
  await db.schema.createIndex('posts_by_topic').on('posts').columns(['topic_id', 'status', 'id']).execute();
  await db.schema.createIndex('posts_by_status').on('posts').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('posts_by_author').on('posts').columns(['author_id', 'created_at']).execute();
  await db.schema.createIndex('posts_by_body').on('posts').columns(['author_id', 'body_sha256']).execute();
}

async function createReports(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'integer', generatedId(engine))
    .addColumn('post_id', 'integer', (column) => column.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('reporter_id', 'integer', (column) => column.notNull().references('users.id'))
    .addColumn('reason', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', requiredTime)
    .addColumn('status', 'text', (column) => column.notNull().defaultTo('open'))
    .addColumn('resolved_by', 'integer', (column) => column.references('users.id'))
    .addColumn('resolved_at', 'text')
    .addCheckConstraint('reports_status', sql`status in ('open', 'resolved', 'dismissed')`)
    // One report per member per post: reporting twice does not count twice towards hiding a post.
    .addUniqueConstraint('reports_once', ['post_id', 'reporter_id'])
    .execute();
  await db.schema.createIndex('reports_by_status').on('reports').columns(['status', 'created_at']).execute();
}

async function createModerationLog(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('moderation_log')
    .addColumn('id', 'integer', generatedId(engine))
    .addColumn('actor_id', 'integer', (column) => column.notNull().references('users.id'))
    .addColumn('action', 'text', (column) => column.notNull())
    // Members are never removed (deletion keeps the row), so this one key is safe; topics and posts may go.
    .addColumn('target_user_id', 'integer', (column) => column.references('users.id'))
    .addColumn('target_topic_id', 'integer')
    .addColumn('target_post_id', 'integer')
    .addColumn('reason', 'text')
    .addColumn('details', 'text')
    .addColumn('created_at', 'text', requiredTime)
    .execute();
  await db.schema.createIndex('moderation_log_by_time').on('moderation_log').columns(['created_at']).execute();
  await db.schema.createIndex('moderation_log_by_member').on('moderation_log').columns(['target_user_id', 'created_at']).execute();
}

async function createPasswordResets(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('password_resets')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'integer', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('issued_by', 'integer', (column) => column.notNull().references('users.id'))
    .addColumn('created_at', 'text', requiredTime)
    .addColumn('expires_at', 'text', requiredTime)
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('password_resets_by_user').on('password_resets').columns(['user_id']).execute();
  await db.schema.createIndex('password_resets_by_expiry').on('password_resets').columns(['expires_at']).execute();
}

async function createRateLimits(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const table = db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (column) => column.notNull())
    .addColumn('window_start', 'text', requiredTime)
    .addColumn('count', 'integer', (column) => column.notNull())
    .addColumn('expires_at', 'text', requiredTime)
    .addPrimaryKeyConstraint('rate_limits_pk', ['key', 'window_start']);
  // SQLite keeps the rows in the primary key's b-tree itself: one lookup per counter instead of two.
  await (engine === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table).execute();
  await db.schema.createIndex('rate_limits_by_expiry').on('rate_limits').columns(['expires_at']).execute();
}

/** The secret is made here, once, under the migration lock: every server sharing the database derives the same salts. */
async function createSiteSecret(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('site_secret')
    .addColumn('id', 'integer', (column) => column.primaryKey())
    .addColumn('secret', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', requiredTime)
    .addCheckConstraint('site_secret_one_row', sql`id = 1`)
    .execute();
  const secret = randomBytes(32).toString('base64url');
  await sql`insert into site_secret (id, secret, created_at) values (1, ${secret}, ${new Date().toISOString()})`.execute(db);
}

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await createUsers(db, engine);
  await createSessions(db);
  await createTopics(db, engine);
  await createPosts(db, engine);
  await createReports(db, engine);
  await createModerationLog(db, engine);
  await createPasswordResets(db);
  await createRateLimits(db, engine);
  await createSiteSecret(db);
}
