// HTTP tests: the language switcher on search results keeps the words searched, encoded, and nothing else of the query.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { html, testApp } from '../helpers/test-app.js';

const app = testApp();

async function switcherHref(url: string): Promise<string | null | undefined> {
  const response = await request(app.handle).get(url).expect(200);
  return html(response.text).querySelector('nav.language-switcher a')?.getAttribute('href');
}

describe('the language switcher on search results', () => {
  it('leads from /search?q=osh to /ru/search?q=osh, and back', async () => {
    assert.equal(await switcherHref('/search?q=osh'), '/ru/search?q=osh');
    assert.equal(await switcherHref('/ru/search?q=osh'), '/search?q=osh');
  });

  it('encodes the words searched as the search page’s own links do, Cyrillic, spaces (%20) and markup alike', async () => {
    const query = 'наркотики & <b>"Ош"</b>';
    const href = await switcherHref(`/search?q=${encodeURIComponent(query)}`);
    assert.equal(href, `/ru/search?q=${encodeURIComponent(query)}`);
    assert.equal(new URL(href ?? '', 'https://un.example.org').searchParams.get('q'), query);
  });

  it('keeps neither the page number nor parameters the search does not know', async () => {
    assert.equal(await switcherHref('/search?q=un&page=2&utm_source=mail&x=%3Cscript%3E'), '/ru/search?q=un');
  });

  it('links the bare search page when nothing was searched', async () => {
    assert.equal(await switcherHref('/search'), '/ru/search');
    assert.equal(await switcherHref('/ru/search?q='), '/search');
  });

  it('carries no query from the statistics page, which takes none', async () => {
    const response = await request(app.handle).get('/stats?q=osh');
    assert.equal(html(response.text).querySelector('nav.language-switcher a')?.getAttribute('href'), '/ru/stats');
  });
});
