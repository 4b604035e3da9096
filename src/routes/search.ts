// GET /search?q=…&page=N: server-rendered results in the site's layout; works with JavaScript off.
import { Router, type Request, type Response } from 'express';
import { HttpError } from '../http-error.js';
import { structuredData } from '../render/structured-data.js';
import { chromeLocals, type RenderContext } from '../render/page-locals.js';
import type { SiteRenderer } from '../render/site-renderer.js';
import { MAX_QUERY_LENGTH, type SearchIndex } from '../search/search-index.js';

export const RESULTS_PER_PAGE = 10;
/** Deeper pages are never useful and only cost time. */
const MAX_PAGE = 50;

function firstString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

export function searchRouter(renderer: SiteRenderer, index: () => SearchIndex, context: () => RenderContext): Router {
  const router = Router();
  router.get('/search', async (req: Request, res: Response) => {
    // Right after start a large site may still be indexing; wait for it rather than answer with half the site.
    await index().ready;
    const raw = firstString(req.query['q']);
    const truncated = raw.length > MAX_QUERY_LENGTH;
    const requestedPage = Number.parseInt(firstString(req.query['page']), 10);
    const page = Number.isFinite(requestedPage) ? Math.min(Math.max(requestedPage, 1), MAX_PAGE) : 1;
    const offset = (page - 1) * RESULTS_PER_PAGE;
    const results = index().search(raw, offset, RESULTS_PER_PAGE);
    const site = context().site;
    const heading = results.query === '' ? 'Search' : `Search results for “${results.query}”${page > 1 ? ` (page ${page})` : ''}`;
    const description = 'Search every page of the UN in Kyrgyzstan website.';
    const breadcrumbs = [
      { title: 'Home', url: '/' },
      { title: 'Search', url: undefined },
    ];
    const shortQuery = results.query.length > 30 ? `${results.query.slice(0, 30)}…` : results.query;
    const locals = {
      ...chromeLocals(context(), {
        title: heading,
        linkTitle: results.query === '' ? 'Search' : `Search: ${shortQuery}${page > 1 ? ` (${page})` : ''}`,
        description,
        url: '/search',
        breadcrumbs,
        robots: 'noindex',
        jsonLd: structuredData(context().siteUrl, { title: heading, description, updated: new Date(), url: '/search' }, breadcrumbs, 'SearchResultsPage'),
      }),
      heading,
      query: results.query,
      truncated,
      maxLength: MAX_QUERY_LENGTH,
      total: results.total,
      hits: results.hits,
      suggestions: results.suggestions,
      offset,
      page,
      pages: Math.min(Math.ceil(results.total / RESULTS_PER_PAGE), MAX_PAGE),
      sections: [...site.navigation.primary, ...site.navigation.secondary],
    };
    // Results change with the content and differ per query: caches may keep them a minute, never index them.
    res.setHeader('Cache-Control', 'public, max-age=60');
    res.setHeader('X-Robots-Tag', 'noindex');
    res.type('html').send(renderer.renderInLayout('pages/search', locals));
  });
  router.all('/search', (_req: Request, _res: Response, next) => {
    next(new HttpError(405, 'search is read-only', { headers: { Allow: 'GET, HEAD' } }));
  });
  return router;
}
