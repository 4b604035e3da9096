// HTTP tests: search under load is bounded (503 with Retry-After when full), cached per generation, and its queries bounded.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { createLogger } from '../../src/lib/logger.js';
import { inThreadEngine, type SearchEngine } from '../../src/search/search-engine.js';
import { WorkerEngine } from '../../src/search/worker-engine.js';
import type { TermQuery } from '../../src/search/term-index.js';
import { freshFixture, html, testApp } from '../helpers/test-app.js';
import { testHold } from '../helpers/hold.js';

/**
 * The real in-thread engine, watched: every query it is asked is recorded, and while `hold` is set a query waits for
 * release(). `asked` settles when the next query arrives, so a test knows a search is under way without timing.
 */
function watchedEngine(): {
  engine: SearchEngine;
  queries: TermQuery[];
  hold(): void;
  release(): void;
  nextQuery(): Promise<void>;
} {
  const inner = inThreadEngine();
  const queries: TermQuery[] = [];
  const gate = testHold();
  let arrived: (() => void) | undefined;
  const engine: SearchEngine = {
    open(lang) {
      const handle = inner.open(lang);
      return {
        ...handle,
        async query(query) {
          queries.push(query);
          arrived?.();
          if (gate.passage) await gate.passage;
          return handle.query(query);
        },
      };
    },
    close: () => inner.close(),
  };
  return {
    engine,
    queries,
    hold: () => gate.hold(),
    release: () => gate.release(),
    nextQuery: () => new Promise<void>((resolve) => (arrived = resolve)),
  };
}

describe('search under load', () => {
  it('answers 503 with Retry-After, in the site layout, when the bound of searches under way is reached', async () => {
    const watched = watchedEngine();
    const app = testApp({ SEARCH_CONCURRENCY: '1' }, { searchEngine: watched.engine });
    await app.publisher.snapshot().edition().search.ready;
    watched.hold();
    const arrived = watched.nextQuery();
    const first = request(app.handle)
      .get('/search?q=precursors')
      .then((response) => response);
    await arrived;

    const refused = await request(app.handle).get('/search?q=osh').set('Accept', 'text/html').expect(503);
    assert.equal(refused.headers['retry-after'], '5');
    assert.equal(refused.headers['cache-control'], 'no-store');
    const page = html(refused.text);
    assert.equal(page.querySelector('h1')?.textContent, 'Search is busy');
    assert.ok(page.querySelector('header nav'), 'the page has the site navigation');
    assert.ok(page.querySelector('main form[role="search"]'), 'the page offers the search again');
    assert.match(page.querySelector('main')?.textContent ?? '', /search again in 5 seconds/);

    watched.release();
    assert.equal((await first).status, 200);
    // The bound is free again: the refused search now succeeds.
    await request(app.handle).get('/search?q=osh').expect(200);
    app.close();
  });

  it('bounds /ru/search with /search, says the refusal in Russian, and caches the results of each edition apart', async () => {
    const watched = watchedEngine();
    const app = testApp({ SEARCH_CONCURRENCY: '1' }, { searchEngine: watched.engine });
    await Promise.all(app.publisher.snapshot().editions.map((edition) => edition.search.ready));
    watched.hold();
    const arrived = watched.nextQuery();
    const first = request(app.handle)
      .get('/search?q=precursors')
      .then((response) => response);
    await arrived;

    const russian = `/ru/search?q=${encodeURIComponent('прекурсоры')}`;
    const refused = await request(app.handle).get(russian).set('Accept', 'text/html').expect(503);
    assert.equal(refused.headers['retry-after'], '5');
    const page = html(refused.text);
    assert.equal(page.documentElement.getAttribute('lang'), 'ru');
    assert.equal(page.querySelector('h1')?.textContent, 'Поиск перегружен');
    assert.match(page.querySelector('main')?.textContent ?? '', /через 5 секунд/);

    watched.release();
    assert.equal((await first).status, 200);
    const asked = watched.queries.length;
    await request(app.handle).get(russian).expect(200);
    await request(app.handle).get(russian).expect(200);
    assert.equal(watched.queries.length, asked + 1, 'the repeated Russian search is answered from the cache');
    // The same words in the other edition search its own index: not the Russian results from the cache.
    await request(app.handle).get('/ru/search?q=unodc').expect(200);
    await request(app.handle).get('/search?q=unodc').expect(200);
    assert.equal(watched.queries.length, asked + 3);
    app.close();
  });

  it('answers a repeated query from the cache, and identical queries under way share one search', async () => {
    const watched = watchedEngine();
    const app = testApp({ SEARCH_CONCURRENCY: '1' }, { searchEngine: watched.engine });
    await app.publisher.snapshot().edition().search.ready;
    const first = await request(app.handle).get('/search?q=precursors').expect(200);
    const again = await request(app.handle).get('/search?q=precursors').expect(200);
    assert.equal(watched.queries.length, 1);
    assert.equal(again.text, first.text);

    // Held open at a bound of one, a second identical query waits for the same answer instead of being refused.
    watched.hold();
    const arrived = watched.nextQuery();
    const one = request(app.handle)
      .get('/search?q=dublin')
      .then((response) => response);
    await arrived;
    const two = request(app.handle)
      .get('/search?q=dublin')
      .then((response) => response);
    // The bound is full, yet a query answered before is answered from the cache, without a place under it.
    assert.equal((await request(app.handle).get('/search?q=precursors').expect(200)).text, first.text);
    watched.release();
    assert.deepEqual([(await one).status, (await two).status], [200, 200]);
    assert.equal(watched.queries.length, 2);
    // Another page of results is another query.
    await request(app.handle).get('/search?q=the&page=2').expect(200);
    assert.equal(watched.queries.length, 3);
    app.close();
  });

  describe('when content changes', () => {
    const fixture = freshFixture('small-site');

    it('searches again rather than answer from the cache', async () => {
      const watched = watchedEngine();
      const app = testApp({ CONTENT_DIR: fixture.dir }, { searchEngine: watched.engine });
      await app.publisher.snapshot().edition().search.ready;
      const before = html((await request(app.handle).get('/search?q=tanzanite').expect(200)).text);
      assert.equal(before.querySelectorAll('.search-result').length, 0);
      await request(app.handle).get('/search?q=tanzanite').expect(200);
      assert.equal(watched.queries.length, 1);

      writeFileSync(
        path.join(fixture.dir, 'about.md'),
        '---\ntitle: About the small site\ndescription: The about page now mentions a rare mineral for the index.\nupdated: 2007-08-20\n---\n' +
          '## Who we are\n\nTanzanite traders.\n',
      );
      app.publisher.reload(['about.md']);
      const after = html((await request(app.handle).get('/search?q=tanzanite').expect(200)).text);
      assert.equal(watched.queries.length, 2);
      assert.deepEqual(
        [...after.querySelectorAll('.search-result__title a')].map((link) => link.getAttribute('href')),
        ['/about'],
      );
      app.close();
    });
  });
});

