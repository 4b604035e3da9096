// DATABASE_POOL_SIZE bounds the connections one server holds to PostgreSQL, however many requests arrive at once.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import request from 'supertest';
import type { App } from '../../src/app.js';
import { describeEachEngine, envFor, type FreshDatabase } from '../helpers/engines.js';
import { FaultProxy } from '../helpers/fault-proxy.js';
import { testApp } from '../helpers/test-app.js';

/** How long a request may wait for a connection before it counts as hung. */
const HANG_BOUND_MS = 120_000;

describeEachEngine('the connection pool', (engine) => {
  let fresh: FreshDatabase;
  let proxy: FaultProxy | undefined;
  let app: App;
  before(async () => {
    fresh = engine.fresh();
    let env = envFor(fresh.options);
    if (fresh.options.databaseUrl) {
      // Counting the connections that pass through a proxy: what the server held, whatever else uses the database.
      const url = new URL(fresh.options.databaseUrl);
      proxy = await FaultProxy.start({ host: url.hostname, port: Number(url.port || 5432) });
      env = envFor({ ...fresh.options, databaseUrl: proxy.urlFor(fresh.options.databaseUrl) });
    }
    // The 30 requests queue for the pool's 2 connections: how long the last one waits depends on the machine's load, and
    // beyond DATABASE_WAIT_MS (5 s by default) it would get a 503 (seen at load 14), or the start itself would fail
    // (the file cancelled at load 25). Here the wait only bounds a hang; the bound on connections is what is tested.
    app = testApp({ ...env, DATABASE_POOL_SIZE: '2', DATABASE_WAIT_MS: String(HANG_BOUND_MS), STATS: 'off' });
    assert.ok(await app.forum.ready());
  });
  after(async () => {
    app.close();
    await app.closed();
    await proxy?.close();
    await fresh.remove();
  });

  it('answers many forum requests at once with no more connections than DATABASE_POOL_SIZE', async () => {
    const responses = await Promise.all(Array.from({ length: 30 }, () => request(app.handle).get('/forum')));
    assert.deepEqual([...new Set(responses.map((response) => response.status))], [200]);
    // SQLite is one file handle per process whatever the setting; PostgreSQL's pool waits for a free connection.
    if (proxy) {
      assert.ok(proxy.peak >= 1, 'the requests went through the proxy');
      assert.ok(proxy.peak <= 2, `at most 2 connections at once, saw ${proxy.peak}`);
    }
  });
});
