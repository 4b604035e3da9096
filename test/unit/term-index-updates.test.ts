// Unit tests: a page added, changed and removed leaves the term index as if it had been built with the site as it is now.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TermIndex, type Ranking, type SearchDocument } from '../../src/search/term-index.js';

const doc = (id: string, text: string, title = id): SearchDocument => ({ id, title, description: '', headings: '', text });
const ask = (index: TermIndex, ...words: string[]): Ranking => index.query({ words, offset: 0, limit: 10 });

describe('the term index after changes', () => {
  it('finds a page by its new words once changed, and no longer by its old ones', () => {
    const index = new TermIndex('en');
    index.put([doc('/a', 'zebra crossing'), doc('/b', 'zebra')], false);
    index.put([doc('/a', 'giraffe crossing')], true);
    assert.deepEqual(
      ask(index, 'zebra').hits.map((hit) => hit.id),
      ['/b'],
    );
    assert.deepEqual(
      ask(index, 'giraffe').hits.map((hit) => hit.id),
      ['/a'],
    );
    assert.equal(ask(index, 'crossing').total, 1);
  });

  it('suggests no word that only a removed page had', () => {
    const index = new TermIndex('en');
    index.put([doc('/a', 'zebra'), doc('/b', 'giraffe')], false);
    // Two letters wrong: beyond what a query matches, within what a suggestion looks for.
    assert.deepEqual(ask(index, 'zeqqa').suggestions, ['zebra']);
    index.discard(['/a']);
    assert.deepEqual(ask(index, 'zeqqa').suggestions, []);
    assert.deepEqual(ask(index, 'giraqqe').suggestions, ['giraffe']);
  });

  it('ranks as an index built afresh once pages have changed and gone', () => {
    const words = ['water', 'gender', 'border', 'health', 'drugs', 'youth'];
    const text = (n: number, version: number): string => words.filter((_, w) => (n + w + version) % 3 !== 0).join(' ');
    const changed = new TermIndex('en');
    changed.put(
      Array.from({ length: 30 }, (_, n) => doc(`/p${n}`, text(n, 0))),
      false,
    );
    changed.put(
      Array.from({ length: 10 }, (_, n) => doc(`/p${n}`, text(n, 1))),
      true,
    );
    changed.discard(['/p20', '/p21']);
    // Afresh, in the order the changed index now holds them: a changed page is last, as it was indexed last.
    const fresh = new TermIndex('en');
    const unchanged = [...Array.from({ length: 10 }, (_, n) => n + 10), ...Array.from({ length: 8 }, (_, n) => n + 22)];
    fresh.put(
      unchanged.map((n) => doc(`/p${n}`, text(n, 0))),
      false,
    );
    fresh.put(
      Array.from({ length: 10 }, (_, n) => doc(`/p${n}`, text(n, 1))),
      false,
    );
    for (const query of [['water'], ['gender', 'youth'], ['drugs', 'health', 'border']]) assert.deepEqual(ask(changed, ...query), ask(fresh, ...query));
  });
});
