// Moderation on both engines: held posts seen only by their author and staff in every read, the queue, approve, reject,
// hide, restore, lock, pin, move, reports, who may do what, and one log entry for every action.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { LOG_PAGE_SIZE } from '../../src/forum/moderation-queries.js';
import { REPORTS_TO_HIDE } from '../../src/forum/reports.js';
import type { Viewer } from '../../src/forum/visibility.js';
import { describeEachEngine } from '../helpers/engines.js';
import { addMember, openTestForum, type TestForum } from '../helpers/forum.js';
import { addNewcomer, addTrusted, clientOf, formFor, reply, startTopic } from '../helpers/forum-posting.js';

describeEachEngine('Moderation', (engine) => {
  let test: TestForum;
  let newcomer: Viewer;
  let other: Viewer;
  let moderator: Viewer;
  let admin: Viewer;
  const forum = () => test.forum;
  const log = () => test.database.db.selectFrom('moderation_log').selectAll().orderBy('id').execute();
  beforeEach(async () => {
    test = await openTestForum(engine);
    newcomer = await addNewcomer(test, 'newcomer');
    other = await addTrusted(test, 'regular');
    moderator = await addTrusted(test, 'keeper', 'moderator');
    admin = await addTrusted(test, 'chief', 'administrator');
  });
  afterEach(() => test.close());

  /** Every read a reader, member or feed uses, as one record of what it shows of a topic and a post. */
  async function seenBy(viewer: Viewer | undefined, topicId: number, postId: number) {
    const page = await forum().topics.page(topicId, viewer, 1);
    const [summary] = await forum().topics.summaries(['general']);
    return {
      list: (await forum().topics.list('general', viewer, 1)).items.some((topic) => topic.id === topicId),
      topic: (await forum().topics.find(topicId, viewer)) !== undefined,
      page: page?.posts.items.some((post) => post.id === postId) ?? false,
      post: (await forum().posts.find(postId, viewer)) !== undefined,
      locate: (await forum().posts.locate(postId, viewer)) !== undefined,
      quote: (await forum().posts.quote(postId, viewer)) !== undefined,
      summary: summary!.postCount > 0 && summary!.latest?.postId === postId,
      feed: (await forum().posts.latest()).some((post) => post.id === postId),
      categoryFeed: (await forum().posts.latest({ categorySlug: 'general' })).some((post) => post.id === postId),
      sitemap: (await forum().topics.sitemap()).some((topic) => topic.id === topicId),
      search: (await forum().topics.searchDocuments()).some((topic) => topic.text.includes('Secret held text')),
    };
  }
  const everywhere = (shown: boolean) => ({ list: shown, topic: shown, page: shown, post: shown, locate: shown, quote: shown });
  const publicReads = (shown: boolean) => ({ summary: shown, feed: shown, categoryFeed: shown, sitemap: shown, search: shown });

  it('holds a new member’s first post and its topic: invisible to readers and other members in every read', async () => {
    const { topicId, postId, held } = await startTopic(test, newcomer, { body: 'Secret held text' });
    assert.equal(held, true);
    const hidden = { ...everywhere(false), ...publicReads(false) };
    assert.deepEqual(await seenBy(undefined, topicId, postId), hidden);
    assert.deepEqual(await seenBy(other, topicId, postId), hidden);
    assert.deepEqual(await seenBy(newcomer, topicId, postId), { ...everywhere(true), ...publicReads(false) }, 'its author sees it, the public reads do not');
    assert.deepEqual(await seenBy(moderator, topicId, postId), { ...everywhere(true), ...publicReads(false) });
  });

  it('shows an approved first post and its topic everywhere, published at approval, so it tops the feed and the category', async () => {
    const older = await startTopic(test, other);
    const { topicId, postId } = await startTopic(test, newcomer, { body: 'Secret held text' });
    await reply(test, other, older.topicId);
    test.clock.advance(60 * 60 * 1000);
    assert.deepEqual(await forum().moderation.approve(moderator.id, postId), { status: 'done' });
    assert.deepEqual(await seenBy(undefined, topicId, postId), { ...everywhere(true), ...publicReads(true) });
    assert.equal((await forum().posts.latest())[0]?.id, postId);
    assert.equal((await forum().topics.list('general', undefined, 1)).items[0]?.id, topicId);
    assert.equal((await forum().topics.find(topicId, undefined))?.postCount, 1);
    assert.equal((await forum().accounts.find(newcomer.id))?.approvedPostCount, 1);
  });

  it('holds a new member’s reply in a public topic without touching the topic’s counts, and shows it to its author', async () => {
    const { topicId, postId: firstId } = await startTopic(test, other);
    const { postId, held } = await reply(test, newcomer, topicId, 'Secret held text');
    assert.equal(held, true);
    assert.deepEqual(await seenBy(undefined, topicId, postId), { ...everywhere(false), list: true, topic: true, ...publicReads(false), sitemap: true });
    const topic = await forum().topics.find(topicId, undefined);
    assert.equal(topic?.postCount, 1);
    assert.equal(topic?.lastPost?.postId, firstId);
    assert.equal((await forum().topics.page(topicId, newcomer, 1))?.posts.total, 2);
    assert.equal((await forum().topics.page(topicId, undefined, 1))?.posts.total, 1);
    await forum().moderation.approve(moderator.id, postId);
    assert.equal((await forum().topics.find(topicId, undefined))?.postCount, 2);
    assert.equal((await forum().topics.find(topicId, undefined))?.lastPost?.postId, postId);
  });

  it('stops holding a member’s posts once two were approved', async () => {
    const { topicId, postId } = await startTopic(test, newcomer);
    await forum().moderation.approve(moderator.id, postId);
    const second = await reply(test, newcomer, topicId);
    assert.equal(second.held, true);
    await forum().moderation.approve(moderator.id, second.postId);
    assert.equal((await reply(test, newcomer, topicId)).held, false);
  });

  it('refuses a member’s reply to their own topic while it waits for approval', async () => {
    const { topicId } = await startTopic(test, newcomer);
    const result = await forum().posts.reply({ authorId: newcomer.id, topicId, body: 'More', form: formFor(test, newcomer.id), client: clientOf(newcomer.id) });
    assert.deepEqual(result, { status: 'topic-held' });
    assert.equal((await forum().topics.page(topicId, newcomer, 1))?.canReply, false);
  });

  it('rejects a held first post and its topic for good: only staff see them', async () => {
    const { topicId, postId } = await startTopic(test, newcomer, { body: 'Secret held text' });
    assert.deepEqual(await forum().moderation.reject(moderator.id, postId, 'advertising'), { status: 'done' });
    assert.deepEqual(await seenBy(newcomer, topicId, postId), { ...everywhere(false), ...publicReads(false) });
    assert.equal((await forum().topics.find(topicId, moderator))?.status, 'rejected');
    assert.deepEqual(await forum().moderation.approve(moderator.id, postId), { status: 'unchanged' });
    assert.equal((await forum().accounts.find(newcomer.id))?.approvedPostCount, 0);
  });

  it('keeps counts and the latest post right through hide and restore, and hides a topic with its first post', async () => {
    const { topicId, postId: firstId } = await startTopic(test, other);
    const second = await reply(test, other, topicId);
    assert.deepEqual(await forum().moderation.hide(moderator.id, second.postId, 'off topic'), { status: 'done' });
    let topic = await forum().topics.find(topicId, undefined);
    assert.deepEqual([topic?.postCount, topic?.lastPost?.postId], [1, firstId]);
    assert.equal((await forum().topics.summaries(['general']))[0]?.postCount, 1);
    assert.equal(await forum().posts.find(second.postId, other), undefined, 'its own author no longer sees a hidden post');
    assert.deepEqual(await forum().moderation.restore(moderator.id, second.postId), { status: 'done' });
    topic = await forum().topics.find(topicId, undefined);
    assert.deepEqual([topic?.postCount, topic?.lastPost?.postId], [2, second.postId]);
    await forum().moderation.hide(moderator.id, firstId);
    assert.equal(await forum().topics.find(topicId, undefined), undefined);
    assert.deepEqual(await forum().topics.summaries(['general']), [{ slug: 'general', topicCount: 0, postCount: 0, latest: null }]);
    assert.deepEqual(await forum().topics.sitemap(), []);
    await forum().moderation.restore(moderator.id, firstId);
    assert.equal((await forum().topics.find(topicId, undefined))?.postCount, 2);
  });

  it('moves a topic with its counts to another category, refusing an unknown one', async () => {
    const { topicId } = await startTopic(test, other);
    await reply(test, other, topicId);
    assert.deepEqual(await forum().moderation.move(moderator.id, topicId, 'nowhere'), { status: 'unknown-category' });
    assert.deepEqual(await forum().moderation.move(moderator.id, topicId, 'jobs'), { status: 'done' });
    const summaries = await forum().topics.summaries(['general', 'jobs']);
    assert.deepEqual(
      summaries.map((summary) => [summary.slug, summary.topicCount, summary.postCount]),
      [
        ['general', 0, 0],
        ['jobs', 1, 2],
      ],
    );
    assert.equal((await forum().posts.locate((await forum().posts.latest())[0]!.id, undefined))?.categorySlug, 'jobs');
    assert.deepEqual(await forum().moderation.move(moderator.id, topicId, 'jobs'), { status: 'unchanged' });
  });

  it('lets no member moderate, nor read the queue, the reports or the log', async () => {
    const { topicId, postId } = await startTopic(test, newcomer);
    const actions = [
      forum().moderation.approve(other.id, postId),
      forum().moderation.reject(other.id, postId),
      forum().moderation.hide(other.id, postId),
      forum().moderation.restore(other.id, postId),
      forum().moderation.setLocked(other.id, topicId, true),
      forum().moderation.setPinned(other.id, topicId, true),
      forum().moderation.move(other.id, topicId, 'jobs'),
    ];
    for (const result of await Promise.all(actions)) assert.deepEqual(result, { status: 'not-allowed' });
    assert.equal(await forum().moderation.queue(other, 1), undefined);
    assert.equal(await forum().moderation.reports(other), undefined);
    assert.equal(await forum().moderation.log(other, 1), undefined);
    assert.equal(await forum().moderation.log(undefined, 1), undefined);
    assert.deepEqual(await log(), []);
  });

  it('lets a moderator act on members’ posts only; an administrator acts on staff posts; topics are any moderator’s to curate', async () => {
    const adminTopic = await startTopic(test, admin);
    const moderatorReply = await reply(test, moderator, adminTopic.topicId);
    assert.deepEqual(await forum().moderation.hide(moderator.id, adminTopic.postId), { status: 'not-allowed' });
    assert.deepEqual(await forum().moderation.hide(moderator.id, moderatorReply.postId), { status: 'not-allowed' });
    assert.deepEqual(await forum().moderation.hide(admin.id, moderatorReply.postId), { status: 'done' });
    assert.deepEqual(await forum().moderation.setPinned(moderator.id, adminTopic.topicId, true), { status: 'done' });
    assert.deepEqual(await forum().moderation.setLocked(moderator.id, adminTopic.topicId, true), { status: 'done' });
  });

  it('takes one report per member per post, never of one’s own post, with a reason', async () => {
    const { postId } = await startTopic(test, other);
    const reporter = await addTrusted(test, 'watcher');
    assert.deepEqual(await forum().moderation.report({ reporterId: reporter.id, postId, reason: '  ' }), { status: 'invalid', problem: 'reason-empty' });
    assert.deepEqual(await forum().moderation.report({ reporterId: reporter.id, postId, reason: 'x'.repeat(501) }), {
      status: 'invalid',
      problem: 'reason-too-long',
    });
    assert.deepEqual(await forum().moderation.report({ reporterId: reporter.id, postId, reason: 'Spam' }), { status: 'reported', hidden: false });
    assert.deepEqual(await forum().moderation.report({ reporterId: reporter.id, postId, reason: 'Spam!' }), { status: 'already-reported' });
    assert.deepEqual(await forum().moderation.report({ reporterId: other.id, postId, reason: 'Mine' }), { status: 'own-post' });
    assert.deepEqual(await forum().moderation.report({ reporterId: reporter.id, postId: 999_999, reason: 'Spam' }), { status: 'not-found' });
    const reports = await forum().moderation.reports(moderator);
    assert.deepEqual(
      reports?.items.map((report) => [report.reporter.name, report.reason, report.post.id, report.post.author.name]),
      [['watcher', 'Spam', postId, 'regular']],
    );
  });

  it(`hides a member’s post after ${REPORTS_TO_HIDE} reports by different members, and never a moderator’s`, async () => {
    const { topicId } = await startTopic(test, other);
    const { postId } = await reply(test, other, topicId);
    const staffPost = await reply(test, moderator, topicId);
    const reporters = await Promise.all(Array.from({ length: REPORTS_TO_HIDE }, (_, index) => addTrusted(test, `reporter${index}`)));
    const results = [];
    for (const reporter of reporters) {
      results.push(await forum().moderation.report({ reporterId: reporter.id, postId, reason: 'Abuse' }));
      await forum().moderation.report({ reporterId: reporter.id, postId: staffPost.postId, reason: 'Disagree' });
    }
    assert.deepEqual(
      results.map((result) => (result.status === 'reported' ? result.hidden : result.status)),
      [false, false, true],
    );
    assert.equal(await forum().posts.find(postId, undefined), undefined);
    assert.notEqual(await forum().posts.find(staffPost.postId, undefined), undefined);
    const entry = (await log()).at(-1);
    assert.deepEqual([entry?.action, entry?.actor_id, entry?.target_post_id], ['auto-hide-post', reporters.at(-1)!.id, postId]);
  });

  it('closes reports as resolved or dismissed once, logged, and lists closed ones apart from open ones', async () => {
    const { postId } = await startTopic(test, other);
    const adminPost = await startTopic(test, admin);
    await forum().moderation.report({ reporterId: newcomer.id, postId, reason: 'Rude' });
    await forum().moderation.report({ reporterId: other.id, postId: adminPost.postId, reason: 'Wrong' });
    const [first, second] = (await forum().moderation.reports(admin))!.items;
    assert.deepEqual(await forum().moderation.resolveReport(other.id, first!.id, 'resolved'), { status: 'not-allowed' });
    assert.deepEqual(await forum().moderation.resolveReport(moderator.id, second!.id, 'dismissed'), { status: 'not-allowed' }, 'an administrator’s post');
    assert.deepEqual(await forum().moderation.resolveReport(moderator.id, first!.id, 'resolved'), { status: 'done' });
    assert.deepEqual(await forum().moderation.resolveReport(moderator.id, first!.id, 'dismissed'), { status: 'unchanged' });
    assert.deepEqual(await forum().moderation.resolveReport(admin.id, second!.id, 'dismissed'), { status: 'done' });
    assert.equal((await forum().moderation.reports(moderator))?.total, 0);
    const resolved = await forum().moderation.reports(moderator, { status: 'resolved' });
    assert.deepEqual(
      resolved?.items.map((report) => [report.id, report.resolvedBy?.name]),
      [[first!.id, 'keeper']],
    );
    assert.deepEqual(
      (await log()).map((entry) => entry.action),
      ['resolve-report', 'dismiss-report'],
    );
  });

  it('queues held posts oldest first, saying which would open a topic', async () => {
    const topic = await startTopic(test, other);
    const held = await startTopic(test, newcomer);
    const heldReply = await reply(test, await addNewcomer(test, 'second'), topic.topicId);
    const queue = await forum().moderation.queue(moderator, 1);
    assert.deepEqual(
      queue?.items.map((post) => [post.id, post.isFirst, post.author.name, post.authorApprovedPosts]),
      [
        [held.postId, true, 'newcomer', 0],
        [heldReply.postId, false, 'second', 0],
      ],
    );
  });

  it('writes one log entry for every moderator action, in its transaction, and reads the log newest first, paged', async () => {
    const { topicId, postId } = await startTopic(test, newcomer);
    await forum().moderation.approve(moderator.id, postId);
    const second = await reply(test, other, topicId);
    const held = await reply(test, await addNewcomer(test, 'second'), topicId);
    const reportedBy = await addMember(test.database, 'reporter');
    await forum().moderation.reject(moderator.id, held.postId, 'spam');
    await forum().moderation.hide(moderator.id, second.postId, 'rude');
    await forum().moderation.restore(moderator.id, second.postId);
    await forum().moderation.setLocked(moderator.id, topicId, true);
    await forum().moderation.setLocked(moderator.id, topicId, true);
    await forum().moderation.setLocked(moderator.id, topicId, false);
    await forum().moderation.setPinned(moderator.id, topicId, true);
    await forum().moderation.setPinned(moderator.id, topicId, false);
    await forum().moderation.move(moderator.id, topicId, 'jobs');
    await forum().moderation.report({ reporterId: reportedBy, postId: second.postId, reason: 'Rude' });
    await forum().moderation.resolveReport(moderator.id, (await forum().moderation.reports(moderator))!.items[0]!.id, 'resolved');
    await forum().moderation.suspend(moderator.id, newcomer.id, test.clock.now + 60_000, 'cool off');
    const entries = await log();
    assert.deepEqual(
      entries.map((entry) => [entry.action, entry.actor_id, entry.target_topic_id, entry.target_post_id]),
      [
        ['approve-post', moderator.id, topicId, postId],
        ['reject-post', moderator.id, topicId, held.postId],
        ['hide-post', moderator.id, topicId, second.postId],
        ['restore-post', moderator.id, topicId, second.postId],
        ['lock-topic', moderator.id, topicId, null],
        ['unlock-topic', moderator.id, topicId, null],
        ['pin-topic', moderator.id, topicId, null],
        ['unpin-topic', moderator.id, topicId, null],
        ['move-topic', moderator.id, topicId, null],
        ['resolve-report', moderator.id, topicId, second.postId],
        ['suspend-member', moderator.id, null, null],
      ],
    );
    const read = await forum().moderation.log(moderator, 1);
    assert.equal(read?.items[0]?.action, 'suspend-member');
    assert.equal(read?.items[0]?.targetMember?.name, 'newcomer');
    assert.equal(read?.items[0]?.reason, 'cool off');
    const move = read?.items.find((entry) => entry.action === 'move-topic');
    assert.deepEqual(move?.details, { from: 'general', to: 'jobs' });
    assert.equal(move?.actor.name, 'keeper');
    for (let index = 0; index < LOG_PAGE_SIZE; index += 1) await forum().moderation.setPinned(moderator.id, topicId, index % 2 === 0);
    const pages = [await forum().moderation.log(moderator, 1), await forum().moderation.log(moderator, 2)];
    assert.deepEqual(
      pages.map((page) => [page?.items.length, page?.pageCount]),
      [
        [LOG_PAGE_SIZE, 2],
        [11, 2],
      ],
    );
  });
});
