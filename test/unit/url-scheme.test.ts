// Unit tests for the URL scheme: file to address, ancestors, and the canonical spelling of a path.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ancestorUrls, urlForFile } from '../../src/content/url-for-file.js';
import { canonicalPath } from '../../src/http/canonical-path.js';

describe('urlForFile', () => {
  it('maps files to clean lowercase addresses without a trailing slash', () => {
    assert.equal(urlForFile('index.md'), '/');
    assert.equal(urlForFile('country-info.md'), '/country-info');
    assert.equal(urlForFile('un-in-kyrgyzstan/index.md'), '/un-in-kyrgyzstan');
    assert.equal(urlForFile('un-in-kyrgyzstan/agencies/UNODC/Projects.md'), '/un-in-kyrgyzstan/agencies/unodc/projects');
  });

  it('lists the ancestors of an address from the home page down', () => {
    assert.deepEqual(ancestorUrls('/a/b/c'), ['/', '/a', '/a/b']);
    assert.deepEqual(ancestorUrls('/'), []);
  });
});

describe('canonicalPath', () => {
  it('lowercases, collapses slashes and drops the trailing slash', () => {
    assert.equal(canonicalPath('/Country-Info/'), '/country-info');
    assert.equal(canonicalPath('//mdg//progress-report-2003'), '/mdg/progress-report-2003');
    assert.equal(canonicalPath('/'), '/');
    assert.equal(canonicalPath('//'), '/');
  });
});
