// Kysely's SQLite dialect with every transaction taking the write lock at BEGIN, and migrations in one transaction.
import { CompiledQuery, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type DialectAdapter, type Driver } from 'kysely';
import type { SqliteDialectConfig } from 'kysely';

/**
 * Kysely begins SQLite transactions with a plain (deferred) BEGIN. With several processes on one file (cluster workers,
 * the CLI beside the server), a deferred transaction that reads and then writes fails with SQLITE_BUSY when another
 * process wrote in between, without waiting. BEGIN IMMEDIATE takes the write lock first, and busy_timeout waits for it.
 * Within one process Kysely already runs transactions one at a time on the single connection, so this costs nothing.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * Kysely's SQLite adapter says SQLite has no transactional DDL, so its Migrator runs each migration outside a transaction
 * and takes no lock. SQLite does have transactional DDL: saying so makes the Migrator run all pending migrations in one
 * (immediate) transaction, which is also the lock that makes several servers starting at once safe.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}
