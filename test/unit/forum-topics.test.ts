// Topics and posts on both engines: starting, replying, editing, quoting, locked topics, counts, paging and permalinks.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { categorySummaries } from '../../src/forum/topic-queries.js';
import type { Viewer } from '../../src/forum/visibility.js';
import { describeEachEngine } from '../helpers/engines.js';
import { openTestForum, type TestForum } from '../helpers/forum.js';
import { addTrusted, clientOf, formFor, POST_SPACING_MS, reply, startTopic, uniqueText } from '../helpers/forum-posting.js';

describeEachEngine('Topics and posts', (engine) => {
  let test: TestForum;
  let aida: Viewer;
  let bakyt: Viewer;
  let moderator: Viewer;
  beforeEach(async () => {
    test = await openTestForum(engine);
    aida = await addTrusted(test, 'aida');
    bakyt = await addTrusted(test, 'bakyt');
    moderator = await addTrusted(test, 'keeper', 'moderator');
  });
  afterEach(() => test.close());

  it('starts a topic that a trusted member sees at once, with its counts and latest post', async () => {
    const { topicId, postId, held } = await startTopic(test, aida, { title: '  Internships at UNDP  ' });
    assert.equal(held, false);
    const topic = await test.forum.topics.find(topicId, undefined);
    assert.equal(topic?.title, 'Internships at UNDP');
    assert.equal(topic?.postCount, 1);
    assert.deepEqual(topic?.lastPost, { postId, author: { id: aida.id, name: 'aida', role: 'member' }, at: topic?.createdAt });
  });

  it('reports every problem of a new topic at once, and counts nothing against the limits for it', async () => {
    const result = await test.forum.topics.start({
      authorId: aida.id,
      categorySlug: 'no-such-category',
      title: 'Hi',
      body: '   ',
      form: formFor(test, aida.id),
      client: clientOf(aida.id),
    });
    assert.deepEqual(result, { status: 'invalid', problems: { category: 'unknown-category', title: 'title-too-short', body: 'body-empty' } });
    assert.equal((await test.database.db.selectFrom('rate_limits').selectAll().execute()).length, 0);
    assert.equal((await test.database.db.selectFrom('topics').selectAll().execute()).length, 0);
  });

  it('keeps a reply and its topic counts in one transaction: post count, latest post and activity time', async () => {
    const { topicId } = await startTopic(test, aida);
    const second = await reply(test, bakyt, topicId);
    const topic = await test.forum.topics.find(topicId, undefined);
    assert.equal(topic?.postCount, 2);
    assert.equal(topic?.lastPost?.postId, second.postId);
    assert.equal(topic?.lastPost?.author.name, 'bakyt');
    assert.ok(topic.lastPostAt > topic.createdAt);
  });

  it('counts every one of many concurrent replies to one topic', async () => {
    const { topicId } = await startTopic(test, aida);
    const members = await Promise.all(Array.from({ length: 8 }, (_, index) => addTrusted(test, `writer${index}`)));
    const results = await Promise.all(
      members.map((member) =>
        test.forum.posts.reply({ authorId: member.id, topicId, body: uniqueText(), form: formFor(test, member.id), client: clientOf(member.id) }),
      ),
    );
    assert.ok(results.every((result) => result.status === 'created'));
    const topic = await test.forum.topics.find(topicId, undefined);
    assert.equal(topic?.postCount, 9);
    const newest = Math.max(...results.map((result) => (result.status === 'created' ? result.postId : 0)));
    assert.equal(topic?.lastPost?.postId, newest);
  });

  it('lists a category with pinned topics on top, then newest activity first, 20 a page', async () => {
    const ids: number[] = [];
    for (let index = 0; index < 22; index += 1) ids.push((await startTopic(test, index % 2 ? aida : bakyt)).topicId);
    await reply(test, aida, ids[0]!);
    await test.forum.moderation.setPinned(moderator.id, ids[5]!, true);
    const first = await test.forum.topics.list('general', undefined, 1);
    assert.equal(first.total, 22);
    assert.equal(first.pageCount, 2);
    assert.equal(first.items.length, 20);
    assert.deepEqual(
      first.items.slice(0, 3).map((topic) => topic.id),
      [ids[5], ids[0], ids[21]],
    );
    assert.equal(first.items[0]?.pinned, true);
    const second = await test.forum.topics.list('general', undefined, 2);
    assert.deepEqual(
      second.items.map((topic) => topic.id),
      [ids[2], ids[1]],
    );
    assert.equal((await test.forum.topics.list('general', undefined, 3)).items.length, 0);
    assert.equal((await test.forum.topics.list('jobs', undefined, 1)).total, 0);
  });

  it('pages a topic by 20 posts, and finds the page and anchor of a post for its permanent link', async () => {
    const { topicId, postId: firstId } = await startTopic(test, aida);
    const replies: number[] = [];
    for (let index = 0; index < 21; index += 1) replies.push((await reply(test, index % 2 ? aida : bakyt, topicId)).postId);
    const page1 = await test.forum.topics.page(topicId, undefined, 1);
    assert.equal(page1?.posts.items.length, 20);
    assert.equal(page1?.posts.items[0]?.id, firstId);
    assert.equal(page1?.posts.pageCount, 2);
    const page2 = await test.forum.topics.page(topicId, undefined, 2);
    assert.deepEqual(
      page2?.posts.items.map((post) => post.id),
      replies.slice(19),
    );
    assert.deepEqual(await test.forum.posts.locate(replies[18]!, undefined), { postId: replies[18], topicId, categorySlug: 'general', page: 1 });
    assert.equal((await test.forum.posts.locate(replies[19]!, undefined))?.page, 2);
    assert.equal(await test.forum.posts.locate(999_999, undefined), undefined);
  });

  it('lets an author edit their own post, marking the time, and change the title through the first post only', async () => {
    const { topicId, postId } = await startTopic(test, aida, { body: 'Fist draft' });
    const replyPost = await reply(test, bakyt, topicId);
    const edited = await test.forum.posts.edit({ editorId: aida.id, postId, body: 'First draft', title: 'A better title', form: formFor(test, aida.id) });
    assert.deepEqual(edited, { status: 'edited' });
    const post = await test.forum.posts.find(postId, undefined);
    assert.equal(post?.body, 'First draft');
    assert.equal(post?.editedAt, new Date(test.clock.now).toISOString());
    assert.equal(post?.topic.title, 'A better title');
    const replyEdit = await test.forum.posts.edit({
      editorId: bakyt.id,
      postId: replyPost.postId,
      body: 'Changed',
      title: 'Hijack',
      form: formFor(test, bakyt.id),
    });
    assert.deepEqual(replyEdit, { status: 'edited' });
    assert.equal((await test.forum.topics.find(topicId, undefined))?.title, 'A better title');
  });

  it('does not mark a post as edited when nothing changed, and never lets a member edit another member’s post', async () => {
    const { postId } = await startTopic(test, aida, { body: 'Same text' });
    assert.deepEqual(await test.forum.posts.edit({ editorId: aida.id, postId, body: 'Same text\n', form: formFor(test, aida.id) }), { status: 'unchanged' });
    assert.equal((await test.forum.posts.find(postId, undefined))?.editedAt, null);
    assert.deepEqual(await test.forum.posts.edit({ editorId: bakyt.id, postId, body: 'Mine now', form: formFor(test, bakyt.id) }), { status: 'not-allowed' });
    assert.deepEqual(await test.forum.posts.edit({ editorId: moderator.id, postId, body: 'Staff edit', form: formFor(test, moderator.id) }), {
      status: 'not-allowed',
    });
  });

  it('refuses members’ replies and edits in a locked topic, and accepts staff replies there', async () => {
    const { topicId, postId } = await startTopic(test, aida);
    assert.deepEqual(await test.forum.moderation.setLocked(moderator.id, topicId, true), { status: 'done' });
    const refused = await test.forum.posts.reply({
      authorId: bakyt.id,
      topicId,
      body: uniqueText(),
      form: formFor(test, bakyt.id),
      client: clientOf(bakyt.id),
    });
    assert.deepEqual(refused, { status: 'locked' });
    assert.deepEqual(await test.forum.posts.edit({ editorId: aida.id, postId, body: 'Late change', form: formFor(test, aida.id) }), { status: 'locked' });
    await reply(test, moderator, topicId);
    const page = await test.forum.topics.page(topicId, bakyt, 1);
    assert.equal(page?.canReply, false);
    assert.equal((await test.forum.topics.page(topicId, moderator, 1))?.canReply, true);
    assert.equal(page?.topic.locked, true);
  });

  it('quotes a post as a Markdown block under its author, for the viewer who can see it', async () => {
    const { postId } = await startTopic(test, aida, { body: 'Where do I apply?\nThanks.' });
    assert.equal(await test.forum.posts.quote(postId, bakyt), '> **aida** wrote:\n>\n> Where do I apply?\n> Thanks.\n\n');
    assert.equal(await test.forum.posts.quote(999_999, bakyt), undefined);
  });

  it('shows a deleted member’s posts as “deleted member”', async () => {
    const { topicId } = await startTopic(test, aida);
    await test.database.db
      .updateTable('users')
      .set({ username: 'deleted member', username_key: '#deleted', deleted_at: '2026-11-27T00:00:00.000Z' })
      .where('id', '=', aida.id)
      .execute();
    const page = await test.forum.topics.page(topicId, undefined, 1);
    assert.equal(page?.posts.items[0]?.author.name, 'deleted member');
    assert.equal(page?.topic.author.name, 'deleted member');
  });

  it('refuses a suspended member’s posts and says until when', async () => {
    const until = test.clock.now + POST_SPACING_MS * 10;
    await test.forum.moderation.suspend(moderator.id, aida.id, until, 'cooling off');
    const result = await test.forum.topics.start({
      authorId: aida.id,
      categorySlug: 'general',
      title: 'A title',
      body: 'Text',
      form: formFor(test, aida.id),
      client: clientOf(aida.id),
    });
    assert.deepEqual(result, { status: 'suspended', until: new Date(until).toISOString() });
  });

  it('summarises each category asked for: public topics, visible posts and the latest post, zeros for an empty one', async () => {
    const first = await startTopic(test, aida);
    await reply(test, bakyt, first.topicId);
    const last = await startTopic(test, bakyt, { title: 'Newest topic' });
    await startTopic(test, aida, { categorySlug: 'jobs' });
    const [general, empty, jobs] = await test.forum.topics.summaries(['general', 'empty', 'jobs']);
    assert.equal(general?.topicCount, 2);
    assert.equal(general?.postCount, 3);
    assert.equal(general?.latest?.postId, last.postId);
    assert.equal(general?.latest?.topicTitle, 'Newest topic');
    assert.equal(general?.latest?.author.name, 'bakyt');
    assert.deepEqual(empty, { slug: 'empty', topicCount: 0, postCount: 0, latest: null });
    assert.equal(jobs?.topicCount, 1);
  });

  it('summarises the categories in one query, the topic started last winning a tie for the latest post', async () => {
    const first = await startTopic(test, aida, { title: 'Started first' });
    const second = await startTopic(test, bakyt, { title: 'Started second' });
    await startTopic(test, aida, { categorySlug: 'jobs' });
    await test.database.db
      .updateTable('topics')
      .set({ last_post_at: new Date(test.clock.now).toISOString() })
      .where('id', 'in', [first.topicId, second.topicId])
      .execute();
    let queries = 0;
    const counted = test.database.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: (args) => {
        queries += 1;
        return Promise.resolve(args.result);
      },
    });
    const [general, jobs, empty] = await categorySummaries(counted, ['general', 'jobs', 'empty']);
    assert.equal(queries, 1);
    assert.deepEqual([general?.topicCount, general?.postCount, general?.latest?.topicTitle], [2, 2, 'Started second']);
    assert.deepEqual([jobs?.topicCount, jobs?.postCount], [1, 1]);
    assert.deepEqual(empty, { slug: 'empty', topicCount: 0, postCount: 0, latest: null });
  });

  it('feeds the newest public posts of the forum and of one category, newest first', async () => {
    const general = await startTopic(test, aida);
    const jobs = await startTopic(test, bakyt, { categorySlug: 'jobs', title: 'Vacancy: driver' });
    const replyPost = await reply(test, aida, general.topicId);
    const all = await test.forum.posts.latest();
    assert.deepEqual(
      all.map((post) => post.id),
      [replyPost.postId, jobs.postId, general.postId],
    );
    const jobsFeed = await test.forum.posts.latest({ categorySlug: 'jobs' });
    assert.deepEqual(
      jobsFeed.map((post) => [post.id, post.topicTitle, post.author.name]),
      [[jobs.postId, 'Vacancy: driver', 'bakyt']],
    );
    assert.equal((await test.forum.posts.latest({ limit: 1 })).length, 1);
  });

  it('lists every public topic for the sitemap and for search, with the text of its posts', async () => {
    const { topicId } = await startTopic(test, aida, { title: 'Water in Osh', body: 'Is the water safe?' });
    await reply(test, bakyt, topicId, 'Boil it first.');
    const changed = test.clock.now;
    await test.forum.posts.edit({
      editorId: bakyt.id,
      postId: (await test.forum.topics.page(topicId, undefined, 1))!.posts.items[1]!.id,
      body: 'Boil it.',
      form: formFor(test, bakyt.id),
    });
    assert.deepEqual(await test.forum.topics.sitemap(), [
      { id: topicId, categorySlug: 'general', title: 'Water in Osh', changedAt: new Date(changed).toISOString() },
    ]);
    assert.deepEqual(
      (await test.forum.topics.searchDocuments()).map((topic) => [topic.id, topic.title, topic.text]),
      [[topicId, 'Water in Osh', 'Is the water safe?\n\nBoil it.']],
    );
  });

  it('reads the public topics for search a page at a time, in id order, each with its own posts only', async () => {
    const first = await startTopic(test, aida, { title: 'Water in Osh', body: 'Is the water safe?' });
    const hidden = await startTopic(test, aida, { title: 'Roads in Naryn', body: 'Taken down.' });
    await test.forum.moderation.hide(moderator.id, hidden.postId, 'test');
    const second = await startTopic(test, bakyt, { title: 'Pastures in Talas', body: 'Grazing rights?' });
    await reply(test, aida, first.topicId, 'Boil it first.');
    const third = await startTopic(test, bakyt, { title: 'Schools in Batken', body: 'New classrooms.' });
    const texts = (topics: { id: number; text: string }[]): [number, string][] => topics.map((topic) => [topic.id, topic.text]);
    assert.deepEqual(texts(await test.forum.topics.searchDocuments({ after: 0, limit: 2 })), [
      [first.topicId, 'Is the water safe?\n\nBoil it first.'],
      [second.topicId, 'Grazing rights?'],
    ]);
    assert.deepEqual(texts(await test.forum.topics.searchDocuments({ after: second.topicId, limit: 2 })), [[third.topicId, 'New classrooms.']]);
    assert.deepEqual(await test.forum.topics.searchDocuments({ after: third.topicId, limit: 2 }), []);
  });
});
