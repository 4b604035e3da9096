// The navigation file (content/navigation.yml): the two rows of the original site and the footer links.
import { z } from 'zod';
import { readYamlFile } from './read-yaml-file.js';

export const NAVIGATION_FILE = 'navigation.yml';

const navItem = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty'),
  url: z.string().regex(/^\/[^\s?#]*$/, 'must be a page address starting with /, such as /country-info'),
});

export const navigationSchema = z.strictObject({
  primary: z.array(navItem).min(1, 'must list at least one item'),
  secondary: z.array(navItem).default([]),
  footer: z.array(navItem).default([]),
});

/** A menu item, with where it was written: navigation.yml, or a page's own `menu:` (then `file` names the page). */
export type NavItem = z.output<typeof navItem> & { readonly line: number; readonly file?: string };
export type NavRow = 'primary' | 'secondary' | 'footer';
export type Navigation = Readonly<Record<NavRow, readonly NavItem[]>>;

export const EMPTY_NAVIGATION: Navigation = { primary: [], secondary: [], footer: [] };

export function readNavigation(text: string): Navigation {
  const parsed = readYamlFile(NAVIGATION_FILE, text, navigationSchema);
  // Remember where each item was written, so the check can point an editor at the line.
  const lines = text.split(/\r?\n/);
  let cursor = 0;
  const locate = (item: z.output<typeof navItem>): NavItem => {
    const written = new RegExp(`url:\\s*["']?${escapeRegExp(item.url)}["']?\\s*$`);
    const found = lines.findIndex((line, index) => index >= cursor && written.test(line));
    if (found !== -1) cursor = found + 1;
    return { ...item, line: found === -1 ? 1 : found + 1 };
  };
  return { primary: parsed.primary.map(locate), secondary: parsed.secondary.map(locate), footer: parsed.footer.map(locate) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
