// A large photo on a phone, in Chromium: it fits the column, reserves its space, and a small modern variant is loaded.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { Listening } from '../../scripts/lib/listen.js';
import { browserUnavailable, launchBrowser, type BrowserSession } from '../helpers/browser.js';
import { copyFixture, ROOT, serveApp, testApp } from '../helpers/test-app.js';

const skip = browserUnavailable();

describe('a 2400 px photo on a 375 px phone, in Chromium', { skip }, () => {
  const content = copyFixture('small-site');
  const publicDir = mkdtempSync(path.join(tmpdir(), 'un-kg-public-'));
  let session: BrowserSession;
  let served: Listening;

  before(async () => {
    cpSync(path.join(ROOT, 'public'), publicDir, { recursive: true });
    mkdirSync(path.join(publicDir, 'images'), { recursive: true });
    const photo = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#1f6f8b' } })
      .jpeg()
      .toBuffer();
    writeFileSync(path.join(publicDir, 'images', 'osh.jpg'), photo);
    const page = '---\ntitle: Osh office\ndescription: The UN office in Osh, with a photo of its front door.\nupdated: 2026-11-27\n---\n';
    writeFileSync(path.join(content.dir, 'osh.md'), `${page}\n![The office in Osh](/images/osh.jpg)\n\nText below the photo.\n`);
    const app = testApp({ CONTENT_DIR: content.dir, PUBLIC_DIR: publicDir });
    await app.publisher.settled();
    served = await serveApp(app);
    session = await launchBrowser();
  });

  after(async () => {
    await session?.close();
    await served?.close();
    content.cleanup();
    rmSync(publicDir, { recursive: true, force: true });
  });

  it('fits the column without sideways scrolling, keeps its shape, and loads an AVIF variant, not the original', async () => {
    const context = await session.browser.newContext({ viewport: { width: 375, height: 700 }, deviceScaleFactor: 2 });
    try {
      const page = await context.newPage();
      await page.goto(`${served.origin}/osh`);
      await page.locator('.prose img').evaluate((image: HTMLImageElement) => image.decode());
      const seen = await page.evaluate(() => {
        const image = document.querySelector<HTMLImageElement>('.prose img')!;
        const column = image.closest('.prose')!.getBoundingClientRect().width;
        return {
          scrollWidth: document.scrollingElement!.scrollWidth,
          width: image.getBoundingClientRect().width,
          height: image.getBoundingClientRect().height,
          column,
          currentSrc: image.currentSrc,
        };
      });
      assert.equal(seen.scrollWidth, 375, 'the page does not scroll sideways');
      assert.ok(Math.abs(seen.width - seen.column) < 1, `the photo is as wide as the column (${seen.width} of ${seen.column} px)`);
      assert.ok(Math.abs(seen.height - (seen.width * 1600) / 2400) < 1, 'the photo keeps its 3:2 shape');
      // 375 px at 2x wants about 700 device pixels: the 960 px variant, never the 2400 px original.
      assert.match(seen.currentSrc, /\/assets\/_variants\/images\/osh\.jpg\.960\.[0-9a-f]+\.avif$/);
    } finally {
      await context.close();
    }
  });
});
