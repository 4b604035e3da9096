// What statistics keep and how often they work: every bound on their memory, rows and queries, in one place.

/**
 * Distinct pages and referring sites kept per day; the rest of each is one "other" row. A flood of made-up
 * referrers (400,000 distinct hosts in 76 s were seen) then adds at most this many rows a day, and /stats reads at
 * most 30 days of them. 1,000 pages covers a day's reading on this site many times over; a referring site past the
 * 100 busiest of a day is noise in a top-ten list.
 */
export const DAILY_NAMES = { page: 1000, referrer: 100 } as const;
export type BoundedDimension = keyof typeof DAILY_NAMES;

/** The name of the row that sums every name past a day's bound. Neither a path (no "/") nor a host name ("()"). */
export const STATS_OTHER = '(other)';

/**
 * Views one client (an IPv4 address or an IPv6 /64) can add per minute, per server; past it, its views are not
 * counted. A person reads a few pages a minute; an office behind one address a few dozen. Held in memory for the
 * current minute only, never written anywhere (the privacy promise on /stats).
 */
export const CLIENT_VIEWS_PER_MINUTE = 60;
export const CLIENT_WINDOW_MS = 60_000;
/** Clients tracked per minute at most; past it, new clients are counted without a limit rather than grow memory. */
export const MAX_TRACKED_CLIENTS = 50_000;

/** Counts are written once a second per server, as Discourse does: one transaction, whatever the traffic. */
export const FLUSH_INTERVAL_MS = 1000;
/** Days of counts kept in memory while the database cannot be written; older days are dropped first. */
export const MAX_PENDING_DAYS = 7;

/** /stats answers from a copy of its figures read at most this often, whatever the number of people asking. */
export const SUMMARY_REFRESH_MS = 5000;
/** Days shown on /stats. */
export const SUMMARY_DAYS = 30;
