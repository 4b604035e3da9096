// Adds an old DATA_DIR/stats.sqlite (statistics before they moved into the site's database) once, then renames it.
import { createHash } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.js';
import { isoTime } from '../db/values.js';
import { isHostName } from '../lib/host-name.js';
import type { DayCounts } from './pending-counts.js';
import { writeCounts } from './stats-writes.js';

/** The file the statistics kept before version 003 of the database; renamed with IMPORTED_SUFFIX once added. */
export const OLD_STATS_FILE = 'stats.sqlite';
export const IMPORTED_SUFFIX = '.imported';

interface OldRow {
  day: string;
  path: string;
  referrer_host: string;
  device: string;
  bot: number;
  views: number;
}

export class StatsImportError extends Error {
  override readonly name = 'StatsImportError';
}

/** Every row of the old file, summed per day, and a fingerprint of them all: the same data is never added twice. */
function readOldFile(file: string): { batch: Map<string, DayCounts>; fingerprint: string; views: number } {
  // Read-write, so that a write-ahead log left by a killed server is replayed first.
  const old = new Database(file, { fileMustExist: true, timeout: 2000 });
  try {
    const hash = createHash('sha256');
    const batch = new Map<string, DayCounts>();
    let views = 0;
    const rows = old.prepare('SELECT day, path, referrer_host, device, bot, views FROM daily_views ORDER BY day, path, referrer_host, device, bot');
    for (const row of rows.iterate() as IterableIterator<OldRow>) {
      hash.update(JSON.stringify(row));
      views += row.views;
      let counts = batch.get(row.day);
      if (!counts) batch.set(row.day, (counts = { views: 0, botViews: 0, page: new Map(), referrer: new Map(), device: new Map() }));
      if (row.bot) {
        counts.botViews += row.views;
        continue;
      }
      counts.views += row.views;
      const add = (map: Map<string, number>, name: string): void => void map.set(name, (map.get(name) ?? 0) + row.views);
      add(counts.page, row.path);
      add(counts.device, row.device);
      // Older versions kept any host the Referer header named; only real host names are shown now.
      if (isHostName(row.referrer_host)) add(counts.referrer, row.referrer_host);
    }
    return { batch, fingerprint: hash.digest('hex'), views };
  } finally {
    old.close();
  }
}

/**
 * Adds DATA_DIR/stats.sqlite, when there is one, in one transaction that also records its fingerprint (a second
 * server with a copy of the same file, or a crash before the rename, adds nothing), then renames it to
 * stats.sqlite.imported. Each day's pages and referrers are bounded as new counts are. Returns the views added, or
 * undefined when there was no file or it had been added before.
 */
export async function importStatsFile(db: Kysely<DatabaseSchema>, dataDir: string): Promise<number | undefined> {
  const file = path.join(dataDir, OLD_STATS_FILE);
  if (dataDir === ':memory:' || !existsSync(file)) return undefined;
  let old: ReturnType<typeof readOldFile>;
  try {
    old = readOldFile(file);
  } catch (error) {
    throw new StatsImportError(`cannot read the old statistics in ${file}: ${(error as Error).message}`, { cause: error });
  }
  const added = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('stats_imports')
      .values({ fingerprint: old.fingerprint, imported_at: isoTime(Date.now()), views: old.views })
      .onConflict((conflict) => conflict.column('fingerprint').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await writeCounts(trx, old.batch);
    return true;
  });
  // Never over an earlier import's file: that one is the operator's only copy of its data.
  const target = existsSync(`${file}${IMPORTED_SUFFIX}`) ? `${file}${IMPORTED_SUFFIX}-${Date.now()}` : `${file}${IMPORTED_SUFFIX}`;
  renameSync(file, target);
  return added ? old.views : undefined;
}
