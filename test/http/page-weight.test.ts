// HTTP tests: every page stays under its weight budget and loads nothing from another host, no script and no web font.
import assert from 'node:assert/strict';
import { brotliDecompressSync } from 'node:zlib';
import { before, describe, it } from 'node:test';
import type { App } from '../../src/app.js';
import { rawRequest, type RawResponse } from '../helpers/raw-request.js';
import { sitePaths, type SitePath } from '../helpers/site-pages.js';
import { html, testApp } from '../helpers/test-app.js';

/** HTML and CSS of one page together, as sent brotli-compressed. 30 KB read strictly as 30,000 bytes. */
const BUDGET_BYTES = 30_000;
const LOCAL = 'http://page-weight.invalid';
/** Where a browser would fetch something on its own: the attributes that load resources, not links a visitor follows. */
const FETCHED = [
  'link[href]',
  'script[src]',
  'img[src]',
  'img[srcset]',
  'source[src]',
  'source[srcset]',
  'iframe[src]',
  'embed[src]',
  'object[data]',
  'video[src]',
  'video[poster]',
  'audio[src]',
  'input[src]',
  'track[src]',
];
// Metadata naming the page's public address: never fetched, so the host is SITE_URL's, not ours.
// Browsers fetch neither the canonical address nor alternates (the other language's version, the feed) by themselves.
const NOT_FETCHED_RELS = new Set(['canonical', 'alternate']);

interface Weighed {
  readonly path: string;
  readonly document: Document;
  /** Bytes on the wire for the HTML and for each stylesheet it links. */
  readonly bytes: { url: string; compressed: number }[];
  readonly css: string[];
}

/** A response as sent to a browser that accepts brotli; the bytes counted are the bytes on the wire. */
async function brotli(app: App, url: string): Promise<RawResponse & { text: string }> {
  const response = await rawRequest(app, url, { headers: { 'Accept-Encoding': 'br' } });
  // Pages, assets and the 404 and 410 pages are all prepared and compressed once, so each must come compressed.
  assert.equal(response.headers['content-encoding'], 'br', `${url} (${response.status}) is not sent brotli-compressed`);
  return { ...response, text: brotliDecompressSync(response.body).toString('utf8') };
}

describe('page weight and third parties', () => {
  const app = testApp();
  let paths: SitePath[];
  let weighed: Weighed[];

  before(async () => {
    paths = sitePaths(app);
    weighed = [];
    for (const { path, status } of paths) {
      const page = await brotli(app, path);
      assert.equal(page.status, status, path);
      const document = html(page.text);
      const bytes = [{ url: path, compressed: page.body.length }];
      const css: string[] = [];
      for (const link of document.querySelectorAll('link[rel~="stylesheet"][href]')) {
        const url = new URL(link.getAttribute('href')!, LOCAL + path);
        if (url.origin !== LOCAL) continue; // reported by the third-party test below
        const sheet = await brotli(app, url.pathname);
        assert.equal(sheet.status, 200, `${path} links ${url.pathname}, which answers ${sheet.status}`);
        bytes.push({ url: url.pathname, compressed: sheet.body.length });
        css.push(sheet.text);
      }
      weighed.push({ path, document, bytes, css });
    }
  });

  it(`keeps every page's HTML and stylesheets under ${BUDGET_BYTES / 1000} KB brotli-compressed`, (t) => {
    assert.ok(weighed.length >= 30, `only ${weighed.length} pages`);
    const totals = weighed.map(({ path, bytes }) => ({ path, bytes, total: bytes.reduce((sum, { compressed }) => sum + compressed, 0) }));
    const heaviest = totals.reduce((a, b) => (b.total > a.total ? b : a));
    t.diagnostic(
      `heaviest page: ${heaviest.path}, ${heaviest.total} bytes (${heaviest.bytes.map(({ url, compressed }) => `${url} ${compressed}`).join(', ')})`,
    );
    const over = totals
      .filter(({ total }) => total >= BUDGET_BYTES)
      .map(({ path, bytes, total }) => `${path}: ${total} bytes (${bytes.map(({ url, compressed }) => `${url} ${compressed}`).join(', ')})`);
    assert.deepEqual(over, []);
    // Every page links at least the site stylesheet, so the CSS is really counted.
    for (const { path, bytes } of weighed) assert.ok(bytes.length >= 2, `${path} links no stylesheet`);
  });

  it('makes the browser fetch nothing from another host', () => {
    const foreign: string[] = [];
    for (const { path, document, css } of weighed) {
      for (const element of document.querySelectorAll(FETCHED.join(', '))) {
        if (element.tagName === 'LINK' && (element.getAttribute('rel') ?? '').split(/\s+/).every((rel) => NOT_FETCHED_RELS.has(rel))) continue;
        for (const attribute of ['href', 'src', 'srcset', 'data', 'poster']) {
          const value = element.getAttribute(attribute);
          if (value === null) continue;
          for (const candidate of attribute === 'srcset' ? value.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '') : [value]) {
            if (new URL(candidate, LOCAL + path).origin !== LOCAL) foreign.push(`${path}: <${element.tagName.toLowerCase()} ${attribute}="${candidate}">`);
          }
        }
      }
      for (const sheet of css) {
        for (const [, url] of sheet.matchAll(/url\(\s*['"]?([^'")]+)/g)) {
          if (url && !url.startsWith('data:') && new URL(url, LOCAL + path).origin !== LOCAL) foreign.push(`${path}: CSS url(${url})`);
        }
        for (const [rule] of sheet.matchAll(/@import[^;]+;/g)) foreign.push(`${path}: CSS ${rule}`);
      }
    }
    assert.deepEqual(foreign, []);
  });

  it('runs no JavaScript: the only scripts are JSON-LD data, and no element has an inline event handler', () => {
    const scripts: string[] = [];
    for (const { path, document } of weighed) {
      for (const script of document.querySelectorAll('script')) {
        if (script.getAttribute('type') !== 'application/ld+json' || script.hasAttribute('src')) scripts.push(`${path}: ${script.outerHTML.slice(0, 80)}`);
      }
      for (const element of document.querySelectorAll('*')) {
        for (const name of element.getAttributeNames()) if (name.startsWith('on')) scripts.push(`${path}: <${element.tagName.toLowerCase()} ${name}>`);
      }
      for (const link of document.querySelectorAll('a[href^="javascript:" i]')) scripts.push(`${path}: ${link.outerHTML}`);
    }
    assert.deepEqual(scripts, []);
  });

  it('loads no web font: no @font-face, no font file, no font preload; text uses the system font stack', () => {
    const fonts: string[] = [];
    for (const { path, document, css } of weighed) {
      for (const sheet of css) {
        if (/@font-face/i.test(sheet)) fonts.push(`${path}: a stylesheet declares @font-face`);
        for (const [url] of sheet.matchAll(/url\([^)]*\.(woff2?|ttf|otf|eot)\b[^)]*\)/gi)) fonts.push(`${path}: CSS loads ${url}`);
      }
      for (const link of document.querySelectorAll('link[href]')) {
        const href = link.getAttribute('href') ?? '';
        if (link.getAttribute('as') === 'font' || /\.(woff2?|ttf|otf|eot)(\?|$)/i.test(href) || /fonts\.(googleapis|gstatic)\.com/.test(href))
          fonts.push(`${path}: <link href="${href}">`);
      }
    }
    assert.deepEqual(fonts, []);
    const siteCss = weighed[0]!.css.join('\n');
    assert.match(siteCss, /font:[^;]*system-ui/, 'the body font is not the system font stack');
  });
});
