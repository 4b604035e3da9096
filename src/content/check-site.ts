// Checks that reach across pages: navigation targets, internal links and #anchors, alt text, and reachability.
import { withoutTrailingSlash } from '../lib/url-path.js';
import { documentTitle, MAX_DOCUMENT_TITLE, titleLength } from './document-title.js';
import { NAVIGATION_FILE } from './navigation.js';
import type { Page } from './page.js';
import { problemAt, type Problem } from './problem.js';
import { childrenOf, type Site } from './site.js';

const ORIGIN = 'http://site.invalid';

/** Resolves an internal href against the page it is on; undefined for links off the site or to other schemes. */
export function resolveInternal(href: string, fromUrl: string): { path: string; hash: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return undefined;
  let url: URL;
  try {
    url = new URL(href, ORIGIN + fromUrl);
  } catch {
    return undefined;
  }
  if (url.origin !== ORIGIN) return undefined;
  return { path: decodeURIComponent(url.pathname), hash: decodeURIComponent(url.hash.slice(1)) };
}

export interface CheckOptions {
  /** Addresses the app answers that are not pages: /search, /sitemap.xml and so on. */
  readonly routes: ReadonlySet<string>;
  /** Files under public/ by their URL path, so links to /docs/report.pdf can be checked. */
  readonly assets?: ReadonlySet<string>;
}

function linkTarget(site: Site, path: string): Page | undefined {
  const trimmed = withoutTrailingSlash(path);
  const page = site.pages.get(trimmed);
  if (page) return page;
  const redirected = site.redirects.get(trimmed);
  if (redirected) return site.pages.get(redirected);
  return undefined;
}

export function checkSite(site: Site, options: CheckOptions): Problem[] {
  const problems: Problem[] = [];
  (['primary', 'secondary', 'footer'] as const).forEach((row) => {
    site.navigation[row].forEach((item) => {
      if (!site.pages.has(item.url) && !options.routes.has(item.url)) {
        problems.push(problemAt(NAVIGATION_FILE, item.line, `${row} navigation item "${item.title}" points to ${item.url}, which is no page`));
      }
    });
  });

  for (const page of site.pages.values()) {
    for (const link of page.links) {
      const target = resolveInternal(link.href, page.url);
      if (!target) continue;
      if (options.routes.has(target.path) || options.assets?.has(target.path)) continue;
      const found = linkTarget(site, target.path);
      if (!found) {
        problems.push({ file: page.file, line: link.line, severity: 'error', message: `link to ${link.href} leads nowhere: there is no page ${target.path}` });
      } else if (target.hash && !found.headings.some((heading) => heading.id === target.hash)) {
        problems.push(problemAt(page.file, link.line, `link to ${link.href} leads nowhere: ${found.file} has no heading with the id "${target.hash}"`));
      }
    }
    if (titleLength(documentTitle(page.title, page.url, page.linkTitle)) > MAX_DOCUMENT_TITLE) {
      const fix = `add a linkTitle of at most ${MAX_DOCUMENT_TITLE} characters`;
      problems.push(problemAt(page.file, 2, `the title is ${page.title.length} characters, too long for a browser tab; ${fix}`));
    }
    for (const image of page.images) {
      if (image.alt.trim() === '') {
        const fix = `write what it shows inside the brackets, ![like this](${image.src})`;
        problems.push(problemAt(page.file, image.line, `image ${image.src} has no alt text: ${fix}`));
      }
    }
  }

  for (const page of unreachablePages(site)) {
    problems.push(problemAt(page.file, 1, `no navigation, list or link reaches ${page.url}; visitors can only find it by search`, 'warning'));
  }
  return problems;
}

/** Pages that no walk from the home page and the navigation reaches, following links and automatic lists. */
export function unreachablePages(site: Site): Page[] {
  const seen = new Set<string>();
  const { primary, secondary, footer } = site.navigation;
  const queue = ['/', ...[...primary, ...secondary, ...footer].map((item) => item.url)];
  while (queue.length > 0) {
    const url = queue.shift()!;
    const page = site.pages.get(url);
    if (!page || seen.has(url)) continue;
    seen.add(url);
    for (const link of page.links) {
      const target = resolveInternal(link.href, page.url);
      const found = target && linkTarget(site, target.path);
      if (found) queue.push(found.url);
    }
    if (page.layout !== 'page') queue.push(...childrenOf(site, page.url).map((child) => child.url));
  }
  return [...site.pages.values()].filter((page) => !seen.has(page.url));
}
