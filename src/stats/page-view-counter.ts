// Counts page views in memory, writes them to the site's database once a second, and keeps /stats's figures ready.
import type { IncomingHttpHeaders } from 'node:http';
import type { ForumDatabase } from '../db/database.js';
import { isBusy } from '../db/errors.js';
import { shortWaitTransaction } from '../db/short-wait-transaction.js';
import { clientPart } from '../forum/client-key.js';
import { errorFields, type Logger } from '../lib/logger.js';
import { classifyVisit, optedOut } from './classify-visit.js';
import { ClientViewLimit } from './client-view-limit.js';
import { importStatsFile, OLD_STATS_FILE, StatsImportError } from './import-stats-file.js';
import { PendingCounts } from './pending-counts.js';
import { statsDay } from './stats-day.js';
import { FLUSH_INTERVAL_MS, SUMMARY_DAYS, SUMMARY_REFRESH_MS } from './stats-limits.js';
import { readSummary, type StatsSummary } from './stats-summary.js';
import { writeCounts } from './stats-writes.js';

export type StatsState = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface PageViewCounterOptions {
  /** The site's database once it is open (the forum's connection opens and retries it); undefined while it is not. */
  readonly database: () => Promise<ForumDatabase | undefined>;
  readonly siteUrl: string;
  /** Where an old stats.sqlite may wait to be imported; ":memory:" has none. */
  readonly dataDir: string;
  readonly logger: Logger;
  /** The clock for days and for the age of /stats's figures: tests move it instead of waiting. */
  readonly now?: () => Date;
}

/** Writes in a row that may find SQLite's file locked by another server before statistics say they are paused. */
const BUSY_WRITES_TOLERATED = 5;

