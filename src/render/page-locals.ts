// Builds a page's locals: the layout's (navigation with the current item marked, breadcrumbs, metadata) and its own.
import { sectionOf, type NavItem, type NavRow } from '../content/navigation.js';
import type { Page } from '../content/page.js';
import { breadcrumbsOf, childrenOf, type Site } from '../content/site.js';
import { documentTitle } from '../content/document-title.js';
import { newestFirst } from '../content/news.js';
import { SITE_NAME } from '../content/site-identity.js';
import { isoDay } from '../lib/calendar-day.js';
import { formatDate } from './format.js';
import type { Breadcrumb, NavLinkLocals } from './partial-locals.js';
import { HEADER_SEARCH } from './search-forms.js';
import { sizeImages, type ImageLookup } from './responsive-images.js';
import { jsonForScript, structuredData } from './structured-data.js';
import type { ChromeLocals, DayText, PageTemplateLocals } from './template-locals.js';

export interface RenderContext {
  readonly site: Site;
  readonly siteUrl: string;
  readonly assetUrl: (logicalPath: string) => string;
  /** Images of public/ with their size and variants, for page bodies. */
  readonly image: ImageLookup;
  /** The live-reload script, in development only. */
  readonly devScriptUrl: string | undefined;
}

/** Marks the nav item of the page itself with aria-current="page", and the item of its section with "true". */
export function navigationFor(site: Site, pageUrl: string | undefined): Record<NavRow, NavLinkLocals[]> {
  const rows = site.navigation;
  const all = [...rows.primary, ...rows.secondary];
  const section = pageUrl === undefined ? undefined : sectionOf(all, pageUrl);
  const mark = (item: NavItem): NavLinkLocals => ({
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
  readonly breadcrumbs: readonly Breadcrumb[];
  readonly robots?: string;
  readonly jsonLd?: unknown;
  /** Feeds that follow this page (a forum category's), linked in the head for feed readers to find. */
  readonly feeds?: readonly { readonly title: string; readonly url: string }[];
}

/** Locals for the layout itself, shared by pages and error pages. */
export function chromeLocals(context: RenderContext, input: ChromeInput): ChromeLocals {
  const navigation = navigationFor(context.site, input.url);
  return {
    documentTitle: documentTitle(input.title, input.url ?? '', input.linkTitle),
    title: input.title,
    description: input.description,
    canonicalUrl: input.url === undefined ? undefined : context.siteUrl + input.url,
    robots: input.robots,
    siteName: SITE_NAME,
    feedUrl: '/news.atom',
    alternateFeeds: input.feeds ?? [],
    jsonLdHtml: input.jsonLd === undefined ? undefined : jsonForScript(input.jsonLd),
    assetUrl: context.assetUrl,
    devScriptUrl: context.devScriptUrl,
    header: { isHome: input.url === '/', search: HEADER_SEARCH, primary: navigation.primary, secondary: navigation.secondary },
    breadcrumbs: { items: input.breadcrumbs },
    footer: { links: navigation.footer },
  };
}

/** The layout's locals for a content page: its trail of breadcrumbs, also given to search engines as JSON-LD. */
export function pageChrome(context: RenderContext, page: Page): ChromeLocals {
  const breadcrumbs = breadcrumbsOf(context.site, page);
  return chromeLocals(context, {
    title: page.title,
    linkTitle: page.linkTitle,
    description: page.description,
    url: page.url,
    breadcrumbs,
    jsonLd: structuredData(context.siteUrl, page, breadcrumbs),
  });
}

export function pageLocals(context: RenderContext, page: Page): PageTemplateLocals {
  const children = page.layout === 'page' ? [] : childrenOf(context.site, page.url);
  const listed = page.layout === 'news' ? newestFirst(children) : children;
  return {
    title: page.title,
    layout: page.layout,
    draft: page.draft,
    published: page.date && dayText(page.date),
    bodyHtml: sizeImages(page.bodyHtml, page.url, context.image),
    children: listed.map((child) => ({ title: child.title, url: child.url, description: child.description, date: child.date && dayText(child.date) })),
    updated: dayText(page.updated),
  };
}

function dayText(date: Date): DayText {
  return { iso: isoDay(date), text: formatDate(date) };
}
