// Launches Debian's Chromium through playwright-core for browser tests; skips without it unless REQUIRE_BROWSER=1.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, QUIET_CHROMIUM_FLAGS } from '../../scripts/lib/chromium.js';

export { CHROMIUM };

/** Why browser tests cannot run here, or undefined when they can. With REQUIRE_BROWSER=1 a missing browser is a failure. */
export function browserUnavailable(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  if (process.env['REQUIRE_BROWSER'] === '1') throw new Error(`REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  return `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;
}

export interface BrowserSession {
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserSession> {
  // No background traffic: the machine has no network beyond loopback. playwright-core refuses --user-data-dir
  // in args because launch() already gives every browser a fresh, empty profile of its own.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', ...QUIET_CHROMIUM_FLAGS],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/**
 * Clicks a link or a form's button and waits for the page it leads to to load. Playwright's click returns once the
 * navigation has begun, not once the new page is in: a screenshot taken then can fail with "Unable to capture
 * screenshot", and a read can see the page being left.
 */
export async function clickToLoad(page: Page, selector: string): Promise<void> {
  const loaded = page.waitForEvent('load');
  await page.click(selector);
  await loaded;
}
