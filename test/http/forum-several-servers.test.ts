// Two servers on one database, as behind a load balancer: a session and every limit hold whichever server answers.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { App } from '../../src/app.js';
import { describeEachEngine, envFor, type FreshDatabase } from '../helpers/engines.js';
import { hiddenFields, Visitor } from '../helpers/forum-web.js';
import { html, testApp } from '../helpers/test-app.js';

/** The same browser (its cookies and its address) sending its next request to another server. */
function through(app: App, visitor: Visitor): Visitor {
  const moved = new Visitor(app, visitor.address);
  for (const [name, value] of visitor.cookies) moved.cookies.set(name, value);
  return moved;
}

describeEachEngine('two servers on one forum database', (engine) => {
  let fresh: FreshDatabase;
  let serverA: App;
  let serverB: App;
  before(async () => {
    fresh = engine.fresh();
    // Each is a whole app with its own memory, as two processes would be; only the database is shared.
    const env = { ...envFor(fresh.options), TRUST_PROXY: 'on', STATS: 'off' };
    serverA = testApp(env);
    assert.ok(await serverA.forum.ready());
    serverB = testApp(env);
    assert.ok(await serverB.forum.ready());
  });
  after(async () => {
    for (const app of [serverA, serverB]) {
      app.close();
      await app.closed();
    }
    await fresh.remove();
  });

  it('keeps a member logged in through B after logging in through A, and logging out through B ends it on A', async () => {
    assert.equal((await new Visitor(serverA).register('Nurlan')).status, 303);
    const onA = new Visitor(serverA);
    assert.equal((await onA.login('Nurlan')).status, 303);
    const onB = through(serverB, onA);
    const account = await onB.get('/forum/account');
    assert.equal(account.status, 200);
    assert.match(html(account.text).querySelector('main')?.textContent ?? '', /Nurlan/);

    const form = await onB.get('/forum/logout');
    assert.equal((await onB.post('/forum/logout', hiddenFields(form.text, '/forum/logout'))).status, 303);
    const after = await through(serverA, onA).get('/forum/account');
    assert.equal(after.status, 303, 'the session ended on B is ended on A');
  });

  it('accepts on B a login form served by A (the pre-session token is signed with the shared secret)', async () => {
    assert.equal((await new Visitor(serverB).register('Gulnara')).status, 303);
    const onA = new Visitor(serverA);
    const form = await onA.get('/forum/login');
    const onB = through(serverB, onA);
    const sent = await onB.post('/forum/login', { ...hiddenFields(form.text, '/forum/login'), username: 'Gulnara', password: 'correct horse battery staple' });
    assert.equal(sent.status, 303);
  });

  it('counts failed logins through both servers toward one limit', async () => {
    assert.equal((await new Visitor(serverA).register('Azamat')).status, 303);
    // Five failures, alternating servers: each server alone has seen at most three, under the limit of five.
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const server = attempt % 2 === 0 ? serverB : serverA;
      assert.equal((await new Visitor(server).login('Azamat', `wrong guess number ${attempt}`)).status, 422);
    }
    for (const server of [serverA, serverB]) assert.equal((await new Visitor(server).login('Azamat', 'wrong guess number 6')).status, 429);
  });
});
