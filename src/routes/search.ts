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
import type { Prepared } from '../http/prepared.js';
import { prepareUnavailable } from '../http/prepared-unavailable.js';
import { wantsHtml } from '../http/send-error.js';
import { servePrepared } from '../http/serve-prepared.js';
import { countedWarning } from '../lib/counted-warning.js';
import type { Logger } from '../lib/logger.js';
import type { RenderContext } from '../render/page-locals.js';
import { SearchUnavailableError } from '../search/search-engine.js';
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

/** Why a search gets 503: too many under way (refused at once), or the search thread is down for a moment. */
type Unavailable = 'busy' | 'down';

/** What the 503 page says, in the edition's language (i18n/: search.busy_*, search.down_*). */
function unavailableText(text: InterfaceText, why: Unavailable): { title: string; note: string } {
  return { title: text.t(`search.${why}_title`), note: text.t(`search.${why}_text`, { seconds: BUSY_RETRY_SECONDS }) };
}

/** The 503 for clients that want JSON or text, through the one error handler; counted here, as a browser's is. */
function unavailableError(text: InterfaceText, why: Unavailable, cause?: Error): HttpError {
  const message = why === 'busy' ? 'search refused: too many searches under way' : 'search unavailable: the search thread is down';
  const headers = { 'Retry-After': String(BUSY_RETRY_SECONDS) };
  return new HttpError(503, message, { cause, headers, shown: unavailableText(text, why), counted: true });
}

/**
 * The 503 page a browser gets, rendered and compressed once per edition of a generation and sent as a prepared
 * response: under a flood of searches most answers are refusals, and rendering, negotiating and logging each one
 * through the error handler cost the serving thread about 0.3 ms, as much as a page of results.
 */
function unavailablePages(renderer: SiteRenderer): (context: RenderContext, why: Unavailable) => Prepared {
  const kept = new WeakMap<RenderContext, Map<Unavailable, Prepared>>();
  return (context, why) => {
    let pages = kept.get(context);
    if (!pages) kept.set(context, (pages = new Map<Unavailable, Prepared>()));
    let page = pages.get(why);
    if (!page) {
      const { title, note } = unavailableText(context.text, why);
      page = prepareUnavailable(renderer.renderError(context, 503, note, title), BUSY_RETRY_SECONDS, { varyOnAccept: true });
      page.precompress();
      pages.set(why, page);
    }
    return page;
  };
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

/**
 * Searches the forum's public topics (src/routes/forum/forum-search-source.ts): undefined when there is no forum to
 * search, 'busy' when the bound of searches under way refused it.
 */
export type ForumTopicSearch = (query: string, limit: number) => Promise<ForumSearchResults | 'busy' | undefined>;

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
): Promise<SearchPageLocals['forum'] | 'busy'> {
  if (!forum || page > 1 || query === '') return undefined;
  const found = await forum(query, FORUM_HITS);
  if (!found || found === 'busy') return found;
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
  logger: Logger;
  forum?: ForumTopicSearch;
}> = {
  paths: SEARCH_PATHS,
  router: ({ renderer, snapshot, cache, searches, logger, forum }) => {
    const unavailablePage = unavailablePages(renderer);
    // One line a minute at most for each, with the count: the request log already has each refusal's 503.
    const noted = {
      busy: countedWarning(logger, 'searches refused: too many under way', 60_000),
      down: countedWarning(logger, 'searches refused: the search thread is down', 60_000),
    };
    const unavailable = (req: Request, res: Response, context: RenderContext, why: Unavailable, cause?: Error): void => {
      noted[why]();
      if (!wantsHtml(req)) throw unavailableError(context.text, why, cause);
      servePrepared(req, res, unavailablePage(context, why));
    };
    // What the search thread being down looks like here: the error itself, to answer 503 with; other failures go on.
    const orDown = async <T>(waiting: Promise<T>): Promise<T | SearchUnavailableError> => {
      try {
        return await waiting;
      } catch (error) {
        if (error instanceof SearchUnavailableError) return error;
        throw error;
      }
    };
    return readOnlyRouter(SEARCH_PATHS, async (req: Request, res: Response) => {
      // Right after start a large site may still be indexing; wait for it rather than answer with half the site.
      const indexing = await orDown(snapshot().editionFor(req.path).search.ready);
      const current = snapshot();
      // Each edition searches its own index (per language), through the one bound and cache every edition shares.
      const edition = current.editionFor(req.path);
      if (indexing instanceof SearchUnavailableError) return unavailable(req, res, edition.context, 'down', indexing);
      const raw = firstString(req.query['q']);
      const requestedPage = Number.parseInt(firstString(req.query['page']), 10);
      const page = Number.isFinite(requestedPage) ? Math.min(Math.max(requestedPage, 1), MAX_PAGE) : 1;
      const target = { generation: current.generation, index: edition.search, site: edition.site };
      const searching = searches.search(target, raw, (page - 1) * RESULTS_PER_PAGE, RESULTS_PER_PAGE);
      if (!searching) return unavailable(req, res, edition.context, 'busy');
      const results = await orDown(searching);
      if (results instanceof SearchUnavailableError) return unavailable(req, res, edition.context, 'down', results);
      // The forum's topics are searched on the search thread too, under the same bound: refused or down alike.
      const forumPart = await orDown(forumLocals(current, forum, results.query, page, edition.context.text.language));
      if (forumPart instanceof SearchUnavailableError) return unavailable(req, res, edition.context, 'down', forumPart);
      if (forumPart === 'busy') return unavailable(req, res, edition.context, 'busy');
      // Results change with the content and differ per query: caches keep them briefly, and never index them.
      res.setHeader('Cache-Control', cache.search);
      res.setHeader('X-Robots-Tag', 'noindex');
      const locals = resultsLocals(edition, results, page, forumPart);
      res.type('html').send(renderer.renderInLayout('pages/search', locals, resultsChrome(edition, results.query, page)));
    });
  },
};
