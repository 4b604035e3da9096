// The forum's database on each engine: migrated at open, once, also when several servers open it at the same moment.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DatabaseOpenError, FORUM_DATABASE_FILE, openDatabase, type DatabaseOptions, type ForumDatabase } from '../../src/db/database.js';
import { migrationNames } from '../../src/db/migrate.js';
import { isoTime, timeMs, toCount } from '../../src/db/values.js';
import { isUniqueViolation } from '../../src/db/errors.js';
import { describeEachEngine } from '../helpers/engines.js';
import { freePort } from '../../scripts/lib/listen.js';
import { ROOT } from '../../scripts/lib/root.js';
import { entryPointArgs } from '../../scripts/lib/entry-point.js';

/** Starts `count` processes that each open the database once all are loaded; resolves with what each said last. */
async function openInProcesses(options: DatabaseOptions, count: number): Promise<string[]> {
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, [...entryPointArgs('test/helpers/open-database-child.ts'), JSON.stringify(options)], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  const said = children.map((child) => createInterface({ input: child.stdout }));
  const lastLines = said.map(
    (lines) =>
      new Promise<string>((resolve) => {
        let last = '';
        lines.on('line', (line) => (last = line)).on('close', () => resolve(last));
      }),
  );
  await Promise.all(said.map((lines) => once(lines, 'line')));
  for (const child of children) child.stdin.end('go\n');
  return Promise.all(lastLines);
}

const NOW = isoTime(Date.UTC(2026, 10, 27, 9, 30));

async function addUser(database: ForumDatabase, username: string): Promise<number> {
  const row = await database.db
    .insertInto('users')
    .values({ username, username_key: username.toLowerCase(), email: null, password_hash: 'x', created_at: NOW, suspended_until: null, deleted_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describeEachEngine('the forum database', (engine) => {
  let database: ForumDatabase;
  before(async () => {
    database = await engine.open();
  });
  after(() => database.close());

  it('has every table, each migration recorded once', async () => {
    const tables = (await database.db.introspection.getTables()).map((table) => table.name);
    for (const table of ['users', 'sessions', 'topics', 'posts', 'reports', 'moderation_log', 'password_resets', 'rate_limits', 'site_secret']) {
      assert.ok(tables.includes(table), `${table} in ${tables.join(', ')}`);
    }
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
    assert.deepEqual(
      applied.rows.map((row) => row.name),
      migrationNames(),
    );
  });

  it('made one site secret of 32 random bytes at the first migration', async () => {
    const rows = await database.db.selectFrom('site_secret').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.equal(Buffer.from(rows[0]!.secret, 'base64url').length, 32);
  });

  it('returns generated ids as numbers and keeps ISO times as they were written', async () => {
    const id = await addUser(database, 'Ids');
    assert.equal(typeof id, 'number');
    const row = await database.db.selectFrom('users').select(['created_at', 'role', 'approved_post_count']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { created_at: NOW, role: 'member', approved_post_count: 0 });
    assert.equal(timeMs(row.created_at), Date.UTC(2026, 10, 27, 9, 30));
  });

  it('counts as numbers through toCount, where PostgreSQL sends text', async () => {
    const { n } = await database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.ok(toCount(n) >= 1);
  });

  it('refuses a second username with the same key', async () => {
    await addUser(database, 'Twice');
    await assert.rejects(addUser(database, 'TWICE'), (error: unknown) => isUniqueViolation(error));
  });

  it('enforces foreign keys', async () => {
    const orphan = { id: 'x', user_id: 999_999, csrf_token: 'c', created_at: NOW, last_seen_at: NOW, expires_at: NOW };
    await assert.rejects(database.db.insertInto('sessions').values(orphan).execute());
  });

  it('enforces the role and status checks', async () => {
    await assert.rejects(sql`update users set role = 'owner'`.execute(database.db));
    await assert.rejects(
      sql`insert into topics (category_slug, title, author_id, created_at, last_post_at, status) values ('g', 't', 1, '', '', 'gone')`.execute(database.db),
    );
  });

  it('migrates once when several server processes open a new database at the same moment', async () => {
    const fresh = engine.fresh();
    try {
      const outcomes = await openInProcesses(fresh.options, 4);
      assert.deepEqual(outcomes, ['migrated', 'migrated', 'migrated', 'migrated']);
      const database = await openDatabase(fresh.options);
      try {
        const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(database.db);
        assert.equal(applied.rows.length, migrationNames().length);
        assert.equal((await database.db.selectFrom('site_secret').select('secret').execute()).length, 1);
      } finally {
        await database.close();
      }
    } finally {
      await fresh.remove();
    }
  });

  it('shares one secret among servers that open the same database', async () => {
    const handles = await engine.openShared(2);
    try {
      const secrets = await Promise.all(handles.map((handle) => handle.db.selectFrom('site_secret').select('secret').executeTakeFirstOrThrow()));
      assert.equal(secrets[0]!.secret, secrets[1]!.secret);
    } finally {
      for (const handle of handles) await handle.close();
    }
  });
});

describe('the forum database on SQLite', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'forum-sqlite-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lives at DATA_DIR/forum.sqlite in WAL mode, fsyncing each commit, with foreign keys on', async () => {
    const database = await openDatabase({ dataDir: path.join(dir, 'data') });
    try {
      assert.equal(database.location, path.join(dir, 'data', FORUM_DATABASE_FILE));
      const pragma = async (name: string) => Object.values((await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(database.db)).rows[0]!)[0];
      assert.equal(String(await pragma('journal_mode')).toLowerCase(), 'wal');
      assert.equal(await pragma('synchronous'), 2, 'FULL');
      assert.equal(await pragma('foreign_keys'), 1);
      assert.equal(await pragma('busy_timeout'), 2000);
    } finally {
      await database.close();
    }
  });

  it('reopens an existing file without migrating it again or changing its secret', async () => {
    const first = await openDatabase({ dataDir: dir });
    const secret = (await first.db.selectFrom('site_secret').select('secret').executeTakeFirstOrThrow()).secret;
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    try {
      assert.equal((await second.db.selectFrom('site_secret').select('secret').executeTakeFirstOrThrow()).secret, secret);
    } finally {
      await second.close();
    }
  });

  it('names the file it could not open', async () => {
    const notADirectory = path.join(dir, 'a-file');
    writeFileSync(notADirectory, 'not a folder');
    await assert.rejects(openDatabase({ dataDir: notADirectory }), (error: unknown) => {
      return error instanceof DatabaseOpenError && error.message.includes(path.join(notADirectory, FORUM_DATABASE_FILE));
    });
  });

  it('refuses a file that is not a database, naming it', async () => {
    const garbage = path.join(dir, 'garbage');
    mkdirSync(garbage);
    writeFileSync(path.join(garbage, FORUM_DATABASE_FILE), 'this is not an SQLite database, just text long enough to be read as a header');
    await assert.rejects(openDatabase({ dataDir: garbage }), (error: unknown) => error instanceof Error && error.message.includes(FORUM_DATABASE_FILE));
  });
});

describe('the forum database on a PostgreSQL that is not there', () => {
  it('fails at open with the host, never the password', async () => {
    const port = await freePort();
    const url = `postgres://un_kg:hunter2secret@127.0.0.1:${port}/un_kg`;
    await assert.rejects(openDatabase({ dataDir: ':memory:', databaseUrl: url }), (error: unknown) => {
      return error instanceof DatabaseOpenError && error.message.includes(`127.0.0.1:${port}/un_kg`) && !error.message.includes('hunter2secret');
    });
  });
});
