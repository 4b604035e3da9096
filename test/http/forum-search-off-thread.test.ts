// HTTP tests: the forum's topics searched on the search thread, under search's bound; a full bound or a dead thread answers 503.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request, { type Response } from 'supertest';
import type { App } from '../../src/app.js';
import { createLogger } from '../../src/lib/logger.js';
import type { IndexHandle, SearchEngine } from '../../src/search/search-engine.js';
import type { SearchDocument } from '../../src/search/term-index.js';
import { WorkerEngine } from '../../src/search/worker-engine.js';
import { watchedEngine } from '../helpers/busy-search.js';
import { TestClock, type TestForum } from '../helpers/forum.js';
import { addTrusted, startTopic } from '../helpers/forum-posting.js';
import { html, testApp } from '../helpers/test-app.js';

/** The app's forum, for posting through its services on a clock of the test's own. */
async function forumOf(app: App, clock: TestClock): Promise<TestForum> {
  const open = await app.forum.ready();
  assert.ok(open, 'the forum opened');
  return { forum: open.forum, database: open.forum.database, clock, close: () => Promise.resolve() };
}

const forumTitles = (response: Response): string[] =>
  [...html(response.text).querySelectorAll('.search-forum .search-result__title a')].map((link) => link.textContent ?? '');

/** A search sent now, its answer noted in `events` when it comes. */
function searchNoting(app: App, path: string, events: string[]): Promise<Response> {
  return request(app.handle)
    .get(path)
    .then((response) => {
      events.push('search answered');
      return response;
    });
}

/** Settles when `reached` does; fails if the search is answered first (it never asked the search thread). */
async function reachedBefore(reached: Promise<void>, search: Promise<Response>, what: string): Promise<void> {
  await Promise.race([reached, search.then(() => assert.fail(`the search was answered without ${what}`))]);
}

