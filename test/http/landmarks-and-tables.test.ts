// HTTP tests: navigation named where text browsers show it too, and /stats tables captioned, sections headed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { html, testApp } from '../helpers/test-app.js';

const app = testApp();
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';

async function documentAt(path: string): Promise<Document> {
  return html((await request(app.handle).get(path).set('User-Agent', BROWSER).expect(200)).text);
}

describe('every navigation landmark', () => {
  for (const path of ['/', '/un-in-kyrgyzstan/agencies/unodc', '/search?q=the', '/stats']) {
    it(`on ${path} is named by a line of text inside it, which text browsers show before its links`, async () => {
      const document = await documentAt(path);
      const navs = [...document.querySelectorAll('nav')];
      assert.ok(navs.length >= 2, `${navs.length} nav elements`);
      for (const nav of navs) {
        // aria-label is read by screen readers only; lynx and w3m show the lists with nothing to say what they are.
        assert.equal(nav.getAttribute('aria-label'), null, nav.outerHTML.slice(0, 80));
        const id = nav.getAttribute('aria-labelledby') ?? '';
        const name = document.getElementById(id);
        assert.ok(name && nav.contains(name), `nav ${nav.className} is named by an element inside it`);
        assert.ok((name.textContent ?? '').trim().length > 2);
        // Compared as a boolean: a failing assert.equal of two nodes prints both, and the document with them.
        assert.equal(nav.firstElementChild === name, true, `the name comes before the links: ${nav.outerHTML.slice(0, 80)}`);
      }
    });
  }

  it('names the breadcrumb trail so that it reads as a sentence: "You are here:"', async () => {
    const document = await documentAt('/un-in-kyrgyzstan/agencies/unodc');
    const trail = document.querySelector('nav.breadcrumbs');
    assert.equal(trail?.firstElementChild?.textContent, 'You are here:');
  });
});

describe('the statistics page', () => {
  it('captions every table, gives every section a heading, and names the scrolling table', async () => {
    await request(app.handle).get('/mdg').set({ 'User-Agent': BROWSER, Referer: 'https://www.un.org/' }).expect(200);
    await app.counter?.flush();
    const document = await documentAt('/stats');
    const tables = [...document.querySelectorAll('table')];
    // The day table, and those of the view just counted (top pages, devices; referrers only from a host statistics keep).
    assert.ok(tables.length >= 3, `${tables.length} tables`);
    for (const table of tables) assert.ok((table.querySelector(':scope > caption')?.textContent ?? '').trim(), table.outerHTML.slice(0, 80));
    const scroller = document.querySelector('.table-scroll');
    assert.equal(scroller?.getAttribute('tabindex'), '0');
    assert.ok(document.getElementById(scroller.getAttribute('aria-labelledby') ?? '')?.textContent);
    for (const section of document.querySelectorAll('section')) {
      assert.ok(section.querySelector(':scope > h2, :scope > h3'), `section without a heading: ${section.outerHTML.slice(0, 80)}`);
    }
  });
});
