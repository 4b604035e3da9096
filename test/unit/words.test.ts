import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closestWord, ordinal, plural, waitInWords } from '../../src/lib/words.js';

describe('words for messages', () => {
  it('writes a count with its noun in the singular or plural', () => {
    assert.deepEqual(
      [plural(0, 'error'), plural(1, 'error'), plural(2, 'error'), plural(2, 'entry', 'entries')],
      ['0 errors', '1 error', '2 errors', '2 entries'],
    );
  });
  it('writes ordinals as English does, the teens included', () => {
    assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal), [
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
    ]);
  });
  it('finds the word a typo meant, whatever its case, and nothing for a word far from all', () => {
    const fields = ['title', 'linkTitle', 'description', 'updated'];
    assert.equal(closestWord('tittle', fields), 'title');
    assert.equal(closestWord('Title', fields), 'title');
    assert.equal(closestWord('linktitle', fields), 'linkTitle');
    assert.equal(closestWord('udpated', fields), 'updated');
    assert.equal(closestWord('colour', fields), undefined);
    assert.equal(closestWord('url', ['title', 'url']), 'url');
    assert.equal(closestWord('uri', ['title', 'url']), 'url');
    assert.equal(closestWord('link', ['title', 'url']), undefined);
  });
  it('says how long to wait in words, rounded up so that the time said is always enough', () => {
    assert.deepEqual([0, 1, 45, 59, 60, 61, 240, 241, 7199, 7200, 5 * 3600 + 1].map(waitInWords), [
      'in 1 second',
      'in 1 second',
      'in 45 seconds',
      'in 59 seconds',
      'in 1 minute',
      'in 2 minutes',
      'in 4 minutes',
      'in 5 minutes',
      'in 120 minutes',
      'in 2 hours',
      'in 6 hours',
    ]);
  });
});
