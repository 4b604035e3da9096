// Checks that reach across pages: navigation targets, internal links and #anchors, titles, alt text, reachability.
import { isoDay } from '../lib/calendar-day.js';
import { runNow, type Steps } from '../lib/steps.js';
import { withoutTrailingSlash } from '../lib/url-path.js';
import { documentTitle, MAX_DOCUMENT_TITLE, titleLength } from './document-title.js';
import { FORUM_FILE } from './forum-settings.js';
import { internalLinks } from './internal-links.js';
import { NAVIGATION_FILE } from './navigation.js';
import type { Page } from './page.js';
import { problemAt, type Problem } from './problem.js';
import { ancestorUrls } from './url-for-file.js';
import { homeOf, languageOfUrl } from './languages.js';
import { childrenOf, type Site } from './site.js';

export interface CheckOptions {
  /** Addresses the app answers that are not pages: /search, /sitemap.xml and so on. */
  readonly routes: ReadonlySet<string>;
  /** Files under public/ by their URL path, so links to /docs/report.pdf can be checked. */
  readonly assets?: ReadonlySet<string>;
  /**
   * Addresses of files that failed to read. A link or menu item to one of them is not reported again: the file's
   * own error is the one fault, and its last good version (if any) is what visitors get meanwhile.
   */
  readonly failedUrls?: ReadonlySet<string>;
  /** Address prefixes the app answers everything below ("/forum", "/assets"): no page or alias may be there. */
  readonly routePrefixes?: readonly string[];
  /** The moment to judge review dates at (ms); now by default. */
  readonly now?: number;
  /**
   * Every edition's site (this one's included, and ignored): a Russian page may link to an English page, so an
   * address no page of its own edition has is looked for in the others. Without it, each edition stands alone.
   */
  readonly editions?: () => readonly Site[];
}

/** A problem, and the address whose absence or change causes it, when it is a link's or a menu item's. */
export interface Finding {
  readonly problem: Problem;
  readonly target?: string;
}

/** The page a link reaches (directly or through an alias), if any. */
export function linkTarget(site: Site, path: string): Page | undefined {
  const trimmed = withoutTrailingSlash(path);
  const page = site.pages.get(trimmed);
  if (page) return page;
  const redirected = site.redirects.get(trimmed);
  return redirected === undefined ? undefined : site.pages.get(redirected);
}

function hasAddress(site: Site, trimmed: string): boolean {
  return linkTarget(site, trimmed) !== undefined || site.drafts.has(trimmed) || site.scheduled.has(trimmed);
}

/** The other editions a link may lead to, looked up once per check rather than once per link. */
function otherEditions(site: Site, options: CheckOptions): readonly Site[] {
  return (options.editions?.() ?? []).filter((other) => other.language !== site.language);
}

/**
 * The edition a link is judged in: the linking page's own when it has the address (as a page, an alias, a draft or a
 * page still to come), else the edition whose prefix the address has (/ru/… is Russian, the rest English), else any
 * other edition that has it (an old address kept as another edition's alias).
 */
function editionFor(site: Site, trimmed: string, others: readonly Site[]): Site {
  if (hasAddress(site, trimmed)) return site;
  const owner = languageOfUrl(trimmed);
  return (
    others.find((other) => other.language === owner && hasAddress(other, trimmed)) ??
    others.find((other) => other.language !== owner && hasAddress(other, trimmed)) ??
    site
  );
}

/** Where a link leads: the page it reaches, if any, and why it leads nowhere, in an editor's words, when it does. */
interface Destination {
  readonly found?: Page | undefined;
  readonly why?: string;
}

function destinationOf(linking: Site, path: string, options: CheckOptions, others: readonly Site[]): Destination {
  const trimmed = withoutTrailingSlash(path);
  const site = editionFor(linking, trimmed, others);
  const found = linkTarget(site, trimmed);
  if (options.routes.has(trimmed) || options.assets?.has(path) || options.failedUrls?.has(trimmed)) return { found };
  if (found?.draft || site.drafts.has(trimmed)) {
    return { why: `${trimmed} is a draft, so it is not published: remove "draft: true" from it, or remove this link` };
  }
  const scheduled = site.scheduled.get(trimmed);
  if (scheduled) {
    return { why: `${trimmed} is published only from ${isoDay(scheduled.publish!)}: add this link on that day, or publish the page now` };
  }
  if (found) return { found };
  return { why: `there is no page ${trimmed}` };
}

