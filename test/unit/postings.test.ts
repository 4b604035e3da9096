// Unit tests for the index's postings in typed arrays: what goes in comes out, through additions, repeats and removals.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FieldPostings, TermPostings } from '../../src/search/postings.js';

const entries = (postings: FieldPostings): [shortId: number, frequency: number][] => {
  const seen: [number, number][] = [];
  postings.forEach((frequency, shortId) => seen.push([shortId, frequency]));
  return seen;
};

describe('FieldPostings', () => {
  it('gives back each page added with how often, in order of short id, past the first growth of its array', () => {
    const postings = new FieldPostings();
    const expected: [number, number][] = [];
    for (let shortId = 0; shortId < 1000; shortId += 3) {
      const frequency = 1 + (shortId % 7);
      for (let n = 0; n < frequency; n += 1) postings.add(shortId);
      expected.push([shortId, frequency]);
    }
    assert.deepEqual(entries(postings), expected);
    assert.equal(postings.size, expected.length);
    assert.ok(postings.has(999) && postings.has(0) && !postings.has(1) && !postings.has(1002));
  });

  it('takes a page out whatever its frequency, and keeps the rest as they were after shrinking', () => {
    const postings = new FieldPostings();
    for (let shortId = 0; shortId < 100; shortId += 1) {
      postings.add(shortId);
      postings.add(shortId);
    }
    for (let shortId = 0; shortId < 100; shortId += 1) if (shortId % 10 !== 0) assert.ok(postings.remove(shortId));
    assert.equal(postings.remove(5), false, 'already gone');
    assert.deepEqual(
      entries(postings),
      Array.from({ length: 10 }, (_, n) => [n * 10, 2]),
    );
    postings.add(200);
    assert.deepEqual(entries(postings).at(-1), [200, 1], 'a page added after removals goes at the end');
  });

  it('refuses a page added before one already there, which would break the order searching by short id relies on', () => {
    const postings = new FieldPostings();
    postings.add(5);
    assert.throws(() => postings.add(4), /postings of page 4 added after page 5/);
  });
});

describe('TermPostings', () => {
  it('keeps each field apart, drops a field left without pages, and is empty once no field has one', () => {
    const term = new TermPostings();
    term.add(0, 1);
    term.add(3, 1);
    term.add(3, 2);
    assert.deepEqual(
      [...term.values()].map((field) => field.size),
      [1, 2],
    );
    term.remove(0, 1);
    assert.equal(term.get(0), undefined);
    assert.equal(term.isEmpty(), false);
    term.remove(3, 1);
    term.remove(3, 2);
    assert.equal(term.isEmpty(), true);
  });
});
