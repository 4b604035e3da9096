// Browser tests: the forum's forms in Chromium with JavaScript off, axe on its pages with errors and signed in, and screenshots.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { App } from '../../src/app.js';
import type { Listening } from '../../scripts/lib/listen.js';
import { axeViolations } from '../helpers/axe.js';
import { browserUnavailable, clickToLoad, launchBrowser, type BrowserSession } from '../helpers/browser.js';
import { GOOD_PASSWORD } from '../helpers/forum-web.js';
import { addMember } from '../helpers/forum.js';
import { DESKTOP, PHONE } from '../helpers/site-pages.js';
import { ROOT, serveApp, testApp } from '../helpers/test-app.js';

const skip = browserUnavailable();
const SCREENSHOTS = path.join(ROOT, 'test-output', 'screenshots');

/** axe in light and dark mode at 1280 px, and at 375 px: the page as it is now, reloaded for each. */
async function axeEverywhere(page: Page, label: string): Promise<string[]> {
  const problems: string[] = [];
  for (const mode of [
    { colorScheme: 'light', viewport: DESKTOP },
    { colorScheme: 'dark', viewport: DESKTOP },
    { colorScheme: 'light', viewport: PHONE },
    { colorScheme: 'dark', viewport: PHONE },
  ] as const) {
    await page.emulateMedia({ colorScheme: mode.colorScheme });
    await page.setViewportSize(mode.viewport);
    for (const violation of await axeViolations(page)) problems.push(`${label}, ${mode.colorScheme}, ${mode.viewport.width} px: ${violation}`);
  }
  await page.setViewportSize(DESKTOP);
  return problems;
}

/** A fresh browser context (cookies, storage) at 1280 px for one run, closed after it. */
async function inContext<T>(session: BrowserSession, options: BrowserContextOptions, run: (context: BrowserContext, page: Page) => Promise<T>): Promise<T> {
  const context = await session.browser.newContext({ viewport: DESKTOP, ...options });
  try {
    return await run(context, await context.newPage());
  } finally {
    await context.close();
  }
}

const activeElement = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element
      ? `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.className ? `.${String(element.className).split(' ')[0]}` : ''}`
      : '';
  });

// One Chromium for the file: each test still gets fresh contexts (cookies, storage), which is all that a browser of
// its own per group of tests gave them.
let browser: Promise<BrowserSession> | undefined;
const sharedBrowser = (): Promise<BrowserSession> => (browser ??= launchBrowser());
after(async () => {
  await (await browser)?.close();
});