export function checkNavigation(site: Site, options: CheckOptions): Finding[] {
  const others = otherEditions(site, options);
  return (['primary', 'secondary', 'footer'] as const).flatMap((row) =>
    site.navigation[row].flatMap((item): Finding[] => {
      const { why } = destinationOf(site, item.url, options, others);
      const moved = site.redirects.get(withoutTrailingSlash(item.url));
      if (!why && moved !== undefined) {
        // A renamed page keeps its old address as an alias: the menu still works, through a redirect on every click.
        const message = `${row} navigation item "${item.title}" points to ${item.url}, which is now an old address (an alias) of ${moved}: write url: ${moved}`;
        return [{ problem: problemAt(item.file ?? NAVIGATION_FILE, item.line, message, 'warning') }];
      }
      if (!why) return [];
      const problem = problemAt(item.file ?? NAVIGATION_FILE, item.line, `${row} navigation item "${item.title}" leads nowhere: ${why}`);
      return [{ problem, target: item.url }];
    }),
  );
}

// A page's heading ids as a set, kept with the page version: a page of thousands of links to its own thousands of
// headings was checked with a search of every heading for every link.
const headingIdSets = new WeakMap<Page, ReadonlySet<string>>();

function headingIds(page: Page): ReadonlySet<string> {
  let ids = headingIdSets.get(page);
  if (!ids) {
    ids = new Set(page.headings.map((heading) => heading.id));
    headingIdSets.set(page, ids);
  }
  return ids;
}

/** Links judged between two pauses of checkingPage(): about 0.1 ms of work. */
const LINKS_PER_STEP = 64;

/** The problems of one page: its links and #anchors, its browser-tab title, its images' alt text. */
export function checkPage(site: Site, page: Page, options: CheckOptions): Finding[] {
  return runNow(checkingPage(site, page, options));
}

/** checkPage() in steps, pausing every few dozen links: a page may have a thousand. */
export function* checkingPage(site: Site, page: Page, options: CheckOptions): Steps<Finding[]> {
  const findings: Finding[] = takenByPage(page, options).map((problem) => ({ problem }));
  const others = otherEditions(site, options);
  let judged = 0;
  for (const link of internalLinks(page)) {
    if (++judged % LINKS_PER_STEP === 0) yield;
    const { why, found } = destinationOf(site, link.path, options, others);
    if (why) {
      findings.push({ problem: problemAt(page.file, link.line, `link to ${link.href} leads nowhere: ${why}`), target: withoutTrailingSlash(link.path) });
    } else if (found && link.hash && !headingIds(found).has(link.hash)) {
      const problem = problemAt(page.file, link.line, `link to ${link.href} leads nowhere: ${found.file} has no heading with the id "${link.hash}"`);
      findings.push({ problem, target: found.url });
    }
  }
  if (titleLength(documentTitle(page.title, page.url, page.linkTitle)) > MAX_DOCUMENT_TITLE) {
    const fix = `add a linkTitle of at most ${MAX_DOCUMENT_TITLE} characters`;
    findings.push({ problem: problemAt(page.file, 2, `the title is ${page.title.length} characters, too long for a browser tab; ${fix}`) });
  }
  for (const image of page.images) {
    if (image.alt.trim() !== '') continue;
    const fix = `write what it shows inside the brackets, ![like this](${image.src})`;
    findings.push({ problem: problemAt(page.file, image.line, `image ${image.src} has no alt text: ${fix}`) });
  }
  return findings;
}

/** Every problem between files: menus, every page, folders without an index page, and pages nothing reaches. */
export function checkSite(site: Site, options: CheckOptions): Problem[] {
  const findings = [...checkNavigation(site, options), ...[...site.pages.values()].flatMap((page) => checkPage(site, page, options))];
  const structure = [
    ...takenByForum(site, options),
    ...foldersWithoutIndex(site, options.routes),
    ...unreachable(site),
    ...overdueReviews(site, options.now ?? Date.now()),
  ];
  return [...findings.map((finding) => finding.problem), ...structure];
}

