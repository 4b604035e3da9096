// createForum(): the forum's services on one database (accounts, topics, posts, moderation), wired once, for routes and scripts.
import type { ForumDatabase } from '../db/database.js';
import { errorFields, type Logger } from '../lib/logger.js';
import { Accounts } from './accounts.js';
import { ClientKeys } from './client-key.js';
import { systemClock, type Clock } from './clock.js';
import { FormStamps } from './form-stamps.js';
import { MemberLookup } from './member-lookup.js';
import { MemberModeration } from './member-moderation.js';
import { Moderation } from './moderation.js';
import { PasswordPolicy } from './password-policy.js';
import { PasswordResets } from './password-resets.js';
import { Posts } from './posts.js';
import { Sessions } from './sessions.js';
import { SpamGuard } from './spam.js';
import { Throttle } from './throttle.js';
import { Topics } from './topics.js';

export interface ForumOptions {
  readonly database: ForumDatabase;
  /** data-files/common-passwords.txt (PROJECT_PATHS.commonPasswords), or a policy built in a test. */
  readonly policy: PasswordPolicy | string;
  readonly clock?: Clock;
  /**
   * Whether a slug names a category of the editors' YAML, asked at each new topic and move (categories can change while
   * the site runs). Without it no slug is a category: scripts that never post need none, and a web layer that forgot it
   * fails loudly ('unknown-category') rather than accepting any slug.
   */
  readonly isCategory?: (slug: string) => boolean;
}

export interface Forum {
  readonly database: ForumDatabase;
  readonly accounts: Accounts;
  readonly sessions: Sessions;
  readonly throttle: Throttle;
  readonly clientKeys: ClientKeys;
  readonly resets: PasswordResets;
  readonly memberModeration: MemberModeration;
  /** Finding members and their standing, for moderators' pages. */
  readonly members: MemberLookup;
  /** Starting topics, and the reads of the forum's pages, sitemap and search. */
  readonly topics: Topics;
  /** Replies, edits, quotes, permalinks and feeds. */
  readonly posts: Posts;
  /** The queue, reports, hiding, locking, pinning, moving, suspending, and the log. */
  readonly moderation: Moderation;
  /** The time trap's signed stamp for each posting form (FormStamps.issue). */
  readonly formStamps: FormStamps;
  readonly policy: PasswordPolicy;
  /** The forum's time (a test's clock in tests): a suspension's end is counted from it, as its checks are. */
  readonly clock: Clock;
  /** Deletes expired sessions, reset links and rate-limit counters; safe on several servers at once. */
  removeExpired(): Promise<void>;
}

export async function createForum(options: ForumOptions): Promise<Forum> {
  const { database } = options;
  const { db } = database;
  const clock = options.clock ?? systemClock;
  const policy = typeof options.policy === 'string' ? PasswordPolicy.fromFile(options.policy) : options.policy;
  const throttle = new Throttle(db, clock);
  const sessions = new Sessions(db, clock);
  const clientKeys = await ClientKeys.load(db, clock);
  const resets = new PasswordResets({ db, sessions, policy, clock });
  const formStamps = await FormStamps.load(db, clock);
  const guard = new SpamGuard({ db, throttle, stamps: formStamps, clock });
  const isCategory = options.isCategory ?? (() => false);
  const memberModeration = new MemberModeration({ db, sessions, throttle, clock });
  return {
    database,
    accounts: new Accounts({ db, throttle, sessions, policy, clock }),
    sessions,
    throttle,
    clientKeys,
    resets,
    memberModeration,
    members: new MemberLookup({ db, throttle, clock }),
    topics: new Topics({ db, guard, isCategory, clock }),
    posts: new Posts({ db, guard, clock }),
    moderation: new Moderation({ db, memberModeration, throttle, isCategory, clock }),
    formStamps,
    policy,
    clock,
    async removeExpired() {
      await sessions.removeExpired();
      await resets.removeExpired();
      await throttle.removeExpired();
    },
  };
}

/** Every `intervalMs` (10 minutes by default), removes what has expired; a failure is logged and tried again next time. */
export function startHousekeeping(forum: Forum, logger: Logger, intervalMs = 10 * 60 * 1000): { stop(): void } {
  const timer = setInterval(() => {
    forum.removeExpired().catch((error: unknown) => logger.warn('forum housekeeping failed', errorFields(error)));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
