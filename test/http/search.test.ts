// HTTP tests: site search ranks, highlights, pages and suggests; takes bad input; keeps drafts out; follows content changes.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { captureLogs } from '../../scripts/lib/log-lines.js';
import { freshFixture, html, testApp } from '../helpers/test-app.js';

const app = testApp();
const search = async (query: string, extra = ''): Promise<Document> =>
  html(
    (
      await request(app.handle)
        .get(`/search?q=${encodeURIComponent(query)}${extra}`)
        .expect(200)
        .expect('Content-Type', /text\/html/)
    ).text,
  );
const resultUrls = (document: Document): string[] => [...document.querySelectorAll('.search-result__title a')].map((link) => link.getAttribute('href') ?? '');

describe('site search', () => {
  for (const [query, expected] of [
    ['precursors', '/un-in-kyrgyzstan/agencies/unodc/projects'],
    ['Osh', '/un-in-kyrgyzstan/agencies/unodc/projects'],
    ['money laundering', '/un-in-kyrgyzstan/agencies/unodc/projects'],
    ['Dublin', '/un-in-kyrgyzstan/agencies/unodc/mini-dublin-groups'],
  ] as const) {
    it(`leads "${query}" to ${expected} first, with the words highlighted`, async () => {
      const document = await search(query);
      assert.equal(resultUrls(document)[0], expected);
      const marks = [...document.querySelectorAll('.search-result mark')].map((mark) => mark.textContent?.toLowerCase());
      for (const word of query.toLowerCase().split(' ')) assert.ok(marks.includes(word), `"${word}" is highlighted`);
      assert.match(document.querySelector('.search-count')?.textContent ?? '', /^\d+ pages? match/);
    });
  }

  it('weights titles over body text', async () => {
    assert.equal(resultUrls(await search('Foreign Anti-Narcotics Community'))[0], '/un-in-kyrgyzstan/agencies/unodc/fanc');
  });

  it('finds words with a typo, a prefix, other case and diacritics', async () => {
    assert.ok(resultUrls(await search('precursers')).includes('/un-in-kyrgyzstan/agencies/unodc/projects'));
    assert.ok(resultUrls(await search('launder')).includes('/un-in-kyrgyzstan/agencies/unodc/projects'));
    assert.ok(resultUrls(await search('DUBLÍN')).includes('/un-in-kyrgyzstan/agencies/unodc/mini-dublin-groups'));
  });

  it('finds Russian words, with or without ё', async () => {
    assert.deepEqual(resultUrls(await search('Кыргызстан')), ['/country-info']);
    assert.deepEqual(resultUrls(await search('объединенных')), ['/country-info']);
  });

  it('suggests a spelling and lists the sections when nothing matches', async () => {
    const document = await search('dublni');
    assert.match(document.querySelector('.search-count')?.textContent ?? '', /No pages match/);
    assert.ok(document.querySelector('a[href="/search?q=dublin"]'));
    assert.ok(document.querySelector('main a[href="/un-in-kyrgyzstan"]'));
  });

  it('pages through many results, ten at a time', async () => {
    const first = await search('the');
    const total = Number(/^(\d+)/.exec(first.querySelector('.search-count')?.textContent ?? '')?.[1]);
    assert.ok(total > 10, `${total} results`);
    assert.equal(resultUrls(first).length, 10);
    const second = await search('the', '&page=2');
    assert.equal(second.querySelector('.search-results')?.getAttribute('start'), '11');
    assert.equal(resultUrls(second).filter((url) => resultUrls(first).includes(url)).length, 0);
    assert.ok(first.querySelector('a[rel="next"][href="/search?q=the&page=2"]'));
  });

  it('marks result pages noindex', async () => {
    const response = await request(app.handle).get('/search?q=osh').expect(200);
    assert.equal(response.headers['x-robots-tag'], 'noindex');
    assert.equal(html(response.text).querySelector('meta[name="robots"]')?.getAttribute('content'), 'noindex');
  });

  it('has a plain GET search form in the header of every page', async () => {
    const form = html((await request(app.handle).get('/mdg').expect(200)).text).querySelector('header form[role="search"]');
    assert.equal(form?.getAttribute('action'), '/search');
    assert.equal(form?.getAttribute('method'), 'get');
    assert.ok(form?.querySelector('input[name="q"]'));
    assert.ok(form?.querySelector('label'));
  });
});

