// HTTP tests: the static export serves the bytes the app sends, and nginx with deploy/nginx.conf serves it in front of the app.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync } from 'node:zlib';
import { exportSite } from '../../src/export/export-site.js';
import { listen, type Listening } from '../../scripts/lib/listen.js';
import { nginxAvailable, startNginx, type RunningNginx } from '../../scripts/lib/nginx.js';
import { rawRequest } from '../helpers/raw-request.js';
import { serveApp, testApp } from '../helpers/test-app.js';

const app = testApp();

/** The simplest static host: try the path, then the path plus .html, as deploy/nginx.conf does. */
function serveStatic(dist: string): Promise<Listening> {
  return listen((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const candidates = urlPath === '/' ? ['index.html'] : [urlPath.slice(1), `${urlPath.slice(1)}.html`];
    for (const candidate of candidates) {
      const file = path.join(dist, candidate);
      if (file.startsWith(dist) && existsSync(file) && statSync(file).isFile()) {
        res.writeHead(200);
        res.end(readFileSync(file));
        return;
      }
    }
    res.writeHead(404);
    res.end();
  });
}

describe('the static export', () => {
  let dist: string;
  let server: Listening;
  before(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'un-kg-export-'));
    await exportSite(app, dist);
    server = await serveStatic(dist);
  });
  after(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves every page of both editions, the sitemap, robots.txt and both feeds with exactly the bytes the live server sends', async () => {
    const urls = [...app.publisher.snapshot().allResponses().keys()];
    assert.ok(urls.length > 60);
    for (const url of ['/', '/ru', '/ru/un-in-kyrgyzstan/agencies/unodc', '/news.atom', '/ru/news.atom', '/sitemap.xml', '/sitemap-pages.xml'])
      assert.ok(urls.includes(url), url);
    for (const url of urls) {
      const live = await rawRequest(app, url);
      const exported = await fetch(server.origin + url);
      assert.equal(exported.status, 200, url);
      assert.ok(Buffer.from(await exported.arrayBuffer()).equals(live.body), `${url} differs from the live page`);
    }
  });

  it('writes every asset under its fingerprinted and plain names', () => {
    for (const url of app.publisher.snapshot().assets.responses.keys()) assert.ok(existsSync(path.join(dist, decodeURIComponent(url.slice(1)))), url);
  });

  it('writes brotli and gzip siblings that decompress to the page', () => {
    const html = readFileSync(path.join(dist, 'un-in-kyrgyzstan/agencies/unodc.html'));
    assert.ok(brotliDecompressSync(readFileSync(path.join(dist, 'un-in-kyrgyzstan/agencies/unodc.html.br'))).equals(html));
    assert.ok(existsSync(path.join(dist, 'un-in-kyrgyzstan/agencies/unodc.html.gz')));
  });

  it('writes the redirects as a map nginx can use', () => {
    const map = readFileSync(path.join(dist, '_nginx/redirects.map'), 'utf8');
    assert.match(map, /^"\/english\/agency\.phtml\?unodc" "\/un-in-kyrgyzstan\/agencies\/unodc";$/m);
    assert.match(map, /^"\/english\/news\.phtml" "\/news";$/m);
    assert.match(map, /^"\/russian\/agency\.phtml\?unodc" "\/ru\/un-in-kyrgyzstan\/agencies\/unodc";$/m);
  });

  it("writes each edition's 404 page in its language", () => {
    assert.match(readFileSync(path.join(dist, '404.html'), 'utf8'), /<html lang="en">[\s\S]*Page not found/);
    assert.match(readFileSync(path.join(dist, 'ru/404.html'), 'utf8'), /<html lang="ru">[\s\S]*Страница не найдена/);
  });
});

