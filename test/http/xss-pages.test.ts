// HTTP tests: a page written by an attacker, and markup in the request, never reach a page as something that runs.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { App } from '../../src/app.js';
import { copyFixture, FIXTURES, html, testApp } from '../helpers/test-app.js';
import { xssProblems } from '../helpers/xss.js';

// A whole page written by an attacker: every XSS fixture as its body, and front matter made to break out of
// <title>, attributes and the JSON-LD script. Served through the real layout, none of it may run.
const HOSTILE_TITLE = `</script><script>alert(1)</script> "'><img src=x onerror=alert(1)>`;
const HOSTILE_LINK_TITLE = '<svg onload=alert(2)> & </title>';
const HOSTILE_DESCRIPTION = `A description that closes things: "></meta><script>alert(3)</script> </script> \u2028 & done`;
const PAGE = '/news/hostile';

function yamlString(text: string): string {
  return JSON.stringify(text);
}

function hostileSite(dir: string): void {
  const body = readdirSync(path.join(FIXTURES, 'xss'))
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => `## ${file}\n\n${readFileSync(path.join(FIXTURES, 'xss', file), 'utf8')}`)
    .join('\n\n');
  mkdirSync(path.join(dir, 'news'), { recursive: true });
  writeFileSync(
    path.join(dir, 'news', 'index.md'),
    '---\ntitle: News\ndescription: The news section of the hostile fixture site.\nupdated: 2007-08-15\nlayout: news\n---\n\nNews.\n',
  );
  writeFileSync(
    path.join(dir, 'news', 'hostile.md'),
    [
      '---',
      `title: ${yamlString(HOSTILE_TITLE)}`,
      `linkTitle: ${yamlString(HOSTILE_LINK_TITLE)}`,
      `description: ${yamlString(HOSTILE_DESCRIPTION)}`,
      'updated: 2007-08-20',
      'date: 2007-08-20',
      '---',
      '',
      body,
      '',
    ].join('\n'),
  );
}

describe('a page with a hostile body and front matter', () => {
  let fixture: ReturnType<typeof copyFixture>;
  let app: App;
  let page: string;
  let document: Document;

  before(async () => {
    fixture = copyFixture('small-site');
    hostileSite(fixture.dir);
    app = testApp({ CONTENT_DIR: fixture.dir });
    const response = await request(app.handle).get(PAGE).expect(200);
    page = response.text;
    document = html(page);
  });
  after(() => {
    app.close();
    fixture.cleanup();
  });

  it('renders every fixture in the body with nothing that can run', () => {
    const main = document.querySelector('main');
    assert.ok(main, 'the page has a <main>');
    assert.ok(main.querySelectorAll('h2').length >= 7, 'all the fixtures are on the page');
    assert.deepEqual(xssProblems(main), []);
  });

  it('has no script on the page but the JSON-LD block, and no event handler anywhere', () => {
    const scripts = [...document.querySelectorAll('script')];
    assert.deepEqual(
      scripts.map((script) => script.getAttribute('type')),
      ['application/ld+json'],
    );
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of [...element.attributes]) assert.ok(!attribute.name.toLowerCase().startsWith('on'), `${attribute.name} on <${element.tagName}>`);
    }
    assert.doesNotMatch(page, /<script>alert|<svg|<img src=x/i);
  });

  it('escapes the title in <title>, the heading and the meta tags, keeping its text exactly', () => {
    assert.ok(document.title.startsWith(HOSTILE_TITLE) || document.title.startsWith(HOSTILE_LINK_TITLE), document.title);
    assert.equal(document.querySelector('h1')?.textContent, HOSTILE_TITLE);
    assert.equal(document.querySelector('meta[property="og:title"]')?.getAttribute('content'), HOSTILE_TITLE);
    assert.equal(document.querySelector('meta[name="twitter:title"]')?.getAttribute('content'), HOSTILE_TITLE);
    assert.equal(document.querySelector('meta[name="description"]')?.getAttribute('content'), HOSTILE_DESCRIPTION);
    assert.equal(document.querySelector('meta[property="og:description"]')?.getAttribute('content'), HOSTILE_DESCRIPTION);
  });

  it('keeps the title inside the JSON-LD script, as data', () => {
    const block = document.querySelector('script[type="application/ld+json"]')?.textContent ?? '';
    assert.doesNotMatch(block, /<\/script|<script/i);
    const data = JSON.parse(block) as { '@graph': { '@type': string; name?: string; description?: string; itemListElement?: { name: string }[] }[] };
    const webPage = data['@graph'].find((node) => node['@type'] === 'WebPage');
    assert.equal(webPage?.name, HOSTILE_TITLE);
    assert.equal(webPage?.description, HOSTILE_DESCRIPTION);
    const crumbs = data['@graph'].find((node) => node['@type'] === 'BreadcrumbList')?.itemListElement ?? [];
    assert.ok(
      crumbs.some((crumb) => crumb.name === HOSTILE_LINK_TITLE || crumb.name === HOSTILE_TITLE),
      'the breadcrumb names the page',
    );
  });

  it('escapes the titles in the breadcrumbs and in the section listing', async () => {
    const crumb = document.querySelector('nav[aria-labelledby="breadcrumbs-name"] [aria-current="page"]');
    assert.ok([HOSTILE_TITLE, HOSTILE_LINK_TITLE].includes(crumb?.textContent ?? ''), crumb?.textContent ?? 'no breadcrumb');
    const listing = html((await request(app.handle).get('/news').expect(200)).text);
    assert.deepEqual(xssProblems(listing.querySelector('main')!), []);
    assert.ok(
      [...listing.querySelectorAll('main a')].some((a) => a.textContent === HOSTILE_TITLE || a.textContent === HOSTILE_LINK_TITLE),
      'the listing names the page',
    );
  });

  it('escapes the title and body in the Atom feed', async () => {
    const feed = (await request(app.handle).get('/news.atom').expect(200)).text;
    assert.doesNotMatch(feed, /<script|<svg|<img/i, 'no markup outside escaped text');
    assert.ok(
      feed.includes(
        `<title>${HOSTILE_TITLE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')}</title>`,
      ),
    );
  });
});

describe('text from the request is never reflected as markup', () => {
  const app = testApp();
  for (const url of [
    '/no-such-page?q=<script>alert(1)</script>',
    '/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    '/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    '/search?q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
    '/mdg?"><script>alert(1)</script>',
  ]) {
    it(`answers ${url} without its markup in the page`, async () => {
      const response = await request(app.handle).get(url).redirects(0);
      assert.ok(response.status < 500, String(response.status));
      // Escaped, the payload is harmless text ("&lt;script&gt;"); only raw markup or a parsed handler would run.
      assert.doesNotMatch(response.text ?? '', /<script>alert|<img src=x/i);
      const document = html(response.text ?? '');
      assert.deepEqual(
        [...document.querySelectorAll('script')].filter((script) => script.getAttribute('type') !== 'application/ld+json').map((script) => script.outerHTML),
        [],
      );
      // Every one of these answers is a page in the site's layout, so an empty check below means a clean <main>.
      const main = document.querySelector('main');
      assert.ok(main, `${url} answers a page with a <main>`);
      // The site's own search form is on these pages; everything else in <main> follows the same rules as Markdown.
      assert.deepEqual(xssProblems(main, { allowElements: ['form'] }), []);
    });
  }
});
