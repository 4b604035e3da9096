// Browser tests at 375 px: breadcrumb separators stay with the item they precede; the "not translated" note is one line.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { Listening } from '../../scripts/lib/listen.js';
import { browserUnavailable, launchBrowser, type BrowserSession } from '../helpers/browser.js';
import { forumSite, type ForumSite } from '../helpers/forum-site.js';
import { PHONE } from '../helpers/site-pages.js';
import { FIXTURES, serveApp, testApp } from '../helpers/test-app.js';

const skip = browserUnavailable();

/** Pages whose last or middle breadcrumb is too long for one line at 375 px, in both editions. */
const LONG_TRAILS = [
  '/news/2003-07-17-drug-control-agency-project-document-signed',
  '/ru/news/2003-07-17-drug-control-agency-project-document-signed',
  '/ru/news/2003-10-24-mdg-report-presented-on-un-day',
  '/forum/c/drug-control-and-crime-prevention',
];

/**
 * Each breadcrumb whose first word is not on the line of the "›" before it. The separator is its item's ::before,
 * drawn at the start of the item's box, so the item's first line box must begin on the box's first line.
 */
async function separatorsLeftAlone(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.breadcrumbs li + li')].flatMap((item) => {
      const word = item.firstElementChild;
      const lineHeight = parseFloat(getComputedStyle(item).lineHeight) || 20;
      const first = word?.getClientRects()[0];
      if (!word || !first) return [`${item.textContent?.trim()}: no text`];
      const gap = first.top - item.getBoundingClientRect().top;
      return gap < lineHeight / 2 ? [] : [`"›" alone on its line before "${word.textContent?.trim()}" (${Math.round(gap)} px lower)`];
    }),
  );
}

describe('the header and breadcrumbs at 375 px, in Chromium', { skip }, () => {
  let session: BrowserSession;
  let served: Listening;
  let site: ForumSite;
  let context: BrowserContext;
  let topicUrl: string;

  before(async () => {
    site = forumSite();
    const author = await site.member('long-trail-author', 'trusted');
    // Its category, "General questions about the UN in Kyrgyzstan", is a link wider than a phone's line.
    const { topicId } = await site.startTopic(author.id, { title: 'Where are the reports of the agencies kept?', category: 'general' });
    topicUrl = `/forum/t/${topicId}`;
    served = await serveApp(site.app);
    session = await launchBrowser();
    context = await session.browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  });

  after(async () => {
    await context?.close();
    await session?.close();
    await served?.close();
  });

  it('keeps every breadcrumb separator on the line of the item it precedes, in both editions and on the forum', async () => {
    const page = await context.newPage();
    const failures: string[] = [];
    for (const path of [...LONG_TRAILS, topicUrl]) {
      const response = await page.goto(served.origin + path);
      assert.equal(response?.status(), 200, path);
      const crumbs = await page.locator('.breadcrumbs li').count();
      assert.ok(crumbs >= 3, `${path}: ${crumbs} breadcrumbs`);
      failures.push(...(await separatorsLeftAlone(page)).map((failure) => `${path}: ${failure}`));
    }
    await page.close();
    assert.deepEqual(failures, []);
  });

  it('says a page is not translated on one short line, with a link to the other edition’s home page', async () => {
    // Every page of the built-in site and its forum is translated; this fixture keeps /jobs English only.
    const untranslated = await serveApp(testApp({ CONTENT_DIR: path.join(FIXTURES, 'content', 'translations') }));
    const page = await context.newPage();
    await page.goto(`${untranslated.origin}/jobs`);
    const item = page.locator('nav.language-switcher li');
    const link = item.locator('a');
    assert.equal(await link.getAttribute('href'), '/ru');
    assert.equal(await link.getAttribute('hreflang'), 'ru');
    assert.ok(await link.isVisible());
    const box = await item.evaluate((element) => ({
      height: element.getBoundingClientRect().height,
      lineHeight: parseFloat(getComputedStyle(element).lineHeight),
      fontSize: parseFloat(getComputedStyle(element).fontSize),
      bodyFontSize: parseFloat(getComputedStyle(document.body).fontSize),
    }));
    assert.ok(box.height < box.lineHeight * 1.5, `the note takes ${Math.round(box.height)} px, more than one ${box.lineHeight} px line`);
    assert.ok(box.fontSize < box.bodyFontSize, `the note is ${box.fontSize} px, not smaller than the ${box.bodyFontSize} px text`);
    await page.close();
    await untranslated.close();
  });
});
