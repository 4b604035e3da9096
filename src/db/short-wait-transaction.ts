// A transaction for background writes that must never stall the server: on SQLite it waits briefly for the file's lock.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ForumDatabase } from './database.js';
import type { DatabaseSchema } from './schema.js';

/**
 * How long a background write waits for another process's write lock on SQLite. better-sqlite3 waits on the event
 * loop's thread, so the forum's 2 s busy_timeout would hold every request that long if another server held the
 * file; a background write gives up after this instead, and its caller tries again later.
 */
export const SHORT_WAIT_MS = 25;

/**
 * Runs `work` in a transaction. SQLite: on the one connection, with busy_timeout lowered for this transaction alone
 * and put back afterwards (Kysely hands the connection to nobody else meanwhile). PostgreSQL waits on the network,
 * never on this thread, so it runs as usual.
 */
export async function shortWaitTransaction<T>(
  database: Pick<ForumDatabase, 'db' | 'engine'>,
  work: (trx: Transaction<DatabaseSchema>) => Promise<T>,
): Promise<T> {
  if (database.engine !== 'sqlite') return database.db.transaction().execute(work);
  return database.db.connection().execute(async (connection: Kysely<DatabaseSchema>) => {
    const before = (await sql<{ timeout: number }>`pragma busy_timeout`.execute(connection)).rows[0]?.timeout ?? 0;
    await sql.raw(`pragma busy_timeout = ${SHORT_WAIT_MS}`).execute(connection);
    try {
      return await connection.transaction().execute(work);
    } finally {
      await sql.raw(`pragma busy_timeout = ${Number(before)}`).execute(connection);
    }
  });
}
