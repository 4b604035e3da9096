// HTTP tests: the moderators' pages (queue, reports, log, members, a post, a topic) and their forms, as staff and as others.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { App } from '../../src/app.js';
import type { Role } from '../../src/db/schema.js';
import type { OpenForum } from '../../src/forum/forum-connection.js';
import { hiddenFields, SAME_ORIGIN, Visitor } from '../helpers/forum-web.js';
import { addMember, TestClock, type TestForum } from '../helpers/forum.js';
import { addNewcomer, addTrusted, startTopic, uniqueText } from '../helpers/forum-posting.js';
import { html, testApp } from '../helpers/test-app.js';

const clock = new TestClock(Date.now());
const app: App = testApp({ TRUST_PROXY: 'on' }, { clock: clock.read });
let open: OpenForum;
let test: TestForum;

before(async () => {
  const ready = await app.forum.ready();
  assert.ok(ready, 'the forum opened');
  open = ready;
  test = { forum: open.forum, database: open.forum.database, clock, close: () => Promise.resolve() };
});
after(() => app.close());

let names = 0;
/** A signed-in visitor with a role, and their member id. */
async function signedIn(role: Role, prefix = 'Staff'): Promise<{ visitor: Visitor; id: number }> {
  names += 1;
  const username = `${prefix}${names}x`;
  const id = await addMember(test.database, username, role);
  const visitor = new Visitor(app);
  const response = await visitor.login(username);
  assert.equal(response.status, 303, response.text.slice(0, 300));
  return { visitor, id };
}

/** Sends the form of `page` that posts to `action`, with its hidden fields and these values. */
async function act(visitor: Visitor, page: string, action: string, fields: Record<string, string> = {}) {
  const shown = await visitor.get(page);
  assert.equal(shown.status, 200, `${page}: ${shown.status}`);
  return visitor.post(action, { ...hiddenFields(shown.text, action), ...fields });
}

async function logActions(): Promise<{ action: string; actor_id: number; reason: string | null; target_post_id: number | null; details: string | null }[]> {
  return test.database.db.selectFrom('moderation_log').select(['action', 'actor_id', 'reason', 'target_post_id', 'details']).orderBy('id').execute();
}

async function statusOf(postId: number): Promise<string> {
  const row = await test.database.db.selectFrom('posts').select('status').where('id', '=', postId).executeTakeFirstOrThrow();
  return row.status;
}

describe('who may see the moderators’ pages', () => {
  const pages = ['/forum/moderation', '/forum/moderation/reports', '/forum/moderation/log', '/forum/moderation/members'];

  it('sends someone signed out to log in first, and back here afterwards', async () => {
    for (const page of pages) {
      const response = await new Visitor(app).get(page);
      assert.equal(response.status, 303, page);
      assert.equal(response.headers['location'], `/forum/login?next=${encodeURIComponent(page)}`);
    }
  });

  it('answers 404 to a member who is not staff, as Discourse does for its staff routes, and tells nothing', async () => {
    const { visitor } = await signedIn('member', 'Plain');
    const author = await addNewcomer(test, `Held${names}`);
    const held = await startTopic(test, author);
    for (const page of [
      ...pages,
      `/forum/moderation/post/${held.postId}`,
      `/forum/moderation/topic/${held.topicId}`,
      `/forum/moderation/members/${author.id}`,
    ]) {
      const response = await visitor.get(page);
      assert.equal(response.status, 404, page);
      assert.doesNotMatch(response.text, /Moderation queue|waits? for approval/);
    }
  });

  it('refuses a member’s own form sent to an action (404), and leaves the post held', async () => {
    const { visitor } = await signedIn('member', 'Forger');
    const author = await addNewcomer(test, `Waiting${names}`);
    const held = await startTopic(test, author);
    const csrf = hiddenFields((await visitor.get('/forum/account/password')).text, '/forum/account/password')['csrf']!;
    const response = await visitor.post(`/forum/moderation/post/${held.postId}/approve`, { csrf, return: '/forum/moderation' });
    assert.equal(response.status, 404);
    assert.equal(await statusOf(held.postId), 'held');
  });

  it('shows staff every page, never indexed and never cached', async () => {
    const { visitor } = await signedIn('moderator');
    for (const page of pages) {
      const response = await visitor.get(page);
      assert.equal(response.status, 200, page);
      assert.equal(response.headers['cache-control'], 'private, no-store', page);
      assert.equal(response.headers['x-robots-tag'], 'noindex', page);
      const document = html(response.text);
      assert.equal(document.querySelector('meta[name="robots"]')?.getAttribute('content'), 'noindex', page);
      assert.equal(document.querySelector('.moderation-tabs a[aria-current="page"]')?.getAttribute('href'), page);
    }
  });
});

