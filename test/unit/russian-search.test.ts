// Search in Russian: stemming ("наркотиков" finds "наркотики"), case and ё/е folding, typo tolerance; English unchanged.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { EMPTY_NAVIGATION } from '../../src/content/navigation.js';
import { readPage } from '../../src/content/read-page.js';
import { buildSite, type Site } from '../../src/content/site.js';
import { SearchIndex } from '../../src/search/search-index.js';

const PAGES: Readonly<Record<string, readonly [title: string, body: string]>> = {
  'drugs.md': ['Контроль над наркотиками', 'УНП ООН помогает бороться с незаконным оборотом наркотиков в Кыргызстане.'],
  'un.md': ['Организация Объединённых Наций', 'Система ООН в Кыргызстане объединяет агентства и программы.'],
  'mdg.md': ['Цели развития тысячелетия', 'Доклад о ходе достижения целей развития.'],
};

function site(): Site {
  const pages = Object.entries(PAGES).map(([file, [title, body]]) =>
    readPage(file, Buffer.from(`---\ntitle: ${title}\ndescription: Страница для проверки поиска на русском языке.\nupdated: 2026-11-27\n---\n\n${body}\n`)),
  );
  return buildSite({ pages, navigation: EMPTY_NAVIGATION, removed: [], includeDrafts: false, now: Date.now() });
}

describe('search in Russian', () => {
  const pages = site();
  const index = new SearchIndex('ru');
  before(() => index.rebuild(pages));
  const found = async (query: string): Promise<string[]> => (await index.search(pages, query, 0, 10)).hits.map((hit) => hit.url);

  it('finds another form of a word by its stem: "наркотиков" finds "наркотиками" and "наркотиков"', async () => {
    assert.deepEqual(await found('наркотиков'), ['/drugs']);
    assert.deepEqual(await found('наркотик'), ['/drugs']);
  });

  it('folds case and ё into е, both ways', async () => {
    assert.deepEqual(await found('ОБЪЕДИНЕННЫХ'), ['/un']);
    assert.deepEqual(await found('объединённых'), ['/un']);
  });

  it('tolerates a typo in a long word', async () => {
    assert.deepEqual(await found('тысечелетия'), ['/mdg']);
  });

  it('finds every form of «Кыргызстан», which the stemmer cuts differently', async () => {
    assert.deepEqual((await found('Кыргызстан')).sort(), ['/drugs', '/un']);
    assert.deepEqual((await found('Кыргызстана')).sort(), ['/drugs', '/un']);
  });

  it('marks the matched word in the snippet', async () => {
    const [hit] = (await index.search(pages, 'наркотиков', 0, 10)).hits;
    assert.ok(hit?.snippet.some((piece) => piece.mark && /наркотик/i.test(piece.text)));
  });

  it('needs the stem where prefix and typo matching cannot help: "цель" finds "цели", and an English index does not (control)', async () => {
    assert.deepEqual(await found('цель'), ['/mdg']);
    const english = new SearchIndex('en');
    await english.rebuild(pages);
    assert.deepEqual(
      (await english.search(pages, 'цель', 0, 10)).hits.map((hit) => hit.url),
      [],
    );
  });
});
