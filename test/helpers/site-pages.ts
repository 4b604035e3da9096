// Every address a browser test visits, and a loop that opens them one after another and gathers each page's failures.
import type { BrowserContext, Page } from 'playwright-core';
import type { App } from '../../src/app.js';

export const NOT_FOUND_PATH = '/no-such-page';
/** Listed in content/removed.yml, so it answers 410 Gone. */
export const GONE_PATH = '/un-day-2004';

export interface SitePath {
  readonly path: string;
  readonly status: number;
}

/** The forum's pages as a reader sees them (no account): the app makes them, so they are not in the content. */
export const FORUM_READER_PATHS: readonly SitePath[] = ['/forum', '/forum/c/general', '/forum/privacy', '/forum/register', '/forum/login', '/forum/logout'].map(
  (path) => ({
    path,
    status: 200,
  }),
);

/**
 * Every page of both editions, the forum's pages for readers, then the 404 and 410 pages of each edition: error pages
 * are pages visitors see too.
 */
export function sitePaths(app: App): SitePath[] {
  const urls = app.publisher.snapshot().editions.flatMap((edition) => [...edition.site.pages.keys()]);
  const pages = urls.sort().map((path) => ({ path, status: 200 }));
  const errors = ['', '/ru'].flatMap((prefix) => [
    { path: prefix + NOT_FOUND_PATH, status: 404 },
    { path: prefix + GONE_PATH, status: 410 },
  ]);
  return [...pages, ...FORUM_READER_PATHS, ...errors];
}

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 375, height: 740 } as const;

/**
 * Opens every path in the context and runs check on it. check returns the problems it found, as text; this returns
 * them all, each prefixed with its path, so one run reports every failing page at once. Pages load in two tabs at
 * a time: the browser's work (layout, axe) then uses both cores of a small machine.
 */
export async function checkEveryPage(
  context: BrowserContext,
  origin: string,
  paths: readonly SitePath[],
  check: (page: Page, path: string) => Promise<string[]>,
  tabs = 2,
): Promise<string[]> {
  const failures = new Map<string, string[]>();
  const queue = [...paths];
  const worker = async (): Promise<void> => {
    const page = await context.newPage();
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { path, status } = next;
        const response = await page.goto(origin + path, { waitUntil: 'load' });
        const problems = response?.status() === status ? await check(page, path) : [`answered ${response?.status()}, expected ${status}`];
        failures.set(
          path,
          problems.map((problem) => `${path}: ${problem}`),
        );
      }
    } finally {
      await page.close();
    }
  };
  await Promise.all(Array.from({ length: tabs }, worker));
  return paths.flatMap(({ path }) => failures.get(path) ?? [`${path}: not checked`]);
}
