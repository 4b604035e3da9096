// Formatting helpers shared by templates and feeds.
const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "26 November 2026": the form UN documents use. */
export function formatDate(date: Date): string {
  return LONG_DATE.format(date);
}

/** "2026-11-26" for <time datetime> and sitemaps. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
