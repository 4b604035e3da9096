// Calendar days written as YYYY-MM-DD (front matter, statistics): the one place such a string becomes a Date and back.

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** Midnight UTC of a YYYY-MM-DD day, or an invalid Date when the text is not such a day. */
export function dayToDate(day: string): Date {
  return DAY.test(day) ? new Date(`${day}T00:00:00Z`) : new Date(Number.NaN);
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
