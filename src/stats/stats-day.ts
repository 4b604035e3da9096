// The calendar day a page view is counted on: the day in Bishkek, where the people who read the figures work.

/** Kyrgyzstan's time zone: UTC+6 all year since 2005. Named, not hard-coded as +6, so the tz database decides. */
export const STATS_TIME_ZONE = 'Asia/Bishkek';

const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: STATS_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date (YYYY-MM-DD) in Bishkek at an instant: a view at 20:00 UTC belongs to the next day there. */
export function statsDay(instant: Date): string {
  const parts = Object.fromEntries(DAY.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}
