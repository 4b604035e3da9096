// HTTP tests: the moderators' pages (queue, reports, log, members, a post, a topic) and their forms, as staff and as others.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import yaml from 'js-yaml';
import type { App } from '../../src/app.js';
import type { Role } from '../../src/db/schema.js';
import type { OpenForum } from '../../src/forum/forum-connection.js';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import { assertAbsent } from '../helpers/assert-absent.js';
import { hiddenFields, SAME_ORIGIN, Visitor } from '../helpers/forum-web.js';
import { addMember, TestClock, type TestForum } from '../helpers/forum.js';
import { addNewcomer, addTrusted, startTopic, uniqueText } from '../helpers/forum-posting.js';
import { FIXTURES, html, testApp } from '../helpers/test-app.js';
import { xssProblems } from '../helpers/xss.js';

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

function details(entry: { details: string | null }): Record<string, unknown> {
  return JSON.parse(entry.details ?? '{}') as Record<string, unknown>;
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
    assertAbsent(text, '*', 'as text, never as markup');
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
    // The log keeps the categories' slugs; the page names them as the viewer's language does.
    assert.match(first?.textContent ?? '', /from General questions about the UN in Kyrgyzstan to Jobs and procurement/);
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

describe('reports', () => {
  it('shows an open report with the reported post’s text, and resolving or dismissing it is logged', async () => {
    const { visitor, id: moderatorId } = await signedIn('moderator');
    const author = await addTrusted(test, `Reported${names}`);
    const reporter = await addTrusted(test, `Reporter${names}`);
    const body = uniqueText('Buy cheap watches at');
    const topic = await startTopic(test, author, { body });
    const reported = await open.forum.moderation.report({ reporterId: reporter.id, postId: topic.postId, reason: 'Spam <script>' });
    assert.equal(reported.status, 'reported');
    const report = await test.database.db.selectFrom('reports').select('id').where('post_id', '=', topic.postId).executeTakeFirstOrThrow();
    const page = html((await visitor.get('/forum/moderation/reports')).text);
    const card = [...page.querySelectorAll('.moderation-card')].find((each) => each.querySelector('.moderation-card__text')?.textContent === body);
    assert.ok(card, 'the report shows the post’s text');
    assert.match(card.textContent ?? '', /Spam <script>/);
    assert.equal(card.querySelector('a[href^="/forum/moderation/post/"]')?.getAttribute('href'), `/forum/moderation/post/${topic.postId}`);
    const response = await act(visitor, '/forum/moderation/reports', `/forum/moderation/reports/${report.id}/dismiss`);
    assert.equal(response.headers['location'], '/forum/moderation/reports?done=dismissed');
    const entry = (await logActions()).at(-1)!;
    assert.deepEqual([entry.action, entry.actor_id, details(entry).reportId], ['dismiss-report', moderatorId, report.id]);
    const dismissed = html((await visitor.get('/forum/moderation/reports?status=dismissed')).text);
    assert.ok([...dismissed.querySelectorAll('.moderation-card__text')].some((each) => each.textContent === body));
    assert.equal((await visitor.get('/forum/moderation/reports?status=whatever')).status, 404);
  });
});

describe('members', () => {
  it('finds members by the beginning of their name, the exact name first', async () => {
    const { visitor } = await signedIn('moderator');
    await addMember(test.database, 'Nurlan');
    await addMember(test.database, 'Nurlanbek');
    await addMember(test.database, 'Nur_a');
    const names = (query: string) =>
      visitor.get(`/forum/moderation/members?q=${encodeURIComponent(query)}`).then((response) => {
        assert.equal(response.status, 200);
        return [...html(response.text).querySelectorAll('.moderation-card__title a')].map((link) => link.textContent);
      });
    assert.deepEqual(await names('nurlan'), ['Nurlan', 'Nurlanbek']);
    assert.deepEqual(await names('NURLANB'), ['Nurlanbek']);
    assert.deepEqual(await names('NUR-A'), ['Nur_a'], 'case and . - _ fold as at registration');
    assert.deepEqual(await names('%'), [], 'a wildcard typed is a character, and no name holds it');
  });

  it('suspends a member for a chosen time with a reason (asking again for what is missing), logs them out, and lifts it', async () => {
    const { visitor } = await signedIn('moderator');
    const { visitor: member, id } = await signedIn('member', 'Troll');
    const page = `/forum/moderation/members/${id}`;
    const missing = await act(visitor, page, `${page}/suspend`, { reason: 'Insults in three topics' });
    assert.equal(missing.status, 422);
    const document = html(missing.text);
    assert.equal(document.querySelector('.error-summary a')?.getAttribute('href'), `#suspend-duration-${id}`);
    assert.equal(document.querySelector(`#suspend-reason-${id}`)?.getAttribute('value'), 'Insults in three topics');
    const done = await visitor.post(`${page}/suspend`, { ...hiddenFields(missing.text, `${page}/suspend`), duration: '7', reason: 'Insults in three topics' });
    assert.equal(done.headers['location'], `${page}?done=suspended`);
    assert.equal((await member.get('/forum/account')).status, 303, 'the member’s session has ended');
    const entry = (await logActions()).at(-1)!;
    assert.equal(entry.action, 'suspend-member');
    assert.equal(entry.reason, 'Insults in three topics');
    assert.equal(details(entry).until, new Date(clock.now + 7 * 24 * 3600 * 1000).toISOString());
    const shown = html((await visitor.get(page)).text);
    assert.match(shown.querySelector('.summary-list')?.textContent ?? '', /Suspended until/);
    const tooLong = await act(visitor, page, `${page}/lift`, { reason: 'y'.repeat(501) });
    assert.equal(tooLong.status, 422);
    assert.equal(html(tooLong.text).querySelector(`#lift-reason-${id}`)?.getAttribute('value'), 'y'.repeat(501));
    assert.equal((await act(visitor, page, `${page}/lift`)).headers['location'], `${page}?done=lifted`);
    assert.equal((await logActions()).at(-1)!.action, 'lift-suspension');
  });

  it('makes the reset link of a member who registered in Russian lead to the Russian reset page, whoever asks', async () => {
    const { visitor } = await signedIn('moderator');
    names += 1;
    const username = `Russian${names}x`;
    assert.equal((await new Visitor(app).register(username, undefined, '/ru/forum')).status, 303);
    const { id } = await open.forum.accounts.findByUsername(username).then((member) => member!);
    for (const page of [`/forum/moderation/members/${id}`, `/ru/forum/moderation/members/${id}`]) {
      const issued = await act(visitor, page, `${page}/reset-link`);
      const link = html(issued.text).querySelector('#reset-link')?.getAttribute('value') ?? '';
      assert.match(link, /^https:\/\/un\.example\.org\/ru\/forum\/reset\?token=[A-Za-z0-9_-]{43}$/, page);
      const reset = await new Visitor(app).get(new URL(link).pathname + new URL(link).search);
      assert.equal(reset.status, 200);
      assert.equal(html(reset.text).querySelector('html')?.getAttribute('lang'), 'ru');
    }
  });

  it('issues a one-time reset link shown once with its expiry, which works, and is logged', async () => {
    const { visitor, id: moderatorId } = await signedIn('moderator');
    const id = await addMember(test.database, `Forgetful${names}`);
    const page = `/forum/moderation/members/${id}`;
    const issued = await act(visitor, page, `${page}/reset-link`);
    assert.equal(issued.status, 200);
    assert.equal(issued.headers['cache-control'], 'private, no-store');
    assert.equal(issued.headers['referrer-policy'], 'no-referrer');
    const document = html(issued.text);
    const link = document.querySelector('#reset-link')?.getAttribute('value') ?? '';
    assert.match(link, /^https:\/\/un\.example\.org\/forum\/reset\?token=[A-Za-z0-9_-]{43}$/);
    assert.equal(document.querySelector('#reset-link-expiry time')?.getAttribute('datetime'), new Date(clock.now + 24 * 3600 * 1000).toISOString());
    assertAbsent(html((await visitor.get(page)).text), '#reset-link', 'shown on that page only');
    const reset = await new Visitor(app).get(new URL(link).pathname + new URL(link).search);
    assert.equal(reset.status, 200);
    const entry = (await logActions()).at(-1)!;
    assert.deepEqual([entry.action, entry.actor_id], ['issue-password-reset', moderatorId]);
    assert.doesNotMatch(entry.details ?? '', new RegExp(new URL(link).searchParams.get('token')!), 'the log never holds the token');
  });

  it('unlocks a login that failed attempts locked, and ends a member’s sessions', async () => {
    const { visitor } = await signedIn('moderator');
    const { visitor: member, id } = await signedIn('member', 'Locked');
    const username = `Locked${names}x`;
    for (let attempt = 0; attempt < 6; attempt += 1) await new Visitor(app).login(username, 'not the password at all, no');
    const page = `/forum/moderation/members/${id}`;
    assert.match(html((await visitor.get(page)).text).querySelector('.summary-list')?.textContent ?? '', /Locked after failed attempts/);
    assert.equal((await act(visitor, page, `${page}/unlock`)).headers['location'], `${page}?done=unlocked_login`);
    assert.equal((await new Visitor(app).login(username)).status, 303, 'the member can log in again');
    assert.equal((await act(visitor, page, `${page}/end-sessions`)).headers['location'], `${page}?done=ended`);
    assert.equal((await member.get('/forum/account')).status, 303);
    assert.deepEqual(
      (await logActions()).slice(-2).map((entry) => entry.action),
      ['unlock-login', 'end-sessions'],
    );
  });

  it('offers a moderator nothing to do to an administrator, and refuses a forged form with 403', async () => {
    const { visitor } = await signedIn('moderator');
    const admin = await addMember(test.database, `Admin${names}`, 'administrator');
    const page = `/forum/moderation/members/${admin}`;
    const shown = await visitor.get(page);
    assert.equal(html(shown.text).querySelectorAll('form.moderation-form').length, 0);
    const csrf = hiddenFields(shown.text, '/forum/logout')['csrf']!;
    const response = await visitor.post(`${page}/suspend`, { csrf, duration: '1', reason: 'Taking over' });
    assert.equal(response.status, 403);
    const row = await test.database.db.selectFrom('users').select('suspended_until').where('id', '=', admin).executeTakeFirstOrThrow();
    assert.equal(row.suspended_until, null);
  });
});

describe('the moderation log', () => {
  it('pages 50 entries at a time, newest first, with who, what, when and why; page 1 has one address', async () => {
    const { visitor, id } = await signedIn('moderator');
    const author = await addTrusted(test, `Busy${names}`);
    const topic = await startTopic(test, author);
    for (let round = 0; round < 30; round += 1) {
      clock.advance(1000);
      await open.forum.moderation.setPinned(id, topic.topicId, true, `round ${round}`);
      await open.forum.moderation.setPinned(id, topic.topicId, false);
    }
    const first = html((await visitor.get('/forum/moderation/log')).text);
    const rows = [...first.querySelectorAll('.moderation-log tbody tr')];
    assert.equal(rows.length, 50);
    assert.match(rows[0]!.textContent ?? '', /Unpinned a topic/);
    assert.match(rows[1]!.textContent ?? '', /Pinned a topic[\s\S]*round 29/);
    assert.equal(rows[0]!.querySelector('td:nth-child(2) a')?.getAttribute('href'), `/forum/moderation/members/${id}`);
    assert.equal(first.querySelector('.pagination a[rel="next"]')?.getAttribute('href'), '/forum/moderation/log?page=2');
    const second = await visitor.get('/forum/moderation/log?page=2');
    assert.equal(second.status, 200);
    assert.equal(html(second.text).querySelector('.pagination a[rel="prev"]')?.getAttribute('href'), '/forum/moderation/log');
    for (const bad of ['1', '0', 'x', '999']) assert.equal((await visitor.get(`/forum/moderation/log?page=${bad}`)).status, 404, bad);
  });
});

describe('hostile text on the moderators’ pages', () => {
  it('shows every XSS fixture, and a hostile username and title, as inert text on the post, report and log pages', async () => {
    const { visitor, id: moderatorId } = await signedIn('moderator');
    const author = await addTrusted(test, `Evil${names}`);
    const reporter = await addTrusted(test, `Witness${names}`);
    const fixtures = readdirSync(path.join(FIXTURES, 'xss')).filter((file) => file.endsWith('.md'));
    for (const file of fixtures) {
      const body = readFileSync(path.join(FIXTURES, 'xss', file), 'utf8');
      const topic = await startTopic(test, author, { title: `"><svg onload=alert(1)> ${file}`, body });
      await open.forum.moderation.report({ reporterId: reporter.id, postId: topic.postId, reason: '<img src=x onerror=alert(1)>' });
      await open.forum.moderation.hide(moderatorId, topic.postId, '</td><script>alert(1)</script>');
      for (const page of [
        `/forum/moderation/post/${topic.postId}`,
        `/forum/moderation/topic/${topic.topicId}`,
        '/forum/moderation/reports',
        '/forum/moderation/log',
      ]) {
        const response = await visitor.get(page);
        assert.equal(response.status, 200, page);
        const main = html(response.text).querySelector('main');
        assert.ok(main);
        // The pages' own forms are the only forms; anything a member wrote is text.
        assert.deepEqual(xssProblems(main, { allowElements: ['form'] }), [], `${file} on ${page}`);
        for (const form of main.querySelectorAll('form')) assert.match(form.getAttribute('action') ?? '', /^\/forum\//, `${file} on ${page}`);
      }
      const shown = html((await visitor.get(`/forum/moderation/post/${topic.postId}`)).text).querySelector('.moderation-card__text');
      const stored = await test.database.db.selectFrom('posts').select('body').where('id', '=', topic.postId).executeTakeFirstOrThrow();
      assert.equal(shown?.textContent, stored.body, `${file}: the Markdown exactly as stored`);
    }
  });
});

describe('the moderators’ pages as HTML', () => {
  it('are valid (html-validate, recommended preset) with cards, forms with errors, the log and a reset link', async () => {
    const { visitor, id: moderatorId } = await signedIn('administrator');
    const newcomer = await addNewcomer(test, `Valid${names}`);
    const trusted = await addTrusted(test, `Checked${names}`);
    const held = await startTopic(test, newcomer);
    const visible = await startTopic(test, trusted);
    await open.forum.moderation.report({ reporterId: newcomer.id, postId: visible.postId, reason: 'Checking' });
    await open.forum.moderation.setLocked(moderatorId, visible.topicId, true, 'Valid');
    const member = `/forum/moderation/members/${trusted.id}`;
    const post = `/forum/moderation/post/${held.postId}`;
    const topic = `/forum/moderation/topic/${visible.topicId}`;
    const responses: [string, Awaited<ReturnType<Visitor['get']>>][] = [
      ['queue', await visitor.get('/forum/moderation')],
      ['reports', await visitor.get('/forum/moderation/reports')],
      ['log', await visitor.get('/forum/moderation/log')],
      ['lookup', await visitor.get(`/forum/moderation/members?q=Checked`)],
      ['member', await visitor.get(member)],
      ['suspend with errors', await act(visitor, member, `${member}/suspend`)],
      ['reset link', await act(visitor, member, `${member}/reset-link`)],
      ['reject with errors', await act(visitor, post, `${post}/reject`)],
      ['move with errors', await act(visitor, topic, `${topic}/move`)],
      ['member in Russian, with errors', await act(visitor, `/ru${member}`, `/ru${member}/suspend`)],
    ];
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const failures: string[] = [];
    for (const [label, response] of responses) {
      assert.ok([200, 422].includes(response.status), `${label}: ${response.status}`);
      const report = await validator.validateString(response.text, label);
      for (const result of report.results)
        for (const message of result.messages) failures.push(`${label}:${message.line}: ${message.ruleId} ${message.message}`);
    }
    assert.deepEqual(failures, []);
  });
});

/** Every phrase of en.yml's forum.moderation, cut at its {placeholders}: none of them belongs on a Russian page. */
function englishModerationPhrases(): string[] {
  const en = yaml.load(readFileSync(path.join(PROJECT_PATHS.i18n, 'en.yml'), 'utf8')) as { forum: { moderation: unknown } };
  const phrases: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') phrases.push(...value.split(/\{\w+\}/).map((part) => part.trim()));
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(en.forum.moderation);
  // Short fragments ("No", "Log", ".") could be part of anything, a username included; phrases cannot.
  return [...new Set(phrases.filter((phrase) => phrase.length >= 8))];
}

describe('the moderators’ pages in Russian', () => {
  const pages = ['/ru/forum/moderation', '/ru/forum/moderation/reports', '/ru/forum/moderation/log', '/ru/forum/moderation/members'];

  it('show staff the queue, reports, log and members at /ru/forum/moderation, in Russian words only', async () => {
    const { visitor } = await signedIn('moderator');
    const author = await addNewcomer(test, `Russian${names}`);
    await startTopic(test, author);
    const english = englishModerationPhrases();
    assert.ok(english.includes('Moderation queue'), 'the English phrases were read');
    const expected = ['Очередь на проверку', 'Открытые жалобы', 'Журнал действий', 'Найти участника'];
    for (const [index, page] of pages.entries()) {
      const response = await visitor.get(page);
      assert.equal(response.status, 200, page);
      assert.equal(response.headers['x-robots-tag'], 'noindex', page);
      const document = html(response.text);
      assert.equal(document.documentElement.getAttribute('lang'), 'ru', page);
      assert.equal(document.querySelector('h1')?.textContent, expected[index], page);
      assert.equal(document.querySelector('.moderation-tabs a[aria-current="page"]')?.getAttribute('href'), page);
      const tabs = [...document.querySelectorAll('.moderation-tabs a')].map((link) => link.textContent?.trim());
      assert.deepEqual(tabs, ['Очередь', 'Жалобы', 'Журнал', 'Участники'], page);
      const text = document.querySelector('main')?.textContent ?? '';
      for (const phrase of english) assert.ok(!text.includes(phrase), `${page} shows “${phrase}”`);
      for (const form of document.querySelectorAll('main form')) assert.match(form.getAttribute('action') ?? '', /^\/ru\/forum\//, page);
    }
  });

  it('sends a moderator’s action back within /ru/forum/moderation, and logs it in words of each language', async () => {
    const { visitor } = await signedIn('moderator');
    const author = await addTrusted(test, `Spoken${names}`);
    const topic = await startTopic(test, author, { categorySlug: 'general' });
    const post = `/ru/forum/moderation/post/${topic.postId}`;
    const hidden = await act(visitor, post, `${post}/hide`, { reason: 'Оскорбление' });
    assert.equal(hidden.status, 303);
    assert.equal(hidden.headers['location'], `${post}?done=hidden`);
    const notice = html((await visitor.get(`${post}?done=hidden`)).text).querySelector('main')?.textContent ?? '';
    assert.match(notice, /Сообщение скрыто/);
    assert.equal(await statusOf(topic.postId), 'hidden');
    const moved = `/ru/forum/moderation/topic/${topic.topicId}`;
    assert.equal((await act(visitor, moved, `${moved}/move`, { category: 'jobs-and-procurement' })).headers['location'], `${moved}?done=moved`);
    const [stored] = (await logActions()).slice(-1);
    assert.deepEqual(details(stored!), { from: 'general', to: 'jobs-and-procurement' }, 'the log keeps codes, not words');

    const russian = html((await visitor.get('/ru/forum/moderation/log')).text);
    const [move, hide] = [...russian.querySelectorAll('.moderation-log tbody tr')].map((row) => row.textContent ?? '');
    assert.match(move ?? '', /Перенёс тему/);
    assert.match(move ?? '', /из «Общие вопросы о работе ООН в Кыргызстане» в «[^»]+»/);
    assert.match(hide ?? '', /Скрыл сообщение[\s\S]*Сообщение \d+[\s\S]*Оскорбление/);
    assert.match(hide ?? '', /\d{4} г\.|UTC/);
    assert.equal(russian.querySelector('.moderation-log tbody tr td:nth-child(2) a')?.getAttribute('href')?.startsWith('/ru/forum/moderation/members/'), true);
    assert.equal(russian.querySelector('.moderation-log th')?.textContent, 'Когда');

    const english = html((await visitor.get('/forum/moderation/log')).text);
    const [moveInEnglish, hideInEnglish] = [...english.querySelectorAll('.moderation-log tbody tr')].map((row) => row.textContent ?? '');
    assert.match(moveInEnglish ?? '', /Moved a topic[\s\S]*from General questions about the UN in Kyrgyzstan to Jobs and procurement/);
    assert.match(hideInEnglish ?? '', /Hid a post[\s\S]*Post \d+[\s\S]*Оскорбление/);
  });

  it('asks signed-out visitors to log in in Russian, and answers members who are not staff with the Russian 404', async () => {
    for (const page of pages) {
      const response = await new Visitor(app).get(page);
      assert.equal(response.status, 303, page);
      assert.equal(response.headers['location'], `/ru/forum/login?next=${encodeURIComponent(page)}`);
    }
    const { visitor } = await signedIn('member', 'Plain');
    const author = await addNewcomer(test, `Held${names}`);
    const held = await startTopic(test, author);
    for (const page of [...pages, `/ru/forum/moderation/post/${held.postId}`, `/ru/forum/moderation/members/${author.id}`]) {
      const response = await visitor.get(page);
      assert.equal(response.status, 404, page);
      const document = html(response.text);
      assert.equal(document.documentElement.getAttribute('lang'), 'ru', page);
      assert.match(document.querySelector('h1')?.textContent ?? '', /Страница не найдена/, page);
      assert.doesNotMatch(response.text, /Очередь на проверку|ждёт проверки|ждут проверки/, page);
    }
  });
});
