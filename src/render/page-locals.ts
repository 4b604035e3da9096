// Builds what the layout needs for one page: navigation with the current item marked, breadcrumbs, metadata.
import { sectionOf, type NavItem, type NavRow } from '../content/navigation.js';
import type { Page } from '../content/page.js';
import { breadcrumbsOf, childrenOf, type Site } from '../content/site.js';
import { formatDate, isoDate } from './format.js';
import { jsonForScript, SITE_NAME, structuredData } from './structured-data.js';

export interface RenderContext {
  readonly site: Site;
  readonly siteUrl: string;
  readonly assetUrl: (logicalPath: string) => string;
  /** The live-reload script, in development only. */
  readonly devScriptUrl: string | undefined;
}

export type NavLink = { readonly title: string; readonly url: string; readonly current: 'page' | 'true' | undefined };

/** Marks the nav item of the page itself with aria-current="page", and the item of its section with "true". */
export function navigationFor(site: Site, pageUrl: string | undefined): Record<NavRow, NavLink[]> {
  const rows = site.navigation;
  const all = [...rows.primary, ...rows.secondary];
  const section = pageUrl === undefined ? undefined : sectionOf(all, pageUrl);
  const mark = (item: NavItem): NavLink => ({
    title: item.title,
    url: item.url,
    current: item.url === pageUrl ? 'page' : item === section ? 'true' : undefined,
  });
  return { primary: rows.primary.map(mark), secondary: rows.secondary.map(mark), footer: rows.footer.map(mark) };
}

/** Browsers and search results cut titles near 70 characters (html-validate's long-title rule says the same). */
export const MAX_DOCUMENT_TITLE = 70;
const SUFFIX = ` – ${SITE_NAME}`;

/** "Page – UN in Kyrgyzstan"; a long title gives way to the page's shorter link title, then loses the suffix. */
export function documentTitle(title: string, url: string, linkTitle = title): string {
  if (url === '/') return title;
  for (const candidate of [title, linkTitle]) if (titleLength(candidate + SUFFIX) <= MAX_DOCUMENT_TITLE) return candidate + SUFFIX;
  return titleLength(title) <= MAX_DOCUMENT_TITLE ? title : linkTitle;
}

/** Length as html-validate measures it: of the escaped text, where an apostrophe is the five characters &#39;. */
export function titleLength(title: string): number {
  return title.replace(/['"&<>]/g, '12345').length;
}

export interface ChromeInput {
  readonly title: string;
  readonly linkTitle?: string;
  readonly description: string;
  readonly url: string | undefined;
  readonly breadcrumbs: readonly { title: string; url: string | undefined }[];
  readonly robots?: string;
  readonly jsonLd?: unknown;
}

/** Locals for the layout itself, shared by pages and error pages. */
export function chromeLocals(context: RenderContext, input: ChromeInput): Record<string, unknown> {
  return {
    documentTitle: documentTitle(input.title, input.url ?? '', input.linkTitle),
    title: input.title,
    description: input.description,
    canonicalUrl: input.url === undefined ? undefined : context.siteUrl + input.url,
    robots: input.robots,
    isHome: input.url === '/',
    siteName: SITE_NAME,
    navigation: navigationFor(context.site, input.url),
    breadcrumbs: input.breadcrumbs,
    jsonLdHtml: input.jsonLd === undefined ? undefined : jsonForScript(input.jsonLd),
    assetUrl: context.assetUrl,
    devScriptUrl: context.devScriptUrl,
    feedUrl: '/news.atom',
  };
}

export function pageLocals(context: RenderContext, page: Page): Record<string, unknown> {
  const breadcrumbs = breadcrumbsOf(context.site, page);
  const children = page.layout === 'page' ? [] : childrenOf(context.site, page.url);
  const listed = page.layout === 'news' ? children.filter((child) => child.date).sort((a, b) => b.date!.getTime() - a.date!.getTime()) : children;
  return {
    ...chromeLocals(context, {
      title: page.title,
      linkTitle: page.linkTitle,
      description: page.description,
      url: page.url,
      breadcrumbs,
      jsonLd: structuredData(context.siteUrl, page, breadcrumbs),
    }),
    page,
    bodyHtml: page.bodyHtml,
    children: listed.map((child) => ({
      title: child.title,
      url: child.url,
      description: child.description,
      date: child.date && { iso: isoDate(child.date), text: formatDate(child.date) },
    })),
    published: page.date && { iso: isoDate(page.date), text: formatDate(page.date) },
    updated: { iso: isoDate(page.updated), text: formatDate(page.updated) },
  };
}
