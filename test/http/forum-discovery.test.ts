// HTTP tests: the forum's Atom feeds, its sitemap behind /sitemap.xml, and its topics in site search; held posts in none.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DOMParser } from 'linkedom';
import request from 'supertest';
import type { App } from '../../src/app.js';
import type { OpenForum } from '../../src/forum/forum-connection.js';
import { forumChrome, forumViewAt } from '../../src/routes/forum/forum-views.js';
import { hiddenFields, Visitor } from '../helpers/forum-web.js';
import { addMember, TestClock, type TestForum } from '../helpers/forum.js';
import { addNewcomer, addTrusted, formFor, reply, startTopic } from '../helpers/forum-posting.js';
import { FIXTURES, html, testApp } from '../helpers/test-app.js';
import { xssProblems } from '../helpers/xss.js';
import { xmlProblems } from '../helpers/well-formed-xml.js';

const SITE_URL = 'https://un.example.org';
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

let words = 0;
/** A word no other text of the test holds, nor one within search's typo tolerance: 12 random letters. */
function marker(): string {
  words += 1;
  return [...randomBytes(12)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
}

const child = (element: Element, name: string): Element[] => [...element.children].filter((node) => node.tagName === name);

async function feed(path: string): Promise<{ root: Element; entries: Element[]; text: string }> {
  const response = await request(app.handle)
    .get(path)
    .expect(200)
    .expect('Content-Type', /application\/atom\+xml/);
  assert.deepEqual(xmlProblems(response.text), [], 'well-formed XML');
  const root = new DOMParser().parseFromString(response.text, 'text/xml').documentElement as unknown as Element;
  return { root, entries: child(root, 'entry'), text: response.text };
}

const contentOf = (entry: Element): string => child(entry, 'content')[0]?.textContent ?? '';

describe('the forum’s feeds', () => {
  it('carry published posts only: a held post appears once approved, a hidden one leaves', async () => {
    const word = marker();
    const newcomer = await addNewcomer(test, `Feedling${words}`);
    const held = await startTopic(test, newcomer, { body: `Held ${word}` });
    assert.doesNotMatch((await feed('/forum/feed.atom')).text, new RegExp(word));
    assert.doesNotMatch((await feed('/forum/c/general/feed.atom')).text, new RegExp(word));
    const moderator = await addTrusted(test, `FeedMod${words}`, 'moderator');
    assert.equal((await open.forum.moderation.approve(moderator.id, held.postId)).status, 'done');
    const { entries } = await feed('/forum/feed.atom');
    const entry = entries.find((each) => contentOf(each).includes(word));
    assert.ok(entry, 'the approved post is in the feed');
    assert.equal(child(entry, 'id')[0]?.textContent, `${SITE_URL}/forum/post/${held.postId}`);
    assert.equal(child(entry, 'link')[0]?.getAttribute('href'), `${SITE_URL}/forum/post/${held.postId}`);
    assert.ok((await feed('/forum/c/general/feed.atom')).text.includes(word));
    assert.doesNotMatch((await feed('/forum/c/jobs-and-procurement/feed.atom')).text, new RegExp(word), 'other categories’ feeds leave it out');
    await open.forum.moderation.hide(moderator.id, held.postId, 'test');
    assert.doesNotMatch((await feed('/forum/feed.atom')).text, new RegExp(word));
  });

  it('give each entry its own updated (its edit, else its publication) and the feed the newest entry’s', async () => {
    const author = await addTrusted(test, `Editor${words}`);
    const first = await startTopic(test, author, { body: `First ${marker()}` });
    const second = await reply(test, author, first.topicId, `Second ${marker()}`);
    const edited = await open.forum.posts.edit({
      editorId: author.id,
      postId: first.postId,
      body: `First, edited ${marker()}`,
      form: formFor(test, author.id),
    });
    assert.equal(edited.status, 'edited');
    const editedAt = new Date(clock.now).toISOString();
    const { root, entries } = await feed('/forum/feed.atom');
    const updatedOf = (postId: number): string | undefined => {
      const entry = entries.find((each) => child(each, 'id')[0]?.textContent === `${SITE_URL}/forum/post/${postId}`);
      return entry && child(entry, 'updated')[0]?.textContent;
    };
    assert.equal(updatedOf(first.postId), editedAt);
    assert.notEqual(updatedOf(second.postId), editedAt);
    const newest = entries
      .map((entry) => child(entry, 'updated')[0]?.textContent ?? '')
      .sort()
      .at(-1);
    assert.equal(child(root, 'updated')[0]?.textContent, newest);
    const published = entries.map((entry) => child(entry, 'published')[0]?.textContent ?? '');
    assert.deepEqual(published, [...published].sort().reverse(), 'newest publication first');
  });

  it('render every XSS fixture inert, and stay well-formed with control characters in a post', async () => {
    const author = await addTrusted(test, `Hostile${words}`);
    const fixtures = readdirSync(path.join(FIXTURES, 'xss')).filter((file) => file.endsWith('.md'));
    for (const file of fixtures)
      await startTopic(test, author, { title: `Fixture ${file} <script>`, body: readFileSync(path.join(FIXTURES, 'xss', file), 'utf8') });
    await startTopic(test, author, { body: `Bell \u0007 and escape \u001b ${marker()}` });
    const { entries } = await feed('/forum/feed.atom');
    for (const entry of entries) {
      const document = html(`<!doctype html><body>${contentOf(entry)}</body>`);
      assert.deepEqual(
        xssProblems(document).filter((problem) => !problem.startsWith('external link')),
        [],
        child(entry, 'title')[0]?.textContent ?? '',
      );
    }
    assert.ok(
      entries.some((entry) => (child(entry, 'title')[0]?.textContent ?? '').includes('<script>')),
      'titles stay text',
    );
  });

  it('are the same for everyone: no cookie, cached a minute, 304 to a poller that sends the ETag; unknown categories 404', async () => {
    const response = await request(app.handle).get('/forum/feed.atom').expect(200);
    assert.equal(response.headers['set-cookie'], undefined);
    assert.equal(response.headers['cache-control'], 'max-age=60');
    const etag = response.headers['etag'] as string;
    await request(app.handle).get('/forum/feed.atom').set('If-None-Match', etag).expect(304);
    await request(app.handle).get('/forum/c/no-such-category/feed.atom').expect(404);
    await request(app.handle).post('/forum/feed.atom').expect(405);
  });

  it('are announced in the head of /forum, and of each category’s page with the category’s own feed first', async () => {
    const document = html((await request(app.handle).get('/forum').expect(200)).text);
    const feeds = [...document.querySelectorAll('link[rel="alternate"][type="application/atom+xml"]')].map((link) => link.getAttribute('href'));
    assert.deepEqual(feeds, ['/news.atom', '/forum/feed.atom']);
    const chrome = forumChrome(forumViewAt(app.publisher.snapshot(), '/forum/c/jobs-and-procurement'), {
      title: 'Jobs',
      description: 'Jobs.',
      url: '/forum/c/jobs-and-procurement',
      indexed: true,
    });
    assert.deepEqual(
      chrome.alternateFeeds.map((each) => each.url),
      ['/forum/c/jobs-and-procurement/feed.atom', '/forum/feed.atom'],
    );
    assert.match(chrome.alternateFeeds[0]!.title, /^Jobs and procurement – Forum/);
  });
});

describe('the forum’s sitemap', () => {
  it('lists category pages and public topics with their last change, never a held or hidden one', async () => {
    const author = await addTrusted(test, `Mapped${words}`);
    const newcomer = await addNewcomer(test, `Unmapped${words}`);
    const visible = await startTopic(test, author, { categorySlug: 'jobs-and-procurement' });
    const held = await startTopic(test, newcomer);
    const hidden = await startTopic(test, author);
    const moderator = await addMember(test.database, `MapMod${words}`, 'moderator');
    await open.forum.moderation.hide(moderator, hidden.postId, 'test');
    const response = await request(app.handle)
      .get('/forum/sitemap.xml')
      .expect(200)
      .expect('Content-Type', /application\/xml/);
    assert.deepEqual(xmlProblems(response.text), []);
    assert.equal(response.headers['cache-control'], 'max-age=60');
    const listed = [...response.text.matchAll(/<loc>([^<]+)<\/loc>(?:\s*<lastmod>([^<]+)<\/lastmod>)?/g)].map((match) => [match[1], match[2]]);
    const locations = listed.map(([loc]) => loc);
    assert.ok(locations.includes(`${SITE_URL}/forum/c/general`));
    assert.ok(locations.includes(`${SITE_URL}/forum/t/${visible.topicId}`));
    assert.ok(!locations.includes(`${SITE_URL}/forum/t/${held.topicId}`), 'held');
    assert.ok(!locations.includes(`${SITE_URL}/forum/t/${hidden.topicId}`), 'hidden');
    const topic = await test.database.db.selectFrom('topics').select('changed_at').where('id', '=', visible.topicId).executeTakeFirstOrThrow();
    assert.deepEqual(
      listed.find(([loc]) => loc === `${SITE_URL}/forum/t/${visible.topicId}`),
      [`${SITE_URL}/forum/t/${visible.topicId}`, topic.changed_at],
    );
    const index = await request(app.handle).get('/sitemap.xml').expect(200);
    assert.deepEqual(xmlProblems(index.text), []);
    assert.match(index.text, new RegExp(`<loc>${SITE_URL}/forum/sitemap.xml</loc>`));
  });
});

describe('forum topics in site search', () => {
  const forumHits = async (query: string): Promise<{ title: string; url: string }[]> => {
    const response = await request(app.handle)
      .get(`/search?q=${encodeURIComponent(query)}`)
      .expect(200);
    return [...html(response.text).querySelectorAll('.search-forum .search-result__title a')].map((link) => ({
      title: link.textContent ?? '',
      url: link.getAttribute('href') ?? '',
    }));
  };

  it('finds a public topic by its posts’ words, apart from pages, and never a held one until it is approved', async () => {
    const word = marker();
    const author = await addTrusted(test, `Searchable${words}`);
    const topic = await startTopic(test, author, { title: 'Water in Naryn', body: `The ${word} project` });
    assert.deepEqual(await forumHits(word), [{ title: 'Water in Naryn', url: `/forum/t/${topic.topicId}` }]);
    const held = marker();
    const newcomer = await addNewcomer(test, `Waiting${words}`);
    const waiting = await startTopic(test, newcomer, { body: `A ${held} question` });
    assert.deepEqual(await forumHits(held), []);
    const moderator = await addMember(test.database, `SearchMod${words}`, 'moderator');
    await open.forum.moderation.approve(moderator, waiting.postId);
    assert.equal((await forumHits(held)).length, 1);
    await open.forum.moderation.hide(moderator, waiting.postId, 'test');
    assert.deepEqual(await forumHits(held), [], 'gone as soon as it is hidden');
  });

  it('shows a hidden post gone from search when it is hidden through the moderators’ page', async () => {
    const word = marker();
    const author = await addTrusted(test, `Taken${words}`);
    const first = await startTopic(test, author, { body: `Opening words` });
    const second = await reply(test, author, first.topicId, `Reply with ${word}`);
    assert.equal((await forumHits(word)).length, 1);
    await addMember(test.database, `PageMod${words}`, 'moderator');
    const visitor = new Visitor(app);
    await visitor.login(`PageMod${words}`);
    const page = `/forum/moderation/post/${second.postId}`;
    const form = await visitor.get(page);
    await visitor.post(`${page}/hide`, { ...hiddenFields(form.text, `${page}/hide`), reason: 'Off topic' });
    assert.deepEqual(await forumHits(word), []);
  });

  it('shows hostile titles as text', async () => {
    const word = marker();
    const author = await addTrusted(test, `Titled${words}`);
    await startTopic(test, author, { title: `<img src=x onerror=alert(1)> ${word}`, body: `Body ${word}` });
    const response = await request(app.handle).get(`/search?q=${word}`).expect(200);
    const section = html(response.text).querySelector('.search-forum');
    assert.ok(section);
    assert.deepEqual(xssProblems(section), []);
    assert.match(section.querySelector('h3')?.textContent ?? '', /<img src=x onerror=alert\(1\)>/);
  });
});
