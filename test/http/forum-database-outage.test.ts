// A database that goes away after the forum was opened: forum writes answer 503, pages keep serving, the forum comes back.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, it } from 'node:test';
import Database from 'better-sqlite3';
import request from 'supertest';
import type { App } from '../../src/app.js';
import { FORUM_DATABASE_FILE } from '../../src/db/database.js';
import { captureLogs } from '../../scripts/lib/log-lines.js';
import { describeEachEngine, envFor, type EngineUnderTest, type FreshDatabase } from '../helpers/engines.js';
import { FaultProxy } from '../helpers/fault-proxy.js';
import { GOOD_PASSWORD, hiddenFields, setCookies, Visitor } from '../helpers/forum-web.js';
import { eventually } from '../helpers/eventually.js';
import { html, testApp } from '../helpers/test-app.js';

/** A way to make the database unusable and usable again, and the environment that puts the app behind it. */
interface Fault {
  readonly env: Record<string, string>;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/** PostgreSQL restarting, as the pool sees it: every connection reset, new ones refused (test/helpers/fault-proxy.ts). */
async function postgresFault(fresh: FreshDatabase): Promise<Fault> {
  const url = new URL(fresh.options.databaseUrl!);
  const proxy = await FaultProxy.start({ host: url.hostname, port: Number(url.port || 5432) });
  return {
    env: envFor({ ...fresh.options, databaseUrl: proxy.urlFor(fresh.options.databaseUrl!) }),
    cut: () => proxy.cut(),
    restore: () => proxy.restore(),
    close: () => proxy.close(),
  };
}

/**
 * SQLite held by another process's write transaction (a backup tool, a stuck script) for longer than busy_timeout: the
 * file is locked, for real, by a second connection. Reads go on (WAL); every write fails with SQLITE_BUSY.
 */
function sqliteFault(fresh: FreshDatabase): Fault {
  let holder: Database.Database | undefined;
  return {
    env: envFor(fresh.options),
    cut() {
      holder = new Database(path.join(fresh.options.dataDir, FORUM_DATABASE_FILE));
      holder.exec('BEGIN IMMEDIATE');
    },
    restore() {
      holder?.exec('ROLLBACK');
      holder?.close();
      holder = undefined;
    },
    close: () => Promise.resolve(),
  };
}

/** Sends the form until the database answers something other than 503 (failing only if that seems never to come). */
async function untilAvailable(send: () => Promise<request.Response>): Promise<request.Response> {
  let response: request.Response | undefined;
  await eventually('an answer other than 503', async () => (response = await send()).status !== 503);
  return response!;
}

describeEachEngine('a forum whose database goes away after it opened', (engine: EngineUnderTest) => {
  let fresh: FreshDatabase;
  let fault: Fault;
  let app: App;
  const { logger, lines } = captureLogs();
  before(async () => {
    fresh = engine.fresh();
    fault = engine.engine === 'postgres' ? await postgresFault(fresh) : sqliteFault(fresh);
    app = testApp({ ...fault.env, TRUST_PROXY: 'on', STATS: 'off' }, { logger });
    assert.ok(await app.forum.ready(), lines.text());
  });
  after(async () => {
    app.close();
    await app.closed();
    await fault.close();
    await fresh.remove();
  });

  it('answers forum writes 503 with Retry-After while pages serve, never 500, and accepts them again once it is back', async () => {
    const member = new Visitor(app);
    assert.equal((await member.register('Aigerim')).status, 303);
    const newcomer = new Visitor(app);
    const form = await newcomer.get('/forum/register');
    const fields = { ...hiddenFields(form.text, '/forum/register'), username: 'Bakyt', password: GOOD_PASSWORD, 'password-confirm': GOOD_PASSWORD };

    fault.cut();
    try {
      await request(app.handle).get('/country-info').expect(200);
      await request(app.handle).get('/search?q=development').expect(200);
      const home = await request(app.handle).get('/forum');
      assert.ok([200, 503].includes(home.status), `/forum answered ${home.status}`);
      assert.equal(html(home.text).querySelectorAll('.forum-category').length, 4, 'the categories show whatever the database does');

      const refused = await newcomer.post('/forum/register', fields);
      assert.equal(refused.status, 503);
      assert.equal(refused.headers['retry-after'], '60');
      assert.match(refused.text, /The forum is unavailable/);
      assert.match(refused.text, /nothing was changed/);
      assert.equal(setCookies(refused).length, 0);
      const login = await new Visitor(app).login('Aigerim');
      assert.equal(login.status, 503);
      const account = await member.get('/forum/account');
      assert.ok([200, 503].includes(account.status), `/forum/account answered ${account.status}`);
    } finally {
      fault.restore();
    }

    const registered = await untilAvailable(() => newcomer.post('/forum/register', fields));
    assert.equal(registered.status, 303, registered.text);
    assert.equal((await new Visitor(app).login('Aigerim')).status, 303);
    assert.equal((await member.get('/forum/account')).status, 200, 'the session made before the outage still holds');
    const failed = lines.withMessage('request failed').filter((line) => line['status'] === 500);
    assert.deepEqual(failed, [], 'no request answered 500');
    assert.ok(lines.withMessage('request refused: unavailable').length > 0, 'each refusal is logged, as a warning');
  });
});
