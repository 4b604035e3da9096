// Browser tests: reflow at 320 px, 200 % text, print styles and full-page screenshots at three widths, in Chromium.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { Listening } from '../../scripts/lib/listen.js';
import { browserUnavailable, launchBrowser, type BrowserSession } from '../helpers/browser.js';
import { checkEveryPage, DESKTOP, NOT_FOUND_PATH, sitePaths, type SitePath } from '../helpers/site-pages.js';
import { ROOT, serveApp, testApp } from '../helpers/test-app.js';

const skip = browserUnavailable();
const SCREENSHOTS = path.join(ROOT, 'test-output', 'screenshots');

/** How far the page scrolls sideways past the viewport, and the elements sticking out, for the failure message. */
async function sidewaysOverflow(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollWidth = document.scrollingElement?.scrollWidth ?? 0;
    if (scrollWidth <= width) return undefined;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .slice(-3)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className} (right edge ${Math.round(element.getBoundingClientRect().right)} px)`);
    return `scrolls sideways: ${scrollWidth} px wide in a ${width} px viewport; sticking out: ${culprits.join(', ')}`;
  });
}

/** The narrowest window WCAG 1.4.10 asks a page to fit without scrolling sideways (320 CSS px). */
const NARROWEST = { width: 320, height: 640 } as const;

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('layout at every width, in Chromium', { skip }, () => {
  let session: BrowserSession;
  let served: Listening;
  let paths: SitePath[];

  before(async () => {
    const app = testApp();
    served = await serveApp(app);
    session = await launchBrowser();
    paths = sitePaths(app);
  });

  after(async () => {
    await session?.close();
    await served?.close();
  });

  async function withContext<T>(options: BrowserContextOptions, run: (context: BrowserContext) => Promise<T>): Promise<T> {
    const context = await session.browser.newContext(options);
    try {
      return await run(context);
    } finally {
      await context.close();
    }
  }

  it('never scrolls sideways at 320 px, with the Menu closed or open (WCAG 1.4.10 reflow)', async () => {
    assert.deepEqual((await checkEveryPageOnce()).reflow, []);
  });

  /** The print styles' problems on the page as it is now: what must not print, and links that print without their address. */
  function printProblems(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const problems: string[] = [];
      for (const selector of ['.skip-link', '.site-search', '.site-menu', '.breadcrumbs', '.site-footer nav']) {
        const element = document.querySelector(selector);
        if (element && getComputedStyle(element).display !== 'none') problems.push(`${selector} is printed`);
      }
      if (!document.querySelector('h1')?.checkVisibility()) problems.push('the h1 is not printed');
      for (const link of document.querySelectorAll('main .prose a[href^="/"], main .prose a[href^="http"], main .listing__link')) {
        const after = getComputedStyle(link, '::after').content;
        if (!after.includes(link.getAttribute('href') ?? '')) problems.push(`the link to ${link.getAttribute('href')} prints without its address (${after})`);
      }
      return problems;
    });
  }

  // One load of every page serves three tests: at 1280 px text at 200 %, then (the text size put back) print, then at
  // 320 px reflow. Whichever test runs first starts it, so each can also run alone.
  let everyPagePass: Promise<{ textSize: string[]; print: string[]; reflow: string[] }> | undefined;
  function checkEveryPageOnce(): Promise<{ textSize: string[]; print: string[]; reflow: string[] }> {
    everyPagePass ??= withContext({ viewport: DESKTOP }, async (context) => {
      const print = new Map<string, string[]>();
      const reflow = new Map<string, string[]>();
      const textSize = await checkEveryPage(context, served.origin, paths, async (page, path) => {
        const problems: string[] = [];
        const textSize = (): Promise<number> =>
          page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p, main li') ?? document.body).fontSize));
        const before = await textSize();
        // What a browser's "text size" setting does: a larger root font, through the CSSOM (the CSP allows no inline style).
        await page.evaluate(() => {
          document.documentElement.style.fontSize = '200%';
        });
        const after = await textSize();
        if (after < before * 1.9) problems.push(`text grew from ${before} px to only ${after} px: sizes in px ignore the reader's setting`);
        const overflow = await sidewaysOverflow(page);
        if (overflow) problems.push(overflow);
        const h1 = await page.locator('h1').boundingBox();
        if (!h1 || !(await page.locator('h1').isVisible()) || h1.x < 0 || h1.x + h1.width > DESKTOP.width) problems.push('the h1 is hidden or cut off');
        const links = await page.locator('nav.site-nav a').count();
        const shown = await page.locator('nav.site-nav a:visible').count();
        if (links < 10 || shown !== links) problems.push(`${shown} of ${links} navigation links show`);

        await page.evaluate(() => {
          document.documentElement.style.fontSize = '';
        });
        await page.emulateMedia({ media: 'print' });
        print.set(
          path,
          (await printProblems(page)).map((problem) => `${path}: ${problem}`),
        );
        await page.emulateMedia({ media: 'screen' });

        // The page as a 320 px wide window shows it (the layout follows the width; nothing is loaded for it).
        await page.setViewportSize(NARROWEST);
        const closed = await sidewaysOverflow(page);
        await page.click('summary.site-menu__toggle');
        const open = await sidewaysOverflow(page);
        reflow.set(path, [...(closed ? [`${path}: Menu closed: ${closed}`] : []), ...(open ? [`${path}: Menu open: ${open}`] : [])]);
        await page.setViewportSize(DESKTOP);
        return problems;
      });
      const each = (found: Map<string, string[]>): string[] => paths.flatMap(({ path }) => found.get(path) ?? [`${path}: not checked`]);
      return { textSize, print: each(print), reflow: each(reflow) };
    });
    return everyPagePass;
  }

  it('keeps text resized to 200 % readable at 1280 px: it grows, nothing scrolls sideways, heading and navigation show (WCAG 1.4.4)', async () => {
    assert.deepEqual((await checkEveryPageOnce()).textSize, []);
  });

  it('prints without the navigation, search or breadcrumbs, and with the address after each link in the text', async () => {
    assert.deepEqual((await checkEveryPageOnce()).print, []);
  });

  it('takes full-page screenshots of the home, UNODC and 404 pages of both editions at 375, 768 and 1280 px, none wider than its viewport', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const shots: { name: string; path: string }[] = [
      { name: 'home', path: '/' },
      { name: 'unodc', path: '/un-in-kyrgyzstan/agencies/unodc' },
      { name: 'not-found', path: NOT_FOUND_PATH },
      { name: 'ru-home', path: '/ru' },
      { name: 'ru-unodc', path: '/ru/un-in-kyrgyzstan/agencies/unodc' },
      { name: 'ru-not-found', path: `/ru${NOT_FOUND_PATH}` },
    ];
    const failures: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      // Dark mode at the two extremes only: enough for a person to judge it.
      const widths = colorScheme === 'light' ? [375, 768, 1280] : [375, 1280];
      await withContext({ colorScheme }, async (context) => {
        const page = await context.newPage();
        for (const width of widths) {
          await page.setViewportSize({ width, height: 800 });
          for (const shot of shots) {
            await page.goto(served.origin + shot.path);
            const png = await page.screenshot({ fullPage: true });
            const file = path.join(SCREENSHOTS, `${shot.name}-${width}${colorScheme === 'dark' ? '-dark' : ''}.png`);
            writeFileSync(file, png);
            const size = pngSize(png);
            if (size.width !== width || size.height < 400) failures.push(`${path.relative(ROOT, file)} is ${size.width}×${size.height} px`);
          }
        }
      });
    }
    assert.deepEqual(failures, []);
  });
});
