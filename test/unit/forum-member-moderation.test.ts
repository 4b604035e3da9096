// Staff acting on accounts: roles by administrators only, suspensions by rank, one-time reset links, all in the audit log.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { ClientKey } from '../../src/forum/client-key.js';
import { RESET_LIFETIME_MS } from '../../src/forum/password-resets.js';
import { sha256Hex } from '../../src/forum/tokens.js';
import { describeEachEngine } from '../helpers/engines.js';
import { addMember, openTestForum, PASSWORD, type TestForum } from '../helpers/forum.js';

const DAY = 24 * 60 * 60 * 1000;
const NEW_PASSWORD = 'a passphrase from the reset link';
const client = 'moderation-test' as ClientKey;

describeEachEngine('MemberModeration', (engine) => {
  let test: TestForum;
  let admin: number;
  let moderator: number;
  let member: number;
  const log = () => test.database.db.selectFrom('moderation_log').selectAll().orderBy('id').execute();
  before(async () => {
    test = await openTestForum(engine);
    admin = await addMember(test.database, 'chief', 'administrator');
    moderator = await addMember(test.database, 'keeper', 'moderator');
    member = await addMember(test.database, 'talker');
  });
  after(() => test.close());

  it('lets only an administrator set roles, and records who did it', async () => {
    assert.deepEqual(await test.forum.memberModeration.setRole(moderator, member, 'moderator'), { status: 'not-allowed' });
    assert.deepEqual(await test.forum.memberModeration.setRole(admin, member, 'moderator'), { status: 'done' });
    assert.equal((await test.forum.accounts.find(member))?.role, 'moderator');
    assert.deepEqual(await test.forum.memberModeration.setRole(admin, member, 'member'), { status: 'done' });
    const entries = (await log()).filter((entry) => entry.action === 'set-role');
    assert.deepEqual(
      entries.map((entry) => [entry.actor_id, entry.target_user_id, JSON.parse(entry.details!) as unknown]),
      [
        [admin, member, { from: 'member', to: 'moderator' }],
        [admin, member, { from: 'moderator', to: 'member' }],
      ],
    );
  });

  it('never demotes the last administrator', async () => {
    assert.deepEqual(await test.forum.memberModeration.setRole(admin, admin, 'member'), { status: 'last-administrator' });
  });

  it('lets a moderator suspend a member, ending their sessions, but not a moderator or administrator', async () => {
    const session = await test.forum.sessions.start(member);
    const until = test.clock.now + DAY;
    assert.deepEqual(await test.forum.memberModeration.suspend(moderator, member, until, 'spam'), { status: 'done' });
    assert.equal(await test.forum.sessions.resolve(session.token), undefined);
    assert.equal((await test.forum.accounts.login({ username: 'talker', password: PASSWORD, client })).status, 'suspended');
    assert.deepEqual(await test.forum.memberModeration.suspend(moderator, admin, until), { status: 'not-allowed' });
    assert.deepEqual(await test.forum.memberModeration.suspend(moderator, moderator, until), { status: 'not-allowed' });
    assert.deepEqual(await test.forum.memberModeration.suspend(member, moderator, until), { status: 'not-allowed' });
    assert.deepEqual(await test.forum.memberModeration.suspend(moderator, member, null), { status: 'done' });
    assert.equal((await test.forum.accounts.login({ username: 'talker', password: PASSWORD, client })).status, 'ok');
    const actions = (await log()).filter((entry) => entry.target_user_id === member).map((entry) => [entry.action, entry.reason]);
    assert.deepEqual(actions.slice(-2), [
      ['suspend-member', 'spam'],
      ['lift-suspension', null],
    ]);
  });

  it('lets a moderator lift a login lock', async () => {
    for (let index = 0; index < 5; index += 1) await test.forum.accounts.login({ username: 'talker', password: 'wrong', client: `c${index}` as ClientKey });
    assert.equal((await test.forum.accounts.login({ username: 'talker', password: PASSWORD, client })).status, 'throttled');
    assert.deepEqual(await test.forum.memberModeration.unlockLogin(moderator, member), { status: 'done' });
    assert.equal((await test.forum.accounts.login({ username: 'talker', password: PASSWORD, client })).status, 'ok');
  });

  it('issues a one-time reset link for a member, of which only the hash is stored', async () => {
    const issued = await test.forum.resets.issue(moderator, member);
    assert.equal(issued.status, 'issued');
    const token = issued.status === 'issued' ? issued.token : '';
    const rows = await test.database.db.selectFrom('password_resets').selectAll().execute();
    assert.deepEqual(
      rows.map((row) => row.id),
      [sha256Hex(token)],
    );
    assert.ok(!JSON.stringify(rows).includes(token));
    assert.deepEqual(await test.forum.resets.check(token), { memberId: member, username: 'talker' });
    assert.equal((await log()).at(-1)?.action, 'issue-password-reset');
  });

  it('never lets a moderator issue a link for an administrator or another moderator', async () => {
    assert.deepEqual(await test.forum.resets.issue(moderator, admin), { status: 'not-allowed' });
    assert.deepEqual(await test.forum.resets.issue(member, moderator), { status: 'not-allowed' });
    assert.equal((await test.forum.resets.issue(admin, moderator)).status, 'issued');
  });

  it('sets the new password once: a weak one leaves the link usable, then the link is spent and sessions end', async () => {
    const issued = await test.forum.resets.issue(moderator, member);
    const token = issued.status === 'issued' ? issued.token : '';
    const session = await test.forum.sessions.start(member);
    assert.deepEqual(await test.forum.resets.redeem(token, 'talker123456789'), { status: 'invalid', problem: 'contains-username' });
    assert.deepEqual(await test.forum.resets.redeem(token, NEW_PASSWORD), { status: 'changed', memberId: member });
    assert.deepEqual(await test.forum.resets.redeem(token, NEW_PASSWORD), { status: 'expired' });
    assert.equal(await test.forum.resets.check(token), undefined);
    assert.equal(await test.forum.sessions.resolve(session.token), undefined);
    assert.equal((await test.forum.accounts.login({ username: 'talker', password: NEW_PASSWORD, client })).status, 'ok');
  });

  it('lets only one of two requests with the same link succeed', async () => {
    const issued = await test.forum.resets.issue(moderator, member);
    const token = issued.status === 'issued' ? issued.token : '';
    const outcomes = await Promise.all([test.forum.resets.redeem(token, PASSWORD), test.forum.resets.redeem(token, NEW_PASSWORD)]);
    assert.deepEqual(outcomes.map((outcome) => outcome.status).sort(), ['changed', 'expired']);
  });

  it('expires a link after 24 hours, and replaces an older link with a newer one', async () => {
    const first = await test.forum.resets.issue(moderator, member);
    const second = await test.forum.resets.issue(moderator, member);
    assert.equal(await test.forum.resets.check(first.status === 'issued' ? first.token : ''), undefined);
    const token = second.status === 'issued' ? second.token : '';
    test.clock.advance(RESET_LIFETIME_MS);
    assert.deepEqual(await test.forum.resets.redeem(token, NEW_PASSWORD), { status: 'expired' });
    assert.ok((await test.forum.resets.removeExpired()) >= 1);
    assert.equal(await test.forum.resets.check(token), undefined);
  });
});
