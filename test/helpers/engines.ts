// Runs a block of storage tests on each engine: SQLite always, PostgreSQL when DATABASE_URL_TEST names one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openDatabase, type DatabaseOptions, type Engine, type ForumDatabase } from '../../src/db/database.js';
import { ROOT } from '../../scripts/lib/root.js';

/** PostgreSQL for tests: `eval "$(bash scripts/lib/postgres-for-tests.sh start)"` sets it. */
export const DATABASE_URL_TEST = process.env['DATABASE_URL_TEST'] || undefined;
const REQUIRE_POSTGRES = process.env['REQUIRE_POSTGRES'] === '1';

/** Where a new, empty database will be (a folder, or a PostgreSQL schema), not yet opened; remove() deletes it. */
export interface FreshDatabase {
  readonly options: DatabaseOptions;
  remove(): Promise<void>;
}

export interface EngineUnderTest {
  readonly engine: Engine;
  /** Options for a new database, for a child process to open. */
  fresh(): FreshDatabase;
  /** A fresh, migrated database of this test's own; close() removes it. */
  open(): Promise<ForumDatabase>;
  /**
   * `count` handles on one fresh database, as several servers would hold; closing all removes it. They are opened one
   * after the other: in one process, a second SQLite connection waiting for the write lock blocks the event loop
   * (better-sqlite3 is synchronous) and so the first one's transaction. Servers are processes: forum-database.test.ts
   * starts processes to open a database at the same moment.
   */
  openShared(count: number): Promise<ForumDatabase[]>;
}

async function openAll(fresh: FreshDatabase, count: number): Promise<ForumDatabase[]> {
  const handles: ForumDatabase[] = [];
  for (let index = 0; index < count; index += 1) handles.push(await openDatabase(fresh.options));
  let open = handles.length;
  return handles.map((handle) => ({
    db: handle.db,
    engine: handle.engine,
    location: handle.location,
    async close() {
      await handle.close();
      open -= 1;
      if (open === 0) await fresh.remove();
    },
  }));
}

function freshSqlite(): FreshDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), 'forum-db-'));
  return { options: { dataDir: dir }, remove: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) };
}

const sqlite: EngineUnderTest = {
  engine: 'sqlite',
  fresh: freshSqlite,
  open: () => openDatabase({ dataDir: ':memory:' }),
  openShared: (count) => openAll(freshSqlite(), count),
};

let schemas = 0;

/** Runs one statement on the server at url, synchronously (fresh() hands out its options at once), in a child process. */
function runSql(url: string, sql: string): { ok: boolean; error: string } {
  const script =
    "import pg from 'pg'; const client = new pg.Client({ connectionString: process.argv[1] }); await client.connect();" +
    ' try { await client.query(process.argv[2]); } finally { await client.end(); }';
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, url, sql], { cwd: ROOT, encoding: 'utf8' });
  return { ok: run.status === 0, error: run.stderr };
}

let processDatabase: string | undefined;

/**
 * A database of this process's own beside DATABASE_URL_TEST's, created on first use and dropped when the process
 * exits. Kysely's migrator reads the columns of every schema in its database, outside its lock; a schema that another
 * test file dropped during that read fails it ("schema … does not exist"), so files running side by side must not
 * share a database. Without the right to create one (a cluster made before the role got CREATEDB: run
 * postgres-for-tests.sh start again), the tests share DATABASE_URL_TEST's, safe only one file at a time.
 */
function databaseOfThisProcess(url: string): string {
  if (processDatabase) return processDatabase;
  const own = new URL(url);
  const name = `${own.pathname.slice(1)}_${process.pid}`;
  // A process that had this pid before and was killed left its database behind.
  runSql(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const created = runSql(url, `CREATE DATABASE ${name}`);
  if (!created.ok) {
    process.stderr.write(`test/helpers/engines.ts: cannot create a database of this process's own, so sharing the test database: ${created.error}\n`);
    return (processDatabase = url);
  }
  process.once('exit', () => runSql(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  own.pathname = `/${name}`;
  return (processDatabase = own.href);
}

/** Each test database is a schema of its own in this process's database (databaseOfThisProcess). */
function postgres(url: string): EngineUnderTest {
  const fresh = (): FreshDatabase => {
    schemas += 1;
    const schema = `test_${process.pid}_${schemas}_${randomBytes(4).toString('hex')}`;
    const options = { dataDir: ':memory:', databaseUrl: databaseOfThisProcess(url), schema, poolSize: 4 };
    const remove = async (): Promise<void> => {
      const cleanup = await openDatabase({ ...options, poolSize: 1 });
      await cleanup.db.schema.dropSchema(schema).ifExists().cascade().execute();
      await cleanup.close();
    };
    return { options, remove };
  };
  return { engine: 'postgres', fresh, open: async () => (await openAll(fresh(), 1))[0]!, openShared: (count) => openAll(fresh(), count) };
}

/** The environment that points an app (or a server process) at a fresh database: DATA_DIR, or DATABASE_URL and its schema. */
export function envFor(options: DatabaseOptions): Record<string, string> {
  if (!options.databaseUrl) return { DATA_DIR: options.dataDir };
  return { DATABASE_URL: options.databaseUrl, ...(options.schema ? { DATABASE_SCHEMA: options.schema } : {}) };
}

/** The engines these tests run on here; PostgreSQL only when DATABASE_URL_TEST is set. */
export function availableEngines(): EngineUnderTest[] {
  return DATABASE_URL_TEST ? [sqlite, postgres(DATABASE_URL_TEST)] : [sqlite];
}

/**
 * describe(`${name} (SQLite)`) and describe(`${name} (PostgreSQL)`) with the same body. Without DATABASE_URL_TEST the
 * PostgreSQL block is skipped, or fails when REQUIRE_POSTGRES=1 (as in CI), so a missing server is never mistaken for a pass.
 */
export function describeEachEngine(name: string, body: (engine: EngineUnderTest) => void): void {
  describe(`${name} (SQLite)`, () => body(sqlite));
  if (DATABASE_URL_TEST) {
    describe(`${name} (PostgreSQL)`, () => body(postgres(DATABASE_URL_TEST)));
  } else if (REQUIRE_POSTGRES) {
    describe(`${name} (PostgreSQL)`, () => {
      it('has a PostgreSQL to run on', () => {
        assert.fail('REQUIRE_POSTGRES=1 but DATABASE_URL_TEST is not set: eval "$(bash scripts/lib/postgres-for-tests.sh start)"');
      });
    });
  } else {
    describe(`${name} (PostgreSQL)`, { skip: 'DATABASE_URL_TEST is not set (bash scripts/lib/postgres-for-tests.sh start)' }, () => {
      it('runs on PostgreSQL', () => {});
    });
  }
}
