// Every address a browser test visits, and a loop that opens them one after another and gathers each page's failures.
import type { BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import type { App } from '../../src/app.js';
import { html } from './test-app.js';

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

/**
 * Attributes that change how an element looks or where Tab goes: the stylesheets select on the first five (the
 * current page in a navigation, an open menu), and tabindex reorders or adds Tab stops.
 */
const KIND_ATTRIBUTES = ['aria-current', 'aria-hidden', 'open', 'type', 'hidden', 'tabindex'];

/**
 * An element as the stylesheet and the keyboard see it: its tag, classes and KIND_ATTRIBUTES, inside its nearest
 * ancestor with a class (`.prose a` is not `.site-nav a`).
 */
function elementKinds(document: Document): Set<string> {
  const kind = (element: Element): string =>
    element.tagName.toLowerCase() +
    [...element.classList]
      .sort()
      .map((name) => `.${name}`)
      .join('') +
    KIND_ATTRIBUTES.filter((name) => element.hasAttribute(name))
      .map((name) => `[${name}=${element.getAttribute(name)}]`)
      .join('');
  const kinds = new Set<string>();
  for (const element of document.body.querySelectorAll('*')) {
    let context = element.parentElement;
    while (context && context !== document.body && context.classList.length === 0) context = context.parentElement;
    kinds.add(`${context && context !== document.body ? kind(context) : 'body'} ${kind(element)}`);
  }
  return kinds;
}

/**
 * The paths, in order, whose page has a kind of element (see elementKinds) that no earlier page of its edition had:
 * every template of each edition, and every kind of content. A check that depends only on the stylesheet, the template
 * and the Tab order, not on the words (colours in dark mode, the keyboard's way through the header), sees everything it
 * can see when it runs on these pages.
 */
export async function pagesWithNewElements(app: App, paths: readonly SitePath[]): Promise<Set<string>> {
  const seen = new Set<string>();
  const chosen = new Set<string>();
  for (const { path } of paths) {
    const document = html((await request(app.handle).get(path)).text);
    const lang = document.documentElement.getAttribute('lang') ?? '';
    const kinds = [...elementKinds(document)].map((kind) => `${lang} ${kind}`);
    if (kinds.every((kind) => seen.has(kind))) continue;
    chosen.add(path);
    for (const kind of kinds) seen.add(kind);
  }
  return chosen;
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
