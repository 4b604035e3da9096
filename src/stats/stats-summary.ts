// The figures /stats shows, read from the database in a handful of small queries over bounded rows.
import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema, StatsDimension } from '../db/schema.js';
import { toCount } from '../db/values.js';
import { addDays } from '../lib/calendar-day.js';
import { STATS_OTHER } from './stats-limits.js';

export interface DailyTotal {
  readonly day: string;
  readonly views: number;
}

export interface Ranked {
  readonly name: string;
  readonly views: number;
}

export interface StatsSummary {
  readonly days: readonly DailyTotal[];
  readonly topPages: readonly Ranked[];
  readonly topReferrers: readonly Ranked[];
  readonly devices: readonly Ranked[];
  readonly totalViews: number;
  readonly botViews: number;
}

type Db = Kysely<DatabaseSchema>;

/** A dimension's names by views over [from, today], most first; "other" is a remainder, never a name in a list. */
async function ranked(db: Db, dimension: StatsDimension, from: string, today: string, limit?: number): Promise<Ranked[]> {
  const views = sql<string | number>`sum(views)`;
  let query = db
    .selectFrom('stats_counts')
    .select(['name', views.as('views')])
    .where('dimension', '=', dimension)
    .where('day', '>=', from)
    .where('day', '<=', today)
    .where('name', '<>', STATS_OTHER)
    .groupBy('name')
    .orderBy(views, 'desc')
    .orderBy('name');
  if (limit !== undefined) query = query.limit(limit);
  return (await query.execute()).map((row) => ({ name: row.name, views: toCount(row.views) }));
}

/** Totals for the `days` days up to `today` (YYYY-MM-DD, a Bishkek day), robots kept out of everything but botViews. */
export async function readSummary(db: Db, today: string, days: number): Promise<StatsSummary> {
  const from = addDays(today, -(days - 1));
  const perDay = new Map(
    (await db.selectFrom('stats_days').select(['day', 'views']).where('day', '>=', from).where('day', '<=', today).execute()).map((row) => [
      row.day,
      toCount(row.views),
    ]),
  );
  const totals = await db
    .selectFrom('stats_days')
    .select([sql<string | number | null>`sum(views)`.as('views'), sql<string | number | null>`sum(bot_views)`.as('bots')])
    .executeTakeFirst();
  return {
    days: Array.from({ length: days }, (_, index) => addDays(from, index)).map((day) => ({ day, views: perDay.get(day) ?? 0 })),
    topPages: await ranked(db, 'page', from, today, 10),
    topReferrers: await ranked(db, 'referrer', from, today, 10),
    devices: await ranked(db, 'device', from, today),
    totalViews: toCount(totals?.views),
    botViews: toCount(totals?.bots),
  };
}
