// axe-core (WCAG 2.2 A and AA) run in a Chromium page for the browser tests, injected once per loaded document.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

// Read once: evaluated in each page over the DevTools protocol, which the site's CSP (no inline script) does not cover,
// so the checks run on the page exactly as served.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe's violations on the page as it is now, one line each. axe (half a megabyte of script) is injected only when the
 * document does not have it yet: a page checked in several colour schemes and widths parses it once, not each time.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const injected = await page.evaluate(() => typeof (window as unknown as { axe?: { run?: unknown } }).axe?.run === 'function');
  if (!injected) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const { axe } = window as unknown as { axe: typeof import('axe-core') };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((violation) => `axe ${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }, WCAG_22_AA);
}
