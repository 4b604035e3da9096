// createForum(): the forum's account services on one database, wired once, for routes and scripts to use.
import type { ForumDatabase } from '../db/database.js';
import { errorFields, type Logger } from '../lib/logger.js';
import { Accounts } from './accounts.js';
import { ClientKeys } from './client-key.js';
import { systemClock, type Clock } from './clock.js';
import { MemberModeration } from './member-moderation.js';
import { PasswordPolicy } from './password-policy.js';
import { PasswordResets } from './password-resets.js';
import { Sessions } from './sessions.js';
import { Throttle } from './throttle.js';

export interface ForumOptions {
  readonly database: ForumDatabase;
  /** data-files/common-passwords.txt (PROJECT_PATHS.commonPasswords), or a policy built in a test. */
  readonly policy: PasswordPolicy | string;
  readonly clock?: Clock;
}

export interface Forum {
  readonly database: ForumDatabase;
  readonly accounts: Accounts;
  readonly sessions: Sessions;
  readonly throttle: Throttle;
  readonly clientKeys: ClientKeys;
  readonly resets: PasswordResets;
  readonly memberModeration: MemberModeration;
  readonly policy: PasswordPolicy;
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
  return {
    database,
    accounts: new Accounts({ db, throttle, sessions, policy, clock }),
    sessions,
    throttle,
    clientKeys,
    resets,
    memberModeration: new MemberModeration({ db, sessions, throttle, clock }),
    policy,
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