describe(
  'nginx serving the export in front of the app (deploy/nginx.conf)',
  {
    skip:
      nginxAvailable() || process.env['REQUIRE_NGINX'] === '1'
        ? undefined
        : 'nginx is not installed (apt-get install -y nginx libnginx-mod-http-brotli-static)',
  },
  () => {
    let dist: string;
    let nginx: RunningNginx;
    let served: Listening;
    before(async () => {
      dist = mkdtempSync(path.join(tmpdir(), 'un-kg-export-'));
      await exportSite(app, dist);
      served = await serveApp(app);
      nginx = await startNginx({ dist, app: served.origin.replace('http://', ''), workers: 1 });
    });
    after(async () => {
      await nginx?.stop();
      await served?.close();
      rmSync(dist, { recursive: true, force: true });
    });

    it('serves a page as the app would, with the same security headers and a brotli body', async () => {
      const live = await fetch(`${served.origin}/un-in-kyrgyzstan/agencies/unodc`);
      const response = await fetch(`${nginx.origin}/un-in-kyrgyzstan/agencies/unodc`, { headers: { 'Accept-Encoding': 'br' } });
      assert.equal(response.status, 200);
      assert.equal(await response.text(), await live.text());
      for (const name of ['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'cross-origin-opener-policy']) {
        assert.equal(response.headers.get(name), live.headers.get(name), name);
      }
      assert.match(response.headers.get('cache-control') ?? '', /stale-while-revalidate/);
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    });

    it('serves the Russian edition under /ru exactly as the app does', async () => {
      for (const url of ['/ru', '/ru/un-in-kyrgyzstan/agencies/unodc', '/ru/news.atom']) {
        const [fromNginx, fromApp] = [await fetch(nginx.origin + url), await fetch(served.origin + url)];
        assert.equal(fromNginx.status, 200, url);
        assert.equal(await fromNginx.text(), await fromApp.text(), url);
        assert.equal(fromNginx.headers.get('content-type'), fromApp.headers.get('content-type'), url);
      }
    });

    it('redirects old addresses itself, and answers removed pages with 410', async () => {
      const redirect = await fetch(`${nginx.origin}/english/agency.phtml?unodc`, { redirect: 'manual' });
      assert.equal(redirect.status, 301);
      assert.match(redirect.headers.get('location') ?? '', /\/un-in-kyrgyzstan\/agencies\/unodc$/);
      const russian = await fetch(`${nginx.origin}/russian/agency.phtml?unodc`, { redirect: 'manual' });
      assert.equal(russian.status, 301);
      assert.match(russian.headers.get('location') ?? '', /\/ru\/un-in-kyrgyzstan\/agencies\/unodc$/);
      const gone = await fetch(`${nginx.origin}/un-day-2004`);
      assert.equal(gone.status, 410);
      assert.match(await gone.text(), /Page removed/);
    });

    it('passes /search, /stats and unknown addresses to the app, without doubling its headers', async () => {
      for (const url of ['/search?q=osh', '/stats', '/healthz', '/ru/search?q=%D0%BE%D1%88', '/ru/stats']) {
        const response = await fetch(nginx.origin + url);
        const live = await fetch(served.origin + url);
        assert.equal(response.status, live.status, url);
        assert.equal(response.headers.get('content-security-policy'), live.headers.get('content-security-policy'), url);
      }
      const notFound = await fetch(`${nginx.origin}/no-such-page`);
      assert.equal(notFound.status, 404);
      assert.match(await notFound.text(), /Page not found/);
      const russian = await fetch(`${nginx.origin}/ru/no-such-page`);
      assert.equal(russian.status, 404);
      assert.match(await russian.text(), /<html lang="ru">[\s\S]*Страница не найдена/);
      const misspelt = await fetch(`${nginx.origin}/Country-Info`, { redirect: 'manual' });
      assert.equal(misspelt.status, 301);
    });

    it('passes /forum and everything under it to the app: pages, forms sent by POST, and their cookies', async () => {
      assert.equal(existsSync(path.join(dist, 'forum.html')), false, 'the forum is not a page of the export');
      for (const url of ['/forum', '/forum/privacy', '/forum/no-such-page']) {
        const [fromNginx, fromApp] = [await fetch(nginx.origin + url), await fetch(served.origin + url)];
        assert.equal(fromNginx.status, fromApp.status, url);
        assert.equal(fromNginx.headers.get('content-security-policy'), fromApp.headers.get('content-security-policy'), url);
      }
      const form = await fetch(`${nginx.origin}/forum/register`);
      const cookie = form.headers.getSetCookie()[0]?.split(';')[0] ?? '';
      assert.match(cookie, /^__Host-presession=/);
      const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
      const body = new URLSearchParams({
        csrf,
        username: 'ThroughNginx',
        password: 'correct horse battery staple',
        'password-confirm': 'correct horse battery staple',
      });
      const created = await fetch(`${nginx.origin}/forum/register`, {
        method: 'POST',
        body,
        redirect: 'manual',
        headers: { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(created.status, 303);
      assert.ok(created.headers.getSetCookie().some((line) => line.startsWith('__Host-session=')));
      const forged = await fetch(`${nginx.origin}/forum/register`, { method: 'POST', body, headers: { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' } });
      assert.equal(forged.status, 403);
    });

    it("keeps the app's own Referrer-Policy on a reset link's page, no-referrer, with each security header once", async () => {
      const response = await fetch(`${nginx.origin}/forum/reset?token=${'x'.repeat(43)}`);
      assert.equal(response.status, 410);
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(response.headers.get('content-security-policy'), (await fetch(`${served.origin}/forum`)).headers.get('content-security-policy'));
      assert.equal(response.headers.get('x-robots-tag'), 'noindex');
    });

    it('caches fingerprinted assets for a year and hides its own bookkeeping', async () => {
      const asset = [...app.publisher.snapshot().assets.responses.keys()].find((url) => url.startsWith('/assets/css/site.'))!;
      const response = await fetch(nginx.origin + asset);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'max-age=31536000, immutable');
      assert.equal((await fetch(`${nginx.origin}/_nginx/redirects.map`)).status, 404);
    });

    it('sends the files of public/ with the content types the app sends them with', async () => {
      for (const url of ['/favicon.svg', '/css/print.css']) {
        const [fromNginx, fromApp] = [await fetch(nginx.origin + url), await rawRequest(app, url)];
        assert.equal(fromNginx.headers.get('content-type')?.split(';')[0], fromApp.headers['content-type']?.split(';')[0], url);
      }
    });
  },
);
