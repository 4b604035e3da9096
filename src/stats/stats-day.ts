// The calendar day a page view is counted on: the day in Bishkek, where the people who read the figures work.

import { SITE_TIME_ZONE } from '../content/site-identity.js';

/** Kyrgyzstan's time zone: UTC+6 all year since 2005. The site's own (content/site-identity.ts). */
export const STATS_TIME_ZONE = SITE_TIME_ZONE;

const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: STATS_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date (YYYY-MM-DD) in Bishkek at an instant: a view at 20:00 UTC belongs to the next day there. */
export function statsDay(instant: Date): string {
  const parts = Object.fromEntries(DAY.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}