describe('the queue', () => {
  it('lists a held post with its text exactly as typed, and approving it publishes it and logs who did it', async () => {
    const { visitor, id: moderatorId } = await signedIn('moderator');
    const author = await addNewcomer(test, `Newcomer${names}`);
    const body = `${uniqueText('<script>alert(1)</script> <img src=x onerror=alert(2)>')}`;
    const held = await startTopic(test, author, { title: uniqueText('<b>Bold</b> "title"'), body });
    const page = html((await visitor.get('/forum/moderation')).text);
    const text = [...page.querySelectorAll('.moderation-card__text')].find((each) => each.textContent === body);
    assert.ok(text, 'the held post’s text is shown verbatim');
    assert.equal(text.querySelector('*'), null, 'as text, never as markup');
    const response = await act(visitor, '/forum/moderation', `/forum/moderation/post/${held.postId}/approve`);
    assert.equal(response.status, 303);
    assert.equal(response.headers['location'], '/forum/moderation?done=approved');
    assert.equal(await statusOf(held.postId), 'visible');
    const notice = html((await visitor.get('/forum/moderation?done=approved')).text).querySelector('[role="status"] .notice__title');
    assert.equal(notice?.textContent, 'The post has been approved and is public now');
    const entry = (await logActions()).at(-1)!;
    assert.deepEqual(
      { action: entry.action, actor: entry.actor_id, post: entry.target_post_id },
      { action: 'approve-post', actor: moderatorId, post: held.postId },
    );
  });

  it('asks for a reason before rejecting, keeping what was typed, with GOV.UK’s error summary and a 422', async () => {
    const { visitor } = await signedIn('moderator');
    const author = await addNewcomer(test, `Spammer${names}`);
    const held = await startTopic(test, author);
    const action = `/forum/moderation/post/${held.postId}/reject`;
    const empty = await act(visitor, '/forum/moderation', action, { reason: '   ' });
    assert.equal(empty.status, 422);
    const document = html(empty.text);
    assert.match(document.querySelector('title')?.textContent ?? '', /^Error: /);
    const link = document.querySelector('.error-summary a');
    assert.equal(link?.getAttribute('href'), `#reject-reason-${held.postId}`);
    assert.ok(document.querySelector(`#reject-reason-${held.postId}[aria-invalid="true"]`));
    const long = 'x'.repeat(501);
    const tooLong = await visitor.post(action, { ...hiddenFields(empty.text, action), reason: long });
    assert.equal(tooLong.status, 422);
    assert.equal(html(tooLong.text).querySelector(`#reject-reason-${held.postId}`)?.getAttribute('value'), long, 'what was typed is kept');
    assert.equal(await statusOf(held.postId), 'held');
    const done = await visitor.post(action, { ...hiddenFields(tooLong.text, action), reason: 'Advertising, not a question' });
    assert.equal(done.status, 303);
    assert.equal(await statusOf(held.postId), 'rejected');
    const entry = (await logActions()).at(-1)!;
    assert.deepEqual([entry.action, entry.reason], ['reject-post', 'Advertising, not a question']);
  });

  it('refuses a form sent from another site, or without the session’s token, and changes nothing', async () => {
    const { visitor } = await signedIn('moderator');
    const author = await addNewcomer(test, `Target${names}`);
    const held = await startTopic(test, author);
    const action = `/forum/moderation/post/${held.postId}/approve`;
    const fields = hiddenFields((await visitor.get('/forum/moderation')).text, action);
    const crossSite = await visitor.post(action, fields, { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' });
    assert.equal(crossSite.status, 403);
    const noToken = await visitor.post(action, { ...fields, csrf: 'x'.repeat(43) }, SAME_ORIGIN);
    assert.equal(noToken.status, 403);
    assert.equal(await statusOf(held.postId), 'held');
  });
});

describe('a post’s and a topic’s moderation pages', () => {
  it('hides and restores a post with its reason, and says when another moderator was quicker', async () => {
    const { visitor } = await signedIn('moderator');
    const author = await addTrusted(test, `Writer${names}`);
    const topic = await startTopic(test, author);
    const page = `/forum/moderation/post/${topic.postId}`;
    const hidden = await act(visitor, page, `${page}/hide`, { reason: 'Personal details of a third person' });
    assert.equal(hidden.headers['location'], `${page}?done=hidden`);
    assert.equal(await statusOf(topic.postId), 'hidden');
    const restored = await act(visitor, page, `${page}/restore`);
    assert.equal(restored.headers['location'], `${page}?done=restored`);
    const again = await visitor.post(`${page}/restore`, hiddenFields((await visitor.get(page)).text, `${page}/hide`));
    assert.equal(again.headers['location'], `${page}?done=unchanged`);
    const actions = (await logActions()).filter((entry) => entry.target_post_id === topic.postId).map((entry) => [entry.action, entry.reason]);
    assert.deepEqual(actions, [
      ['hide-post', 'Personal details of a third person'],
      ['restore-post', null],
    ]);
  });

  it('leaves a moderator no forms on a staff member’s post, and answers 403 to a forged one', async () => {
    const { visitor } = await signedIn('moderator');
    const other = await addTrusted(test, `OtherMod${names}`, 'moderator');
    const topic = await startTopic(test, other);
    const page = `/forum/moderation/post/${topic.postId}`;
    const shown = await visitor.get(page);
    assert.equal(html(shown.text).querySelectorAll('form.moderation-form').length, 0);
    assert.match(shown.text, /only an administrator/);
    const csrf = hiddenFields(shown.text, '/forum/logout')['csrf']!;
    const response = await visitor.post(`${page}/hide`, { csrf, reason: 'A quarrel' });
    assert.equal(response.status, 403);
    assert.equal(await statusOf(topic.postId), 'visible');
  });

  it('locks, pins and moves a topic, logging where it was moved from; a move without a category is sent back', async () => {
    const { visitor } = await signedIn('administrator');
    const author = await addTrusted(test, `Asker${names}`);
    const topic = await startTopic(test, author, { categorySlug: 'general' });
    const page = `/forum/moderation/topic/${topic.topicId}`;
    assert.equal((await act(visitor, page, `${page}/lock`, { reason: 'Answered' })).headers['location'], `${page}?done=locked`);
    assert.equal((await act(visitor, page, `${page}/pin`)).headers['location'], `${page}?done=pinned`);
    const noCategory = await act(visitor, page, `${page}/move`, { reason: 'Belongs with jobs' });
    assert.equal(noCategory.status, 422);
    const document = html(noCategory.text);
    assert.equal(document.querySelector('.error-summary a')?.getAttribute('href'), `#move-category-${topic.topicId}`);
    assert.equal(document.querySelector(`#move-reason-${topic.topicId}`)?.getAttribute('value'), 'Belongs with jobs');
    const bogus = await visitor.post(`${page}/move`, { ...hiddenFields(noCategory.text, `${page}/move`), category: 'no-such-category' });
    assert.equal(bogus.status, 422);
    const moved = await visitor.post(`${page}/move`, { ...hiddenFields(noCategory.text, `${page}/move`), category: 'jobs-and-procurement', reason: 'A job' });
    assert.equal(moved.headers['location'], `${page}?done=moved`);
    const row = await test.database.db
      .selectFrom('topics')
      .select(['locked', 'pinned', 'category_slug'])
      .where('id', '=', topic.topicId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { locked: 1, pinned: 1, category_slug: 'jobs-and-procurement' });
    const log = html((await visitor.get('/forum/moderation/log')).text);
    const first = log.querySelector('.moderation-log tbody tr');
    assert.match(first?.textContent ?? '', /Moved a topic/);
    assert.match(first?.textContent ?? '', /from general to jobs-and-procurement/);
    assert.match(first?.textContent ?? '', /A job/);
    assert.equal(first?.querySelector('time')?.getAttribute('datetime'), new Date(clock.now).toISOString());
  });

  it('answers 404 for an id that names nothing, and 405 for a GET on an action', async () => {
    const { visitor } = await signedIn('moderator');
    for (const path of ['/forum/moderation/post/999999', '/forum/moderation/post/007', '/forum/moderation/topic/abc', '/forum/moderation/members/0']) {
      assert.equal((await visitor.get(path)).status, 404, path);
    }
    const response = await visitor.get('/forum/moderation/post/1/approve');
    assert.equal(response.status, 405);
    assert.equal(response.headers['allow'], 'POST');
  });
});
