// The navigation file (content/navigation.yml): the two rows of the original site and the footer links.
import { z } from 'zod';
import { readYamlFile, type DataFileWords } from './read-yaml-file.js';
import { lineOfPath } from './yaml-lines.js';

export const NAVIGATION_FILE = 'navigation.yml';

const navItem = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty'),
  url: z.string().regex(/^\/[^\s?#]*$/, 'must be a page address starting with /, such as /country-info, without spaces, ? or #'),
});

export const navigationSchema = z.strictObject({
  primary: z.array(navItem).min(1, 'must list at least one item'),
  secondary: z.array(navItem).default([]),
  footer: z.array(navItem).default([]),
});

const ITEM_EXAMPLE = 'title: Contacts\nurl: /contacts';

/** How messages about navigation.yml name its parts and what they suggest writing. */
const NAVIGATION_WORDS: DataFileWords = {
  whole: NAVIGATION_FILE,
  example: (path) => {
    if (path.length === 1) return `- ${ITEM_EXAMPLE.replace('\n', '\n  ')}`;
    if (path.length === 2) return ITEM_EXAMPLE;
    return path[2] === 'url' ? '/page-address' : 'Menu label';
  },
  fields: (path) => (path.length === 0 ? Object.keys(navigationSchema.shape) : Object.keys(navItem.shape)),
};

/** A menu item, with where it was written: navigation.yml, or a page's own `menu:` (then `file` names the page). */
export type NavItem = z.output<typeof navItem> & { readonly line: number; readonly file?: string };
export type NavRow = 'primary' | 'secondary' | 'footer';
export type Navigation = Readonly<Record<NavRow, readonly NavItem[]>>;

export const EMPTY_NAVIGATION: Navigation = { primary: [], secondary: [], footer: [] };

export function readNavigation(text: string): Navigation {
  const parsed = readYamlFile(NAVIGATION_FILE, text, navigationSchema, NAVIGATION_WORDS);
  // Remember where each item's address was written, so the check can point an editor at the line.
  const lines = text.split(/\r?\n/);
  const locate =
    (row: NavRow) =>
    (item: z.output<typeof navItem>, index: number): NavItem => ({ ...item, line: lineOfPath(lines, [row, index, 'url']) + 1 });
  return { primary: parsed.primary.map(locate('primary')), secondary: parsed.secondary.map(locate('secondary')), footer: parsed.footer.map(locate('footer')) };
}

/** Which nav item holds a page: the item whose address is the page's or one of its ancestors', longest first. */
export function sectionOf(items: readonly NavItem[], pageUrl: string): NavItem | undefined {
  let best: NavItem | undefined;
  for (const item of items) {
    const within = item.url === pageUrl || (item.url !== '/' && pageUrl.startsWith(`${item.url}/`));
    if (within && (!best || item.url.length > best.url.length)) best = item;
  }
  return best;
}
