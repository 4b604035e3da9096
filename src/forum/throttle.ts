// Rate limits counted in the shared database, so that a limit holds across every server: allowed, or retry after N s.
import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.js';
import { isoTime, toCount } from '../db/values.js';
import { systemClock, type Clock } from './clock.js';
import type { Limit } from './limits.js';
import { estimate, waitMs } from './sliding-window.js';

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

const ALLOWED: Decision = Object.freeze({ allowed: true });

/** The decision that waits longest: a request must pass every limit that applies to it. */
export function strictest(decisions: readonly Decision[]): Decision {
  let worst: Decision = ALLOWED;
  for (const decision of decisions) {
    if (!decision.allowed && (worst.allowed || decision.retryAfterSeconds > worst.retryAfterSeconds)) worst = decision;
  }
  return worst;
}

interface Window {
  readonly key: string;
  readonly windowMs: number;
  readonly start: number;
  readonly elapsedMs: number;
}

export class Throttle {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock = systemClock,
  ) {}

  private window(limit: Limit, subject: string): Window {
    const windowMs = limit.windowSeconds * 1000;
    const now = this.clock();
    const start = now - (now % windowMs);
    return { key: `${limit.name}:${subject}`, windowMs, start, elapsedMs: now - start };
  }

  private async count(key: string, start: number): Promise<number> {
    const row = await this.db.selectFrom('rate_limits').select('count').where('key', '=', key).where('window_start', '=', isoTime(start)).executeTakeFirst();
    return row ? toCount(row.count) : 0;
  }

  private decide(limit: Limit, window: Window, previous: number, current: number): Decision {
    const wait = waitMs({ previous, current }, window.elapsedMs, window.windowMs, limit.limit);
    return wait === 0 ? ALLOWED : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
  }

  /**
   * These limits counted inside `trx`, the transaction of the work they limit: the counts commit with it, in one flush
   * to disk, or roll back with it.
   */
  within(trx: Kysely<DatabaseSchema>): Throttle {
    return new Throttle(trx, this.clock);
  }

  /** Whether one more event would be within the limit, without counting it (as before checking a password). */
  async check(limit: Limit, subject: string): Promise<Decision> {
    const window = this.window(limit, subject);
    const [previous, current] = await Promise.all([this.count(window.key, window.start - window.windowMs), this.count(window.key, window.start)]);
    return this.decide(limit, window, previous, current);
  }

  /**
   * Counts one event and answers whether it was within the limit. The count is one atomic upsert, so concurrent servers
   * never both take the last place; an event over the limit is taken back, so that waiting as told is enough.
   */
  async hit(limit: Limit, subject: string): Promise<Decision> {
    const window = this.window(limit, subject);
    const row = await this.db
      .insertInto('rate_limits')
      .values({ key: window.key, window_start: isoTime(window.start), count: 1, expires_at: isoTime(window.start + 2 * window.windowMs) })
      .onConflict((conflict) => conflict.columns(['key', 'window_start']).doUpdateSet({ count: sql<number>`rate_limits.count + 1` }))
      .returning('count')
      .executeTakeFirstOrThrow();
    const current = toCount(row.count);
    const previous = await this.count(window.key, window.start - window.windowMs);
    if (estimate({ previous, current }, window.elapsedMs, window.windowMs) <= limit.limit) return ALLOWED;
    await this.db
      .updateTable('rate_limits')
      .set({ count: sql<number>`count - 1` })
      .where('key', '=', window.key)
      .where('window_start', '=', isoTime(window.start))
      .execute();
    return this.decide(limit, window, previous, current - 1);
  }

  /**
   * Counts one event under each limit in turn, stopping at the first that refuses: the later limits are not charged
   * for an event that was refused anyway.
   */
  async hitAll(limits: readonly (readonly [Limit, string])[]): Promise<Decision> {
    for (const [limit, subject] of limits) {
      const decision = await this.hit(limit, subject);
      if (!decision.allowed) return decision;
    }
    return ALLOWED;
  }

  /** Forgets a subject's events under a limit: after a successful login, or when a moderator lifts a lock. */
  async clear(limit: Limit, subject: string): Promise<void> {
    await this.db.deleteFrom('rate_limits').where('key', '=', `${limit.name}:${subject}`).execute();
  }

  /** Deletes counters that can no longer affect a decision; returns how many. */
  async removeExpired(): Promise<number> {
    const result = await this.db.deleteFrom('rate_limits').where('expires_at', '<=', isoTime(this.clock())).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
