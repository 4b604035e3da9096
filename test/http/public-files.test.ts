// Images and documents in public/: served in production without a restart.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import request from 'supertest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/lib/logger.js';
import { watchContent, type ContentWatcher } from '../../src/watch-content.js';
import { copyFixture, ROOT } from '../helpers/test-app.js';

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

  it('serves the new bytes of a replaced image at its address', async () => {
    site.write('images/osh.png', Buffer.from('the first photo'));
    const config = site.config();
    const app = site.app(config);
    const replacement = Buffer.from('the second photo');
    const { watcher, nextChange } = watch(config, app);
    try {
      const changed = nextChange();
      site.write('images/osh.png', replacement);
      await changed;
      assert.deepEqual((await request(app.handle).get('/images/osh.png').expect(200)).body, replacement);
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
