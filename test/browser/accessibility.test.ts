// Browser tests: axe (WCAG 2.2 AA) and reduced motion on every page, keyboard and no-JavaScript use on every kind of page, in Chromium.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { App } from '../../src/app.js';
import type { Listening } from '../../scripts/lib/listen.js';
import { axeViolations } from '../helpers/axe.js';
import { browserUnavailable, launchBrowser, type BrowserSession } from '../helpers/browser.js';
import { checkEveryPage, DESKTOP, pagesWithNewElements, PHONE, sitePaths, type SitePath } from '../helpers/site-pages.js';
import { serveApp, testApp } from '../helpers/test-app.js';

const skip = browserUnavailable();

/** What a Tab stop looked like when it received focus. Gathered in the page by a focusin listener. */
interface FocusStop {
  readonly description: string;
  readonly href: string | null;
  readonly inSiteNav: boolean;
  readonly visible: boolean;
  readonly outlineStyle: string;
  readonly outlineWidth: number;
  readonly outlineColor: string;
  /** The first opaque background behind the ring: the element's own for an inset ring, its parent's otherwise. */
  readonly backgroundBehindRing: string;
}

/** Starts recording every element that receives focus, as a keyboard visitor would see it. */
async function recordFocus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const stops: unknown[] = [];
    (window as unknown as { focusStops: unknown[] }).focusStops = stops;
    document.addEventListener('focusin', (event) => {
      const element = event.target as HTMLElement;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      let behind: Element | null = parseFloat(style.outlineOffset) < 0 ? element : element.parentElement;
      let background = 'rgb(255, 255, 255)';
      for (; behind; behind = behind.parentElement) {
        const colour = getComputedStyle(behind).backgroundColor;
        if (colour !== 'transparent' && !/^rgba\(.*, 0\)$/.test(colour)) {
          background = colour;
          break;
        }
      }
      const id = element.id ? `#${element.id}` : '';
      const classes = element.className ? `.${String(element.className).split(' ').join('.')}` : '';
      stops.push({
        description: `${element.tagName.toLowerCase()}${id}${classes} "${(element.textContent ?? '').trim().slice(0, 40)}"`,
        href: element.getAttribute('href'),
        inSiteNav: element.closest('nav.site-nav') !== null,
        visible: box.width > 0 && box.height > 0 && element.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
        outlineColor: style.outlineColor,
        backgroundBehindRing: background,
      });
    });
  });
}

async function focusStops(page: Page): Promise<FocusStop[]> {
  return page.evaluate(() => (window as unknown as { focusStops: FocusStop[] }).focusStops);
}

/** Addresses of the links in the site navigation, in document order. */
async function siteNavLinks(page: Page): Promise<string[]> {
  return page.locator('nav.site-nav a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
}

/** WCAG relative luminance of an sRGB colour given as rgb()/rgba(). */
function luminance(colour: string): number {
  const match = /^rgba?\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)/.exec(colour);
  if (!match) throw new Error(`cannot read the colour ${colour}`);
  const [r, g, b] = match.slice(1, 4).map((channel) => {
    const value = Number(channel) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** A focus ring a sighted keyboard user can see: drawn, at least 2 px, and 3:1 against what is behind it (WCAG 2.4.7, 1.4.11). */
function ringProblems(stop: FocusStop): string[] {
  if (stop.outlineStyle === 'none' || stop.outlineWidth < 2)
    return [`${stop.description} has no visible focus ring (outline ${stop.outlineStyle} ${stop.outlineWidth}px)`];
  const ratio = contrast(stop.outlineColor, stop.backgroundBehindRing);
  return ratio < 3
    ? [`${stop.description}: focus ring ${stop.outlineColor} on ${stop.backgroundBehindRing} has contrast ${ratio.toFixed(2)}:1, under 3:1`]
    : [];
}

/** Presses Tab until every site navigation link has had focus (or too many presses), and reports what is missing. */
async function tabThroughNavigation(page: Page, navLinks: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  const reached = new Set<string>();
  // Each round presses Tab as often as links are still missing, the fewest presses that could reach them all,
  // so it never runs far past the navigation; reading the stops once a round saves a round trip a press.
  for (let presses = 0; presses < navLinks.length + 20 && reached.size < navLinks.length;) {
    const round = navLinks.length - reached.size;
    for (let press = 0; press < round; press += 1) await page.keyboard.press('Tab');
    presses += round;
    for (const stop of await focusStops(page)) if (stop.inSiteNav && stop.href) reached.add(stop.href);
  }
  const missing = navLinks.filter((href) => !reached.has(href));
  if (missing.length > 0) problems.push(`Tab never reached ${missing.join(', ')}`);
  for (const stop of await focusStops(page)) {
    if (!stop.visible) problems.push(`Tab stops on ${stop.description}, which cannot be seen`);
    problems.push(...ringProblems(stop));
  }
  return problems;
}

/** What still moves with reduced motion asked for: every transition or animation over 0.01 s, pseudo-elements included. */
function movingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    if (!matchMedia('(prefers-reduced-motion: reduce)').matches) return ['the browser does not report prefers-reduced-motion: reduce'];
    const moving: string[] = [];
    for (const element of document.querySelectorAll('*')) {
      for (const pseudo of [null, '::before', '::after', '::marker']) {
        const style = getComputedStyle(element, pseudo);
        const seconds = `${style.transitionDuration},${style.animationDuration}`
          .split(',')
          .map((value) => (value.trim().endsWith('ms') ? parseFloat(value) / 1000 : parseFloat(value) || 0));
        if (Math.max(...seconds) > 0.01)
          moving.push(`${element.tagName.toLowerCase()}${pseudo ?? ''}.${element.className} moves for ${Math.max(...seconds)} s`);
      }
    }
    return moving;
  });
}

