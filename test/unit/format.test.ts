// Dates, numbers and plural forms per language, through Intl (Node 20's ICU has both locales).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCount, formatDate, formatNumber } from '../../src/render/format.js';

const RU_PAGES = { one: 'страница', few: 'страницы', many: 'страниц', other: 'страницы' };

describe('formatting per language', () => {
  const day = new Date('2026-11-26T00:00:00Z');

  it('writes a date as UN documents do in English, and as Russian does', () => {
    assert.equal(formatDate(day), '26 November 2026');
    assert.equal(formatDate(day, 'ru'), '26 ноября 2026 г.');
  });

  it('groups digits by each language', () => {
    assert.equal(formatNumber(12345), '12,345');
    assert.equal(formatNumber(12345, 'ru'), '12\u00a0345');
  });

  it('chooses the plural form Russian needs: one, few, many', () => {
    assert.deepEqual(
      [1, 3, 5, 11, 21, 22, 25].map((count) => formatCount(count, RU_PAGES, 'ru')),
      ['1 страница', '3 страницы', '5 страниц', '11 страниц', '21 страница', '22 страницы', '25 страниц'],
    );
    assert.deepEqual(
      [1, 3].map((count) => formatCount(count, { one: 'page', other: 'pages' })),
      ['1 page', '3 pages'],
    );
  });
});
