// Accounts: registering, logging in under the brute-force limits, changing the password, deleting, the first administrator.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { hash } from '@node-rs/argon2';
import type { ClientKey } from '../../src/forum/client-key.js';
import { DELETED_MEMBER_NAME } from '../../src/forum/members.js';
import { describeEachEngine } from '../helpers/engines.js';
import { addMember, openTestForum, PASSWORD, type TestForum } from '../helpers/forum.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
let clients = 0;
/** A new client each call, as if from another address. */
const newClient = (): ClientKey => `client-${(clients += 1)}` as ClientKey;

describeEachEngine('Accounts', (engine) => {
  let test: TestForum;
  before(async () => {
    test = await openTestForum(engine);
  });
  after(() => test.close());

  it('registers a member with a normalised name, keeping the email but never returning it', async () => {
    const result = await test.forum.accounts.register({ username: 'ａｉｄａ.b', password: PASSWORD, email: ' aida@example.org ', client: newClient() });
    assert.equal(result.status, 'created');
    const member = result.status === 'created' ? result.member : undefined;
    assert.deepEqual(Object.keys(member!).sort(), ['approvedPostCount', 'createdAt', 'id', 'role', 'suspendedUntil', 'username']);
    assert.equal(member!.username, 'aida.b');
    assert.equal(member!.role, 'member');
    const row = await test.database.db.selectFrom('users').select(['email', 'password_hash']).where('id', '=', member!.id).executeTakeFirstOrThrow();
    assert.equal(row.email, 'aida@example.org');
    assert.match(row.password_hash!, /^\$argon2id\$/);
  });

  it('refuses a name taken in another case, spelling or script, and says every problem at once', async () => {
    const taken = await test.forum.accounts.register({ username: 'AIDA_B', password: PASSWORD, client: newClient() });
    assert.deepEqual(taken, { status: 'invalid', problems: { username: 'taken' } });
    const all = await test.forum.accounts.register({ username: '.xy', password: 'short', email: 'not an email', client: newClient() });
    assert.deepEqual(all, { status: 'invalid', problems: { username: 'punctuation', password: 'too-short', email: 'invalid' } });
    const own = await test.forum.accounts.register({ username: 'nurlan', password: 'nurlan is the best', client: newClient() });
    assert.deepEqual(own, { status: 'invalid', problems: { password: 'contains-username' } });
  });

  it('limits registrations per client, and says when to try again', async () => {
    const client = newClient();
    for (let index = 0; index < 5; index += 1) {
      assert.equal((await test.forum.accounts.register({ username: `pupil${index}`, password: PASSWORD, client })).status, 'created');
    }
    const sixth = await test.forum.accounts.register({ username: 'pupil5', password: PASSWORD, client });
    assert.equal(sixth.status, 'throttled');
    assert.ok(sixth.status === 'throttled' && sixth.retryAfterSeconds > 0 && sixth.retryAfterSeconds <= 2 * 3600);
    assert.equal((await test.forum.accounts.register({ username: 'pupil5', password: PASSWORD, client: newClient() })).status, 'created');
  });

  it('logs in with the right password in any case of the name, and gives one answer for a wrong password or name', async () => {
    await addMember(test.database, 'Bakyt');
    const ok = await test.forum.accounts.login({ username: 'bakyt', password: PASSWORD, client: newClient() });
    assert.equal(ok.status === 'ok' && ok.member.username, 'Bakyt');
    assert.deepEqual(await test.forum.accounts.login({ username: 'Bakyt', password: `${PASSWORD}!`, client: newClient() }), { status: 'invalid' });
    assert.deepEqual(await test.forum.accounts.login({ username: 'nobody-here', password: PASSWORD, client: newClient() }), { status: 'invalid' });
  });

  it('slows logins to an account after 5 failures from anywhere, even with the right password, then lets the owner in', async () => {
    await addMember(test.database, 'guessed');
    for (let index = 0; index < 5; index += 1) await test.forum.accounts.login({ username: 'guessed', password: `wrong ${index}`, client: newClient() });
    const locked = await test.forum.accounts.login({ username: 'GUESSED', password: PASSWORD, client: newClient() });
    assert.equal(locked.status, 'throttled');
    test.clock.advance((locked.status === 'throttled' ? locked.retryAfterSeconds : 0) * 1000);
    assert.equal((await test.forum.accounts.login({ username: 'guessed', password: PASSWORD, client: newClient() })).status, 'ok');
    for (let index = 0; index < 4; index += 1) await test.forum.accounts.login({ username: 'guessed', password: `wrong ${index}`, client: newClient() });
    assert.equal((await test.forum.accounts.login({ username: 'guessed', password: PASSWORD, client: newClient() })).status, 'ok', 'a login clears the count');
  });

  it('locks an account for about a day after 20 failures in a day, however slowly they come', async () => {
    await addMember(test.database, 'patient-target');
    let last = await test.forum.accounts.login({ username: 'patient-target', password: 'wrong', client: newClient() });
    for (let failures = 1; failures <= 20;) {
      if (last.status === 'throttled') test.clock.advance(last.retryAfterSeconds * 1000);
      else failures += 1;
      last = await test.forum.accounts.login({ username: 'patient-target', password: 'wrong', client: newClient() });
    }
    assert.equal(last.status, 'throttled');
    assert.ok(last.status === 'throttled' && last.retryAfterSeconds > 6 * 3600, String(last.status === 'throttled' && last.retryAfterSeconds));
    test.clock.advance(DAY);
  });

  it('limits failures per client across accounts, so one address cannot try many names', async () => {
    const client = newClient();
    for (let index = 0; index < 20; index += 1) await test.forum.accounts.login({ username: `someone${index}`, password: 'wrong', client });
    assert.equal((await test.forum.accounts.login({ username: 'Bakyt', password: PASSWORD, client })).status, 'throttled');
    assert.equal((await test.forum.accounts.login({ username: 'Bakyt', password: PASSWORD, client: newClient() })).status, 'ok');
  });

  it('tells a suspended member so only after the right password', async () => {
    const id = await addMember(test.database, 'suspended-one');
    const until = new Date(test.clock.now + DAY).toISOString();
    await test.database.db.updateTable('users').set({ suspended_until: until }).where('id', '=', id).execute();
    assert.deepEqual(await test.forum.accounts.login({ username: 'suspended-one', password: 'wrong', client: newClient() }), { status: 'invalid' });
    assert.deepEqual(await test.forum.accounts.login({ username: 'suspended-one', password: PASSWORD, client: newClient() }), { status: 'suspended', until });
  });

  it('rehashes a password stored with older parameters at login', async () => {
    const id = await addMember(test.database, 'old-hash');
    await test.database.db
      .updateTable('users')
      .set({ password_hash: await hash(PASSWORD, { timeCost: 1, memoryCost: 8192 }) })
      .where('id', '=', id)
      .execute();
    assert.equal((await test.forum.accounts.login({ username: 'old-hash', password: PASSWORD, client: newClient() })).status, 'ok');
    const row = await test.database.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
    assert.match(row.password_hash!, /m=19456,t=2,p=1/);
  });

  it('changes a password after checking the current one, ending the other sessions', async () => {
    const id = await addMember(test.database, 'changer');
    const other = await test.forum.sessions.start(id);
    const current = await test.forum.sessions.start(id);
    const keep = (await test.forum.sessions.resolve(current.token))!.id;
    const next = 'a brand new passphrase here';
    const client = newClient();
    assert.deepEqual(await test.forum.accounts.changePassword(id, { current: 'wrong', next, client }), {
      status: 'invalid',
      problems: { currentPassword: 'wrong' },
    });
    assert.deepEqual(await test.forum.accounts.changePassword(id, { current: PASSWORD, next: 'password1234567', client }), {
      status: 'invalid',
      problems: { password: 'common' },
    });
    assert.deepEqual(await test.forum.accounts.changePassword(id, { current: PASSWORD, next, client, keepSession: keep }), { status: 'changed' });
    assert.equal(await test.forum.sessions.resolve(other.token), undefined);
    assert.ok(await test.forum.sessions.resolve(current.token));
    assert.equal((await test.forum.accounts.login({ username: 'changer', password: next, client: newClient() })).status, 'ok');
    assert.equal((await test.forum.accounts.login({ username: 'changer', password: PASSWORD, client: newClient() })).status, 'invalid');
  });

  it('deletes an account: the row stays as "deleted member" with no name, email, password or session, and the name is free', async () => {
    const created = await test.forum.accounts.register({ username: 'leaving', password: PASSWORD, email: 'leaving@example.org', client: newClient() });
    const id = created.status === 'created' ? created.member.id : -1;
    const session = await test.forum.sessions.start(id);
    assert.deepEqual(await test.forum.accounts.deleteAccount(id, { password: 'wrong', client: newClient() }), {
      status: 'invalid',
      problems: { currentPassword: 'wrong' },
    });
    assert.deepEqual(await test.forum.accounts.deleteAccount(id, { password: PASSWORD, client: newClient() }), { status: 'deleted' });
    const row = await test.database.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.username, DELETED_MEMBER_NAME);
    assert.deepEqual([row.email, row.password_hash, row.role], [null, null, 'member']);
    assert.ok(row.deleted_at);
    assert.equal(await test.forum.sessions.resolve(session.token), undefined);
    assert.equal(await test.forum.accounts.find(id), undefined);
    assert.equal((await test.forum.accounts.login({ username: 'leaving', password: PASSWORD, client: newClient() })).status, 'invalid');
    assert.equal((await test.forum.accounts.register({ username: 'leaving', password: PASSWORD, client: newClient() })).status, 'created');
  });

  it('creates an administrator from the command line, reserved names allowed, weak passwords not', async () => {
    const admin = await test.forum.accounts.createAdmin('admin', PASSWORD);
    assert.equal(admin.status === 'created' && admin.member.role, 'administrator');
    assert.deepEqual(await test.forum.accounts.createAdmin('root', 'password'), { status: 'invalid', problems: { password: 'too-short' } });
    assert.deepEqual(await test.forum.accounts.createAdmin('ADMIN', PASSWORD), { status: 'invalid', problems: { username: 'taken' } });
  });

  it('keeps the last administrator from deleting the account', async () => {
    const fresh = await openTestForum(engine);
    try {
      const created = await fresh.forum.accounts.createAdmin('only-admin', PASSWORD);
      const id = created.status === 'created' ? created.member.id : -1;
      assert.deepEqual(await fresh.forum.accounts.deleteAccount(id, { password: PASSWORD, client: newClient() }), { status: 'last-administrator' });
      await fresh.forum.accounts.createAdmin('second-admin', PASSWORD);
      assert.deepEqual(await fresh.forum.accounts.deleteAccount(id, { password: PASSWORD, client: newClient() }), { status: 'deleted' });
    } finally {
      await fresh.close();
    }
  });
});