describe('when the search thread dies', () => {
  it('starts another, indexes the site again, and the next search answers with results', async () => {
    const engine = new WorkerEngine(createLogger({ silent: true }));
    const app = testApp({}, { searchEngine: engine });
    await app.publisher.snapshot().edition().search.ready;
    const resultsFor = async (query: string): Promise<number> =>
      html((await request(app.handle).get(`/search?q=${query}`).expect(200)).text).querySelectorAll('.search-result').length;
    assert.ok((await resultsFor('precursors')) > 0);

    await engine.terminateThread();
    // Not from the cache: a query never asked before.
    assert.ok((await resultsFor('dublin')) > 0);
    app.close();
  });
});

describe('what a query may cost', () => {
  it('searches at most 8 words, says so, and drops words on every page when the query has others', async () => {
    const watched = watchedEngine();
    const app = testApp({}, { searchEngine: watched.engine });
    const words = 'one two three four five six seven eight nine ten';
    const page = html(
      (
        await request(app.handle)
          .get(`/search?q=${encodeURIComponent(words)}`)
          .expect(200)
      ).text,
    );
    assert.match(page.querySelector('.search-note')?.textContent ?? '', /more than 8 words, so only the first 8 were used/);
    assert.deepEqual(watched.queries.at(-1)?.words, words.split(' ').slice(0, 8));

    await request(app.handle).get('/search?q=control+of+the+precursors').expect(200);
    assert.deepEqual(watched.queries.at(-1)?.words, ['control', 'precursors']);
    // Alone, such words are searched as typed.
    await request(app.handle).get('/search?q=the').expect(200);
    assert.deepEqual(watched.queries.at(-1)?.words, ['the']);
    app.close();
  });

  it('asks the index for no page of results beyond the 50th', async () => {
    const watched = watchedEngine();
    const app = testApp({}, { searchEngine: watched.engine });
    await request(app.handle).get('/search?q=the&page=100000').expect(200);
    assert.deepEqual({ ...watched.queries.at(-1), words: undefined }, { words: undefined, offset: 490, limit: 10 });
    app.close();
  });
});
