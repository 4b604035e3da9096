// Browser tests: the moderators' pages in Chromium with JavaScript off: approve from the queue, axe clean, screenshots.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { App } from '../../src/app.js';
import type { Listening } from '../../scripts/lib/listen.js';
import { axeViolations } from '../helpers/axe.js';
import { browserUnavailable, clickToLoad, launchBrowser, type BrowserSession } from '../helpers/browser.js';
import { GOOD_PASSWORD } from '../helpers/forum-web.js';
import { addMember, TestClock, type TestForum } from '../helpers/forum.js';
import { addNewcomer, addTrusted, startTopic } from '../helpers/forum-posting.js';
import { DESKTOP, PHONE } from '../helpers/site-pages.js';
import { ROOT, serveApp, testApp } from '../helpers/test-app.js';

const skip = browserUnavailable();
const SCREENSHOTS = path.join(ROOT, 'test-output', 'screenshots');

describe('the moderators’ pages in Chromium', { skip }, () => {
  const clock = new TestClock(Date.now());
  let app: App;
  let session: BrowserSession;
  let served: Listening;
  let test: TestForum;
  let ids: { heldPost: number; topic: number; member: number };

  before(async () => {
    app = testApp({}, { clock: clock.read });
    served = await serveApp(app);
    session = await launchBrowser();
    const open = (await app.forum.ready())!;
    test = { forum: open.forum, database: open.forum.database, clock, close: () => Promise.resolve() };
    await addMember(test.database, 'Chromium-Moderator', 'moderator');
    const newcomer = await addNewcomer(test, 'Newcomer-Aida');
    const trusted = await addTrusted(test, 'Regular-Bakyt');
    const reporter = await addTrusted(test, 'Careful-Cholpon');
    const held = await startTopic(test, newcomer, {
      title: 'Where can I read the MDG report for Naryn?',
      body: 'I looked on the site but found only **2005**.',
    });
    // A second held post stays in the queue, so its cards and forms are checked and seen too.
    await startTopic(test, await addNewcomer(test, 'Newcomer-Emil'), { title: 'Is there a Russian version of the UNDAF?', body: 'Thank you.' });
    const visible = await startTopic(test, trusted, { title: 'Vacancies at UNDP Osh', body: 'Is the [list](https://example.org/jobs) up to date?' });
    await open.forum.moderation.report({ reporterId: reporter.id, postId: visible.postId, reason: 'The link leads to an advertisement.' });
    ids = { heldPost: held.postId, topic: visible.topicId, member: newcomer.id };
  });
  after(async () => {
    await session?.close();
    await served?.close();
  });

  async function signedIn(page: Page): Promise<void> {
    await page.goto(`${served.origin}/forum/login`);
    await page.fill('#username', 'Chromium-Moderator');
    await page.fill('#password', GOOD_PASSWORD);
    await clickToLoad(page, 'main button:has-text("Log in")');
  }

  it('approves a held post from the queue with JavaScript off, and the log says who did it', async () => {
    const context = await session.browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await signedIn(page);
      await page.goto(`${served.origin}/forum/moderation`);
      await clickToLoad(page, `form[action="/forum/moderation/post/${ids.heldPost}/approve"] button`);
      assert.equal(await page.textContent('.notice__title'), 'The post has been approved and is public now');
      await clickToLoad(page, '.moderation-tabs a:has-text("Log")');
      assert.match((await page.textContent('.moderation-log tbody tr')) ?? '', /Chromium-Moderator[\s\S]*Approved a post/);
    } finally {
      await context.close();
    }
  });

  it('has no axe violation on any of them, light and dark, 1280 and 375 px, and none scrolls sideways; screenshots', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const pages: [string, string, ((page: Page) => Promise<void>)?][] = [
      ['moderation-queue', '/forum/moderation'],
      ['moderation-reports', '/forum/moderation/reports'],
      ['moderation-log', '/forum/moderation/log'],
      ['moderation-members', '/forum/moderation/members?q=newcomer'],
      ['moderation-member', `/forum/moderation/members/${ids.member}`],
      ['moderation-topic', `/forum/moderation/topic/${ids.topic}`],
      ['moderation-post-errors', `/forum/moderation/post/${ids.heldPost}`, (page) => clickToLoad(page, 'form[action$="/hide"] button')],
      ['moderation-reset-link', `/forum/moderation/members/${ids.member}`, (page) => clickToLoad(page, 'form[action$="/reset-link"] button')],
      // Russian, whose longer words must fit a phone too: a member's page with its forms sent back with errors.
      ['moderation-member-ru-errors', `/ru/forum/moderation/members/${ids.member}`, (page) => clickToLoad(page, 'form[action$="/suspend"] button')],
    ];
    const problems: string[] = [];
    // Each page is loaded (and its form sent) once, then seen in both schemes at both widths: the same checks and
    // screenshots as a load per scheme and width, for a quarter of the loads.
    const modes = [
      { colorScheme: 'light', viewport: DESKTOP },
      { colorScheme: 'dark', viewport: DESKTOP },
      { colorScheme: 'light', viewport: PHONE },
      { colorScheme: 'dark', viewport: PHONE },
    ] as const;
    const context = await session.browser.newContext({ viewport: DESKTOP });
    try {
      const page = await context.newPage();
      await signedIn(page);
      for (const [name, address, then] of pages) {
        await page.setViewportSize(DESKTOP);
        await page.emulateMedia({ colorScheme: 'light' });
        await page.goto(served.origin + address);
        if (then) await then(page);
        for (const { colorScheme, viewport } of modes) {
          await page.emulateMedia({ colorScheme });
          await page.setViewportSize(viewport);
          for (const violation of await axeViolations(page)) problems.push(`${name}, ${colorScheme}, ${viewport.width} px: ${violation}`);
          const overflow = await page.evaluate(() => document.scrollingElement!.scrollWidth - document.documentElement.clientWidth);
          if (overflow > 0) problems.push(`${name} at ${viewport.width} px scrolls sideways by ${overflow} px`);
          const file = path.join(SCREENSHOTS, `forum-${name}-${viewport.width}${colorScheme === 'dark' ? '-dark' : ''}.png`);
          writeFileSync(file, await page.screenshot({ fullPage: true }));
        }
      }
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, []);
  });
});
