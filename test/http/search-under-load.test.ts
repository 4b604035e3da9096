// HTTP tests: search under load is bounded (503 with Retry-After when full), cached per generation, and its queries bounded.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { createLogger } from '../../src/lib/logger.js';
import type { SearchEngine } from '../../src/search/search-engine.js';
import type { SearchDocument } from '../../src/search/term-index.js';
import { WorkerEngine } from '../../src/search/worker-engine.js';
import { busySearch, watchedEngine } from '../helpers/busy-search.js';
import { freshFixture, html, testApp } from '../helpers/test-app.js';
import type { App } from '../../src/app.js';

describe('search under load', () => {
  it('answers 503 with Retry-After, in the site layout, when the bound of searches under way is reached', async () => {
    const watched = watchedEngine();
    const app = testApp({ SEARCH_CONCURRENCY: '1' }, { searchEngine: watched.engine });
    await app.publisher.snapshot().edition().search.ready;
    const busy = await busySearch(app, watched);

    const refused = await request(app.handle).get('/search?q=osh').set('Accept', 'text/html').expect(503);
    assert.equal(refused.headers['retry-after'], '5');
    assert.equal(refused.headers['cache-control'], 'no-store');
    const page = html(refused.text);
    assert.equal(page.querySelector('h1')?.textContent, 'Search is busy');
    assert.ok(page.querySelector('header nav'), 'the page has the site navigation');
    assert.ok(page.querySelector('main form[role="search"]'), 'the page offers the search again');
    assert.match(page.querySelector('main')?.textContent ?? '', /search again in 5 seconds/);

    // A client asking for JSON gets the refusal as JSON, with the same Retry-After.
    const json = await request(app.handle).get('/search?q=osh').set('Accept', 'application/json').expect(503);
    assert.equal(json.headers['retry-after'], '5');
    assert.equal((json.body as { title: string }).title, 'Search is busy');

    assert.equal((await busy.release()).status, 200);
    // The bound is free again: the refused search now succeeds.
    await request(app.handle).get('/search?q=osh').expect(200);
    app.close();
  });

  it('bounds /ru/search with /search, says the refusal in Russian, and caches the results of each edition apart', async () => {
    const watched = watchedEngine();
    const app = testApp({ SEARCH_CONCURRENCY: '1' }, { searchEngine: watched.engine });
    await Promise.all(app.publisher.snapshot().editions.map((edition) => edition.search.ready));
    const busy = await busySearch(app, watched);

    const russian = `/ru/search?q=${encodeURIComponent('прекурсоры')}`;
    const refused = await request(app.handle).get(russian).set('Accept', 'text/html').expect(503);
    assert.equal(refused.headers['retry-after'], '5');
    const page = html(refused.text);
    assert.equal(page.documentElement.getAttribute('lang'), 'ru');
    assert.equal(page.querySelector('h1')?.textContent, 'Поиск перегружен');
    assert.match(page.querySelector('main')?.textContent ?? '', /через 5 секунд/);

    assert.equal((await busy.release()).status, 200);
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
    const one = await busySearch(app, watched, '/search?q=dublin');
    const two = request(app.handle)
      .get('/search?q=dublin')
      .then((response) => response);
    // The bound is full, yet a query answered before is answered from the cache, without a place under it.
    assert.equal((await request(app.handle).get('/search?q=precursors').expect(200)).text, first.text);
    assert.deepEqual([(await one.release()).status, (await two).status], [200, 200]);
    assert.equal(watched.queries.length, 2);
    // Another page of results is another query.
    await request(app.handle).get('/search?q=the&page=2').expect(200);
    assert.equal(watched.queries.length, 3);
    app.close();
  });

  /** An app whose one place for searches is taken, with its warnings (stderr lines) kept. */
  async function busyAppLoggingWarnings(): Promise<{ app: App; warnings: string[]; busy: Awaited<ReturnType<typeof busySearch>> }> {
    const watched = watchedEngine();
    const warnings: string[] = [];
    const logger = createLogger({ out: () => {}, err: (line) => warnings.push(line) });
    const app = testApp({ SEARCH_CONCURRENCY: '1' }, { searchEngine: watched.engine, logger });
    await app.publisher.snapshot().edition().search.ready;
    return { app, warnings, busy: await busySearch(app, watched) };
  }

  it('logs refusals as one line with their count, not a line each', async () => {
    const { app, warnings, busy } = await busyAppLoggingWarnings();
    for (const query of ['osh', 'naryn', 'talas']) await request(app.handle).get(`/search?q=${query}`).expect(503);
    await busy.release();
    const refusals = warnings
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => String(line['message']).startsWith('searches refused'));
    assert.deepEqual(
      refusals.map((line) => line['count']),
      [1],
      'the first refusal is logged at once; the next ones are counted into a later line',
    );
    app.close();
  });

  it('counts the refusals of JSON and text clients with a browser’s, with no warning line for each', async () => {
    const { app, warnings, busy } = await busyAppLoggingWarnings();
    for (const accept of ['application/json', 'text/plain', 'application/json', 'text/html']) {
      await request(app.handle).get('/search?q=osh').set('Accept', accept).expect(503);
    }
    await busy.release();
    const refusals = warnings.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => /refused/.test(String(line['message'])));
    assert.deepEqual(
      refusals.map((line) => [line['message'], line['count']]),
      [['searches refused: too many under way', 1]],
      'the first refusal is logged at once, whatever the client asked for; the next ones are counted into a later line',
    );
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

  it('answers 503 with Retry-After to a search waiting for the thread when it dies, then searches again', async () => {
    const real = new WorkerEngine(createLogger({ silent: true }));
    // The next query follows a page the thread fails on: it dies with the query sent and not yet answered.
    let killNext = false;
    const killing = { id: '/broken', title: undefined, description: '', headings: '', text: '' } as unknown as SearchDocument;
    const engine: SearchEngine = {
      open(lang, refill) {
        const handle = real.open(lang, refill);
        return {
          ...handle,
          query(query) {
            if (killNext) handle.put([killing], false);
            killNext = false;
            return handle.query(query);
          },
        };
      },
      openForum: (refill) => real.openForum(refill),
      close: () => real.close(),
    };
    const app = testApp({}, { searchEngine: engine });
    await app.publisher.snapshot().edition().search.ready;
    killNext = true;
    const refused = await request(app.handle).get('/search?q=precursors').set('Accept', 'text/html').expect(503);
    assert.equal(refused.headers['retry-after'], '5');
    assert.equal(refused.headers['cache-control'], 'no-store');
    assert.equal(html(refused.text).querySelector('h1')?.textContent, 'Search is unavailable for a moment');
    // The thread was started again and the site indexed again: the same search now finds pages.
    const again = html((await request(app.handle).get('/search?q=precursors').expect(200)).text);
    assert.ok(again.querySelectorAll('.search-result').length > 0);
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
