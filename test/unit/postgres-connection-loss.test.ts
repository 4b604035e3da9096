// A PostgreSQL connection lost while in use (a restart mid-transaction) fails that work, never the process; the pool recovers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { openDatabase, type ForumDatabase } from '../../src/db/database.js';
import { isUnavailable } from '../../src/db/errors.js';
import { availableEngines, type FreshDatabase } from '../helpers/engines.js';
import { FaultProxy } from '../helpers/fault-proxy.js';

const postgres = availableEngines().find((engine) => engine.engine === 'postgres');
const skip = postgres || process.env['REQUIRE_POSTGRES'] === '1' ? undefined : 'DATABASE_URL_TEST is not set (bash scripts/lib/postgres-for-tests.sh start)';

describe('a PostgreSQL connection lost while in use', { skip }, () => {
  let fresh: FreshDatabase;
  let proxy: FaultProxy;
  let database: ForumDatabase;
  before(async () => {
    assert.ok(postgres, 'REQUIRE_POSTGRES=1 but DATABASE_URL_TEST is not set');
    fresh = postgres.fresh();
    const url = new URL(fresh.options.databaseUrl!);
    proxy = await FaultProxy.start({ host: url.hostname, port: Number(url.port || 5432) });
    database = await openDatabase({ ...fresh.options, databaseUrl: proxy.urlFor(fresh.options.databaseUrl!), poolSize: 1 });
  });
  after(async () => {
    await database.close();
    await proxy.close();
    await fresh.remove();
  });

  it('fails the transaction that held it as "unavailable", keeps the process, and serves the next query on a new connection', async () => {
    const failure = await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`select 1`.execute(trx);
        // The connection is checked out and idle between two statements when the server goes away.
        proxy.cut();
        await delay(200);
        await sql`select 2`.execute(trx);
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    assert.ok(failure, 'the transaction failed');
    assert.ok(isUnavailable(failure), 'an unavailable database, not a fault');
    proxy.restore();
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    assert.equal(rows[0]?.one, 1);
  });
});