describe('the forum’s topics in search', () => {
  it('are ranked on the search thread: a page is answered while the forum’s query waits there', async () => {
    const clock = new TestClock(Date.now());
    const watched = watchedEngine();
    const app = testApp({}, { searchEngine: watched.engine, clock: clock.read });
    try {
      const test = await forumOf(app, clock);
      const author = await addTrusted(test, 'Asel');
      await startTopic(test, author, { title: 'Water in Naryn', body: 'The irrigation plan for the valley' });
      // The index is built by the first search; the next one only asks it.
      assert.deepEqual(forumTitles(await request(app.handle).get('/search?q=naryn').expect(200)), ['Water in Naryn']);

      watched.forum.hold();
      const events: string[] = [];
      const query = watched.forum.nextQuery();
      const search = searchNoting(app, '/search?q=irrigation', events);
      await reachedBefore(query, search, 'asking the search thread for the forum’s topics');
      await request(app.handle).get('/country-info').expect(200);
      events.push('page answered');
      watched.forum.release();
      const found = await search;
      assert.equal(found.status, 200);
      assert.deepEqual(events, ['page answered', 'search answered']);
      assert.deepEqual(forumTitles(found), ['Water in Naryn']);
      assert.deepEqual(watched.forum.queries.at(-1), { query: 'irrigation', categories: ['general'], limit: 5 });
    } finally {
      app.close();
    }
  });

  it('are indexed again on the search thread after a forum change, while pages are answered', async () => {
    const clock = new TestClock(Date.now());
    const watched = watchedEngine();
    const app = testApp({}, { searchEngine: watched.engine, clock: clock.read });
    try {
      const test = await forumOf(app, clock);
      const author = await addTrusted(test, 'Bakyt');
      await startTopic(test, author, { title: 'Water in Naryn', body: 'The irrigation plan for the valley' });
      await request(app.handle).get('/search?q=naryn').expect(200);
      // The forum changes: the next search rebuilds the topics' index.
      await startTopic(test, author, { title: 'Pastures in Talas', body: 'Grazing rights in the mountains' });

      watched.forum.hold();
      const events: string[] = [];
      const rebuilding = watched.forum.nextPut();
      const search = searchNoting(app, '/search?q=grazing', events);
      await reachedBefore(rebuilding, search, 'rebuilding the forum’s index on the search thread');
      await request(app.handle).get('/healthz').expect(200);
      await request(app.handle).get('/country-info').expect(200);
      events.push('page answered');
      watched.forum.release();
      const found = await search;
      assert.equal(found.status, 200);
      // Rebuilt on the serving thread, the index held both answers until the search's own.
      assert.deepEqual(events, ['page answered', 'search answered']);
      assert.deepEqual(forumTitles(found), ['Pastures in Talas']);
    } finally {
      app.close();
    }
  });

  it('are refused with 503 and Retry-After when the bound of searches under way is full, and a repeated search is answered from the cache', async () => {
    const clock = new TestClock(Date.now());
    const watched = watchedEngine();
    const app = testApp({ SEARCH_CONCURRENCY: '1' }, { searchEngine: watched.engine, clock: clock.read });
    try {
      const test = await forumOf(app, clock);
      const author = await addTrusted(test, 'Cholpon');
      await startTopic(test, author, { title: 'Water in Naryn', body: 'The irrigation plan for the valley' });
      // The pages' results of this query are kept from now on; the forum's answers only until the forum changes.
      await request(app.handle).get('/search?q=irrigation').expect(200);
      await startTopic(test, author, { title: 'Pastures in Talas', body: 'Grazing rights in the mountains' });

      // One search takes the one place, and keeps it while the forum's index is rebuilt for it.
      watched.forum.hold();
      const rebuilding = watched.forum.nextPut();
      const held = request(app.handle)
        .get('/search?q=grazing')
        .then((response) => response);
      await reachedBefore(rebuilding, held, 'rebuilding the forum’s index on the search thread');

      // Its pages come from the cache, but the forum's part needs the place: refused at once.
      const refused = await request(app.handle).get('/search?q=irrigation').set('Accept', 'text/html').expect(503);
      assert.equal(refused.headers['retry-after'], '5');
      assert.equal(refused.headers['cache-control'], 'no-store');
      assert.equal(html(refused.text).querySelector('h1')?.textContent, 'Search is busy');
      const json = await request(app.handle).get('/search?q=irrigation').set('Accept', 'application/json').expect(503);
      assert.equal(json.headers['retry-after'], '5');

      watched.forum.release();
      assert.deepEqual(forumTitles(await held), ['Pastures in Talas']);
      const asked = watched.forum.queries.length;
      assert.deepEqual(forumTitles(await request(app.handle).get('/search?q=grazing').expect(200)), ['Pastures in Talas']);
      assert.equal(watched.forum.queries.length, asked, 'the repeated search was answered without asking the search thread');
    } finally {
      app.close();
    }
  });

  it('answer 503 with Retry-After, not 500, when the search thread dies with the forum’s query on it, then are found again', async () => {
    const clock = new TestClock(Date.now());
    const real = new WorkerEngine(createLogger({ silent: true }));
    // A page the thread fails on, sent just before the forum's query: the thread dies with that query not yet answered.
    const killing = { id: '/broken', title: undefined, description: '', headings: '', text: '' } as unknown as SearchDocument;
    let pages: IndexHandle | undefined;
    let killNext = false;
    const engine: SearchEngine = {
      open(lang, refill) {
        const handle = real.open(lang, refill);
        pages ??= handle;
        return handle;
      },
      openForum(refill) {
        const handle = real.openForum(refill);
        return {
          ...handle,
          query(query) {
            if (killNext) pages?.put([killing], false);
            killNext = false;
            return handle.query(query);
          },
        };
      },
      close: () => real.close(),
    };
    const app = testApp({}, { searchEngine: engine, clock: clock.read });
    try {
      const test = await forumOf(app, clock);
      const author = await addTrusted(test, 'Dinara');
      await startTopic(test, author, { title: 'Water in Naryn', body: 'The irrigation plan for the valley' });
      await app.publisher.snapshot().edition().search.ready;
      assert.deepEqual(forumTitles(await request(app.handle).get('/search?q=naryn').expect(200)), ['Water in Naryn']);

      killNext = true;
      const refused = await request(app.handle).get('/search?q=irrigation').set('Accept', 'text/html').expect(503);
      assert.equal(refused.headers['retry-after'], '5');
      assert.equal(refused.headers['cache-control'], 'no-store');
      assert.equal(html(refused.text).querySelector('h1')?.textContent, 'Search is unavailable for a moment');
      // Another thread was started and the topics indexed again for the next search.
      assert.deepEqual(forumTitles(await request(app.handle).get('/search?q=irrigation').expect(200)), ['Water in Naryn']);
    } finally {
      app.close();
    }
  });
});
