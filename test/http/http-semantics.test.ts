// HTTP tests: conditional requests, HEAD, Cache-Control, compression, 410, 405, the sitemap, robots.txt and the Atom feed.
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import request from 'supertest';
import { SECURITY_HEADERS } from '../../src/http/security-headers.js';
import { headerNames, rawRequest } from '../helpers/raw-request.js';
import { html, testApp } from '../helpers/test-app.js';

const SITE_URL = 'https://un.example.org';
const app = testApp({ SITE_URL });
const PAGE = '/un-in-kyrgyzstan/agencies/unodc';

describe('conditional requests', () => {
  it('sends a strong ETag and Last-Modified on pages', async () => {
    const response = await request(app.handle).get(PAGE).expect(200);
    assert.match(response.headers['etag'] ?? '', /^"[A-Za-z0-9_-]+"$/);
    assert.equal(response.headers['last-modified'], new Date('2026-11-26T00:00:00Z').toUTCString());
  });

  it('answers If-None-Match with a 304 carrying exactly the headers RFC 9110 §15.4.5 keeps', async () => {
    const first = await rawRequest(app, PAGE);
    const etag = String(first.headers['etag']);
    const response = await rawRequest(app, PAGE, { headers: { 'If-None-Match': etag } });
    assert.equal(response.status, 304);
    assert.equal(response.body.length, 0);
    const security = SECURITY_HEADERS.map(([name]) => name.toLowerCase());
    const names = headerNames(response).filter((name) => !security.includes(name) && name !== 'connection' && name !== 'keep-alive');
    // "Content-Location, Date, ETag, and Vary; Cache-Control and Expires" — and no representation metadata.
    assert.deepEqual(names.sort(), ['cache-control', 'date', 'etag', 'vary']);
    assert.equal(response.headers['etag'], etag);
    for (const name of security) assert.ok(response.headers[name], `a 304 keeps ${name}`);
  });

  it('keeps Vary on a 304 of a compressed variant, and matches weak validators', async () => {
    const first = await rawRequest(app, PAGE, { headers: { 'Accept-Encoding': 'br' } });
    const response = await rawRequest(app, PAGE, { headers: { 'Accept-Encoding': 'br', 'If-None-Match': `"nope", W/${String(first.headers['etag'])}` } });
    assert.equal(response.status, 304);
    assert.equal(response.headers['vary'], 'Accept-Encoding');
    assert.equal(response.headers['content-encoding'], undefined);
  });

  it('answers If-Modified-Since with 304 when the page has not changed since, and 200 when it has', async () => {
    await request(app.handle).get(PAGE).set('If-Modified-Since', new Date('2026-11-27T00:00:00Z').toUTCString()).expect(304);
    await request(app.handle).get(PAGE).set('If-Modified-Since', new Date('2026-11-25T00:00:00Z').toUTCString()).expect(200);
    await request(app.handle).get(PAGE).set('If-Modified-Since', 'not a date').expect(200);
  });

  it('lets If-None-Match win over If-Modified-Since', async () => {
    await request(app.handle)
      .get(PAGE)
      .set('If-None-Match', '"something-else"')
      .set('If-Modified-Since', new Date('2030-01-01T00:00:00Z').toUTCString())
      .expect(200);
  });
});

describe('HEAD', () => {
  for (const url of [PAGE, '/', '/sitemap.xml', '/robots.txt', '/news.atom', '/favicon.svg', '/healthz', '/no-such-page', '/un-day-2004']) {
    it(`answers HEAD ${url} with the GET headers and no body`, async () => {
      const get = await rawRequest(app, url);
      const head = await rawRequest(app, url, { method: 'HEAD' });
      assert.equal(head.status, get.status);
      assert.equal(head.body.length, 0);
      assert.equal(head.headers['content-type'], get.headers['content-type']);
      // The same validator, or none on both: a HEAD must not differ from its GET.
      assert.equal(head.headers['etag'], get.headers['etag']);
    });
  }
});

