// Unit test for LruCache: values made once, and the entry used longest ago let go first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LruCache } from '../../src/lib/lru-cache.js';

describe('LruCache', () => {
  it('makes a value once and keeps it, and when full lets the entry used longest ago go', () => {
    const made: string[] = [];
    const cache = new LruCache<string, string>(2);
    const get = (key: string): string => cache.get(key, (k) => (made.push(k), k.toUpperCase()));
    assert.equal(get('a'), 'A');
    assert.equal(get('b'), 'B');
    assert.equal(get('a'), 'A');
    get('c');
    get('a');
    get('b');
    assert.deepEqual(made, ['a', 'b', 'c', 'b']);
  });
});
