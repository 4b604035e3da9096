// GET /stats: the usage statistics page in the site's layout, drawn on the server.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { HttpError } from '../http-error.js';
import { formatDate } from '../render/format.js';
import { chromeLocals, type RenderContext } from '../render/page-locals.js';
import { structuredData } from '../render/structured-data.js';
import type { SiteRenderer } from '../render/site-renderer.js';
import type { PageViewCounter } from '../stats/page-view-counter.js';
import { viewsChart } from '../stats/views-chart.js';

export function statsRouter(renderer: SiteRenderer, counter: () => PageViewCounter | undefined, context: () => RenderContext): Router {
  const router = Router();
  router.get('/stats', (_req: Request, res: Response) => {
    const summary = counter()?.summary();
    const site = context().site;
    const title = 'Web site usage statistics';
    const description = 'How many people read the UN in Kyrgyzstan website: page views per day, top pages and referring sites, counted without cookies.';
    const breadcrumbs = [
      { title: 'Home', url: '/' },
      { title, url: undefined },
    ];
    const last30 = summary ? summary.days.reduce((sum, day) => sum + day.views, 0) : 0;
    const busiest = summary?.days.reduce((best, day) => (day.views > best.views ? day : best), summary.days[0]!);
    const locals = {
      ...chromeLocals(context(), {
        title,
        linkTitle: title,
        description,
        url: '/stats',
        breadcrumbs,
        robots: 'noindex',
        jsonLd: structuredData(context().siteUrl, { title, description, updated: new Date(), url: '/stats' }, breadcrumbs),
      }),
      summary,
      last30,
      chart: summary ? viewsChart(summary.days) : undefined,
      chartDescription:
        summary && busiest
          ? `${last30} page views in 30 days; the busiest day was ${formatDate(new Date(`${busiest.day}T00:00:00Z`))} with ${busiest.views}.`
          : '',
      formatDay: (day: string) => formatDate(new Date(`${day}T00:00:00Z`)),
      titleOf: (path: string) => site.pages.get(path)?.linkTitle ?? path,
    };
    // Figures change every second: never cached, never indexed. Paused statistics answer 503 so monitors notice.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Robots-Tag', 'noindex');
    if (!summary) res.status(503).setHeader('Retry-After', '60');
    res.type('html').send(renderer.renderInLayout('pages/stats', locals));
  });
  router.all('/stats', (_req: Request, _res: Response, next: NextFunction) => {
    next(new HttpError(405, 'statistics are read-only', { headers: { Allow: 'GET, HEAD' } }));
  });
  return router;
}
