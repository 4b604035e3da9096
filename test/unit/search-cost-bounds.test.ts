// Unit tests: what one query may cost the index (typos, prefix expansion), the gate on searches, and the search thread.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../../src/lib/logger.js';
import { ConcurrencyGate, GateFullError } from '../../src/lib/concurrency-gate.js';
import { boundQuery } from '../../src/search/query-bounds.js';
import { TermIndex, type SearchDocument } from '../../src/search/term-index.js';
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
  it('refuses a task beyond its limit at once, and admits again once one settles', async () => {
    const gate = new ConcurrencyGate(1);
    let finish!: () => void;
    const running = gate.run(() => new Promise<void>((resolve) => (finish = resolve)));
    await assert.rejects(
      gate.run(() => Promise.resolve()),
      GateFullError,
    );
    finish();
    await running;
    assert.equal(await gate.run(() => Promise.resolve('admitted')), 'admitted');
    assert.equal(gate.inUse, 0);
  });

  it('frees its place when a task fails', async () => {
    const gate = new ConcurrencyGate(1);
    await assert.rejects(gate.run(() => Promise.reject(new Error('failed'))));
    assert.equal(await gate.run(() => Promise.resolve(1)), 1);
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
