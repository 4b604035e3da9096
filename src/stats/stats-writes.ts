// Adds a batch of counted views to the database as upserts, keeping each day's pages and referrers within their bound.
import type { Kysely } from 'kysely';
import type { DatabaseSchema, StatsDimension } from '../db/schema.js';
import { toCount } from '../db/values.js';
import type { Batch, DayCounts, KnownNames } from './pending-counts.js';
import { DAILY_NAMES, STATS_OTHER, type BoundedDimension } from './stats-limits.js';

type Db = Kysely<DatabaseSchema>;

/** What a write does to one bounded dimension of one day: rows to add to (or create), rows to fold into "other". */
export interface BoundedPlan {
  readonly increments: readonly (readonly [string, number])[];
  readonly folded: readonly string[];
  readonly other: number;
  readonly kept: ReadonlySet<string>;
}

/**
 * The day's rows after adding `added`: the `limit` names with the most views keep a row of their own, and the views of
 * every other name go to the "other" row, so totals stay exact. On equal views a new name wins over one already kept:
 * a real referrer with one view can still enter a day that a flood filled with one-view names, and keeps its row once
 * it has more views than they do.
 */
export function planBounded(existing: readonly { name: string; views: number }[], added: ReadonlyMap<string, number>, limit: number): BoundedPlan {
  const current = new Map(existing.filter((row) => row.name !== STATS_OTHER).map((row) => [row.name, row.views]));
  const names = new Set([...current.keys(), ...added.keys()]);
  names.delete(STATS_OTHER);
  const ranked = [...names]
    .map((name) => ({ name, views: (current.get(name) ?? 0) + (added.get(name) ?? 0), isNew: !current.has(name) }))
    .sort((a, b) => b.views - a.views || Number(b.isNew) - Number(a.isNew) || (a.name < b.name ? -1 : 1));
  const kept = ranked.slice(0, limit);
  const dropped = ranked.slice(limit);
  const increments = kept.filter((row) => added.has(row.name)).map((row) => [row.name, added.get(row.name)!] as const);
  return {
    increments,
    folded: dropped.filter((row) => !row.isNew).map((row) => row.name),
    other: (added.get(STATS_OTHER) ?? 0) + dropped.reduce((sum, row) => sum + row.views, 0),
    kept: new Set(kept.map((row) => row.name)),
  };
}

/** Rows per statement: well under SQLite's and PostgreSQL's limits on bound parameters. */
const CHUNK = 200;

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += CHUNK) result.push(items.slice(index, index + CHUNK));
  return result;
}

/** `views = views + excluded.views`: several servers add to the same rows, each its own counts. */
async function addCounts(db: Db, dimension: StatsDimension, day: string, rows: readonly (readonly [string, number])[]): Promise<void> {
  for (const part of chunks(rows)) {
    await db
      .insertInto('stats_counts')
      .values(part.map(([name, views]) => ({ dimension, day, name, views })))
      .onConflict((conflict) =>
        conflict.columns(['dimension', 'day', 'name']).doUpdateSet((eb) => ({ views: eb('stats_counts.views', '+', eb.ref('excluded.views')) })),
      )
      .execute();
  }
}

async function writeBounded(db: Db, day: string, dimension: BoundedDimension, added: ReadonlyMap<string, number>): Promise<ReadonlySet<string>> {
  const existing = await db.selectFrom('stats_counts').select(['name', 'views']).where('dimension', '=', dimension).where('day', '=', day).execute();
  const plan = planBounded(
    existing.map((row) => ({ name: row.name, views: toCount(row.views) })),
    added,
    DAILY_NAMES[dimension],
  );
  for (const part of chunks(plan.folded)) {
    await db.deleteFrom('stats_counts').where('dimension', '=', dimension).where('day', '=', day).where('name', 'in', part).execute();
  }
  await addCounts(db, dimension, day, plan.other > 0 ? [...plan.increments, [STATS_OTHER, plan.other]] : plan.increments);
  return plan.kept;
}

/**
 * Adds one day's counts. Its stats_days row is upserted first: on PostgreSQL that row stays locked until the
 * transaction ends, so another server writing the same day waits, and reading then rewriting the day's bounded rows
 * is safe; SQLite's write transaction (BEGIN IMMEDIATE) already holds the whole file.
 */
async function writeDay(db: Db, day: string, counts: DayCounts): Promise<Record<BoundedDimension, ReadonlySet<string>>> {
  await db
    .insertInto('stats_days')
    .values({ day, views: counts.views, bot_views: counts.botViews })
    .onConflict((conflict) =>
      conflict.column('day').doUpdateSet((eb) => ({
        views: eb('stats_days.views', '+', eb.ref('excluded.views')),
        bot_views: eb('stats_days.bot_views', '+', eb.ref('excluded.bot_views')),
      })),
    )
    .execute();
  await addCounts(db, 'device', day, [...counts.device]);
  return { page: await writeBounded(db, day, 'page', counts.page), referrer: await writeBounded(db, day, 'referrer', counts.referrer) };
}

/**
 * Adds a batch in the caller's transaction: all of it or nothing. Days in order, so two servers writing the same two
 * days lock them in the same order and never deadlock. Returns the names each day now keeps by name.
 */
export async function writeCounts(db: Db, batch: Batch): Promise<KnownNames> {
  const known = new Map<string, Record<BoundedDimension, ReadonlySet<string>>>();
  for (const day of [...batch.keys()].sort()) known.set(day, await writeDay(db, day, batch.get(day)!));
  return known;
}
