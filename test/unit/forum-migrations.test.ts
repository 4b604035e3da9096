// Later migrations on a database that already holds data: 002 fills its new columns from what was there, 004 defaults them.
import assert from 'node:assert/strict';
import path from 'node:path';
import { it } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { FORUM_DATABASE_FILE, openDatabase, type DatabaseOptions } from '../../src/db/database.js';
import type { Engine } from '../../src/db/engine.js';
import { migrateTo } from '../../src/db/migrate.js';
import { ImmediateSqliteDialect } from '../../src/db/sqlite-dialect.js';
import { describeEachEngine } from '../helpers/engines.js';

/** The fresh database of `options`, opened without migrating, as an older version of the site left it. */
async function openUnmigrated(options: DatabaseOptions, engine: Engine): Promise<Kysely<unknown>> {
  if (engine === 'sqlite')
    return new Kysely({ dialect: new ImmediateSqliteDialect({ database: new Database(path.join(options.dataDir, FORUM_DATABASE_FILE)) }) });
  const schema = options.schema!;
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: options.databaseUrl, max: 1, options: `-c search_path=${schema}` }) }),
  });
  await db.schema.createSchema(schema).ifNotExists().execute();
  return db;
}

const T0 = '2026-11-01T10:00:00.000Z';
const T1 = '2026-11-02T10:00:00.000Z';

describeEachEngine('Migration 002 on existing data', (engine) => {
  it('publishes existing visible and hidden posts at their creation, and dates each topic’s last change from its last post', async () => {
    const fresh = engine.fresh();
    const old = await openUnmigrated(fresh.options, engine.engine);
    await migrateTo(old, engine.engine, '001-forum', fresh.options.schema);
    await sql`insert into users (username, username_key, created_at) values ('aida', 'aida', ${T0})`.execute(old);
    await sql`insert into topics (category_slug, title, author_id, created_at, last_post_at) values ('general', 'Old topic', 1, ${T0}, ${T1})`.execute(old);
    for (const [status, at] of [
      ['visible', T0],
      ['hidden', T1],
      ['held', T1],
      ['rejected', T1],
    ] as const) {
      await sql`insert into posts (topic_id, author_id, body, created_at, status) values (1, 1, ${status}, ${at}, ${status})`.execute(old);
    }
    await old.destroy();
    const database = await openDatabase(fresh.options);
    try {
      const posts = await database.db.selectFrom('posts').select(['status', 'published_at']).orderBy('id').execute();
      assert.deepEqual(
        posts.map((post) => [post.status, post.published_at]),
        [
          ['visible', T0],
          ['hidden', T1],
          ['held', null],
          ['rejected', null],
        ],
      );
      assert.deepEqual(await database.db.selectFrom('topics').select('changed_at').execute(), [{ changed_at: T1 }]);
    } finally {
      await database.close();
      await fresh.remove();
    }
  });
});

describeEachEngine('Migration 004 on existing data', (engine) => {
  it('gives members who registered before it English, the forum’s only language then, and new ones the language given', async () => {
    const fresh = engine.fresh();
    const old = await openUnmigrated(fresh.options, engine.engine);
    await migrateTo(old, engine.engine, '003-statistics', fresh.options.schema);
    await sql`insert into users (username, username_key, created_at) values ('aida', 'aida', ${T0})`.execute(old);
    await old.destroy();
    const database = await openDatabase(fresh.options);
    try {
      await database.db
        .insertInto('users')
        .values({
          username: 'bakyt',
          username_key: 'bakyt',
          created_at: T1,
          email: null,
          password_hash: null,
          suspended_until: null,
          deleted_at: null,
          language: 'ru',
        })
        .execute();
      assert.deepEqual(await database.db.selectFrom('users').select(['username', 'language']).orderBy('id').execute(), [
        { username: 'aida', language: 'en' },
        { username: 'bakyt', language: 'ru' },
      ]);
    } finally {
      await database.close();
      await fresh.remove();
    }
  });
});
