// A page's links within the site, resolved once per page version, and which pages link to an address.
import { withoutTrailingSlash } from '../lib/url-path.js';
import type { Page } from './page.js';
import type { Site } from './site.js';

const ORIGIN = 'http://site.invalid';

export interface InternalLink {
  readonly href: string;
  readonly line: number;
  /** The address linked to, decoded, as written (a trailing slash is kept for the check to judge). */
  readonly path: string;
  /** The #anchor, decoded, or "". */
  readonly hash: string;
}

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
  try {
    return { path: decodeURIComponent(url.pathname), hash: decodeURIComponent(url.hash.slice(1)) };
  } catch {
    return { path: url.pathname, hash: url.hash.slice(1) };
  }
}

// A Page object is one version of one file, so its resolved links never change: kept for as long as the page lives.
const resolved = new WeakMap<Page, readonly InternalLink[]>();

export function internalLinks(page: Page): readonly InternalLink[] {
  let links = resolved.get(page);
  if (!links) {
    links = page.links.flatMap((link) => {
      const target = resolveInternal(link.href, page.url);
      return target ? [{ href: link.href, line: link.line, ...target }] : [];
    });
    resolved.set(page, links);
  }
  return links;
}

const linkerIndexes = new WeakMap<Site, Map<string, Page[]>>();

/**
 * The pages of a site that link to each address (without trailing slash or #anchor). Built once per site model
 * from the links cached per page, so after a change of one page it costs one pass over a map, not a re-parse.
 */
export function linkersOf(site: Site, path: string): readonly Page[] {
  let index = linkerIndexes.get(site);
  if (!index) {
    index = new Map();
    for (const page of site.pages.values()) {
      for (const link of internalLinks(page)) {
        const key = withoutTrailingSlash(link.path);
        const pages = index.get(key) ?? [];
        if (pages.at(-1) !== page) pages.push(page);
        index.set(key, pages);
      }
    }
    linkerIndexes.set(site, index);
  }
  return index.get(path) ?? [];
}
