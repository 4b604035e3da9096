// GET /stats and /ru/stats: the usage statistics page in the site's layout, drawn on the server, in each language.
import type { Request, Response } from 'express';
import { homeOf, LANGUAGES, type Language } from '../content/languages.js';
import { NO_STORE } from '../http/cache-policy.js';
import { dayToDate } from '../lib/calendar-day.js';
import type { Edition } from '../publish/edition.js';
import type { Snapshot } from '../publish/snapshot.js';
import { formatDate, formatNumber } from '../render/format.js';
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

/** The statistics page of an edition: /stats, /ru/stats. The figures are the whole site's; only the words differ. */
function statsPathOf(language: Language): string {
  return `${language.prefix}${STATS_PATH}`;
}

const STATS_PATHS: readonly string[] = LANGUAGES.map(statsPathOf);

/**
 * The page is dated by the figures it shows: the last day they count (a day in Bishkek), and not at all while they
 * are paused. The time of drawing (a UTC day) named the day before theirs for the six hours from Bishkek's midnight
 * to UTC's, and changed the page at UTC midnight with no figure changed.
 */
function lastDayCounted(summary: StatsSummary | undefined): Date | undefined {
  const last = summary?.days.at(-1);
  return last && dayToDate(last.day);
}

function statsChrome(edition: Edition, summary: StatsSummary | undefined): ChromeLocals {
  const { text } = edition.context;
  const url = statsPathOf(text.language);
  const title = text.t('stats.title');
  const description = text.t('stats.description');
  const breadcrumbs = [
    { title: text.t('chrome.home'), url: homeOf(text.language) },
    { title, url: undefined },
  ];
  const jsonLd = structuredData(edition.context.siteUrl, { title, description, updated: lastDayCounted(summary), url }, breadcrumbs, 'WebPage', text);
  return chromeLocals(edition.context, { title, linkTitle: title, description, url, breadcrumbs, robots: 'noindex', jsonLd });
}

/** A page's title in the edition's language when the edition has it, else in the language of the page. */
function titleOf(snapshot: Snapshot, edition: Edition, path: string): string {
  return (edition.site.pages.get(path) ?? snapshot.editionFor(path).site.pages.get(path))?.linkTitle ?? path;
}

function statsLocals(snapshot: Snapshot, edition: Edition, summary: StatsSummary | undefined): StatsPageLocals {
  const { t, language } = edition.context.text;
  const clientViewsPerMinute = CLIENT_VIEWS_PER_MINUTE;
  if (!summary) return { t, summary, clientViewsPerMinute };
  const last30 = summary.days.reduce((sum, day) => sum + day.views, 0);
  const busiest = summary.days.reduce((best, day) => (day.views > best.views ? day : best), summary.days[0]!);
  const day = (iso: string): string => formatDate(dayToDate(iso), language.code);
  return {
    t,
    clientViewsPerMinute,
    summary,
    formatNumber: (value: number) => formatNumber(value, language.code),
    last30,
    chart: viewsChart(summary.days, language.locale),
    chartDescription: busiest ? t('stats.chart_description', { views: last30, day: day(busiest.day), busiest: busiest.views }) : '',
    formatDay: day,
    titleOf: (path: string) => titleOf(snapshot, edition, path),
  };
}

export const statsRoute: AppRoute<{ renderer: SiteRenderer; snapshot: () => Snapshot; counter: PageViewCounter | undefined }> = {
  paths: STATS_PATHS,
  router: ({ renderer, snapshot, counter }) => {
    // The page of each language as last drawn: drawn again only when the figures' copy (at most every few seconds) or
    // the edition changes, so people polling /stats cost a lookup each, not a render.
    const drawn = new Map<string, { summary: StatsSummary | undefined; edition: Edition; html: string }>();
    return readOnlyRouter(STATS_PATHS, async (req: Request, res: Response) => {
      const current = snapshot();
      const edition = current.editionFor(req.path);
      const summary = await counter?.summary();
      let page = drawn.get(edition.lang);
      if (page?.summary !== summary || page?.edition !== edition) {
        page = { summary, edition, html: renderer.renderInLayout('pages/stats', statsLocals(current, edition, summary), statsChrome(edition, summary)) };
        drawn.set(edition.lang, page);
      }
      // Figures change every second: never cached, never indexed. Paused statistics answer 503 so monitors notice.
      res.setHeader('Cache-Control', NO_STORE);
      res.setHeader('X-Robots-Tag', 'noindex');
      if (!summary) res.status(503).setHeader('Retry-After', '60');
      res.type('html').send(page.html);
    });
  },
};