describe('Cache-Control', () => {
  it('keeps pages short-lived with stale-while-revalidate', async () => {
    const response = await request(app.handle).get(PAGE).expect(200);
    assert.match(response.headers['cache-control'] ?? '', /^max-age=300, stale-while-revalidate=\d+/);
  });

  it('caches fingerprinted assets for a year, immutable', async () => {
    const document = html((await request(app.handle).get('/').expect(200)).text);
    const css = document.querySelector('link[rel="stylesheet"]')?.getAttribute('href') ?? '';
    assert.match(css, /^\/assets\/css\/site\.[0-9a-f]{10}\.css$/);
    const response = await request(app.handle)
      .get(css)
      .expect(200)
      .expect('Content-Type', /text\/css/);
    assert.equal(response.headers['cache-control'], 'max-age=31536000, immutable');
  });
});

describe('Cache-Control in development (npm run dev)', () => {
  it('makes the browser ask again for pages, generated files, errors, redirects and search, so every save shows', async () => {
    const dev = testApp({ SITE_URL, NODE_ENV: 'development' });
    try {
      const redirect = await request(dev.handle).get('/english/agency.phtml?unodc').expect(301);
      assert.equal(redirect.headers['cache-control'], 'no-cache');
      for (const [url, status] of [
        [PAGE, 200],
        ['/sitemap.xml', 200],
        ['/news.atom', 200],
        ['/search?q=unodc', 200],
        ['/no-such-page', 404],
      ] as const) {
        const response = await request(dev.handle).get(url).accept('html').expect(status);
        assert.equal(response.headers['cache-control'], 'no-cache', url);
      }
    } finally {
      dev.close();
    }
  });

  it('still caches fingerprinted assets for a year: a changed file gets a new address', async () => {
    const dev = testApp({ SITE_URL, NODE_ENV: 'development' });
    try {
      const css = html((await request(dev.handle).get('/').expect(200)).text)
        .querySelector('link[rel="stylesheet"]')!
        .getAttribute('href')!;
      assert.equal((await request(dev.handle).get(css).expect(200)).headers['cache-control'], 'max-age=31536000, immutable');
    } finally {
      dev.close();
    }
  });
});

