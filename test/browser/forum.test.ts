// Browser tests: the forum's forms in Chromium with JavaScript off, axe on its pages with errors and signed in, and screenshots.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { App } from '../../src/app.js';
import type { Listening } from '../../scripts/lib/listen.js';
import { browserUnavailable, launchBrowser, type BrowserSession } from '../helpers/browser.js';
import { GOOD_PASSWORD } from '../helpers/forum-web.js';
import { addMember } from '../helpers/forum.js';
import { DESKTOP, PHONE } from '../helpers/site-pages.js';
import { ROOT, serveApp, testApp } from '../helpers/test-app.js';

const skip = browserUnavailable();
const SCREENSHOTS = path.join(ROOT, 'test-output', 'screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const { axe } = window as unknown as { axe: typeof import('axe-core') };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((violation) => `axe ${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }, WCAG_22_AA);
}

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

const activeElement = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element
      ? `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.className ? `.${String(element.className).split(' ')[0]}` : ''}`
      : '';
  });

describe('the forum in Chromium', { skip }, () => {
  let app: App;
  let session: BrowserSession;
  let served: Listening;

  before(async () => {
    app = testApp();
    served = await serveApp(app);
    session = await launchBrowser();
  });
  after(async () => {
    await session?.close();
    await served?.close();
  });

  async function withContext<T>(options: BrowserContextOptions, run: (context: BrowserContext, page: Page) => Promise<T>): Promise<T> {
    const context = await session.browser.newContext({ viewport: DESKTOP, ...options });
    try {
      return await run(context, await context.newPage());
    } finally {
      await context.close();
    }
  }

  it('registers, logs out and logs in with JavaScript off, the session cookie HttpOnly, Secure and SameSite=Lax', async () => {
    await withContext({ javaScriptEnabled: false }, async (context, page) => {
      await page.goto(`${served.origin}/forum`);
      assert.deepEqual(await context.cookies(), [], 'a reader gets no cookie');
      await page.click('text=Register');
      await page.fill('#username', 'Browser-Member');
      await page.fill('#password', GOOD_PASSWORD);
      await page.fill('#password-confirm', GOOD_PASSWORD);
      await page.click('button:has-text("Create account")');
      assert.equal(new URL(page.url()).pathname, '/forum/account');
      assert.equal(await page.textContent('.notice__title'), 'Welcome to the forum, Browser-Member');
      const cookies = await context.cookies();
      assert.deepEqual(
        cookies.map(({ name, httpOnly, secure, sameSite, path: cookiePath }) => ({ name, httpOnly, secure, sameSite, path: cookiePath })),
        [{ name: '__Host-session', httpOnly: true, secure: true, sameSite: 'Lax', path: '/' }],
      );

      await page.click('.forum-bar button:has-text("Log out")');
      assert.equal(await page.textContent('main h1'), 'You are logged out');
      assert.deepEqual(await context.cookies(), []);

      await page.goto(`${served.origin}/forum/login`);
      await page.fill('#username', 'browser-member');
      await page.fill('#password', GOOD_PASSWORD);
      await page.click('main button:has-text("Log in")');
      assert.equal(new URL(page.url()).pathname, '/forum');
      assert.equal(await page.textContent('.forum-bar__who strong'), 'Browser-Member');
    });
  });

  it('focuses the error summary as the page loads, and its links take the keyboard to each field, with JavaScript off', async () => {
    await withContext({ javaScriptEnabled: false }, async (_context, page) => {
      await page.goto(`${served.origin}/forum/register`);
      await page.fill('#username', 'has space');
      await page.click('button:has-text("Create account")');
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
      await page.click('button:has-text("Create account")');
      found.push(...(await axeEverywhere(page, 'register with errors')));
      await page.goto(`${served.origin}/forum/login`);
      await page.click('main button:has-text("Log in")');
      found.push(...(await axeEverywhere(page, 'login with errors')));
      await page.goto(`${served.origin}/forum/reset?token=${issued.status === 'issued' ? issued.token : ''}`);
      found.push(...(await axeEverywhere(page, 'reset link')));
      await page.goto(`${served.origin}/forum/login`);
      await page.fill('#username', 'Axe-Member');
      await page.fill('#password', GOOD_PASSWORD);
      await page.click('main button:has-text("Log in")');
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
          await page.click('button:has-text("Create account")');
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
