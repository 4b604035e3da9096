// How dates read on a page: the long form UN documents use.
const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "26 November 2026". */
export function formatDate(date: Date): string {
  return LONG_DATE.format(date);
}