describe('search with bad input', () => {
  it('answers an empty query with a normal page', async () => {
    const document = await search('');
    assert.equal(document.querySelector('h1')?.textContent, 'Search');
    assert.equal(resultUrls(document).length, 0);
    await request(app.handle).get('/search').expect(200);
  });

  it('cuts a 10 KB query and says so', async () => {
    const document = await search('osh '.repeat(2500));
    assert.match(document.querySelector('.search-note')?.textContent ?? '', /longer than 200 characters/);
  });

  it('never reflects <script> unescaped', async () => {
    const response = await request(app.handle)
      .get(`/search?q=${encodeURIComponent('<script>alert(1)</script>"><img src=x onerror=alert(1)>')}`)
      .expect(200);
    assert.doesNotMatch(response.text, /<script>alert|<img src=x/);
    assert.match(response.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('takes odd Unicode, repeated parameters and nonsense paging in its stride', async () => {
    for (const query of ['\u202e\u0000\ud83d\ude00', '\u0301\u0301\u0301', 'ＯＳＨ', '%', '\\', '💥'.repeat(300)]) {
      await request(app.handle)
        .get(`/search?q=${encodeURIComponent(query)}`)
        .expect(200);
    }
    await request(app.handle).get('/search?q=a&q=b&page=-5').expect(200);
    await request(app.handle).get('/search?q[x]=1&page=99999999999999999999').expect(200);
    await request(app.handle).get('/search?q=%E0%A4%A').expect(400);
  });

  it('answers other methods with 405', async () => {
    const response = await request(app.handle).post('/search').expect(405);
    assert.equal(response.headers['allow'], 'GET, HEAD');
  });
});

describe('the search index', () => {
  const fixture = freshFixture('small-site');

  it('never shows drafts in production, though the same page without draft: true is found', async () => {
    // section/draft.md is the only page with the word; each app is built after the file is as the step needs it.
    const searchProduction = async (): Promise<Document> => {
      const production = testApp({ NODE_ENV: 'production', CONTENT_DIR: fixture.dir }, { logger: captureLogs().logger });
      try {
        return html((await request(production.handle).get('/search?q=zanzibarite').expect(200)).text);
      } finally {
        production.close();
      }
    };
    assert.equal((await searchProduction()).querySelectorAll('.search-result').length, 0);

    // The control: published, the same page is indexed and found, so the empty answer above is the draft rule's.
    const file = path.join(fixture.dir, 'section', 'draft.md');
    const published = readFileSync(file, 'utf8').replace(/^draft: true\n/m, '');
    assert.doesNotMatch(published, /draft:/);
    writeFileSync(file, published);
    assert.deepEqual(resultUrls(await searchProduction()), ['/section/draft']);
  });

  it('is updated when content changes, without a restart', async () => {
    const running = testApp({ CONTENT_DIR: fixture.dir });
    writeFileSync(
      path.join(fixture.dir, 'about.md'),
      '---\ntitle: About the small site\ndescription: The about page now mentions a rare mineral for the index.\nupdated: 2007-08-20\n---\n' +
        '## Who we are\n\nTanzanite traders.\n',
    );
    running.publisher.reload(['about.md']);
    const document = html((await request(running.handle).get('/search?q=tanzanite').expect(200)).text);
    assert.deepEqual(
      [...document.querySelectorAll('.search-result__title a')].map((link) => link.getAttribute('href')),
      ['/about'],
    );
  });
});
