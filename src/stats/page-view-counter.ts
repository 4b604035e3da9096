// Counts page views in memory and writes them to the database every second, off the request path.
import type { IncomingHttpHeaders } from 'node:http';
import { errorFields, type Logger } from '../lib/logger.js';
import { classifyVisit, optedOut } from './classify-visit.js';
import { statsDay } from './stats-day.js';
import { StatsDatabase, type StatsSummary, type ViewCount } from './stats-database.js';

export const FLUSH_INTERVAL_MS = 1000;
/** While the database is unavailable, counts wait in memory up to this many distinct keys, then are dropped. */
const MAX_PENDING_KEYS = 50_000;
/** How often to try a database that failed again. */
const RETRY_MS = 30_000;

export type StatsState = { readonly ok: true } | { readonly ok: false; readonly reason: string };

function describe(error: unknown, file: string): string {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
    return `${file} is not a readable SQLite database (corrupt?). Move it aside and the server starts a new one.`;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return `${file} is locked by another process. Counting resumes when the lock is released.`;
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'EACCES')
    return `${file} cannot be opened for writing. Check the DATA_DIR folder and its permissions.`;
  return `${file}: ${error instanceof Error ? error.message : String(error)}`;
}

export class PageViewCounter {
  private readonly dataDir: string;
  private readonly siteHost: string;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private database: StatsDatabase | undefined;
  private pending = new Map<string, ViewCount>();
  private timer: NodeJS.Timeout | undefined;
  private failure: string | undefined;
  private retryAt = 0;
  private closed = false;
  private readonly retryMs: number;

  constructor(options: { dataDir: string; siteUrl: string; logger: Logger; now?: () => Date; retryMs?: number }) {
    this.retryMs = options.retryMs ?? RETRY_MS;
    this.dataDir = options.dataDir;
    this.siteHost = new URL(options.siteUrl).hostname.toLowerCase();
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
    this.open();
    this.timer = setInterval(() => this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  get state(): StatsState {
    return this.failure === undefined ? { ok: true } : { ok: false, reason: this.failure };
  }

  private fileName(): string {
    return this.dataDir === ':memory:' ? 'the in-memory statistics database' : `${this.dataDir}/stats.sqlite`;
  }

  private open(): void {
    try {
      this.database = new StatsDatabase(this.dataDir);
      if (this.failure) this.logger.info('statistics resumed', { file: this.fileName() });
      this.failure = undefined;
    } catch (error) {
      this.pause(error);
    }
  }

  private pause(error: unknown): void {
    const reason = describe(error, this.fileName());
    // Logged once per failure, not once a second.
    if (reason !== this.failure) this.logger.error('statistics paused; the site keeps serving', { reason, ...errorFields(error) });
    this.failure = reason;
    this.retryAt = Date.now() + this.retryMs;
    this.database?.close();
    this.database = undefined;
  }

  private dayCache = { from: 0, until: 0, day: '' };

  /** Today's date in Bishkek, worked out at most once a second: this runs on every page request. */
  private today(): string {
    const now = this.now();
    const time = now.getTime();
    if (time < this.dayCache.from || time >= this.dayCache.until) {
      // Valid for a second, unless the day turns within it: then for this millisecond only, so a view just after
      // midnight is never counted on the day before.
      const day = statsDay(now);
      const turns = statsDay(new Date(time + 1000)) !== day;
      this.dayCache = { from: time, until: time + (turns ? 1 : 1000), day };
    }
    return this.dayCache.day;
  }

  /** Called for every page served with 200. Cheap: a map update, no I/O. */
  record(path: string, headers: IncomingHttpHeaders): void {
    if (this.closed || optedOut(headers)) return;
    const visit = classifyVisit(headers, this.siteHost);
    const day = this.today();
    const key = `${day}\u0000${path}\u0000${visit.referrerHost}\u0000${visit.device}\u0000${visit.bot ? 1 : 0}`;
    const existing = this.pending.get(key);
    if (existing) {
      (existing as { views: number }).views += 1;
      return;
    }
    if (this.pending.size >= MAX_PENDING_KEYS) return;
    this.pending.set(key, { day, path, referrerHost: visit.referrerHost, device: visit.device, bot: visit.bot, views: 1 });
  }

  /** Writes what was counted since the last flush. Kept in memory if the database is unavailable. */
  flush(): void {
    if (this.closed) return;
    if (!this.database) {
      if (Date.now() < this.retryAt) return;
      this.open();
      if (!this.database) return;
    }
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      this.database.add([...batch.values()]);
    } catch (error) {
      // Put the batch back (a transaction is all or nothing) and pause.
      for (const [key, count] of batch) if (!this.pending.has(key)) this.pending.set(key, count);
      this.pause(error);
    }
  }

  summary(days = 30): StatsSummary | undefined {
    this.flush();
    if (!this.database) return undefined;
    try {
      return this.database.summary(statsDay(this.now()), days);
    } catch (error) {
      this.pause(error);
      return undefined;
    }
  }

  /** Flushes and closes, for good: on shutdown. Views counted after this are not kept. */
  close(): void {
    if (this.closed) return;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.flush();
    this.closed = true;
    this.database?.close();
    this.database = undefined;
  }
}
