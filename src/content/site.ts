// Builds the site model from the pages read so far: addresses, redirects, drafts, and the problems between files.
import { runNow, sorting, type Steps } from '../lib/steps.js';
import { withoutTrailingSlash } from '../lib/url-path.js';
import { ancestorUrls, parentUrl } from './url-for-file.js';
import { isoDay, startOfDayIn } from '../lib/calendar-day.js';
import { FORUM_FILE, FORUM_PATH, type ForumSettings } from './forum-settings.js';
import { DEFAULT_LANGUAGE, type Language } from './languages.js';
import type { Navigation, NavItem, NavRow } from './navigation.js';
import { SITE_TIME_ZONE } from './site-identity.js';
import type { Page } from './page.js';
import { problemAt, type Problem } from './problem.js';
import type { RemovedPage } from './removed-pages.js';

export interface Site {
  /** The edition's language: its pages are those of its folder of content/, at addresses under its prefix. */
  readonly language: Language;
  readonly pages: ReadonlyMap<string, Page>;
  /** The same pages by source file (relative to content/): a change finds its pages without walking them all. */
  readonly byFile: ReadonlyMap<string, Page>;
  /** Drafts left out of the site (production), by address, so a link to one can be reported as such. */
  readonly drafts: ReadonlyMap<string, Page>;
  /** Pages whose `publish:` day has not come yet, by address: hidden everywhere until then. */
  readonly scheduled: ReadonlyMap<string, Page>;
  /** The next instant (ms) a page goes live or expires by itself, when the site must be built again; undefined if none. */
  readonly nextChange: number | undefined;
  /** Old address (path, or path?query for the 2007 site's .phtml pages) -> page URL. */
  readonly redirects: ReadonlyMap<string, string>;
  readonly gone: ReadonlyMap<string, GonePage>;
  readonly navigation: Navigation;
  /** The forum's categories and old addresses (content/forum.yml), or undefined when there is no such file. */
  readonly forum: ForumSettings | undefined;
  /** Problems found between files: duplicate addresses, clashing aliases. */
  readonly problems: readonly Problem[];
}

/** An address that answers 410: listed in removed.yml (with its note), or a page past its `expires:` day (until then). */
export type GonePage = RemovedPage & { readonly until?: Date };

export interface SiteInput {
  /** Pages by source file, in any order. */
  readonly pages: Iterable<Page>;
  readonly navigation: Navigation;
  readonly removed: readonly RemovedPage[];
  readonly forum?: ForumSettings | undefined;
  readonly language?: Language;
  readonly includeDrafts: boolean;
  /** The moment the site is built for (ms since the epoch): decides which scheduled pages are live. */
  readonly now: number;
}

/**
 * The pages in the order they claim addresses: of two files claiming one address, the one named as its address is
 * written (lowercase) wins, then the first by name, so `Contacts.md` added beside `contacts.md` never replaces the
 * live page, and the error names `Contacts.md`. Each file is lowercased once, not at every comparison: for 10,000
 * pages that was 280,000 lowercasings per site model, two models per change.
 */
function* inClaimOrder(pages: Iterable<Page>): Steps<Page[]> {
  const all = [...pages];
  const keyed: { page: Page; exact: boolean }[] = [];
  // A chunk at a time through a plain callback: the same loop in the generator itself ran at half the speed.
  for (let start = 0; start < all.length; start += PAGES_PER_STEP) {
    keyed.push(...all.slice(start, start + PAGES_PER_STEP).map((page) => ({ page, exact: page.file === page.file.toLowerCase() })));
    yield;
  }
  // In steps: sorting 10,000 files in one piece held the serving thread about 7 ms per change.
  const sorted = yield* sorting(keyed, claimsFirst);
  return sorted.map((each) => each.page);
}

function claimsFirst(a: { page: Page; exact: boolean }, b: { page: Page; exact: boolean }): number {
  if (a.exact !== b.exact) return a.exact ? -1 : 1;
  return a.page.file < b.page.file ? -1 : a.page.file > b.page.file ? 1 : 0;
}

