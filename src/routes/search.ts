// GET /search?q=…&page=N: server-rendered results in the site's layout; works with JavaScript off.
import type { Request, Response } from 'express';
import { homeOf, inLanguage, LANGUAGES, type Language } from '../content/languages.js';
import type { CachePolicy } from '../http/cache-policy.js';
import type { Edition } from '../publish/edition.js';
import type { Snapshot } from '../publish/snapshot.js';
import { chromeLocals } from '../render/page-locals.js';
import { resultsPageSearch, searchPathOf } from '../render/search-forms.js';
import type { InterfaceText } from '../render/interface-text.js';
import type { SiteRenderer } from '../render/site-renderer.js';
import { structuredData } from '../render/structured-data.js';
import type { ChromeLocals, SearchPageLocals } from '../render/template-locals.js';
import type { ForumSearchResults } from '../search/forum-search.js';
import { categoriesIn } from '../content/forum-settings.js';
import { HttpError } from '../http/http-error.js';
import { GateFullError } from '../lib/concurrency-gate.js';
import { MAX_QUERY_LENGTH, MAX_QUERY_WORDS, type SearchResults } from '../search/search-index.js';
import type { SearchService } from '../search/search-service.js';
import { readOnlyRouter, type AppRoute } from './app-route.js';

export const SEARCH_PATH = '/search';
/** Each edition searches its own pages, in its language: /search, /ru/search (Russian stemming). */
export const SEARCH_PATHS: readonly string[] = LANGUAGES.map(searchPathOf);
export const RESULTS_PER_PAGE = 10;
/** Deeper pages are never useful and only cost time. */
const MAX_PAGE = 50;
/** Seconds a refused search is asked to wait: searches take milliseconds, so the crowd has usually gone by then. */
const BUSY_RETRY_SECONDS = 5;

/** The 503 a refused search gets, said in the edition's language (i18n/: search.busy_title, search.busy_text). */
function busyError(cause: GateFullError, text: InterfaceText): HttpError {
  return new HttpError(503, 'search refused: too many searches under way', {
    cause,
    headers: { 'Retry-After': String(BUSY_RETRY_SECONDS) },
    shown: { title: text.t('search.busy_title'), note: text.t('search.busy_text', { seconds: BUSY_RETRY_SECONDS }) },
  });
}

function firstString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

function searchHeading(edition: Edition, query: string, page: number): string {
  const { t } = edition.context.text;
  if (query === '') return t('search.title');
  return page > 1 ? t('search.heading_page', { query, page }) : t('search.heading', { query });
}

function resultsChrome(edition: Edition, query: string, page: number): ChromeLocals {
  const { text } = edition.context;
  const url = searchPathOf(text.language);
  const heading = searchHeading(edition, query, page);
  const description = text.t('search.description');
  const breadcrumbs = [
    { title: text.t('chrome.home'), url: homeOf(text.language) },
    { title: text.t('search.title'), url: undefined },
  ];
  const shortQuery = query.length > 30 ? `${query.slice(0, 30)}…` : query;
  return chromeLocals(edition.context, {
    title: heading,
    linkTitle: query === '' ? text.t('search.title') : `${text.t('search.link_title', { query: shortQuery })}${page > 1 ? ` (${page})` : ''}`,
    description,
    url,
    breadcrumbs,
    robots: 'noindex',
    // Results have no date of their own: the time of rendering would only make two identical result pages differ.
    jsonLd: structuredData(edition.context.siteUrl, { title: heading, description, updated: undefined, url }, breadcrumbs, 'SearchResultsPage', text),
    // The same words searched in the other edition; not the page number, as the other edition's results differ.
    switcherQuery: { q: query },
  });
}

/** How many forum topics the first page of results shows, beside the pages. */
const FORUM_HITS = 5;

/** Searches the forum's public topics (src/routes/forum/forum-search-source.ts); undefined when there is no forum to search. */
export type ForumTopicSearch = (query: string, limit: number) => Promise<ForumSearchResults | undefined>;

/**
 * The forum's topics matching the query, on the first page of results. One forum serves every edition, its
 * categories named in the default edition's content/forum.yml, so the categories' titles come from that edition.
 */
async function forumLocals(
  snapshot: Snapshot,
  forum: ForumTopicSearch | undefined,
  query: string,
  page: number,
  language: Language,
): Promise<SearchPageLocals['forum']> {
  if (!forum || page > 1 || query === '') return undefined;
  const found = await forum(query, FORUM_HITS);
  if (!found) return undefined;
  const categories = categoriesIn(snapshot.edition().site.forum?.categories ?? [], language.code);
  const titleOf = (slug: string): string => categories.find((category) => category.slug === slug)?.title ?? '';
  // A topic found from /ru/search opens in the Russian forum (/ru/forum/t/…): the same posts, the reader's language around them.
  return { total: found.total, hits: found.hits.map((hit) => ({ ...hit, url: inLanguage(language, hit.url), category: titleOf(hit.categorySlug) })) };
}

function resultsLocals(edition: Edition, results: SearchResults, page: number, forum: SearchPageLocals['forum']): SearchPageLocals {
  const { text } = edition.context;
  return {
    t: text.t,
    searchUrl: searchPathOf(text.language),
    heading: searchHeading(edition, results.query, page),
    form: resultsPageSearch(text, results.query),
    query: results.query,
    cut: results.cut,
    maxLength: MAX_QUERY_LENGTH,
    maxWords: MAX_QUERY_WORDS,
    total: results.total,
    hits: results.hits,
    suggestions: results.suggestions,
    offset: (page - 1) * RESULTS_PER_PAGE,
    page,
    pages: Math.min(Math.ceil(results.total / RESULTS_PER_PAGE), MAX_PAGE),
    sections: [...edition.site.navigation.primary, ...edition.site.navigation.secondary],
    forum,
  };
}

export const searchRoute: AppRoute<{
  renderer: SiteRenderer;
  snapshot: () => Snapshot;
  cache: CachePolicy;
  searches: SearchService;
  forum?: ForumTopicSearch;
}> = {
  paths: SEARCH_PATHS,
  router: ({ renderer, snapshot, cache, searches, forum }) =>
    readOnlyRouter(SEARCH_PATHS, async (req: Request, res: Response) => {
      // Right after start a large site may still be indexing; wait for it rather than answer with half the site.
      await snapshot().editionFor(req.path).search.ready;
      const current = snapshot();
      // Each edition searches its own index (per language), through the one bound and cache every edition shares.
      const edition = current.editionFor(req.path);
      const raw = firstString(req.query['q']);
      const requestedPage = Number.parseInt(firstString(req.query['page']), 10);
      const page = Number.isFinite(requestedPage) ? Math.min(Math.max(requestedPage, 1), MAX_PAGE) : 1;
      const target = { generation: current.generation, index: edition.search, site: edition.site };
      const results = await searches.search(target, raw, (page - 1) * RESULTS_PER_PAGE, RESULTS_PER_PAGE).catch((error: unknown) => {
        throw error instanceof GateFullError ? busyError(error, edition.context.text) : error;
      });
      // Results change with the content and differ per query: caches keep them briefly, and never index them.
      res.setHeader('Cache-Control', cache.search);
      res.setHeader('X-Robots-Tag', 'noindex');
      const locals = resultsLocals(edition, results, page, await forumLocals(current, forum, results.query, page, edition.context.text.language));
      res.type('html').send(renderer.renderInLayout('pages/search', locals, resultsChrome(edition, results.query, page)));
    }),
};