describe('the forum in Chromium', { skip }, () => {
  let app: App;
  let session: BrowserSession;
  let served: Listening;

  before(async () => {
    app = testApp();
    served = await serveApp(app);
    session = await sharedBrowser();
  });
  after(async () => {
    await served?.close();
  });

  const withContext = <T>(options: BrowserContextOptions, run: (context: BrowserContext, page: Page) => Promise<T>): Promise<T> =>
    inContext(session, options, run);

  it('registers, logs out and logs in with JavaScript off, the session cookie HttpOnly, Secure and SameSite=Lax', async () => {
    await withContext({ javaScriptEnabled: false }, async (context, page) => {
      await page.goto(`${served.origin}/forum`);
      assert.deepEqual(await context.cookies(), [], 'a reader gets no cookie');
      await clickToLoad(page, 'text=Register');
      await page.fill('#username', 'Browser-Member');
      await page.fill('#password', GOOD_PASSWORD);
      await page.fill('#password-confirm', GOOD_PASSWORD);
      await clickToLoad(page, 'button:has-text("Create account")');
      assert.equal(new URL(page.url()).pathname, '/forum/account');
      assert.equal(await page.textContent('.notice__title'), 'Welcome to the forum, Browser-Member');
      const cookies = await context.cookies();
      assert.deepEqual(
        cookies.map(({ name, httpOnly, secure, sameSite, path: cookiePath }) => ({ name, httpOnly, secure, sameSite, path: cookiePath })),
        [{ name: '__Host-session', httpOnly: true, secure: true, sameSite: 'Lax', path: '/' }],
      );

      await clickToLoad(page, '.forum-bar button:has-text("Log out")');
      assert.equal(await page.textContent('main h1'), 'You are logged out');
      assert.deepEqual(await context.cookies(), []);

      await page.goto(`${served.origin}/forum/login`);
      await page.fill('#username', 'browser-member');
      await page.fill('#password', GOOD_PASSWORD);
      await clickToLoad(page, 'main button:has-text("Log in")');
      assert.equal(new URL(page.url()).pathname, '/forum');
      assert.equal(await page.textContent('.forum-bar__who strong'), 'Browser-Member');
    });
  });

  it('focuses the error summary as the page loads, and its links take the keyboard to each field, with JavaScript off', async () => {
    await withContext({ javaScriptEnabled: false }, async (_context, page) => {
      await page.goto(`${served.origin}/forum/register`);
      await page.fill('#username', 'has space');
      await clickToLoad(page, 'button:has-text("Create account")');
      // Browsers apply autofocus when they next update the rendering, after the load: wait for that event.
      await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary') ?? false);
      assert.equal(await activeElement(page), 'div.error-summary');
      assert.equal(await page.inputValue('#username'), 'has space');
      await page.keyboard.press('Tab');
      assert.equal(await activeElement(page), 'a', 'the first link of the summary is the next Tab stop');
      await page.keyboard.press('Enter');
      assert.equal(await activeElement(page), 'input#username.form-input');
      await page.click('.error-summary a[href="#password"]');
      assert.equal(await activeElement(page), 'input#password.form-input');
    });
  });

  it('has no axe violation on forms with errors, on a member’s pages and on a reset link’s page, light and dark, 1280 and 375 px', async () => {
    const open = (await app.forum.ready())!;
    const moderator = await addMember(open.forum.database, 'Axe-Moderator', 'moderator');
    const member = await addMember(open.forum.database, 'Axe-Member');
    const issued = await open.forum.resets.issue(moderator, member);
    assert.equal(issued.status, 'issued');
    const problems = await withContext({}, async (_context, page) => {
      const found: string[] = [];
      await page.goto(`${served.origin}/forum/register`);
      await page.fill('#username', '<b>');
      await page.fill('#email', 'not-an-address');
      await clickToLoad(page, 'button:has-text("Create account")');
      found.push(...(await axeEverywhere(page, 'register with errors')));
      await page.goto(`${served.origin}/forum/login`);
      await clickToLoad(page, 'main button:has-text("Log in")');
      found.push(...(await axeEverywhere(page, 'login with errors')));
      await page.goto(`${served.origin}/forum/reset?token=${issued.status === 'issued' ? issued.token : ''}`);
      found.push(...(await axeEverywhere(page, 'reset link')));
      await page.goto(`${served.origin}/forum/login`);
      await page.fill('#username', 'Axe-Member');
      await page.fill('#password', GOOD_PASSWORD);
      await clickToLoad(page, 'main button:has-text("Log in")');
      for (const address of ['/forum', '/forum/account?password=changed', '/forum/account/password', '/forum/account/delete', '/forum/logout']) {
        await page.goto(served.origin + address);
        found.push(...(await axeEverywhere(page, address)));
      }
      return found;
    });
    assert.deepEqual(problems, []);
  });

  it('takes screenshots of the forum, registration and login pages at 375 and 1280 px, and of a form with errors', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const problems: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await withContext({ colorScheme }, async (_context, page) => {
        for (const width of [375, 1280]) {
          await page.setViewportSize({ width, height: 800 });
          for (const [name, address] of [
            ['forum', '/forum'],
            ['forum-register', '/forum/register'],
            ['forum-login', '/forum/login'],
          ] as const) {
            await page.goto(served.origin + address);
            const file = path.join(SCREENSHOTS, `${name}-${width}${colorScheme === 'dark' ? '-dark' : ''}.png`);
            writeFileSync(file, await page.screenshot({ fullPage: true }));
            const overflow = await page.evaluate(() => document.scrollingElement!.scrollWidth - document.documentElement.clientWidth);
            if (overflow > 0) problems.push(`${address} at ${width} px scrolls sideways by ${overflow} px`);
          }
          await page.goto(`${served.origin}/forum/register`);
          await page.fill('#username', 'a b');
          await clickToLoad(page, 'button:has-text("Create account")');
          writeFileSync(
            path.join(SCREENSHOTS, `forum-register-errors-${width}${colorScheme === 'dark' ? '-dark' : ''}.png`),
            await page.screenshot({ fullPage: true }),
          );
        }
      });
    }
    assert.deepEqual(problems, []);
  });
});

