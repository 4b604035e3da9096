// Unit tests: what one query may cost the index (typos, prefix expansion), the gate on searches, and the search thread.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../../src/lib/logger.js';
import { ConcurrencyGate } from '../../src/lib/concurrency-gate.js';
import { boundQuery } from '../../src/search/query-bounds.js';
import { TermIndex, type SearchDocument } from '../../src/search/term-index.js';
import { SearchUnavailableError } from '../../src/search/search-engine.js';
import { WorkerEngine } from '../../src/search/worker-engine.js';

const doc = (id: string, text: string, title = id): SearchDocument => ({ id, title, description: '', headings: '', text });

describe('the term index bounds a query', () => {
  it('tolerates at most two typos a word, however long the word', () => {
    const index = new TermIndex('en');
    index.put([doc('/long', 'internationalisation')], false);
    const found = (word: string): number => index.query({ words: [word], offset: 0, limit: 10 }).total;
    assert.equal(found('internationalisatoin'), 1, 'two letters swapped: two edits');
    assert.equal(found('intarnationalisatoin'), 0, 'three edits, which 0.2 of 20 letters (4) would have allowed');
  });

  it('lets a prefix stand for at most 64 index terms', () => {
    const index = new TermIndex('en');
    index.put(
      Array.from({ length: 100 }, (_, n) => doc(`/p${n}`, `pro${String.fromCharCode(97 + (n % 26))}${String.fromCharCode(97 + Math.floor(n / 26))}x`)),
      false,
    );
    const ranking = index.query({ words: ['pro'], offset: 0, limit: 100 });
    assert.equal(ranking.total, 64);
  });

  it('ranks pages with every word first, and falls back to any word when none has all', () => {
    const index = new TermIndex('en');
    index.put([doc('/both', 'water and gender'), doc('/water', 'water water water'), doc('/gender', 'gender')], false);
    assert.deepEqual(
      index.query({ words: ['water', 'gender'], offset: 0, limit: 10 }).hits.map((hit) => hit.id),
      ['/both'],
    );
    const any = index.query({ words: ['water', 'unicorns'], offset: 0, limit: 10 });
    assert.deepEqual(any.hits.map((hit) => hit.id).sort(), ['/both', '/water']);
  });

  it('forgets a discarded page and replaces a changed one', () => {
    const index = new TermIndex('en');
    index.put([doc('/a', 'zebra'), doc('/b', 'zebra')], false);
    index.discard(['/a']);
    index.put([doc('/b', 'giraffe')], true);
    assert.equal(index.query({ words: ['zebra'], offset: 0, limit: 10 }).total, 0);
    assert.equal(index.query({ words: ['giraffe'], offset: 0, limit: 10 }).total, 1);
  });
});

describe('boundQuery', () => {
  it('cuts a long query and says why', () => {
    assert.equal(boundQuery('osh '.repeat(100), 'en').cut, 'length');
    assert.equal(boundQuery('a b c d e f g h i j', 'en').cut, 'words');
    assert.equal(boundQuery('osh', 'en').cut, undefined);
  });
});

describe('ConcurrencyGate', () => {
  it('refuses a task beyond its limit at once, without starting it, and admits again once one settles', async () => {
    const gate = new ConcurrencyGate(1);
    let finish!: () => void;
    const running = gate.tryRun(() => new Promise<void>((resolve) => (finish = resolve)));
    let started = false;
    assert.equal(
      gate.tryRun(() => {
        started = true;
        return Promise.resolve();
      }),
      undefined,
    );
    assert.equal(started, false);
    finish();
    await running;
    assert.equal(await gate.tryRun(() => Promise.resolve('admitted')), 'admitted');
    assert.equal(gate.inUse, 0);
  });

  it('frees its place when a task fails, or throws before its promise', async () => {
    const gate = new ConcurrencyGate(1);
    await assert.rejects(gate.tryRun(() => Promise.reject(new Error('failed')))!);
    assert.throws(() =>
      gate.tryRun(() => {
        throw new Error('failed at once');
      }),
    );
    assert.equal(await gate.tryRun(() => Promise.resolve(1)), 1);
  });
});

describe('the search thread', () => {
  it('indexes and answers in a worker thread, and refuses queries once closed instead of leaving them waiting', async () => {
    const engine = new WorkerEngine(createLogger({ silent: true }));
    const index = engine.open('en');
    index.put([doc('/osh', 'Osh is in the south')], false);
    const ranking = await index.query({ words: ['osh'], offset: 0, limit: 10 });
    assert.deepEqual(
      ranking.hits.map((hit) => hit.id),
      ['/osh'],
    );
    engine.close();
    await assert.rejects(index.query({ words: ['osh'], offset: 0, limit: 10 }));
  });

  it('starts another thread when the search thread dies, and asks each index to be filled again', async () => {
    const engine = new WorkerEngine(createLogger({ silent: true }));
    let refilled!: () => void;
    const asked = new Promise<void>((resolve) => (refilled = resolve));
    const index = engine.open('en', () => {
      index.put([doc('/bishkek', 'Bishkek is in the north')], false);
      refilled();
    });
    index.put([doc('/osh', 'Osh is in the south')], false);
    await index.flushed();
    await engine.terminateThread();
    await asked;
    const ranking = await index.query({ words: ['bishkek'], offset: 0, limit: 10 });
    assert.deepEqual(
      ranking.hits.map((hit) => hit.id),
      ['/bishkek'],
    );
    assert.equal((await index.query({ words: ['osh'], offset: 0, limit: 10 })).total, 0, 'the new thread holds only what was put again');
    engine.close();
  });
});

describe('when the search thread keeps dying', () => {
  /** A page the thread fails on while indexing: it dies, as it would on a page that breaks the index. */
  const killing = { ...doc('/broken', 'text'), title: undefined as unknown as string };

  it('fails a query waiting for the thread as unavailable (answered 503), not as an error of the search', async () => {
    const engine = new WorkerEngine(createLogger({ silent: true }));
    const index = engine.open('en');
    // Messages are handled in order: the thread dies on the page before it reads the query.
    index.put([killing], false);
    await assert.rejects(index.query({ words: ['osh'], offset: 0, limit: 10 }), SearchUnavailableError);
    engine.close();
  });

  it('starts it again after a wait once it died more than five times a minute, instead of staying down', async () => {
    const engine = new WorkerEngine(createLogger({ silent: true }), { backoffMs: 20 });
    const index = engine.open('en');
    const query = { words: ['osh'], offset: 0, limit: 10 };
    // Five restarts are made at once; the sixth death leaves search down until the wait is over.
    for (let death = 1; death <= 6; death += 1) {
      await engine.running();
      index.put([killing], false);
      await assert.rejects(index.query(query), SearchUnavailableError);
    }
    await assert.rejects(index.query(query), SearchUnavailableError, 'down during the wait: refused at once');
    await engine.running();
    index.put([doc('/osh', 'Osh is in the south')], false);
    assert.equal((await index.query(query)).total, 1);
    engine.close();
  });
});
