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

/** "2026-11-27": the day of a Date where this machine is, as an editor reads today's date off their own computer. */
export function localDay(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
