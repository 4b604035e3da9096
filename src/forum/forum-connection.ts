// The forum as the running site holds it: opened in the background at start, retried while it cannot be, closed at shutdown.
import type { ForumDatabase } from '../db/database.js';
import { errorFields, type Logger } from '../lib/logger.js';
import type { Clock } from './clock.js';
import { FormTokens } from './form-tokens.js';
import { createForum, startHousekeeping, type Forum } from './forum.js';
import { PasswordPolicy } from './password-policy.js';

/** What the forum's pages use: the forum's services, and the tokens of forms sent before there is a session. */
export interface OpenForum {
  readonly forum: Forum;
  readonly formTokens: FormTokens;
}

export interface ForumConnectionOptions {
  /** Opens (and migrates) the database: openDatabase() with the site's configuration. */
  readonly open: () => Promise<ForumDatabase>;
  /** The common-passwords file; read once per process, however many apps a test builds. */
  readonly commonPasswords: string;
  readonly logger: Logger;
  readonly clock?: Clock | undefined;
  /** Whether a slug names a category of the published content/forum.yml: topics can only be started in one. */
  readonly isCategory?: (slug: string) => boolean;
  /**
   * The longest wait between two tries after a failure to open (30 s unless given). The first retry comes after a second
   * and each wait doubles up to this: a PostgreSQL that was restarting is back within seconds, and the forum with it,
   * while one that stays down is asked twice a minute, not hammered.
   */
  readonly retryMs?: number;
}

const policies = new Map<string, PasswordPolicy>();

function policyFrom(file: string): PasswordPolicy {
  let policy = policies.get(file);
  if (!policy) {
    policy = PasswordPolicy.fromFile(file);
    policies.set(file, policy);
  }
  return policy;
}

/**
 * The site never waits for the forum to start serving pages, and never stops because the forum cannot open: forum
 * pages answer 503 meanwhile. A failure is logged once, then the database is tried again, quietly, after 1, 2, 4 … s
 * up to retryMs between tries, and its return is logged once.
 */
export class ForumConnection {
  private opening: Promise<OpenForum | undefined> | undefined;
  private current: OpenForum | undefined;
  private housekeeping: { stop(): void } | undefined;
  private retry: NodeJS.Timeout | undefined;
  private failedBefore = false;
  private failures = 0;
  private closed = false;

  constructor(private readonly options: ForumConnectionOptions) {
    this.opening = this.attempt();
  }

  /** The open forum, waiting while it opens; undefined when it cannot be opened now (the caller answers 503). */
  async ready(): Promise<OpenForum | undefined> {
    return this.current ?? (await this.opening);
  }

  /** Stops housekeeping and retries, and closes the database; safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.opening;
    this.housekeeping?.stop();
    const database = this.current?.forum.database;
    this.current = undefined;
    await database?.close();
  }

  private async attempt(): Promise<OpenForum | undefined> {
    const { logger } = this.options;
    let database: ForumDatabase | undefined;
    try {
      database = await this.options.open();
      const forum = await createForum({
        database,
        policy: policyFrom(this.options.commonPasswords),
        clock: this.options.clock,
        isCategory: this.options.isCategory,
      });
      const formTokens = await FormTokens.load(database.db, this.options.clock);
      if (this.closed) {
        await database.close();
        return undefined;
      }
      this.current = { forum, formTokens };
      this.housekeeping = startHousekeeping(forum, logger);
      if (this.failedBefore) logger.info("the forum's database is open again; the forum is back", { location: database.location });
      return this.current;
    } catch (error) {
      await database?.close().catch(() => undefined);
      if (!this.failedBefore) logger.error("the forum's database cannot be opened; forum pages answer 503 until it can", errorFields(error));
      this.failedBefore = true;
      this.scheduleRetry();
      return undefined;
    } finally {
      this.opening = undefined;
    }
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    const longest = this.options.retryMs ?? 30_000;
    const wait = Math.min(longest, 1000 * 2 ** this.failures);
    this.failures += 1;
    this.retry = setTimeout(() => {
      this.opening = this.attempt();
    }, wait);
    this.retry.unref();
  }
}
