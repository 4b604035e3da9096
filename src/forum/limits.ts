// Every rate limit of the forum in one table: how many events, in how long, and why that many.

export interface Limit {
  /** Part of the counter's key in rate_limits; unique. */
  readonly name: string;
  /** Events allowed within any window of windowSeconds (sliding-window estimate). */
  readonly limit: number;
  readonly windowSeconds: number;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Login failures are counted per account and per client, each twice: a short window slows guessing to about one try
 * every few minutes after a handful of mistakes, and a day-long window locks after more. Per account, that bounds an
 * online guesser to 20 passwords a day however many addresses they use; per client, one address cannot try many
 * accounts. Client limits are higher because many people share one address (a university, a mobile operator's NAT).
 */
export const LIMITS = {
  loginFailuresPerAccount: { name: 'login-failure-account', limit: 5, windowSeconds: 15 * MINUTE },
  loginFailuresPerAccountPerDay: { name: 'login-failure-account-day', limit: 20, windowSeconds: DAY },
  loginFailuresPerClient: { name: 'login-failure-client', limit: 20, windowSeconds: 15 * MINUTE },
  loginFailuresPerClientPerDay: { name: 'login-failure-client-day', limit: 100, windowSeconds: DAY },
  /** A person registers once; a few per address allow a family or a classroom behind one address. */
  registrationsPerClient: { name: 'registration-client', limit: 5, windowSeconds: HOUR },
  registrationsPerClientPerDay: { name: 'registration-client-day', limit: 20, windowSeconds: DAY },
  /** Posts and replies: a lively discussion is a post every minute or two; a flood is not. */
  postsPerAccount: { name: 'post-account', limit: 10, windowSeconds: 10 * MINUTE },
  postsPerClient: { name: 'post-client', limit: 30, windowSeconds: 10 * MINUTE },
  /**
   * Members whose posts are still held post more slowly: on average one every 2 minutes (NodeBB's newbiePostDelay is
   * 120 s; Discourse's rate_limit_new_user_create_post 30 s), with a short burst allowed, and a daily cap, so that
   * one new account cannot fill the moderators' queue.
   */
  postsPerNewAccount: { name: 'post-new-account', limit: 5, windowSeconds: 10 * MINUTE },
  postsPerNewAccountPerDay: { name: 'post-new-account-day', limit: 20, windowSeconds: DAY },
  /** Reports: enough to flag a spam wave, not enough to bury moderators. */
  reportsPerAccount: { name: 'report-account', limit: 20, windowSeconds: HOUR },
} as const satisfies Record<string, Limit>;