function describe(error: unknown): string {
  if (isBusy(error)) return 'the database is locked by another process; counting resumes when the lock is released';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Never on the request path: record() is a few map updates, and everything that waits on the database runs in the
 * background, one write at a time. A database that fails pauses statistics, not the site: counts wait in memory
 * (bounded, see pending-counts.ts), the failure is logged once, and every second's write tries again.
 */
export class PageViewCounter {
  private readonly siteHost: string;
  private readonly now: () => Date;
  private readonly pending = new PendingCounts();
  private readonly clients = new ClientViewLimit();
  private readonly timer: NodeJS.Timeout;
  private readonly failures: { write?: string | undefined; read?: string | undefined } = {};
  private flushing: Promise<void> | undefined;
  private refreshing: Promise<void> | undefined;
  private prepared: StatsSummary | undefined;
  private preparedAt = Number.NEGATIVE_INFINITY;
  private importDone = false;
  private busyWrites = 0;
  private closing: Promise<void> | undefined;
  /** After close(): the database may be closed, so nothing is read or written any more. */
  private closed = false;

  constructor(private readonly options: PageViewCounterOptions) {
    this.siteHost = new URL(options.siteUrl).hostname.toLowerCase();
    this.now = options.now ?? (() => new Date());
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  get state(): StatsState {
    const reason = this.failures.write ?? this.failures.read;
    return reason === undefined ? { ok: true } : { ok: false, reason };
  }

  private dayCache = { from: 0, until: 0, day: '' };

  /** Today's date in Bishkek, worked out at most once a second: this runs on every page request. */
  private today(now: Date): string {
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

  /** Called for every page served with 200, with the client's network address. Cheap: map updates, no I/O. */
  record(path: string, headers: IncomingHttpHeaders, address: string): void {
    if (this.closing || optedOut(headers)) return;
    const now = this.now();
    if (!this.clients.allows(clientPart(address), now.getTime())) return;
    this.pending.record(this.today(now), path, classifyVisit(headers, this.siteHost));
  }

  /** Writes what was counted since the last write; one write at a time, so a slow database never piles them up. */
  flush(): Promise<void> {
    // write() handles the database's failures; anything else it throws is logged, never left to end the process.
    this.flushing ??= this.write()
      .catch((error: unknown) => this.pause('write', error))
      .finally(() => {
        this.flushing = undefined;
      });
    return this.flushing;
  }

  /**
   * /stats's figures: a copy read at most every SUMMARY_REFRESH_MS, whoever asks and however often. An older copy is
   * answered at once while a new one is read in the background; undefined while the database cannot be read.
   */
  async summary(): Promise<StatsSummary | undefined> {
    const age = this.now().getTime() - this.preparedAt;
    if (age >= SUMMARY_REFRESH_MS || age < 0) {
      const refreshing = this.refresh();
      if (!this.prepared || this.failures.read) await refreshing;
    }
    return this.failures.read ? undefined : this.prepared;
  }

  /** Writes what is pending, then reads the figures again now, whatever the age of the copy: /stats's next answer. */
  refresh(): Promise<void> {
    this.refreshing ??= this.read()
      .catch((error: unknown) => this.pause('read', error))
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  /** Settles once no write or read is under way. */
  async idle(): Promise<void> {
    while (this.flushing || this.refreshing) await Promise.all([this.flushing, this.refreshing]);
  }

  /** Stops counting, writes what was counted, for good: on shutdown, before the database closes. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.timer);
      await this.idle();
      await this.write();
      this.closed = true;
    })();
    return this.closing;
  }

  private async read(): Promise<void> {
    if (this.closed) return;
    // The time of the attempt: a database that fails is asked at most this often too.
    this.preparedAt = this.now().getTime();
    await this.flush();
    const database = await this.open('read');
    if (!database) return;
    try {
      this.prepared = await readSummary(database.db, statsDay(this.now()), SUMMARY_DAYS);
      this.resume('read');
    } catch (error) {
      this.pause('read', error);
    }
  }

  private async write(): Promise<void> {
    if (this.closed || (this.pending.isEmpty && this.importDone)) return;
    const database = await this.open('write');
    if (!database) return;
    await this.importOnce(database);
    if (this.pending.isEmpty) return;
    const batch = this.pending.take();
    try {
      this.pending.remember(await shortWaitTransaction(database, (trx) => writeCounts(trx, batch)));
      this.resume('write');
    } catch (error) {
      // A transaction is all or nothing: the whole batch waits for the next try.
      this.pending.restore(batch);
      this.pause('write', error);
    }
  }

  private async open(kind: 'read' | 'write'): Promise<ForumDatabase | undefined> {
    try {
      const database = await this.options.database();
      if (!database) this.pause(kind, new Error("the site's database is not open yet (its own error is logged above)"));
      return database;
    } catch (error) {
      this.pause(kind, error);
      return undefined;
    }
  }

  /** The old stats.sqlite, added once, at the first write; a file that cannot be read is reported and left alone. */
  private async importOnce(database: ForumDatabase): Promise<void> {
    if (this.importDone) return;
    const { logger, dataDir } = this.options;
    try {
      const views = await importStatsFile(database.db, dataDir);
      this.importDone = true;
      if (views !== undefined) logger.info(`statistics from ${OLD_STATS_FILE} added to the database`, { dataDir, views, location: database.location });
    } catch (error) {
      // A database failure is tried again with the next write; an unreadable file is not.
      if (error instanceof StatsImportError) {
        this.importDone = true;
        logger.error(`${OLD_STATS_FILE} was not imported; move it aside or fix it and restart`, errorFields(error));
      } else {
        this.pause('write', error);
      }
    }
  }

  private pause(kind: 'read' | 'write', error: unknown): void {
    // Several servers on one SQLite file take turns at its lock: a write that found it taken is tried again next
    // second, quietly, unless that keeps happening.
    if (isBusy(error) && ++this.busyWrites < BUSY_WRITES_TOLERATED) return;
    const reason = describe(error);
    // Logged once per failure, not once a second.
    if (this.failures[kind] !== reason) {
      this.options.logger.error('statistics paused; the site keeps serving and counts wait in memory', { reason, during: kind, ...errorFields(error) });
    }
    this.failures[kind] = reason;
  }

  private resume(kind: 'read' | 'write'): void {
    if (kind === 'write') this.busyWrites = 0;
    if (this.failures[kind] === undefined) return;
    this.failures[kind] = undefined;
    if (this.state.ok) this.options.logger.info('statistics resumed');
  }
}