describe('reading and posting on the forum in Chromium', { skip }, () => {
  let now = Date.parse('2026-11-27T08:00:00Z');
  let app: App;
  let session: BrowserSession;
  let served: Listening;

  before(async () => {
    app = testApp({}, { clock: () => now });
    served = await serveApp(app);
    session = await sharedBrowser();
  });
  after(async () => {
    await served?.close();
  });

  const withContext = <T>(options: BrowserContextOptions, run: (context: BrowserContext, page: Page) => Promise<T>): Promise<T> =>
    inContext(session, options, run);

  /** Sends the form as a person would: some seconds after it was shown (the time trap), by its button. */
  async function send(page: Page, button: string): Promise<void> {
    now += 10_000;
    await clickToLoad(page, `main button:has-text("${button}")`);
  }

  async function register(page: Page, username: string): Promise<void> {
    await page.goto(`${served.origin}/forum/register`);
    await page.fill('#username', username);
    await page.fill('#password', GOOD_PASSWORD);
    await page.fill('#password-confirm', GOOD_PASSWORD);
    await send(page, 'Create account');
  }

  async function logIn(page: Page, username: string): Promise<void> {
    await page.goto(`${served.origin}/forum/login`);
    await page.fill('#username', username);
    await page.fill('#password', GOOD_PASSWORD);
    await send(page, 'Log in');
  }

  const postIdOf = (url: string): number => Number(/#post-(\d+)$/.exec(url)?.[1]);

  it('walks a new member’s topic through approval, a reply and a report, with JavaScript off', async () => {
    const { forum } = (await app.forum.ready())!;
    const moderatorId = await addMember(forum.database, 'Walk-Moderator', 'moderator');
    const topicUrl = await withContext({ javaScriptEnabled: false }, async (_context, page) => {
      await register(page, 'Walk-Author');
      await page.goto(`${served.origin}/forum`);
      await clickToLoad(page, 'a:has-text("General questions about the UN in Kyrgyzstan")');
      await clickToLoad(page, 'a:has-text("Start a new topic")');
      await page.fill('#title', 'Where can I read the 2005 MDG report?');
      await page.fill('#body', 'I am looking for the **Russian** version of the report.');
      await send(page, 'Start topic');
      assert.equal(await page.textContent('.notice__title'), 'Your post is awaiting approval');
      assert.equal(await page.textContent('.forum-post .forum-mark--status'), 'Awaiting approval');
      return page.url().replace(/\?.*$/, '');
    });
    const topicPath = new URL(topicUrl).pathname;
    await withContext({ javaScriptEnabled: false }, async (_context, page) => {
      assert.equal((await page.goto(`${served.origin}${topicPath}`))?.status(), 404, 'a reader cannot see it yet');
      await logIn(page, 'Walk-Moderator');
      await page.goto(`${served.origin}${topicPath}`);
      assert.equal(await page.textContent('.forum-bar a[href="/forum/moderation"]'), 'Moderation (1 waiting)');
    });
    const firstPost = (await forum.moderation.queue({ id: moderatorId, role: 'moderator' }, 1))!.items[0]!.id;
    assert.equal((await forum.moderation.approve(moderatorId, firstPost)).status, 'done');

    const replyId = await withContext({ javaScriptEnabled: false }, async (_context, page) => {
      await page.goto(`${served.origin}/forum/c/general`);
      assert.equal(await page.textContent('.forum-topic__title a'), 'Where can I read the 2005 MDG report?');
      await register(page, 'Walk-Replier');
      await page.goto(`${served.origin}${topicPath}`);
      await clickToLoad(page, `#post-${firstPost} a:has-text("Quote")`);
      assert.match(await page.inputValue('#body'), /^> \*\*Walk-Author\*\* wrote:/);
      await page.fill('#body', 'The UNDP office in Bishkek keeps printed copies.');
      await send(page, 'Post reply');
      assert.equal(await page.textContent('.notice__title'), 'Your post is awaiting approval');
      return postIdOf(page.url());
    });
    assert.equal((await forum.moderation.approve(moderatorId, replyId)).status, 'done');

    await withContext({ javaScriptEnabled: false }, async (_context, page) => {
      await logIn(page, 'Walk-Author');
      await page.goto(`${served.origin}${topicPath}`);
      assert.equal(await page.textContent(`#post-${replyId} .forum-post__body p`), 'The UNDP office in Bishkek keeps printed copies.');
      await clickToLoad(page, `#post-${replyId} a:has-text("Report")`);
      await page.fill('#reason', 'Off topic: it does not answer where to read it online.');
      await send(page, 'Send report');
      assert.equal(await page.textContent('.notice__title'), 'Thank you for your report');
    });
    const reports = await forum.moderation.reports({ id: moderatorId, role: 'moderator' });
    assert.deepEqual(
      reports?.items.map((report) => report.post.id),
      [replyId],
    );
    assert.equal((await forum.moderation.resolveReport(moderatorId, reports.items[0]!.id, 'dismissed')).status, 'done');
    assert.equal((await forum.moderation.reports({ id: moderatorId, role: 'moderator' }))?.total, 0);
  });

  it('has no axe violation on category, topic and posting pages, for readers, members and moderators, light and dark, 1280 and 375 px', async () => {
    const { forum } = (await app.forum.ready())!;
    const author = await addMember(forum.database, 'Axe-Author');
    await forum.database.db.updateTable('users').set({ approved_post_count: 2 }).where('id', '=', author).execute();
    await addMember(forum.database, 'Axe-Staff', 'moderator');
    const stamp = forum.formStamps.issue(author);
    now += 10_000;
    const client = forum.clientKeys.forAddress('203.0.113.1');
    const body = '## A question\n\nSee [the report](https://example.org/report.pdf).\n\n> A quote\n\n- one\n- two';
    const started = await forum.topics.start({ authorId: author, categorySlug: 'general', title: 'Axe topic', body, form: { honeypot: '', stamp }, client });
    assert.equal(started.status, 'created');
    const topicId = started.status === 'created' ? started.topicId : 0;
    const postId = started.status === 'created' ? started.postId : 0;
    const problems: string[] = [];
    await withContext({}, async (_context, page) => {
      for (const address of ['/forum/c/general', `/forum/t/${topicId}`]) {
        await page.goto(served.origin + address);
        problems.push(...(await axeEverywhere(page, `reader ${address}`)));
      }
      await logIn(page, 'Axe-Author');
      for (const address of [`/forum/t/${topicId}`, '/forum/c/general/new', `/forum/t/${topicId}/reply?quote=${postId}`, `/forum/post/${postId}/edit`]) {
        await page.goto(served.origin + address);
        problems.push(...(await axeEverywhere(page, `member ${address}`)));
      }
      await page.goto(`${served.origin}/forum/c/general/new`);
      await send(page, 'Start topic');
      problems.push(...(await axeEverywhere(page, 'new topic with errors')));
      await logIn(page, 'Axe-Staff');
      for (const address of [`/forum/t/${topicId}`, `/forum/post/${postId}/report`]) {
        await page.goto(served.origin + address);
        problems.push(...(await axeEverywhere(page, `moderator ${address}`)));
      }
    });
    assert.deepEqual(problems, []);
  });

  it('takes screenshots of a category, a topic and the posting forms at 375 and 1280 px, none scrolling sideways', async () => {
    const { forum } = (await app.forum.ready())!;
    const author = await addMember(forum.database, 'Screenshot-Author');
    await forum.database.db.updateTable('users').set({ approved_post_count: 2 }).where('id', '=', author).execute();
    const stamp = forum.formStamps.issue(author);
    now += 10_000;
    const client = forum.clientKeys.forAddress('203.0.113.2');
    const body =
      'A long address that must wrap: https://example.org/a/very/long/path/that/goes/on/and/on/without/any/space/at/all/to/break/it\n\n```\ncode that is wider than a phone screen, kept on one line to be scrolled inside its box\n```';
    const started = await forum.topics.start({
      authorId: author,
      categorySlug: 'general',
      title: 'Screenshots of the forum',
      body,
      form: { honeypot: '', stamp },
      client,
    });
    const topicId = started.status === 'created' ? started.topicId : 0;
    mkdirSync(SCREENSHOTS, { recursive: true });
    const overflow: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await withContext({ colorScheme }, async (_context, page) => {
        await logIn(page, 'Screenshot-Author');
        for (const width of [375, 1280]) {
          await page.setViewportSize({ width, height: 800 });
          for (const [name, address] of [
            ['forum-category', '/forum/c/general'],
            ['forum-topic', `/forum/t/${topicId}`],
            ['forum-new-topic', '/forum/c/general/new'],
          ] as const) {
            await page.goto(served.origin + address);
            writeFileSync(path.join(SCREENSHOTS, `${name}-${width}${colorScheme === 'dark' ? '-dark' : ''}.png`), await page.screenshot({ fullPage: true }));
            const sideways = await page.evaluate(() => document.scrollingElement!.scrollWidth - document.documentElement.clientWidth);
            if (sideways > 0) overflow.push(`${address} at ${width} px scrolls sideways by ${sideways} px`);
          }
          await page.goto(`${served.origin}/forum/c/general/new`);
          await page.fill('#title', 'x');
          await send(page, 'Start topic');
          const file = `forum-new-topic-errors-${width}${colorScheme === 'dark' ? '-dark' : ''}.png`;
          writeFileSync(path.join(SCREENSHOTS, file), await page.screenshot({ fullPage: true }));
        }
      });
    }
    assert.deepEqual(overflow, []);
  });
  it('has no axe violation on the Russian forum (/ru/forum), for readers and members, light and dark, 1280 and 375 px, and takes its screenshots', async () => {
    const { forum } = (await app.forum.ready())!;
    const author = await addMember(forum.database, 'Ru-Author');
    await forum.database.db.updateTable('users').set({ approved_post_count: 2 }).where('id', '=', author).execute();
    const stamp = forum.formStamps.issue(author);
    now += 10_000;
    const client = forum.clientKeys.forAddress('203.0.113.3');
    const body = 'Где найти отчёт о ходе достижения ЦРТ за 2005 год?\n\n> Цитата из доклада\n\nСпасибо.';
    const started = await forum.topics.start({ authorId: author, categorySlug: 'general', title: 'Отчёт о ЦРТ', body, form: { honeypot: '', stamp }, client });
    const topicId = started.status === 'created' ? started.topicId : 0;
    mkdirSync(SCREENSHOTS, { recursive: true });
    const problems: string[] = [];
    await withContext({}, async (_context, page) => {
      for (const address of ['/ru/forum', '/ru/forum/c/general', `/ru/forum/t/${topicId}`, '/ru/forum/register']) {
        await page.goto(served.origin + address);
        problems.push(...(await axeEverywhere(page, `reader ${address}`)));
      }
      await page.setViewportSize({ width: 375, height: 800 });
      for (const [name, address] of [
        ['forum-ru-home', '/ru/forum'],
        ['forum-ru-topic', `/ru/forum/t/${topicId}`],
      ] as const) {
        await page.goto(served.origin + address);
        writeFileSync(path.join(SCREENSHOTS, `${name}-375.png`), await page.screenshot({ fullPage: true }));
        const sideways = await page.evaluate(() => document.scrollingElement!.scrollWidth - document.documentElement.clientWidth);
        if (sideways > 0) problems.push(`${address} at 375 px scrolls sideways by ${sideways} px`);
      }
      await page.setViewportSize(DESKTOP);
      await page.goto(`${served.origin}/ru/forum/login`);
      await page.fill('#username', 'Ru-Author');
      await page.fill('#password', GOOD_PASSWORD);
      await send(page, 'Войти');
      await page.goto(`${served.origin}/ru/forum/c/general/new`);
      await send(page, 'Создать тему');
      problems.push(...(await axeEverywhere(page, 'member /ru/forum/c/general/new with errors')));
      await page.setViewportSize({ width: 375, height: 800 });
      writeFileSync(path.join(SCREENSHOTS, 'forum-ru-new-topic-errors-375.png'), await page.screenshot({ fullPage: true }));
    });
    assert.deepEqual(problems, []);
  });
});