/** Why the app answers an address itself, or undefined when a page or an alias may have it. */
function appAnswers(address: string, options: CheckOptions): string | undefined {
  const path = withoutTrailingSlash(address.split('?')[0]!).toLowerCase();
  if (options.routes.has(path)) return `${path} is an address the site answers itself (search, statistics, the forum, the sitemap or the feed)`;
  const prefix = options.routePrefixes?.find((each) => path === each || path.startsWith(`${each}/`));
  return prefix === undefined ? undefined : `${path} is below ${prefix}/, where the site answers every address itself`;
}

/**
 * A page or an alias at an address the app answers itself (/search, /healthz, /forum/…, /assets/…) would hide
 * what the app shows there, or an editor would think it does: both are errors. (The resolver puts the app's routes
 * first anyway.) A page's own, so the running server holds back a change that brings one in.
 */
function takenByPage(page: Page, options: CheckOptions): Problem[] {
  const problems: Problem[] = [];
  const why = appAnswers(page.url, options);
  if (why) problems.push(problemAt(page.file, 1, `${why}: rename this file`));
  page.aliases.forEach((alias, index) => {
    const taken = appAnswers(alias, options);
    if (taken) problems.push(problemAt(page.file, page.aliasLines?.[index] ?? 1, `alias ${alias} cannot be an old address: ${taken}; delete it`));
  });
  return problems;
}

/** The same for the forum's old addresses (content/forum.yml). */
function takenByForum(site: Site, options: CheckOptions): Problem[] {
  return (site.forum?.aliases ?? []).flatMap(({ address, line }) => {
    const taken = appAnswers(address, options);
    return taken ? [problemAt(FORUM_FILE, line, `alias ${address} cannot be an old address: ${taken}; delete it`)] : [];
  });
}

/** Pages whose `review:` day has passed: their owner must read them again (GOV.UK's content audits do this by hand). */
function overdueReviews(site: Site, now: number): Problem[] {
  const today = isoDay(new Date(now));
  return [...site.pages.values()]
    .filter((page) => page.review && isoDay(page.review) < today)
    .map((page) => {
      const message = `the review date ${isoDay(page.review!)} has passed: read the page again, correct it, and set a new review date`;
      return problemAt(page.file, page.reviewLine ?? 1, message, 'warning');
    });
}

/**
 * A folder with pages but no index.md: its own address is 404 and breadcrumbs skip it. Reported once, at its first
 * page. A folder at an address the app answers (forum/ below /forum) has its page already.
 */
function foldersWithoutIndex(site: Site, routes: ReadonlySet<string>): Problem[] {
  const reported = new Set<string>();
  const problems: Problem[] = [];
  for (const page of [...site.pages.values()].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    for (const ancestor of ancestorUrls(page.url)) {
      // An edition under a prefix starts at its home page: "/" above "/ru" is the default edition's.
      if (languageOfUrl(ancestor) !== site.language) continue;
      if (site.pages.has(ancestor) || routes.has(ancestor) || reported.has(ancestor)) continue;
      reported.add(ancestor);
      const folder = ancestor.slice(1);
      const message = `the folder ${folder}/ has no index page, so ${ancestor} is 404 and breadcrumbs skip it: add ${folder}/index.md (or ${folder}.md)`;
      problems.push(problemAt(page.file, 1, message, 'warning'));
    }
  }
  return problems;
}

function unreachable(site: Site): Problem[] {
  return unreachablePages(site).map((page) =>
    problemAt(page.file, 1, `no navigation, list or link reaches ${page.url}; visitors can only find it by search`, 'warning'),
  );
}

/** Pages that no walk from the home page and the navigation reaches, following links and automatic lists. */
export function unreachablePages(site: Site): Page[] {
  const seen = new Set<string>();
  const { primary, secondary, footer } = site.navigation;
  const queue = [homeOf(site.language), ...[...primary, ...secondary, ...footer].map((item) => item.url)];
  // An index, not shift(): shift moves the whole queue, and one page of 100,000 links made that quadratic.
  for (let next = 0; next < queue.length; next += 1) {
    const url = queue[next]!;
    const page = site.pages.get(url);
    if (!page || seen.has(url)) continue;
    seen.add(url);
    for (const link of internalLinks(page)) {
      const found = linkTarget(site, link.path);
      if (found) queue.push(found.url);
    }
    if (page.layout !== 'page') queue.push(...childrenOf(site, page.url).map((child) => child.url));
  }
  return [...site.pages.values()].filter((page) => !seen.has(page.url));
}
