// Calendar days written as YYYY-MM-DD (front matter, statistics): the one place such a string becomes a Date and back.

/** A day as written in front matter and statistics: 2007-08-15. */
export const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Why a day written as YYYY-MM-DD does not exist ("February 2026 has 28 days"), or undefined when it does.
 * JavaScript's Date rolls 2026-02-30 over into 2 March without a word; this is where that is refused.
 */
export function impossibleDay(day: string): string | undefined {
  const [year = 0, month = 0, date = 0] = day.split('-').map(Number);
  if (month < 1 || month > 12) return `there is no month ${String(month).padStart(2, '0')}: months run from 01 to 12`;
  // Day 0 of the next month is the last day of this one.
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (date < 1) return 'days of the month start at 01';
  if (date > days) return `${MONTHS[month - 1]!} ${year} has ${days} days`;
  return undefined;
}

/** Midnight UTC of a YYYY-MM-DD day, or an invalid Date when the text is not such a day or the day does not exist. */
export function dayToDate(day: string): Date {
  return DAY_FORMAT.test(day) && impossibleDay(day) === undefined ? new Date(`${day}T00:00:00Z`) : new Date(Number.NaN);
}

/** "2026-11-26": the day of a Date in UTC, for <time datetime>, sitemaps and statistics rows. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The day `days` after (or, negative, before) a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  return isoDay(new Date(dayToDate(day).getTime() + days * DAY_MS));
}

/** The offset of a time zone from UTC at an instant, in milliseconds (Asia/Bishkek: +6 h). */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
    .formatToParts(new Date(instant))
    .reduce<Record<string, number>>((all, part) => (part.type === 'literal' ? all : { ...all, [part.type]: Number(part.value) }), {});
  return Date.UTC(parts['year']!, parts['month']! - 1, parts['day'], parts['hour'], parts['minute'], parts['second']) - instant;
}

/** The instant a calendar day begins in a time zone: 2026-12-01 in Asia/Bishkek begins at 2026-11-30T18:00Z. */
export function startOfDayIn(day: string, timeZone: string): number {
  const midnightUtc = dayToDate(day).getTime();
  return midnightUtc - offsetAt(midnightUtc, timeZone);
}

/** "2026-11-27": the day of a Date where this machine is, as an editor reads today's date off their own computer. */
export function localDay(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
