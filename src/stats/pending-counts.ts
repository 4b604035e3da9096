// Page views counted since the last write, per day, in memory: bounded whatever visitors send.
import { DAILY_NAMES, MAX_PENDING_DAYS, STATS_OTHER, type BoundedDimension } from './stats-limits.js';
import type { Visit } from './classify-visit.js';

/** One day's views since the last write. Devices are four classes; pages and referrers are bounded (DAILY_NAMES). */
export interface DayCounts {
  views: number;
  botViews: number;
  readonly page: Map<string, number>;
  readonly referrer: Map<string, number>;
  readonly device: Map<string, number>;
}

/** Per day, the names each bounded dimension has a row for in the database, as the last write left them. */
export type KnownNames = ReadonlyMap<string, Readonly<Record<BoundedDimension, ReadonlySet<string>>>>;

export type Batch = ReadonlyMap<string, DayCounts>;

function emptyDay(): DayCounts {
  return { views: 0, botViews: 0, page: new Map(), referrer: new Map(), device: new Map() };
}

const add = (counts: Map<string, number>, name: string, views: number): void => {
  counts.set(name, (counts.get(name) ?? 0) + views);
};

export class PendingCounts {
  private days = new Map<string, DayCounts>();
  private known: KnownNames = new Map();

  get isEmpty(): boolean {
    return this.days.size === 0;
  }

  /** One view. Cheap: a few map updates, no I/O; this runs on every page served. */
  record(day: string, path: string, visit: Visit): void {
    const counts = this.day(day);
    if (visit.bot) {
      counts.botViews += 1;
      return;
    }
    counts.views += 1;
    this.addBounded(day, counts, 'page', path, 1);
    if (visit.referrerHost !== '') this.addBounded(day, counts, 'referrer', visit.referrerHost, 1);
    add(counts.device, visit.device, 1);
  }

  /** Everything counted so far, for a write; counting starts again from nothing. */
  take(): Batch {
    const batch = this.days;
    this.days = new Map();
    return batch;
  }

  /** Puts back a batch whose write failed, within the same bounds as new views. */
  restore(batch: Batch): void {
    for (const [day, lost] of batch) {
      const counts = this.day(day);
      counts.views += lost.views;
      counts.botViews += lost.botViews;
      for (const [name, views] of lost.page) this.addBounded(day, counts, 'page', name, views);
      for (const [name, views] of lost.referrer) this.addBounded(day, counts, 'referrer', name, views);
      for (const [name, views] of lost.device) add(counts.device, name, views);
    }
  }

  /** What the database keeps by name now: those names are always counted by name, however many new ones come. */
  remember(known: KnownNames): void {
    this.known = known;
  }

  /**
   * A name already pending or kept in the database is counted by name; a new one while the day has room too;
   * beyond that it joins "other". So memory holds at most twice the day's bound per dimension.
   */
  private addBounded(day: string, counts: DayCounts, dimension: BoundedDimension, name: string, views: number): void {
    const names = counts[dimension];
    const byName = names.has(name) || names.size < DAILY_NAMES[dimension] || this.known.get(day)?.[dimension].has(name) === true;
    add(names, byName ? name : STATS_OTHER, views);
  }

  private day(day: string): DayCounts {
    let counts = this.days.get(day);
    if (!counts) {
      // Only when the database has been away for days: the oldest day goes, so memory stays bounded.
      if (this.days.size >= MAX_PENDING_DAYS) this.days.delete([...this.days.keys()].sort()[0]!);
      counts = emptyDay();
      this.days.set(day, counts);
    }
    return counts;
  }
}