describe('compression', () => {
  it('sends brotli when accepted, with Vary: Accept-Encoding', async () => {
    const plain = await rawRequest(app, PAGE);
    const response = await rawRequest(app, PAGE, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    assert.equal(response.headers['content-encoding'], 'br');
    assert.equal(response.headers['vary'], 'Accept-Encoding');
    assert.deepEqual(brotliDecompressSync(response.body), plain.body);
    assert.notEqual(response.headers['etag'], plain.headers['etag']);
  });

  it('sends gzip to a client that takes only gzip, and nothing compressed when br and gzip are refused', async () => {
    const gzip = await rawRequest(app, PAGE, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.ok(gunzipSync(gzip.body).toString().includes('<h1>'));
    const refused = await rawRequest(app, PAGE, { headers: { 'Accept-Encoding': 'br;q=0, gzip;q=0, identity' } });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.equal(refused.headers['vary'], 'Accept-Encoding');
  });
});

describe('removed pages', () => {
  it('answers 410 Gone with a page that says so', async () => {
    const response = await request(app.handle).get('/un-day-2004').expect(410);
    const document = html(response.text);
    assert.equal(document.querySelector('h1')?.textContent, 'Page removed');
    assert.match(response.text, /replaced by the page for UN Day 2006/);
  });
});

describe('methods', () => {
  for (const method of ['post', 'put', 'delete', 'patch'] as const) {
    it(`answers ${method.toUpperCase()} on a page with 405 and Allow`, async () => {
      const response = await request(app.handle)[method](PAGE).expect(405);
      assert.equal(response.headers['allow'], 'GET, HEAD');
    });
  }
});

describe('/sitemap.xml and /robots.txt', () => {
  it('is an index of the pages’ sitemap, prepared with the content, and the forum’s, which the app serves fresh', async () => {
    const response = await request(app.handle)
      .get('/sitemap.xml')
      .expect(200)
      .expect('Content-Type', /application\/xml/);
    assert.match(response.text, /<sitemapindex xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
    const listed = [...response.text.matchAll(/<sitemap>\s*<loc>([^<]+)<\/loc>\s*<\/sitemap>/g)].map((match) => match[1]);
    assert.deepEqual(listed, [`${SITE_URL}/sitemap-pages.xml`, `${SITE_URL}/forum/sitemap.xml`]);
  });

  it('lists every public page with an absolute URL and lastmod', async () => {
    const response = await request(app.handle)
      .get('/sitemap-pages.xml')
      .expect(200)
      .expect('Content-Type', /application\/xml/);
    const locations = [...response.text.matchAll(/<loc>([^<]+)<\/loc>\s*<lastmod>(\d{4}-\d{2}-\d{2})<\/lastmod>/g)];
    const editions = app.publisher.snapshot().editions;
    assert.equal(
      locations.length,
      editions.map((edition) => edition.site.pages.size).reduce((a, b) => a + b),
    );
    for (const [, loc] of locations) assert.ok(loc!.startsWith(`${SITE_URL}/`), loc);
  });

  it('points robots.txt to the sitemap', async () => {
    const response = await request(app.handle)
      .get('/robots.txt')
      .expect(200)
      .expect('Content-Type', /text\/plain/);
    assert.match(response.text, new RegExp(`^Sitemap: ${SITE_URL}/sitemap.xml$`, 'm'));
  });
});

describe('the News & events feed', () => {
  it('is valid Atom: ids, updated dates and absolute links on the feed and every entry', async () => {
    const response = await request(app.handle)
      .get('/news.atom')
      .expect(200)
      .expect('Content-Type', /application\/atom\+xml/);
    const { DOMParser } = await import('linkedom');
    const feed = new DOMParser().parseFromString(response.text, 'text/xml');
    const root = feed.documentElement as unknown as Element;
    assert.equal(root.tagName, 'feed');
    assert.equal(root.getAttribute('xmlns'), 'http://www.w3.org/2005/Atom');
    const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
    const child = (element: Element, name: string): Element[] => [...element.children].filter((node) => node.tagName === name);
    assert.equal(child(root, 'id').length, 1);
    assert.match(child(root, 'updated')[0]?.textContent ?? '', rfc3339);
    assert.ok(child(root, 'title')[0]?.textContent);
    assert.ok(child(root, 'author').length === 1, 'a feed-level author covers every entry');
    assert.equal(
      child(root, 'link')
        .find((link) => link.getAttribute('rel') === 'self')
        ?.getAttribute('href'),
      `${SITE_URL}/news.atom`,
    );
    const entries = child(root, 'entry');
    assert.equal(entries.length, 7);
    const ids = new Set<string>();
    for (const entry of entries) {
      const id = child(entry, 'id')[0]?.textContent ?? '';
      assert.ok(id.startsWith(`${SITE_URL}/news/`), id);
      ids.add(id);
      assert.match(child(entry, 'updated')[0]?.textContent ?? '', rfc3339);
      assert.ok(child(entry, 'title')[0]?.textContent);
      assert.ok(child(entry, 'link')[0]?.getAttribute('href')?.startsWith(`${SITE_URL}/news/`));
    }
    assert.equal(ids.size, entries.length);
    const dates = entries.map((entry) => child(entry, 'published')[0]?.textContent ?? '');
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
  });

  it("gives each entry its own updated time, and the feed its newest entry's", async () => {
    const { DOMParser } = await import('linkedom');
    const feed = new DOMParser().parseFromString((await request(app.handle).get('/news.atom').expect(200)).text, 'text/xml');
    const root = feed.documentElement as unknown as Element;
    const text = (element: Element, name: string): string => [...element.children].find((node) => node.tagName === name)?.textContent ?? '';
    const entries = [...root.children].filter((node) => node.tagName === 'entry');
    const updated = entries.map((entry) => text(entry, 'updated'));
    // The archive's items were all rewritten on one day; each still has its own time, that of its publication.
    assert.equal(new Set(updated).size, entries.length);
    assert.deepEqual(
      updated,
      entries.map((entry) => text(entry, 'published')),
    );
    assert.equal(text(root, 'updated'), updated[0]);
  });

  it('is linked from every page head', async () => {
    const document = html((await request(app.handle).get('/mdg').expect(200)).text);
    assert.equal(document.querySelector('link[rel="alternate"][type="application/atom+xml"]')?.getAttribute('href'), '/news.atom');
  });
});
