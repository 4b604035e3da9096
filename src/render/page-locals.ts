// Builds a page's locals: the layout's (navigation with the current item marked, breadcrumbs, metadata) and its own.
import { sectionOf, type NavItem, type NavRow } from '../content/navigation.js';
import type { Page } from '../content/page.js';
import { breadcrumbsOf, childrenOf, type Site } from '../content/site.js';
import { documentTitle } from '../content/document-title.js';
import { DEFAULT_LANGUAGE, homeOf, LANGUAGES } from '../content/languages.js';
import { newestFirst } from '../content/news.js';
import type { Translations } from '../content/translations.js';
import { isoDay } from '../lib/calendar-day.js';
import { formatDate } from './format.js';
import { feedUrlOf } from './news-feed.js';
import type { InterfaceText } from './interface-text.js';
import type { Breadcrumb, LanguageSwitcherLocals, NavLinkLocals } from './partial-locals.js';
import { headerSearch } from './search-forms.js';
import { sizeImages, type ImageLookup } from './responsive-images.js';
import { jsonForScript, structuredData } from './structured-data.js';
import type { ChromeLocals, DayText, PageTemplateLocals } from './template-locals.js';

export interface RenderContext {
  readonly site: Site;
  /** The edition's interface text, and its language. */
  readonly text: InterfaceText;
  /** Every language's interface text: the switcher speaks to each reader in their own language. */
  readonly texts: (code: string) => InterfaceText;
  /** The versions of each page in other languages, across every edition of this generation. */
  readonly translations: Translations;
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
  /**
   * The query parameters the page's other versions understand too (a search's `q`), which the language switcher
   * carries over. The route names them; nothing else of the request's query is ever copied into a link.
   */
  readonly switcherQuery?: Readonly<Record<string, string>>;
}

/**
 * "?q=osh" for { q: 'osh' }; "" when no parameter has a value. Encoded as the search page's own links are
 * (encodeURIComponent, a space as %20), so that one search has one address wherever it is linked from.
 */
function queryString(query: Readonly<Record<string, string>> | undefined): string {
  const kept = Object.entries(query ?? {}).filter(([, value]) => value !== '');
  return kept.length === 0 ? '' : `?${kept.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&')}`;
}

/**
 * The language switcher: for each other language, the page in it (with the query its versions share, such as a
 * search's), or, when there is none, a note in that language saying so and a link to its home page. An error page
 * (no address of its own) links each language's home page.
 */
export function languageSwitcher(context: RenderContext, url: string | undefined, query?: Readonly<Record<string, string>>): LanguageSwitcherLocals {
  const own = context.text.language;
  const versions = url === undefined ? undefined : context.translations.get(url);
  const links = LANGUAGES.filter((language) => language !== own).map((language) => {
    const words = context.texts(language.code);
    const version = versions?.find((each) => each.language === language);
    if (version) return { lang: language.code, url: version.url + queryString(query), text: words.t('language.name'), note: undefined };
    if (url === undefined) return { lang: language.code, url: homeOf(language), text: words.t('language.name'), note: undefined };
    return { lang: language.code, url: homeOf(language), text: words.t('language.home'), note: words.t('language.not_translated') };
  });
  return { label: context.text.t('language.switcher_label'), links };
}

/** hreflang alternates of a page with translations: each version (itself included), absolute, and x-default (English). */
function alternatesOf(context: RenderContext, url: string | undefined): ChromeLocals['alternates'] {
  const versions = url === undefined ? undefined : context.translations.get(url);
  if (!versions) return [];
  const links = versions.map((version) => ({ hreflang: version.language.code, href: context.siteUrl + version.url }));
  const fallback = versions.find((version) => version.language === DEFAULT_LANGUAGE) ?? versions[0]!;
  return [...links, { hreflang: 'x-default', href: context.siteUrl + fallback.url }];
}

/** Locals for the layout itself, shared by pages and error pages. */
export function chromeLocals(context: RenderContext, input: ChromeInput): ChromeLocals {
  const navigation = navigationFor(context.site, input.url);
  const { t, language } = context.text;
  const home = homeOf(language);
  const versions = input.url === undefined ? undefined : context.translations.get(input.url);
  return {
    lang: language.code,
    documentTitle: documentTitle(input.title, input.url ?? '', input.linkTitle, t('site.name')),
    title: input.title,
    description: input.description,
    canonicalUrl: input.url === undefined ? undefined : context.siteUrl + input.url,
    robots: input.robots,
    siteName: t('site.name'),
    ogLocale: language.ogLocale,
    ogLocaleAlternates: (versions ?? []).filter((version) => version.language !== language).map((version) => version.language.ogLocale),
    alternates: alternatesOf(context, input.url),
    feedUrl: feedUrlOf(language),
    feedTitle: t('site.feed_title'),
    alternateFeeds: input.feeds ?? [],
    skipLink: t('chrome.skip_link'),
    jsonLdHtml: input.jsonLd === undefined ? undefined : jsonForScript(input.jsonLd),
    assetUrl: context.assetUrl,
    devScriptUrl: context.devScriptUrl,
    header: {
      isHome: input.url === home,
      homeUrl: home,
      wordmark: { short: t('site.wordmark_short'), name: t('site.wordmark_name'), in: t('site.wordmark_in') },
      menuLabel: t('chrome.menu'),
      navLabel: t('chrome.nav_label'),
      languages: languageSwitcher(context, input.url, input.switcherQuery),
      search: headerSearch(context.text),
      primary: navigation.primary,
      secondary: navigation.secondary,
    },
    breadcrumbs: { label: t('chrome.breadcrumb_label'), items: input.breadcrumbs },
    footer: { credits: [t('chrome.copyright'), t('chrome.hosted_by'), t('chrome.design')], label: t('chrome.footer_label'), links: navigation.footer },
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
    jsonLd: structuredData(context.siteUrl, page, breadcrumbs, 'WebPage', context.text),
  });
}

/** A page's own locals; `bodyHtml` stands in for its body (a marker to lay a large body out around, see SiteRenderer). */
export function pageLocals(context: RenderContext, page: Page, bodyHtml?: string): PageTemplateLocals {
  const children = page.layout === 'page' ? [] : childrenOf(context.site, page.url);
  const listed = page.layout === 'news' ? newestFirst(children) : children;
  const lang = context.text.language.code;
  const dayText = (date: Date): DayText => ({ iso: isoDay(date), text: formatDate(date, lang) });
  return {
    t: context.text.t,
    title: page.title,
    layout: page.layout,
    draft: page.draft,
    published: page.date && dayText(page.date),
    bodyHtml: bodyHtml ?? sizeImages(page.bodyHtml, page.url, context.image),
    children: listed.map((child) => ({ title: child.title, url: child.url, description: child.description, date: child.date && dayText(child.date) })),
    updated: dayText(page.updated),
  };
}