/** Where a page stands at a moment: live, not yet published, or expired. */
function scheduleOf(page: Page, now: number): { state: 'live' | 'scheduled' | 'expired'; next: number | undefined } {
  const publishAt = page.publish && startOfDayIn(isoDay(page.publish), SITE_TIME_ZONE);
  const expiresAt = page.expires && startOfDayIn(isoDay(page.expires), SITE_TIME_ZONE);
  if (expiresAt !== undefined && expiresAt <= now) return { state: 'expired', next: undefined };
  if (publishAt !== undefined && publishAt > now) return { state: 'scheduled', next: publishAt };
  return { state: 'live', next: expiresAt };
}

export function buildSite(input: SiteInput): Site {
  return runNow(buildingSite(input));
}

/** Pages put in the site model between two pauses of buildingSite(). */
const PAGES_PER_STEP = 500;

/**
 * buildSite() in steps (src/lib/steps.ts): a change builds the model of the whole edition, which for 10,000 pages
 * held the thread about 30 ms in one piece.
 */
export function* buildingSite(input: SiteInput): Steps<Site> {
  const problems: Problem[] = [];
  const pages = new Map<string, Page>();
  const byFile = new Map<string, Page>();
  const drafts = new Map<string, Page>();
  const scheduled = new Map<string, Page>();
  const expired: GonePage[] = [];
  let nextChange: number | undefined;
  const ordered = yield* inClaimOrder(input.pages);
  for (const [index, page] of ordered.entries()) {
    if (index % PAGES_PER_STEP === PAGES_PER_STEP - 1) yield;
    if (page.draft && !input.includeDrafts) {
      drafts.set(page.url, page);
      continue;
    }
    const schedule = scheduleOf(page, input.now);
    if (schedule.next !== undefined) nextChange = Math.min(nextChange ?? Infinity, schedule.next);
    if (schedule.state === 'scheduled') scheduled.set(page.url, page);
    else if (schedule.state === 'expired') expired.push({ url: page.url, until: page.expires! });
    else if (pages.has(page.url)) problems.push(duplicateUrl(page, pages.get(page.url)!));
    else {
      pages.set(page.url, page);
      byFile.set(page.file, page);
    }
  }
  yield;
  const redirects = redirectsOf(pages, input.forum, problems);
  yield;
  // removed.yml entries are matched without a trailing slash, as every address is.
  const removed: GonePage[] = [...input.removed.map((entry) => ({ ...entry, url: withoutTrailingSlash(entry.url) })), ...expired];
  const gone = new Map(removed.filter((entry) => !pages.has(entry.url)).map((entry) => [entry.url, entry] as const));
  const navigation = yield* withPageMenus(input.navigation, pages);
  return {
    language: input.language ?? DEFAULT_LANGUAGE,
    pages,
    byFile,
    drafts,
    scheduled,
    nextChange,
    redirects,
    gone,
    navigation,
    forum: input.forum,
    problems,
  };
}

function duplicateUrl(page: Page, holder: Page): Problem {
  return problemAt(page.file, 1, `duplicate URL ${page.url}: ${holder.file} already has this address; rename or remove ${page.file}`);
}

/** navigation.yml's items, then the pages that put themselves in a menu, by weight and title. */
function* withPageMenus(navigation: Navigation, pages: ReadonlyMap<string, Page>): Steps<Navigation> {
  const inMenus: Page[] = [];
  let seen = 0;
  for (const page of pages.values()) {
    if (page.menu) inMenus.push(page);
    if (++seen % PAGES_PER_STEP === 0) yield;
  }
  const own = inMenus.sort((a, b) => a.menu!.weight - b.menu!.weight || a.linkTitle.localeCompare(b.linkTitle));
  if (own.length === 0) return navigation;
  const itemOf = (page: Page): NavItem => ({ title: page.menu!.title ?? page.linkTitle, url: page.url, line: page.menu!.line, file: page.file });
  const row = (name: NavRow): NavItem[] => [...navigation[name], ...own.filter((page) => page.menu!.row === name).map(itemOf)];
  return { primary: row('primary'), secondary: row('secondary'), footer: row('footer') };
}

