// Finding members and their standing for moderators, and the version that tells search the forum changed, on each engine.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { LIMITS } from '../../src/forum/limits.js';
import { usernameKey } from '../../src/forum/usernames.js';
import { describeEachEngine } from '../helpers/engines.js';
import { addMember, openTestForum, type TestForum } from '../helpers/forum.js';
import { addNewcomer, addTrusted, reply, startTopic } from '../helpers/forum-posting.js';

describeEachEngine('MemberLookup and the search version', (engine) => {
  let test: TestForum;
  let moderator: { id: number; role: 'moderator' };
  before(async () => {
    test = await openTestForum(engine);
    moderator = { id: await addMember(test.database, 'warden', 'moderator'), role: 'moderator' };
  });
  after(() => test.close());

  it('finds members by the start of their name, folded as at registration, exact name first; only for staff', async () => {
    for (const name of ['Asel', 'Aselbek', 'Asel_kyzy', 'Bolot']) await addMember(test.database, name);
    const names = async (typed: string) => (await test.forum.members.find(moderator, typed))?.map((member) => member.username);
    assert.deepEqual(await names('asel'), ['Asel', 'Aselbek', 'Asel_kyzy']);
    assert.deepEqual(await names('ASELK'), ['Asel_kyzy']);
    assert.deepEqual(await names('%'), []);
    assert.deepEqual(await names('_'), [], 'a lone underscore folds to nothing, and nothing is asked');
    assert.deepEqual(await names('\\'), []);
    assert.equal(await test.forum.members.find({ id: 1, role: 'member' }, 'asel'), undefined);
    assert.equal(await test.forum.members.find(undefined, 'asel'), undefined);
  });

  it('tells a member’s standing: posts by status, open reports, a login lock and live sessions', async () => {
    const newcomer = await addNewcomer(test, 'Standing');
    const reporter = await addTrusted(test, 'Reporting');
    const topic = await startTopic(test, newcomer);
    await test.forum.moderation.approve(moderator.id, topic.postId);
    await reply(test, newcomer, topic.topicId);
    await test.forum.moderation.report({ reporterId: reporter.id, postId: topic.postId, reason: 'Rude' });
    await test.forum.sessions.start(newcomer.id);
    for (let failure = 0; failure < 5; failure += 1) await test.forum.throttle.hit(LIMITS.loginFailuresPerAccount, usernameKey('Standing'));
    const standing = await test.forum.members.standing(moderator, newcomer.id);
    assert.ok(standing);
    assert.deepEqual(standing.posts, { visible: 1, held: 1, hidden: 0, rejected: 0 });
    assert.equal(standing.openReports, 1);
    assert.equal(standing.sessions, 1);
    assert.equal(standing.loginLocked, true);
    assert.equal(await test.forum.members.standing({ id: reporter.id, role: 'member' }, newcomer.id), undefined);
    assert.equal(await test.forum.members.standing(moderator, 999_999), undefined);
  });

  it('moves the search version with every change search could see, even two in the same millisecond', async () => {
    const author = await addTrusted(test, 'Versioned');
    const versions = new Set([await test.forum.topics.searchVersion()]);
    const changed = async (what: string): Promise<void> => {
      const version = await test.forum.topics.searchVersion();
      assert.ok(!versions.has(version), what);
      versions.add(version);
    };
    const topic = await startTopic(test, author);
    await changed('a new topic');
    await reply(test, author, topic.topicId);
    await changed('a reply');
    await test.forum.moderation.hide(moderator.id, topic.postId, 'test');
    await changed('a hidden post');
    await test.forum.moderation.restore(moderator.id, topic.postId);
    await changed('a post restored in the same millisecond');
    await test.forum.moderation.move(moderator.id, topic.topicId, 'jobs');
    await changed('a move');
  });
});
