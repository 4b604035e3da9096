import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathOf, queryOf, withoutTrailingSlash } from '../../src/lib/url-path.js';

describe('withoutTrailingSlash', () => {
  it('takes every slash off the end of an address', () => {
    assert.equal(withoutTrailingSlash('/about/'), '/about');
    assert.equal(withoutTrailingSlash('/a/b//'), '/a/b');
    assert.equal(withoutTrailingSlash('/a/b'), '/a/b');
  });

  it('keeps the home page as "/", however many slashes it was written with', () => {
    assert.equal(withoutTrailingSlash('/'), '/');
    assert.equal(withoutTrailingSlash('///'), '/');
    assert.equal(withoutTrailingSlash(''), '');
  });
});

describe('pathOf and queryOf', () => {
  it('split a request target at its first "?"', () => {
    assert.equal(pathOf('/search?q=a?b'), '/search');
    assert.equal(queryOf('/search?q=a?b'), '?q=a?b');
    assert.equal(queryOf('/search'), '');
  });
});
