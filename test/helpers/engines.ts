// Runs a block of storage tests on each engine: SQLite always, PostgreSQL when DATABASE_URL_TEST names one.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openDatabase, type DatabaseOptions, type Engine, type ForumDatabase } from '../../src/db/database.js';

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

/** Each test database is a schema of its own in the one test database, so test files can run in parallel. */
function postgres(url: string): EngineUnderTest {
  const fresh = (): FreshDatabase => {
    schemas += 1;
    const schema = `test_${process.pid}_${schemas}_${randomBytes(4).toString('hex')}`;
    const options = { dataDir: ':memory:', databaseUrl: url, schema, poolSize: 4 };
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
