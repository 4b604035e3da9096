// GET /stats: the usage statistics page in the site's layout, drawn on the server.
import type { Request, Response } from 'express';
import { SITE_NAME } from '../content/site-identity.js';
import { NO_STORE } from '../http/cache-policy.js';
import { dayToDate } from '../lib/calendar-day.js';
import type { Edition } from '../publish/edition.js';
import type { Snapshot } from '../publish/snapshot.js';
import { formatDate } from '../render/format.js';
import { chromeLocals } from '../render/page-locals.js';
import type { SiteRenderer } from '../render/site-renderer.js';
import { structuredData } from '../render/structured-data.js';
import type { ChromeLocals, StatsPageLocals } from '../render/template-locals.js';
import type { PageViewCounter } from '../stats/page-view-counter.js';
import { CLIENT_VIEWS_PER_MINUTE } from '../stats/stats-limits.js';
import type { StatsSummary } from '../stats/stats-summary.js';
import { viewsChart } from '../stats/views-chart.js';
import { readOnlyRouter, type AppRoute } from './app-route.js';

export const STATS_PATH = '/stats';

function statsChrome(edition: Edition): ChromeLocals {
  const title = 'Web site usage statistics';
  const description = `How many people read the ${SITE_NAME} website: page views per day, top pages and referring sites, counted without cookies.`;
  const breadcrumbs = [
    { title: 'Home', url: '/' },
    { title, url: undefined },
  ];
  const jsonLd = structuredData(edition.context.siteUrl, { title, description, updated: new Date(), url: STATS_PATH }, breadcrumbs);
  return chromeLocals(edition.context, { title, linkTitle: title, description, url: STATS_PATH, breadcrumbs, robots: 'noindex', jsonLd });
}

function statsLocals(edition: Edition, summary: StatsSummary | undefined): StatsPageLocals {
  const clientViewsPerMinute = CLIENT_VIEWS_PER_MINUTE;
  if (!summary) return { summary, clientViewsPerMinute };
  const last30 = summary.days.reduce((sum, day) => sum + day.views, 0);
  const busiest = summary.days.reduce((best, day) => (day.views > best.views ? day : best), summary.days[0]!);
  return {
    clientViewsPerMinute,
    summary,
    last30,
    chart: viewsChart(summary.days),
    chartDescription: busiest ? `${last30} page views in 30 days; the busiest day was ${formatDate(dayToDate(busiest.day))} with ${busiest.views}.` : '',
    formatDay: (day: string) => formatDate(dayToDate(day)),
    titleOf: (path: string) => edition.site.pages.get(path)?.linkTitle ?? path,
  };
}

export const statsRoute: AppRoute<{ renderer: SiteRenderer; snapshot: () => Snapshot; counter: PageViewCounter | undefined }> = {
  paths: [STATS_PATH],
  router: ({ renderer, snapshot, counter }) => {
    // The page as last drawn: drawn again only when the figures' copy (at most every few seconds) or the edition
    // changes, so people polling /stats cost a lookup each, not a render.
    let drawn: { summary: StatsSummary | undefined; edition: Edition; html: string } | undefined;
    return readOnlyRouter(STATS_PATH, async (_req: Request, res: Response) => {
      const edition = snapshot().editionFor(STATS_PATH);
      const summary = await counter?.summary();
      if (drawn?.summary !== summary || drawn?.edition !== edition) {
        drawn = { summary, edition, html: renderer.renderInLayout('pages/stats', statsLocals(edition, summary), statsChrome(edition)) };
      }
      // Figures change every second: never cached, never indexed. Paused statistics answer 503 so monitors notice.
      res.setHeader('Cache-Control', NO_STORE);
      res.setHeader('X-Robots-Tag', 'noindex');
      if (!summary) res.status(503).setHeader('Retry-After', '60');
      res.type('html').send(drawn.html);
    });
  },
};