/** An old address and where it now leads, with the file and line that say so, for messages. */
interface Alias {
  readonly address: string;
  readonly target: string;
  readonly file: string;
  readonly line: number;
}

/** Pages' aliases, then the forum's (content/forum.yml), which lead to /forum as a page's lead to the page. */
function aliasesOf(pages: ReadonlyMap<string, Page>, forum: ForumSettings | undefined): Alias[] {
  const ofPages = [...pages.values()].flatMap((page) => page.aliases.map((address) => ({ address, target: page.url, file: page.file, line: 1 })));
  const ofForum = (forum?.aliases ?? []).map(({ address, line }) => ({ address, target: FORUM_PATH, file: FORUM_FILE, line }));
  return [...ofPages, ...ofForum];
}

/** In one piece (about 2 ms for 10,000 pages with an alias each): as steps of a generator, it ran at half the speed. */
function redirectsOf(pages: ReadonlyMap<string, Page>, forum: ForumSettings | undefined, problems: Problem[]): Map<string, string> {
  const redirects = new Map<string, string>();
  for (const { address, target, file, line } of aliasesOf(pages, forum)) {
    const key = withoutTrailingSlash(address);
    const holder = key.includes('?') ? undefined : pages.get(key.toLowerCase());
    if (holder) {
      problems.push(problemAt(file, line, `alias ${address} is the address of ${holder.file}; an alias must be an old address no page uses`));
    } else if (redirects.has(key) && redirects.get(key) !== target) {
      problems.push(problemAt(file, line, `alias ${address} is already an alias of ${redirects.get(key)}`));
    } else {
      redirects.set(key, target);
    }
  }
  return redirects;
}

/** A site's pages grouped by parent, each group sorted when first asked for. */
interface ChildIndex {
  readonly unsorted: Map<string, Page[]>;
  readonly sorted: Map<string, Page[]>;
}

const childIndexes = new WeakMap<Site, ChildIndex>();

/** Each page version's parent address: a change makes a new site model, whose index asked all 10,000 pages again. */
const parents = new WeakMap<Page, string | undefined>();

function parentOf(page: Page): string | undefined {
  if (!parents.has(page)) parents.set(page, parentUrl(page.url));
  return parents.get(page);
}

const newer = (a: Page, b: Page): number => (b.date?.getTime() ?? 0) - (a.date?.getTime() ?? 0);
const editorOrder = (a: Page, b: Page): number => a.weight - b.weight || newer(a, b) || a.title.localeCompare(b.title);

/** Direct children of a page, in editor order: weight, then newest date, then title. */
export function childrenOf(site: Site, url: string): Page[] {
  // Grouped once per site model, so asking every section of a 10,000-page site for its children is cheap; each group
  // is sorted when asked for, so a change, which makes a new model, sorts the changed page's section only (sorting
  // every section took about 20 ms of a change on 10,000 pages).
  let index = childIndexes.get(site);
  if (!index) {
    index = { unsorted: new Map(), sorted: new Map() };
    for (const page of site.pages.values()) {
      const parent = parentOf(page);
      if (parent === undefined) continue;
      const siblings = index.unsorted.get(parent);
      if (siblings) siblings.push(page);
      else index.unsorted.set(parent, [page]);
    }
    childIndexes.set(site, index);
  }
  let children = index.sorted.get(url);
  if (!children) {
    children = (index.unsorted.get(url) ?? []).sort(editorOrder);
    index.sorted.set(url, children);
  }
  return children;
}

/** The trail from the home page to the page itself; ancestors without a page are skipped. */
export function breadcrumbsOf(site: Site, page: Page): { title: string; url: string }[] {
  const trail = ancestorUrls(page.url)
    .map((url) => site.pages.get(url))
    .filter((ancestor): ancestor is Page => ancestor !== undefined)
    .map((ancestor) => ({ title: ancestor.linkTitle, url: ancestor.url }));
  return [...trail, { title: page.linkTitle, url: page.url }];
}
