// openDatabase(): the forum's database, SQLite under DATA_DIR by default or PostgreSQL when a URL is given, migrated.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createLogger, errorFields, type Logger } from '../lib/logger.js';
import type { Engine } from './engine.js';
import { isBusy } from './errors.js';
import { migrateToLatest } from './migrate.js';
import type { DatabaseSchema } from './schema.js';
import { ImmediateSqliteDialect } from './sqlite-dialect.js';

export type { Engine } from './engine.js';

export const FORUM_DATABASE_FILE = 'forum.sqlite';

export interface DatabaseOptions {
  /** The folder for forum.sqlite, or ":memory:" for a database that lives as long as the process (tests). */
  readonly dataDir: string;
  /** postgres:// or postgresql://: PostgreSQL instead of SQLite. */
  readonly databaseUrl?: string | undefined;
  /** PostgreSQL: the most connections this process holds (default 10). */
  readonly poolSize?: number | undefined;
  /** PostgreSQL: how long a query waits for a connection, new or free in the pool, before it fails (default 5 s). */
  readonly waitMs?: number | undefined;
  /** PostgreSQL: the schema for the forum's tables (default public); tests give each test its own. */
  readonly schema?: string | undefined;
  /** false: open without migrating, to read which migrations have run (`npm run db -- status`). */
  readonly migrate?: boolean | undefined;
  /** Where a lost PostgreSQL connection is reported. */
  readonly logger?: Logger | undefined;
}

export interface ForumDatabase {
  readonly db: Kysely<DatabaseSchema>;
  readonly engine: Engine;
  /** SQLite: the file (or ":memory:"); PostgreSQL: the host and database, without credentials. For messages. */
  readonly location: string;
  close(): Promise<void>;
}

export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
}

/**
 * busy_timeout: how long a write waits for another process's write lock before failing. better-sqlite3 is synchronous,
 * so the wait blocks this process's event loop; transactions here are milliseconds long (nothing slow runs inside one),
 * so 2 s is never reached in normal work and bounds the stall when something holds the file.
 */
const SQLITE_BUSY_TIMEOUT_MS = 2000;
const DEFAULT_POOL_SIZE = 10;
const DEFAULT_WAIT_MS = 5000;

/**
 * Switching a new file to WAL needs the file to itself, and SQLite answers SQLITE_BUSY at once, without its busy
 * handler, when another process is opening the same new file: seen when several servers start together. Retried.
 */
async function useWal(sqlite: Database.Database): Promise<void> {
  for (let waited = 0; ; waited += 20) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!isBusy(error) || waited >= SQLITE_BUSY_TIMEOUT_MS) throw error;
      await delay(20);
    }
  }
}

async function openSqlite(dataDir: string): Promise<{ dialect: ImmediateSqliteDialect; location: string }> {
  const file = dataDir === ':memory:' ? ':memory:' : path.join(dataDir, FORUM_DATABASE_FILE);
  let sqlite: Database.Database | undefined;
  try {
    if (dataDir !== ':memory:') mkdirSync(dataDir, { recursive: true });
    sqlite = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    await useWal(sqlite);
    // FULL: each commit fsyncs the write-ahead log before it returns. NORMAL would already survive kill -9 (the log is
    // in the operating system's cache), but not a power cut or kernel crash; forum writes are few and a member's post,
    // once acknowledged, must survive both. The cost is one fsync per commit, about a millisecond on an SSD.
    sqlite.pragma('synchronous = FULL');
    // SQLite checks foreign keys only when asked, per connection.
    sqlite.pragma('foreign_keys = ON');
  } catch (error) {
    sqlite?.close();
    throw new DatabaseOpenError(`cannot open the forum's database at ${file}: ${(error as Error).message}`, { cause: error });
  }
  return { dialect: new ImmediateSqliteDialect({ database: sqlite }), location: file };
}

/** "db.internal:5432/un_kg": where the database is, without the user or password, for messages and logs. */
function describePostgres(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host || 'localhost'}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

function openPostgres(options: DatabaseOptions & { databaseUrl: string }): { dialect: PostgresDialect; location: string } {
  const logger = options.logger ?? createLogger({ silent: true });
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new DatabaseOpenError(`not a schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    // A database that is down must fail a request within seconds (a 503), not hold it until the client gives up. pg
    // applies the same bound to a query waiting for a free connection of the pool.
    connectionTimeoutMillis: options.waitMs ?? DEFAULT_WAIT_MS,
    idleTimeoutMillis: 30_000,
    application_name: 'un-in-kyrgyzstan',
  });
  // An idle connection that the server drops (a restart) is reported here; without a listener pg's 'error' would end the
  // process. The pool replaces the connection on the next query.
  pool.on('error', (error) => logger.warn('a PostgreSQL connection was lost', errorFields(error)));
  // The pool listens only to idle connections. One lost while checked out (between two statements of a transaction, when
  // the server restarts) emits 'error' with no listener, which would end the process: the statement or release that
  // uses it reports the failure instead (a 503), and the pool drops the connection when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const dialect = new PostgresDialect({
    pool,
    onCreateConnection: schema ? (connection) => connection.executeQuery(CompiledQuery.raw(`set search_path to ${schema}`)).then(() => undefined) : undefined,
  });
  return { dialect, location: describePostgres(options.databaseUrl) };
}

/**
 * Opens the forum's database and migrates it to the newest schema before returning: SQLite at DATA_DIR/forum.sqlite
 * unless databaseUrl is given. Throws DatabaseOpenError naming the file or host (a MigrationError as its cause when a
 * migration failed). Open one per process: Kysely runs one process's SQLite work on one connection, in turn.
 */
export async function openDatabase(options: DatabaseOptions): Promise<ForumDatabase> {
  const { databaseUrl } = options;
  const engine: Engine = databaseUrl ? 'postgres' : 'sqlite';
  const { dialect, location } = databaseUrl ? openPostgres({ ...options, databaseUrl }) : await openSqlite(options.dataDir);
  const db = new Kysely<DatabaseSchema>({ dialect });
  try {
    if (options.migrate !== false) await migrateToLatest(db as Kysely<unknown>, engine, options.schema);
  } catch (error) {
    await db.destroy();
    throw new DatabaseOpenError(`cannot open the forum's database at ${location}: ${(error as Error).message}`, { cause: error });
  }
  let closed = false;
  return {
    db,
    engine,
    location,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
