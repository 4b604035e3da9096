// GET /search?q=…&page=N: server-rendered results in the site's layout; works with JavaScript off.
import type { Request, Response } from 'express';
import { SITE_NAME } from '../content/site-identity.js';
import type { CachePolicy } from '../http/cache-policy.js';
import type { Edition } from '../publish/edition.js';
import type { Snapshot } from '../publish/snapshot.js';
import { chromeLocals } from '../render/page-locals.js';
import { resultsPageSearch } from '../render/search-forms.js';
import type { SiteRenderer } from '../render/site-renderer.js';
import { structuredData } from '../render/structured-data.js';
import type { ChromeLocals, SearchPageLocals } from '../render/template-locals.js';
import type { ForumSearchResults } from '../search/forum-search.js';
import { HttpError } from '../http/http-error.js';
import { GateFullError } from '../lib/concurrency-gate.js';
import { MAX_QUERY_LENGTH, MAX_QUERY_WORDS, type SearchResults } from '../search/search-index.js';
import type { SearchService } from '../search/search-service.js';
import { readOnlyRouter, type AppRoute } from './app-route.js';

export const SEARCH_PATH = '/search';
export const RESULTS_PER_PAGE = 10;
/** Deeper pages are never useful and only cost time. */
const MAX_PAGE = 50;
/** Seconds a refused search is asked to wait: searches take milliseconds, so the crowd has usually gone by then. */
const BUSY_RETRY_SECONDS = 5;

function busyError(cause: GateFullError): HttpError {
  return new HttpError(503, 'search refused: too many searches under way', {
    cause,
    headers: { 'Retry-After': String(BUSY_RETRY_SECONDS) },
    shown: {
      title: 'Search is busy',
      note:
        `Many searches are being made at this moment. Please search again in ${BUSY_RETRY_SECONDS} seconds; ` +
        'every page can also be reached from the menus above.',
    },
  });
}

function firstString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

function searchHeading(query: string, page: number): string {
  return query === '' ? 'Search' : `Search results for “${query}”${page > 1 ? ` (page ${page})` : ''}`;
}

function resultsChrome(edition: Edition, query: string, page: number): ChromeLocals {
  const heading = searchHeading(query, page);
  const description = `Search every page of the ${SITE_NAME} website.`;
  const breadcrumbs = [
    { title: 'Home', url: '/' },
    { title: 'Search', url: undefined },
  ];
  const shortQuery = query.length > 30 ? `${query.slice(0, 30)}…` : query;
  return chromeLocals(edition.context, {
    title: heading,
    linkTitle: query === '' ? 'Search' : `Search: ${shortQuery}${page > 1 ? ` (${page})` : ''}`,
    description,
    url: SEARCH_PATH,
    breadcrumbs,
    robots: 'noindex',
    jsonLd: structuredData(edition.context.siteUrl, { title: heading, description, updated: new Date(), url: SEARCH_PATH }, breadcrumbs, 'SearchResultsPage'),
  });
}

/** How many forum topics the first page of results shows, beside the pages. */
const FORUM_HITS = 5;

/** Searches the forum's public topics (src/routes/forum/forum-search-source.ts); undefined when there is no forum to search. */
export type ForumTopicSearch = (query: string, limit: number) => Promise<ForumSearchResults | undefined>;

async function forumLocals(edition: Edition, forum: ForumTopicSearch | undefined, query: string, page: number): Promise<SearchPageLocals['forum']> {
  if (!forum || page > 1 || query === '') return undefined;
  const found = await forum(query, FORUM_HITS);
  if (!found) return undefined;
  const titleOf = (slug: string): string => edition.site.forum?.categories.find((category) => category.slug === slug)?.title ?? '';
  return { total: found.total, hits: found.hits.map((hit) => ({ ...hit, category: titleOf(hit.categorySlug) })) };
}

function resultsLocals(edition: Edition, results: SearchResults, page: number, forum: SearchPageLocals['forum']): SearchPageLocals {
  return {
    heading: searchHeading(results.query, page),
    form: resultsPageSearch(results.query),
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
  paths: [SEARCH_PATH],
  router: ({ renderer, snapshot, cache, searches, forum }) =>
    readOnlyRouter(SEARCH_PATH, async (req: Request, res: Response) => {
      // Right after start a large site may still be indexing; wait for it rather than answer with half the site.
      await snapshot().edition().search.ready;
      const current = snapshot();
      const edition = current.editionFor(SEARCH_PATH);
      const raw = firstString(req.query['q']);
      const requestedPage = Number.parseInt(firstString(req.query['page']), 10);
      const page = Number.isFinite(requestedPage) ? Math.min(Math.max(requestedPage, 1), MAX_PAGE) : 1;
      const target = { generation: current.generation, index: edition.search, site: edition.site };
      const results = await searches.search(target, raw, (page - 1) * RESULTS_PER_PAGE, RESULTS_PER_PAGE).catch((error: unknown) => {
        throw error instanceof GateFullError ? busyError(error) : error;
      });
      // Results change with the content and differ per query: caches keep them briefly, and never index them.
      res.setHeader('Cache-Control', cache.search);
      res.setHeader('X-Robots-Tag', 'noindex');
      const locals = resultsLocals(edition, results, page, await forumLocals(edition, forum, results.query, page));
      res.type('html').send(renderer.renderInLayout('pages/search', locals, resultsChrome(edition, results.query, page)));
    }),
};
