// A PostgreSQL connection lost while in use (a restart mid-transaction) fails that work, never the process; the pool recovers.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
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
  // Every socket connected while the test runs, so that it can wait for the pool's own connection to learn that the
  // server went away, rather than for a length of time. pg makes its sockets with new net.Socket() and connect(),
  // which Node's net.client.socket diagnostics channel does not announce (Node 20), so connect() is wrapped.
  const sockets: net.Socket[] = [];
  const connect = Reflect.get<typeof net.Socket.prototype, 'connect'>(net.Socket.prototype, 'connect');
  before(async () => {
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]): net.Socket {
      sockets.push(this);
      return Reflect.apply(connect, this, args) as net.Socket;
    };
    assert.ok(postgres, 'REQUIRE_POSTGRES=1 but DATABASE_URL_TEST is not set');
    fresh = postgres.fresh();
    const url = new URL(fresh.options.databaseUrl!);
    proxy = await FaultProxy.start({ host: url.hostname, port: Number(url.port || 5432) });
    database = await openDatabase({ ...fresh.options, databaseUrl: proxy.urlFor(fresh.options.databaseUrl!), poolSize: 1 });
  });
  after(async () => {
    net.Socket.prototype.connect = connect;
    await database.close();
    await proxy.close();
    await fresh.remove();
  });

  it('fails the transaction that held it as "unavailable", keeps the process, and serves the next query on a new connection', async () => {
    const failure = await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`select 1`.execute(trx);
        // The connection is checked out and idle between two statements when the server goes away, and the next
        // statement is sent once its socket has heard so: the lost connection is then one pg knows of while idle.
        const inUse = sockets.filter((socket) => !socket.destroyed && socket.remotePort === proxy.port);
        assert.equal(inUse.length, 1, 'the pool holds one connection, the transaction’s');
        // Heard before pg's own listeners (prepended), so that it is heard even when one of them throws.
        const lost = new Promise<void>((resolve) => {
          for (const event of ['error', 'end', 'close']) inUse[0]!.prependOnceListener(event, () => resolve());
        });
        proxy.cut();
        await lost;
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
