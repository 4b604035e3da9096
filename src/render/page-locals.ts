// Builds what the layout needs for one page: navigation with the current item marked, breadcrumbs, metadata.
import { sectionOf, type NavItem, type NavRow } from '../content/navigation.js';
import type { Page } from '../content/page.js';
import { breadcrumbsOf, childrenOf, type Site } from '../content/site.js';
import { documentTitle } from '../content/document-title.js';
import { newestFirst } from '../content/news.js';
import { SITE_NAME } from '../content/site-identity.js';
import { isoDay } from '../lib/calendar-day.js';
import { formatDate } from './format.js';
import { sizeImages, type ImageLookup } from './responsive-images.js';
import { jsonForScript, structuredData } from './structured-data.js';

export interface RenderContext {
  readonly site: Site;
  readonly siteUrl: string;
  readonly assetUrl: (logicalPath: string) => string;
  /** Images of public/ with their size and variants, for page bodies. */
  readonly image: ImageLookup;
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
  const listed = page.layout === 'news' ? newestFirst(children) : children;
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
    bodyHtml: sizeImages(page.bodyHtml, page.url, context.image),
    children: listed.map((child) => ({
      title: child.title,
      url: child.url,
      description: child.description,
      date: child.date && { iso: isoDay(child.date), text: formatDate(child.date) },
    })),
    published: page.date && { iso: isoDay(page.date), text: formatDate(page.date) },
    updated: { iso: isoDay(page.updated), text: formatDate(page.updated) },
  };
}
