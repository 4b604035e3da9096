// The statistics database (SQLite through better-sqlite3): opened, migrated in numbered steps, and written in batches.
import { addDays } from '../lib/calendar-day.js';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const DATABASE_FILE = 'stats.sqlite';

/** Each step runs once, in order, inside a transaction; PRAGMA user_version records how far a file has come. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE daily_views (
     day TEXT NOT NULL,
     path TEXT NOT NULL,
     referrer_host TEXT NOT NULL DEFAULT '',
     device TEXT NOT NULL,
     bot INTEGER NOT NULL,
     views INTEGER NOT NULL,
     PRIMARY KEY (day, path, referrer_host, device, bot)
   ) WITHOUT ROWID;
   CREATE INDEX daily_views_by_path ON daily_views (path);`,
];

export interface ViewCount {
  readonly day: string;
  readonly path: string;
  readonly referrerHost: string;
  readonly device: string;
  readonly bot: boolean;
  readonly views: number;
}

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

export class StatsDatabase {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;

  /** Opens (creating if need be) and migrates. Throws if the file is not a database or cannot be written. */
  constructor(dataDir: string) {
    this.file = dataDir === ':memory:' ? ':memory:' : path.join(dataDir, DATABASE_FILE);
    if (dataDir !== ':memory:') mkdirSync(dataDir, { recursive: true });
    // A short busy timeout: writes run on the server's one thread, so a locked file must not stall requests.
    this.db = new Database(this.file, { timeout: 20 });
    try {
      // WAL with synchronous=NORMAL survives a killed process (kill -9) without losing committed batches.
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.migrate();
      this.insert = this.db.prepare(
        `INSERT INTO daily_views (day, path, referrer_host, device, bot, views) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (day, path, referrer_host, device, bot) DO UPDATE SET views = views + excluded.views`,
      );
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  private migrate(): void {
    const current = this.schemaVersion;
    MIGRATIONS.slice(current).forEach((sql, index) => {
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.pragma(`user_version = ${current + index + 1}`);
      })();
    });
  }

  /** Adds a batch of counts in one transaction: all or nothing. */
  add(counts: readonly ViewCount[]): void {
    this.db.transaction(() => {
      for (const count of counts) this.insert.run(count.day, count.path, count.referrerHost, count.device, count.bot ? 1 : 0, count.views);
    })();
  }

  /** Totals for the last `days` days up to `today` (YYYY-MM-DD), bots kept out of everything but botViews. */
  summary(today: string, days = 30): StatsSummary {
    const from = addDays(today, -(days - 1));
    const perDay = new Map(
      (
        this.db
          .prepare('SELECT day, SUM(views) AS views FROM daily_views WHERE bot = 0 AND day >= ? AND day <= ? GROUP BY day')
          .all(from, today) as DailyTotal[]
      ).map((row) => [row.day, row.views]),
    );
    const series: DailyTotal[] = [];
    for (let index = 0; index < days; index += 1) {
      const day = addDays(from, index);
      series.push({ day, views: perDay.get(day) ?? 0 });
    }
    const ranked = (sql: string): Ranked[] => this.db.prepare(sql).all(from, today) as Ranked[];
    return {
      days: series,
      topPages: ranked(
        'SELECT path AS name, SUM(views) AS views FROM daily_views WHERE bot = 0 AND day >= ? AND day <= ? GROUP BY path ORDER BY views DESC, path LIMIT 10',
      ),
      topReferrers: ranked(
        "SELECT referrer_host AS name, SUM(views) AS views FROM daily_views WHERE bot = 0 AND referrer_host <> '' AND day >= ? AND day <= ? " +
          'GROUP BY referrer_host ORDER BY views DESC, referrer_host LIMIT 10',
      ),
      devices: ranked(
        'SELECT device AS name, SUM(views) AS views FROM daily_views WHERE bot = 0 AND day >= ? AND day <= ? GROUP BY device ORDER BY views DESC, device',
      ),
      totalViews: (this.db.prepare('SELECT COALESCE(SUM(views), 0) AS v FROM daily_views WHERE bot = 0').get() as { v: number }).v,
      botViews: (this.db.prepare('SELECT COALESCE(SUM(views), 0) AS v FROM daily_views WHERE bot = 1').get() as { v: number }).v,
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
