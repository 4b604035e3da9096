// The two conversions every query shares between engines: times as ISO text, and counts that PostgreSQL returns as text.
import type { IsoTime } from './schema.js';

/** A time in milliseconds since the epoch as the stored text: ISO-8601 UTC, 24 characters, sortable as text. */
export function isoTime(ms: number): IsoTime {
  return new Date(ms).toISOString();
}

/** Stored ISO text back to milliseconds since the epoch. */
export function timeMs(iso: IsoTime): number {
  return Date.parse(iso);
}

/**
 * A COUNT(), SUM() or bigint column as a number. PostgreSQL sends 64-bit integers as text (pg does not guess whether
 * they fit a double); SQLite sends numbers. Values past 2^53 cannot occur in a forum's counts, so this throws on them.
 */
export function toCount(value: string | number | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const count = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(count)) throw new RangeError(`not a count: ${String(value)}`);
  return count;
}
