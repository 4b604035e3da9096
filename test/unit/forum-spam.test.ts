// Spam defences on both engines: honeypot, time trap, links from new members, repeated posts, and posting rate limits.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { MAX_FORM_AGE_MS, MIN_FILL_MS } from '../../src/forum/form-stamps.js';
import { LIMITS } from '../../src/forum/limits.js';
import { languageOf } from '../../src/content/languages.js';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import { InterfaceTexts } from '../../src/render/interface-text.js';
import { errorsOf, refusalErrors } from '../../src/routes/forum/posting-forms.js';
import { REPEAT_WINDOW_MS, type FormFields } from '../../src/forum/spam.js';
import type { Viewer } from '../../src/forum/visibility.js';
import { describeEachEngine } from '../helpers/engines.js';
import { openTestForum, type TestForum } from '../helpers/forum.js';
import { addNewcomer, addTrusted, clientOf, formFor, startTopic, uniqueText } from '../helpers/forum-posting.js';

const { t: english } = InterfaceTexts.read(PROJECT_PATHS.i18n).of(languageOf('en'));

const THREE_LINKS = 'See https://a.example, https://b.example and www.c.example';

describeEachEngine('Spam defences', (engine) => {
  let test: TestForum;
  let newcomer: Viewer;
  let trusted: Viewer;
  let topicId: number;
  const replyWith = (author: Viewer, body: string, form: FormFields = formFor(test, author.id)) =>
    test.forum.posts.reply({ authorId: author.id, topicId, body, form, client: clientOf(author.id) });
  beforeEach(async () => {
    test = await openTestForum(engine);
    newcomer = await addNewcomer(test, 'newcomer');
    trusted = await addTrusted(test, 'regular');
    topicId = (await startTopic(test, trusted)).topicId;
  });
  afterEach(() => test.close());

  it('refuses a form whose honeypot is filled, storing and counting nothing, with words a person understands', async () => {
    const result = await replyWith(trusted, 'Hello', { honeypot: 'http://spam.example', stamp: formFor(test, trusted.id).stamp });
    assert.deepEqual(result, { status: 'refused', reason: 'honeypot' });
    assert.match(refusalErrors(english, 'honeypot').body ?? '', /must stay empty/);
    assert.equal((await test.database.db.selectFrom('posts').selectAll().execute()).length, 1);
    assert.equal((await test.database.db.selectFrom('rate_limits').selectAll().where('key', 'like', 'post-account:%').execute()).length, 1);
  });

  it('refuses a form sent back within 3 seconds of being shown, and accepts it after', async () => {
    const stamp = test.forum.formStamps.issue(trusted.id);
    test.clock.advance(MIN_FILL_MS - 1);
    assert.deepEqual(await replyWith(trusted, 'Quick', { honeypot: '', stamp }), { status: 'refused', reason: 'too-fast' });
    test.clock.advance(1);
    assert.equal((await replyWith(trusted, 'Quick', { honeypot: '', stamp })).status, 'created');
  });

  it('refuses a missing, forged, another member’s or too old stamp as an expired form', async () => {
    const stamp = formFor(test, trusted.id).stamp!;
    const forged = `${(test.clock.now - 60_000).toString(36)}.${stamp.split('.')[1]}`;
    for (const bad of [undefined, '', 'nonsense', forged, formFor(test, newcomer.id).stamp]) {
      assert.deepEqual(await replyWith(trusted, uniqueText(), { honeypot: '', stamp: bad }), { status: 'refused', reason: 'form-expired' }, String(bad));
    }
    test.clock.advance(MAX_FORM_AGE_MS);
    assert.deepEqual(await replyWith(trusted, uniqueText(), { honeypot: '', stamp }), { status: 'refused', reason: 'form-expired' });
  });

  it('allows a member under pre-moderation 2 links a post, and a trusted member more', async () => {
    assert.deepEqual(await replyWith(newcomer, THREE_LINKS), { status: 'invalid', problems: { body: 'too-many-links' } });
    assert.match(errorsOf(english, { body: 'too-many-links' }).body ?? '', /at most 2 links/);
    assert.equal((await replyWith(newcomer, 'Two: https://a.example and https://b.example')).status, 'created');
    assert.equal((await replyWith(trusted, THREE_LINKS)).status, 'created');
  });

  it('applies the link limit to edits too, so an approved post cannot be edited into an advertisement', async () => {
    const posted = await replyWith(newcomer, 'An innocent question');
    const postId = posted.status === 'created' ? posted.postId : 0;
    await test.forum.moderation.approve((await addTrusted(test, 'keeper', 'moderator')).id, postId);
    const edited = await test.forum.posts.edit({ editorId: newcomer.id, postId, body: THREE_LINKS, form: formFor(test, newcomer.id) });
    assert.deepEqual(edited, { status: 'invalid', problems: { body: 'too-many-links' } });
  });

  it('refuses the same text from the same member within a day, in other capitals or spacing, but not from another member', async () => {
    assert.equal((await replyWith(trusted, 'Thank you all for the answers')).status, 'created');
    test.clock.advance(60_000);
    assert.deepEqual(await replyWith(trusted, 'thank you   ALL\nfor the answers'), { status: 'invalid', problems: { body: 'repeated' } });
    assert.equal((await replyWith(newcomer, 'Thank you all for the answers')).status, 'created');
    test.clock.advance(REPEAT_WINDOW_MS);
    assert.equal((await replyWith(trusted, 'Thank you all for the answers')).status, 'created');
  });

  it(`limits a trusted member to ${LIMITS.postsPerAccount.limit} posts in 10 minutes, and says when to try again`, async () => {
    test.clock.advance(LIMITS.postsPerAccount.windowSeconds * 2000);
    for (let index = 0; index < LIMITS.postsPerAccount.limit; index += 1) assert.equal((await replyWith(trusted, uniqueText())).status, 'created');
    const result = await replyWith(trusted, uniqueText());
    assert.equal(result.status, 'throttled');
    assert.ok(result.status === 'throttled' && result.retryAfterSeconds > 0 && result.retryAfterSeconds <= 2 * LIMITS.postsPerAccount.windowSeconds);
  });

  it(`slows members under pre-moderation to ${LIMITS.postsPerNewAccount.limit} posts in 10 minutes`, async () => {
    test.clock.advance(LIMITS.postsPerNewAccount.windowSeconds * 2000);
    for (let index = 0; index < LIMITS.postsPerNewAccount.limit; index += 1) assert.equal((await replyWith(newcomer, uniqueText())).status, 'created');
    assert.equal((await replyWith(newcomer, uniqueText())).status, 'throttled');
    assert.equal((await replyWith(trusted, uniqueText())).status, 'created', 'a trusted member is not slowed by a newcomer');
  });

  it('limits posts from one client address across accounts', async () => {
    test.clock.advance(LIMITS.postsPerClient.windowSeconds * 2000);
    const members = await Promise.all(Array.from({ length: 4 }, (_, index) => addTrusted(test, `crowd${index}`)));
    let created = 0;
    for (let index = 0; index < LIMITS.postsPerClient.limit + 1; index += 1) {
      const author = members[index % members.length]!;
      const result = await test.forum.posts.reply({ authorId: author.id, topicId, body: uniqueText(), form: formFor(test, author.id), client: clientOf(0) });
      if (result.status === 'created') created += 1;
      else assert.equal(result.status, 'throttled');
    }
    assert.equal(created, LIMITS.postsPerClient.limit);
    // Each post's counts commit with the post: the refused one left no count on its author's account either.
    const accounts = await test.database.db.selectFrom('rate_limits').select('count').where('key', 'like', 'post-account:%').execute();
    const counted = accounts.reduce((sum, row) => sum + Number(row.count), 0);
    assert.equal(counted, LIMITS.postsPerClient.limit + 1, 'the posts created here, and the topic of beforeEach');
  });

  it('lets no more posts through than the limit when they arrive at once', async () => {
    test.clock.advance(LIMITS.postsPerAccount.windowSeconds * 2000);
    const extra = 4;
    const results = await Promise.all(Array.from({ length: LIMITS.postsPerAccount.limit + extra }, () => replyWith(trusted, uniqueText())));
    const statuses = results.map((result) => result.status);
    assert.equal(statuses.filter((status) => status === 'created').length, LIMITS.postsPerAccount.limit, statuses.join(' '));
    assert.equal(statuses.filter((status) => status === 'throttled').length, extra);
    const posts = await test.database.db.selectFrom('posts').select('id').where('author_id', '=', trusted.id).execute();
    assert.equal(posts.length, LIMITS.postsPerAccount.limit + 1, 'the replies let through, and the topic of beforeEach');
  });
});
