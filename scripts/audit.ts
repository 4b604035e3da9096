// npm run audit: Lighthouse on the home and UNODC pages, mobile and desktop; exits 1 if a score misses its target.
import { launch } from 'chrome-launcher';
import lighthouse, { desktopConfig, type Config, type Result } from 'lighthouse';
import { createLogger } from '../src/lib/logger.js';
import { buildApp } from './lib/build-app.js';
import { listen } from './lib/listen.js';
import { CHROMIUM, QUIET_CHROMIUM_FLAGS } from './lib/chromium.js';

// chrome-launcher wants the new headless mode spelt out; the other flags are the browser tests' own.
const CHROME_FLAGS = ['--headless=new', ...QUIET_CHROMIUM_FLAGS];
const PAGES = ['/', '/un-in-kyrgyzstan/agencies/unodc'];
const FORM_FACTORS: { name: string; config?: Config }[] = [{ name: 'mobile' }, { name: 'desktop', config: desktopConfig }];
const TARGETS: Record<string, number> = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };

interface Row {
  readonly page: string;
  readonly formFactor: string;
  readonly scores: Record<string, number>;
  /** Audits that cost points, for the categories that missed their target. */
  readonly lost: string[];
}

function score(value: number | null | undefined): number {
  return Math.round((value ?? 0) * 100);
}

function lostPoints(lhr: Result, category: string): string[] {
  return (lhr.categories[category]?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit !== undefined && audit.score !== null && audit.score < 1)
    .map((audit) => `${category}: ${audit!.id} (${score(audit!.score)})${audit!.displayValue ? ` ${audit!.displayValue}` : ''}`);
}

// Listen first, so the site's canonical links and sitemap name the address Lighthouse is auditing.
const served = await listen();
const { origin } = served;
const { app } = buildApp({ NODE_ENV: 'production', SITE_URL: origin }, { logger: createLogger({ silent: true }) });
served.server.on('request', app.handle);

const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: 'error' });
const rows: Row[] = [];
try {
  for (const { name, config } of FORM_FACTORS) {
    for (const page of PAGES) {
      const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: Object.keys(TARGETS) } as const;
      const result = await lighthouse(origin + page, flags, config);
      if (!result) throw new Error(`Lighthouse returned nothing for ${page}`);
      if (result.lhr.runtimeError) throw new Error(`Lighthouse failed on ${page}: ${result.lhr.runtimeError.message}`);
      const scores = Object.fromEntries(Object.keys(TARGETS).map((category) => [category, score(result.lhr.categories[category]?.score)]));
      const lost = Object.keys(TARGETS).flatMap((category) => lostPoints(result.lhr, category));
      rows.push({ page, formFactor: name, scores, lost });
    }
  }
} finally {
  chrome.kill();
  app.close();
  await served.close();
}

const categories = Object.keys(TARGETS);
const table = [
  ['page', 'form factor', ...categories.map((category) => `${category} (≥ ${TARGETS[category]})`)],
  ...rows.map((row) => [
    row.page,
    row.formFactor,
    ...categories.map((category) => `${row.scores[category]}${row.scores[category]! < TARGETS[category]! ? ' ✗' : ''}`),
  ]),
];
const widths = table[0]!.map((_, column) => Math.max(...table.map((cells) => cells[column]!.length)));
for (const cells of table) console.log(cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));

const missed = rows.filter((row) => categories.some((category) => row.scores[category]! < TARGETS[category]!));
for (const row of rows) for (const line of row.lost) console.log(`  ${row.page} (${row.formFactor}) ${line}`);
if (missed.length > 0) {
  console.error(`\n${missed.length} of ${rows.length} runs missed a target.`);
  process.exitCode = 1;
} else {
  console.log(`\nAll ${rows.length} runs meet every target.`);
}
