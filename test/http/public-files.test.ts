// Images and documents in public/: served in production without a restart, sized, and resized into variants.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import sharp from 'sharp';
import request from 'supertest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/lib/logger.js';
import { watchContent, type ContentWatcher } from '../../src/watch-content.js';
import { copyFixture, html, ROOT } from '../helpers/test-app.js';

/** A photo of one colour, as wide as the one that made a phone page 2416 px wide. */
function photo(background: string, width = 2400, height = 1600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A production server on private copies of the small site and of public/, with one page that shows a photo. */
class Site {
  readonly content = copyFixture('small-site');
  readonly publicDir = mkdtempSync(path.join(tmpdir(), 'un-kg-public-'));
  readonly dataDir = mkdtempSync(path.join(tmpdir(), 'un-kg-data-'));

  constructor() {
    cpSync(path.join(ROOT, 'public'), this.publicDir, { recursive: true });
    mkdirSync(path.join(this.publicDir, 'images'), { recursive: true });
    mkdirSync(path.join(this.publicDir, 'docs'), { recursive: true });
    const page = '---\ntitle: Osh office\ndescription: The UN office in Osh, with a photo of its front door.\nupdated: 2026-11-27\n---\n';
    writeFileSync(path.join(this.content.dir, 'osh.md'), `${page}\n![The office in Osh](/images/osh.png)\n`);
  }

  config(dataDir = ':memory:'): Config {
    const env = { NODE_ENV: 'production', CONTENT_DIR: this.content.dir, PUBLIC_DIR: this.publicDir, DATA_DIR: dataDir };
    return loadConfig({ ...env, STATS: 'off', SITE_URL: 'https://un.example.org' });
  }

  app(config = this.config()): App {
    return createApp(config, { logger: createLogger({ out: () => {}, err: () => {} }) });
  }

  write(file: string, bytes: Buffer): void {
    writeFileSync(path.join(this.publicDir, file), bytes);
  }

  cleanup(): void {
    this.content.cleanup();
    rmSync(this.publicDir, { recursive: true, force: true });
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * The watcher of a running server, and a promise for its next applied change: tests wait for the event, not for a
 * time. The watcher does not keep the process alive, so a timer does, and fails the test if the event never comes.
 */
function watch(config: Config, app: App): { watcher: ContentWatcher; nextChange: () => Promise<void> } {
  const waiting: (() => void)[] = [];
  const watcher = watchContent(config, app, () => waiting.splice(0).forEach((resolve) => resolve()));
  const nextChange = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const missed = setTimeout(() => reject(new Error('the watcher reported no change within 30 s')), 30_000);
      waiting.push(() => {
        clearTimeout(missed);
        resolve();
      });
    });
  return { watcher, nextChange };
}

async function imageOn(app: App, url: string): Promise<HTMLImageElement> {
  const page = html((await request(app.handle).get(url).expect(200)).text);
  const image = page.querySelector<HTMLImageElement>('.prose img');
  assert.ok(image, `no image in ${url}`);
  return image;
}

describe('public/ in production', () => {
  let site: Site;
  beforeEach(() => {
    site = new Site();
  });
  afterEach(() => site.cleanup());

  it('serves a PDF added while the server runs, without a restart', async () => {
    const config = site.config();
    const app = site.app(config);
    await request(app.handle).get('/docs/annual-report-2006.pdf').expect(404);
    const { watcher, nextChange } = watch(config, app);
    try {
      const changed = nextChange();
      site.write('docs/annual-report-2006.pdf', PDF);
      await changed;
      const response = await request(app.handle).get('/docs/annual-report-2006.pdf').expect(200).expect('Content-Type', 'application/pdf');
      assert.deepEqual(response.body, PDF);
    } finally {
      watcher.close();
    }
  });

  it('serves the new bytes of a replaced image, at its address and in the page that shows it', async () => {
    site.write('images/osh.png', await photo('#1f6f8b', 800, 600));
    const config = site.config();
    const app = site.app(config);
    const before = (await imageOn(app, '/osh')).getAttribute('src')!;
    const replacement = await photo('#c0392b', 800, 600);
    const { watcher, nextChange } = watch(config, app);
    try {
      const changed = nextChange();
      site.write('images/osh.png', replacement);
      await changed;
      const plain = await request(app.handle).get('/images/osh.png').expect(200);
      assert.deepEqual(plain.body, replacement);
      const after = (await imageOn(app, '/osh')).getAttribute('src')!;
      assert.notEqual(after, before, 'the page points at the new fingerprinted file');
      assert.deepEqual((await request(app.handle).get(after).expect(200)).body, replacement);
    } finally {
      watcher.close();
      await app.publisher.settled();
    }
  });

  it('points every page at a changed stylesheet', async () => {
    const config = site.config();
    const app = site.app(config);
    const stylesheet = async (url: string): Promise<string> =>
      html((await request(app.handle).get(url).expect(200)).text)
        .querySelector('link[rel="stylesheet"]')!
        .getAttribute('href')!;
    const before = await stylesheet('/about');
    const { watcher, nextChange } = watch(config, app);
    try {
      const changed = nextChange();
      writeFileSync(path.join(site.publicDir, 'css', 'site.css'), 'body { color: #1f6f8b; }\n');
      await changed;
      for (const url of ['/', '/about', '/section/child']) assert.notEqual(await stylesheet(url), before, url);
    } finally {
      watcher.close();
    }
  });

  it('serves a file whose name has spaces at its percent-encoded address', async () => {
    site.write('docs/Annual Report 2006.pdf', PDF);
    const app = site.app();
    await request(app.handle).get('/docs/Annual%20Report%202006.pdf').expect(200).expect('Content-Type', 'application/pdf');
  });
});

describe('photos in pages', () => {
  let site: Site;
  beforeEach(() => {
    site = new Site();
  });
  afterEach(() => site.cleanup());

  it('gives a photo its size and AVIF and WebP variants no wider than needed, served fingerprinted for a year', async () => {
    site.write('images/osh.png', await photo('#1f6f8b'));
    const app = site.app();
    await app.publisher.settled();
    const image = await imageOn(app, '/osh');
    assert.equal(image.getAttribute('width'), '2400');
    assert.equal(image.getAttribute('height'), '1600');
    assert.equal(image.getAttribute('alt'), 'The office in Osh');
    const sources = [...image.parentElement!.querySelectorAll('source')];
    assert.deepEqual(
      sources.map((source) => source.getAttribute('type')),
      ['image/avif', 'image/webp'],
    );
    for (const source of sources) {
      const candidates = source.getAttribute('srcset')!.split(', ');
      assert.deepEqual(
        candidates.map((candidate) => candidate.split(' ')[1]),
        ['320w', '640w', '960w', '1280w'],
      );
      const [url] = candidates[1]!.split(' ');
      const variant = await request(app.handle).get(url!).expect(200).expect('Content-Type', source.getAttribute('type')!);
      assert.equal(variant.headers['cache-control'], 'max-age=31536000, immutable');
      assert.equal((await sharp(variant.body as Buffer).metadata()).width, 640);
    }
  });

  it('shows a photo added while the server runs with its variants once they are made', async () => {
    const config = site.config();
    const app = site.app(config);
    const { watcher, nextChange } = watch(config, app);
    try {
      const changed = nextChange();
      site.write('images/osh.png', await photo('#1f6f8b', 500, 400));
      await changed;
      await app.publisher.settled();
      const image = await imageOn(app, '/osh');
      assert.equal(image.getAttribute('width'), '500');
      const webp = image.parentElement!.querySelector('source[type="image/webp"]')!.getAttribute('srcset')!;
      assert.match(webp, /^\S+\.320\.[0-9a-f]+\.webp 320w, \S+\.500\.[0-9a-f]+\.webp 500w$/);
    } finally {
      watcher.close();
    }
  });

  it('keeps the variants under DATA_DIR, so a restarted server has them at once', async () => {
    site.write('images/osh.png', await photo('#1f6f8b', 700, 500));
    const first = site.app(site.config(site.dataDir));
    await first.publisher.settled();
    const restarted = site.app(site.config(site.dataDir));
    const image = await imageOn(restarted, '/osh');
    assert.equal(image.getAttribute('width'), '700');
    assert.equal(image.parentElement!.querySelectorAll('source').length, 2);
  });

  it('serves a file that is not a photo as it is, pointing the page at its fingerprinted address', async () => {
    site.write('images/osh.png', Buffer.from('not a PNG at all'));
    const app = site.app();
    await app.publisher.settled();
    const image = await imageOn(app, '/osh');
    assert.match(image.getAttribute('src')!, /^\/assets\/images\/osh\.[0-9a-f]+\.png$/);
    assert.equal(image.getAttribute('width'), null);
    assert.equal(image.parentElement!.tagName, 'P');
  });
});