/** Records, for every page a context loads, console errors, page errors, failed requests and requests to other hosts. */
function watchTraffic(context: BrowserContext, origin: string, problems: string[]): void {
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium logs a 404 or 410 document as a failed load; that status is the point of those two pages.
    const documentStatus = /^Failed to load resource: the server responded with a status of 4(04|10)\b/.test(message.text());
    if (documentStatus && message.location().url === message.page()?.url()) return;
    problems.push(`console error on ${message.page()?.url()}: ${message.text()}`);
  });
  context.on('weberror', (error) => problems.push(`page error on ${error.page()?.url()}: ${error.error().message}`));
  context.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) problems.push(`request to another host: ${request.url()}`);
  });
  // Leaving a page cancels what it still loads (the favicon, say): that is ERR_ABORTED, not a fault.
  context.on('requestfailed', (request) => {
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  context.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document') problems.push(`${response.url()} answered ${response.status()}`);
  });
}

describe('accessibility of every page, in Chromium', { skip }, () => {
  let app: App;
  let session: BrowserSession;
  let served: Listening;
  let paths: SitePath[];
  /** The pages that bring a kind of element no earlier page of their edition had (pagesWithNewElements). */
  let everyKindOfPage: Set<string>;
  let kindsOfPage: SitePath[];
  // Every context below records its traffic here; the last test reads it.
  const trafficProblems: string[] = [];
  let pagesLoaded = 0;

  before(async () => {
    app = testApp();
    served = await serveApp(app);
    session = await launchBrowser();
    paths = sitePaths(app);
    assert.ok(paths.length >= 30, `only ${paths.length} pages to check`);
    everyKindOfPage = await pagesWithNewElements(app, paths);
    kindsOfPage = paths.filter(({ path }) => everyKindOfPage.has(path));
    assert.ok(everyKindOfPage.has('/') && everyKindOfPage.has('/ru'), 'the home pages are missing from the pages of every kind');
  });

  after(async () => {
    await session?.close();
    await served?.close();
  });

  /** Opens a fresh context, checks every page (or those given) in it, and closes it. */
  async function checkEveryPageIn(
    options: BrowserContextOptions,
    check: (page: Page, path: string) => Promise<string[]>,
    which: readonly SitePath[] = paths,
  ): Promise<string[]> {
    const context = await session.browser.newContext(options);
    watchTraffic(context, served.origin, trafficProblems);
    try {
      return await checkEveryPage(context, served.origin, which, (page, path) => {
        pagesLoaded += 1;
        return check(page, path);
      });
    } finally {
      await context.close();
    }
  }

  // One load per page serves axe and the reduced-motion check. axe (a large script, slow to inject) runs up to three
  // times on it as the scheme and width change. The words of a page change nothing in dark mode or at 375 px that axe
  // could find, only its template and its kinds of element do; so every page is checked in light mode at 1280 px, and
  // the pages that bring a kind of element no earlier page of their edition had (every template, in each edition) also
  // in dark mode and at 375 px with the menu open. Dark mode at 375 px adds nothing: the same colours as at 1280 px, in
  // the layout of light mode at 375 px. Reduced motion is pure CSS (a media query; no script reads it), so asking for
  // it on the page as loaded is what a context created with it gives, without loading every page a second time.
  // Whichever of the two tests runs first starts the pass, so each can also run alone.
  let everyPagePass: Promise<{ axe: string[]; motion: string[] }> | undefined;
  function checkEveryPageOnce(): Promise<{ axe: string[]; motion: string[] }> {
    everyPagePass ??= (async () => {
      const motion = new Map<string, string[]>();
      const axe = await checkEveryPageIn({ viewport: DESKTOP, colorScheme: 'light' }, async (page, path) => {
        await page.emulateMedia({ reducedMotion: 'reduce' });
        motion.set(
          path,
          (await movingElements(page)).map((problem) => `${path}: ${problem}`),
        );
        await page.emulateMedia({ reducedMotion: 'no-preference' });
        const problems: string[] = [];
        const modes = [
          { name: 'light, 1280 px', colorScheme: 'light', viewport: DESKTOP },
          { name: 'dark, 1280 px', colorScheme: 'dark', viewport: DESKTOP },
          { name: 'light, 375 px, menu open', colorScheme: 'light', viewport: PHONE },
        ] as const;
        for (const mode of everyKindOfPage.has(path) ? modes : modes.slice(0, 1)) {
          await page.emulateMedia({ colorScheme: mode.colorScheme });
          if (mode.viewport.width !== page.viewportSize()?.width) {
            await page.setViewportSize(mode.viewport);
            await page.click('summary.site-menu__toggle');
          }
          // The scheme really applies: the page background follows it.
          const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
          if (luminance(background) < 0.2 !== (mode.colorScheme === 'dark')) problems.push(`${mode.name}: page background ${background}`);
          for (const violation of await axeViolations(page)) problems.push(`${mode.name}: ${violation}`);
        }
        await page.setViewportSize(DESKTOP);
        return problems;
      });
      return { axe, motion: paths.flatMap(({ path }) => motion.get(path) ?? [`${path}: not checked`]) };
    })();
    return everyPagePass;
  }

  const axeEverywhere =
    'has no axe violation of WCAG 2.2 A or AA: every page in light mode at 1280 px, ' + 'every kind of page also in dark mode and at 375 px with the menu open';
  it(axeEverywhere, async () => {
    assert.deepEqual((await checkEveryPageOnce()).axe, []);
  });

  // The keyboard's way runs through the header and the navigation, which are the template's; a page changes it only
  // by its kinds of element (the current page's link, a tabindex), so the keyboard and no-JavaScript checks below run
  // on every kind of page rather than on every page: 23 of 68 loads, each dozens of key presses, for the same findings.
  const skipLinkAndTab =
    'on every kind of page at 1280 px makes the skip link the first Tab stop, which moves focus to main, ' +
    'and lets Tab reach every navigation item, each with a visible focus ring';
  it(skipLinkAndTab, async () => {
    const failures = await checkEveryPageIn(
      { viewport: DESKTOP },
      async (page) => {
        const problems: string[] = [];
        const navLinks = await siteNavLinks(page);
        if (navLinks.length < 10) problems.push(`only ${navLinks.length} navigation links`);
        await recordFocus(page);
        await page.keyboard.press('Tab');
        const [first] = await focusStops(page);
        const skipLinkFirst = first?.description.startsWith('a.skip-link') ?? false;
        if (!skipLinkFirst) problems.push(`the first Tab stop is ${first?.description ?? 'nothing'}, not the skip link`);
        problems.push(...(await tabThroughNavigation(page, navLinks)));
        if (!skipLinkFirst) return problems;

        // Now follow the skip link, as a keyboard visitor who wants the content would: back to it, then Enter.
        await page.locator('a.skip-link').focus();
        await page.keyboard.press('Enter');
        const active = await page.evaluate(() => `${document.activeElement?.tagName.toLowerCase()}#${document.activeElement?.id}`);
        if (active !== 'main#main-content') problems.push(`after the skip link, focus is on ${active}, not main#main-content`);
        // The next Tab continues inside main, past the header and its navigation.
        await page.keyboard.press('Tab');
        if (!(await page.evaluate(() => document.activeElement?.closest('#main-content') !== null))) problems.push('Tab after the skip link leaves main');
        return problems;
      },
      kindsOfPage,
    );
    assert.deepEqual(failures, []);
  });

  it('on every kind of page at 375 px hides the navigation behind a Menu that Enter and Space open, then Tab reaches every item (dark)', async () => {
    const failures = await checkEveryPageIn(
      { viewport: PHONE, colorScheme: 'dark' },
      async (page) => {
        const problems: string[] = [];
        const navLinks = await siteNavLinks(page);
        if (await page.locator('nav.site-nav a').first().isVisible()) problems.push('the navigation shows before the Menu is opened');
        await recordFocus(page);
        let onMenu = false;
        for (let presses = 0; presses < 10 && !onMenu; presses += 1) {
          await page.keyboard.press('Tab');
          onMenu = await page.evaluate(() => document.activeElement?.matches('summary.site-menu__toggle') ?? false);
        }
        if (!onMenu) return [...problems, 'Tab never reaches the Menu button'];
        const isOpen = (): Promise<boolean> => page.locator('details.site-menu').evaluate((details) => (details as HTMLDetailsElement).open);
        await page.keyboard.press('Enter');
        if (!(await isOpen())) problems.push('Enter does not open the Menu');
        await page.keyboard.press('Space');
        if (await isOpen()) problems.push('Space does not close the Menu');
        await page.keyboard.press('Space');
        if (!(await isOpen())) problems.push('Space does not open the Menu');
        return [...problems, ...(await tabThroughNavigation(page, navLinks))];
      },
      kindsOfPage,
    );
    assert.deepEqual(failures, []);
  });

  it('stops all motion when reduced motion is asked for: no transition or animation over 0.01 s', async () => {
    assert.deepEqual((await checkEveryPageOnce()).motion, []);
  });

  it('works with JavaScript off on every kind of page: heading and navigation show at 1280 px, and the Menu opens by click at 375 px', async () => {
    const failures = await checkEveryPageIn(
      { viewport: DESKTOP, javaScriptEnabled: false },
      async (page) => {
        const problems: string[] = [];
        // Inspecting the page over the DevTools protocol works with the page's own scripts off.
        const shown = (): Promise<{ h1: boolean; links: number; visible: number }> =>
          page.evaluate(() => {
            const links = [...document.querySelectorAll('nav.site-nav a')];
            return {
              h1: document.querySelector('h1')?.checkVisibility() ?? false,
              links: links.length,
              visible: links.filter((link) => link.checkVisibility() && link.getBoundingClientRect().width > 0).length,
            };
          });
        const wide = await shown();
        if (wide.links < 10) problems.push(`only ${wide.links} navigation links`);
        if (!wide.h1) problems.push('h1 is not visible at 1280 px');
        if (wide.visible !== wide.links) problems.push(`${wide.links - wide.visible} of ${wide.links} navigation links are not visible at 1280 px`);
        await page.setViewportSize(PHONE);
        const narrow = await shown();
        if (!narrow.h1) problems.push('h1 is not visible at 375 px');
        if (narrow.visible !== 0) problems.push('the navigation shows at 375 px before the Menu is opened');
        await page.click('summary.site-menu__toggle');
        const open = await shown();
        if (open.visible !== open.links)
          problems.push(`${open.links - open.visible} of ${open.links} navigation links are not visible at 375 px with the Menu open`);
        await page.setViewportSize(DESKTOP);
        return problems;
      },
      kindsOfPage,
    );
    assert.deepEqual(failures, []);
  });

  it('loaded every page above with no console error, page error or failed request, and asked no other host for anything', () => {
    // Four passes ran above: over every page for axe and reduced motion, over every kind of page with the keyboard at
    // 1280 and 375 px and without JavaScript.
    assert.ok(pagesLoaded >= paths.length + kindsOfPage.length * 3, `only ${pagesLoaded} page loads were watched: run the whole file`);
    assert.deepEqual(trafficProblems, []);
  });
});
