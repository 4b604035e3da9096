// The numbered migrations, run by Kysely's Migrator under its lock, each told which engine it runs on.
import { Migrator, type Kysely, type Migration } from 'kysely';
import type { Engine } from './engine.js';
import { isBusy } from './errors.js';
import * as forum001 from './migrations/001-forum.js';
import * as forum002 from './migrations/002-publishing.js';
import * as statistics003 from './migrations/003-statistics.js';
import * as memberLanguage004 from './migrations/004-member-language.js';
import * as searchVersion005 from './migrations/005-search-version.js';

interface EngineMigration {
  up(db: Kysely<unknown>, engine: Engine): Promise<void>;
}

/**
 * In order; a new migration is a new file and a new line here, never an edit of one that has shipped. Listed rather than
 * read from the folder, so the compiled build and tsx find the same list and a stray file is never run.
 */
const MIGRATIONS: readonly (readonly [string, EngineMigration])[] = [
  ['001-forum', forum001],
  ['002-publishing', forum002],
  ['003-statistics', statistics003],
  ['004-member-language', memberLanguage004],
  ['005-search-version', searchVersion005],
];

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/** How often a SQLite migration is retried when another process holds the file longer than busy_timeout. */
const SQLITE_ATTEMPTS = 5;

function migrator(db: Kysely<unknown>, engine: Engine, schema: string | undefined): Migrator {
  const migrations: Record<string, Migration> = {};
  for (const [name, migration] of MIGRATIONS) migrations[name] = { up: (trx) => migration.up(trx, engine) };
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    // Without a schema Kysely looks for its own tables in every schema of the database; name ours.
    ...(engine === 'postgres' ? { migrationTableSchema: schema ?? 'public' } : {}),
  });
}

/**
 * Brings the database up to the newest migration. Several servers may start at once: on PostgreSQL Kysely holds an
 * advisory lock (pg_advisory_lock) around the run; on SQLite the run is one BEGIN IMMEDIATE transaction (see
 * sqlite-dialect.ts), so the second server waits, then finds nothing left to do.
 */
export async function migrateToLatest(db: Kysely<unknown>, engine: Engine, schema?: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const { error, results } = await migrator(db, engine, schema).migrateToLatest();
    if (error === undefined) return;
    if (engine === 'sqlite' && isBusy(error) && attempt < SQLITE_ATTEMPTS) continue;
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    const message = error instanceof Error ? error.message : JSON.stringify(error);
    throw new MigrationError(`the forum's database could not be migrated${failed ? ` (migration ${failed})` : ''}: ${message}`, { cause: error });
  }
}

/** Brings the database up to the named migration and no further: for tests of a later migration on existing data. */
export async function migrateTo(db: Kysely<unknown>, engine: Engine, name: string, schema?: string): Promise<void> {
  const { error } = await migrator(db, engine, schema).migrateTo(name);
  if (error !== undefined) throw new MigrationError(`the forum's database could not be migrated to ${name}`, { cause: error });
}

/** One migration this code knows, and when it ran on this database (undefined: not yet). */
export interface MigrationState {
  readonly name: string;
  readonly executedAt: Date | undefined;
}

/** Which of this code's migrations have run on the database, in order; reads only (a database never migrated lists none as run). */
export async function migrationStates(db: Kysely<unknown>, engine: Engine, schema?: string): Promise<MigrationState[]> {
  const infos = await migrator(db, engine, schema).getMigrations();
  return infos.map((info) => ({ name: info.name, executedAt: info.executedAt }));
}

/** The names of the migrations this code knows, in order. */
export function migrationNames(): string[] {
  return MIGRATIONS.map(([name]) => name);
}
