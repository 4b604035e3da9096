// Migration 3: usage statistics in the site's one database, so that every server counts into the same rows.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * stats_days: one row per Bishkek day, the views of people and of robots. The totals and the chart read it, and each
 * write of statistics upserts its day's row first, which also locks that day against other servers' writes (see
 * src/stats/stats-store.ts); stats_imports: old stats.sqlite files already added, so none is added twice.
 *
 * stats_counts: people's views per day by page, by referring site and by device class. Pages and referring sites are
 * bounded per day (the rest is one "other" row), so its size is bounded whatever visitors send. The key leads with the
 * dimension: /stats reads one dimension over a range of days.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('stats_days')
    .addColumn('day', 'text', (column) => column.primaryKey())
    .addColumn('views', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('bot_views', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  const counts = db.schema
    .createTable('stats_counts')
    .addColumn('dimension', 'text', (column) => column.notNull())
    .addColumn('day', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('views', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('stats_counts_pk', ['dimension', 'day', 'name'])
    .addCheckConstraint('stats_counts_dimension', sql`dimension in ('page', 'referrer', 'device')`);
  // As rate_limits: SQLite keeps the rows in the key's own b-tree.
  await (engine === 'sqlite' ? counts.modifyEnd(sql`without rowid`) : counts).execute();
  await db.schema
    .createTable('stats_imports')
    .addColumn('fingerprint', 'text', (column) => column.primaryKey())
    .addColumn('imported_at', 'text', (column) => column.notNull())
    .addColumn('views', 'integer', (column) => column.notNull())
    .execute();
}
