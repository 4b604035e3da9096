// Spam defences that need no outside service: honeypot, time trap, links from new members, repeats, posting rates.
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.js';
import { isoTime } from '../db/values.js';
import type { ClientKey } from './client-key.js';
import type { Clock } from './clock.js';
import type { FormStamps } from './form-stamps.js';
import { LIMITS, type Limit } from './limits.js';
import type { Member } from './members.js';
import { isUnderPreModeration } from './pre-moderation.js';
import type { Decision, Throttle } from './throttle.js';

/** Discourse's newuser_max_links: 2. Spam is links; a newcomer with a real question rarely needs more than two. */
export const NEW_MEMBER_MAX_LINKS = 2;
/** The same text again by the same member within a day is a repeat (a double click, or a bot), not a new post. */
export const REPEAT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** What the web layer read from a posting form besides the text itself. */
export interface FormFields {
  /** The honeypot field as submitted: a field hidden from people (and from screen readers), so a person leaves it empty. */
  readonly honeypot: string | undefined;
  /** The stamp FormStamps.issue() put in the form when it was shown. */
  readonly stamp: string | undefined;
}

/** Refusals of the whole form, before its fields are read. */
export type FormRefusal = 'honeypot' | 'too-fast' | 'form-expired';
export type SpamProblem = 'too-many-links' | 'repeated';

/**
 * Addresses in Markdown that are or could become links: anything with a scheme (https://, ftp://), "www." addresses,
 * and protocol-relative link targets "](//…". Bare addresses count even though the renderer may not link them: a reader
 * copies them all the same, and that is what a spammer wants.
 */
const LINK = /\b(?:https?|ftp):\/\/[^\s<>()]*|\bwww\.[^\s<>()]+|\]\(\s*<?\/\/[^\s)>]*/gi;

export function countLinks(markdown: string): number {
  return markdown.match(LINK)?.length ?? 0;
}

export interface SpamGuardDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly throttle: Throttle;
  readonly stamps: FormStamps;
  readonly clock: Clock;
}

export class SpamGuard {
  constructor(private readonly deps: SpamGuardDeps) {}

  /** The honeypot, then the time trap. Checked first and alone: a bot learns nothing about its fields. */
  checkForm(memberId: number, form: FormFields): FormRefusal | undefined {
    if (form.honeypot !== undefined && form.honeypot !== '') return 'honeypot';
    const stamp = this.deps.stamps.check(form.stamp, memberId);
    if (stamp === 'too-fast') return 'too-fast';
    return stamp === 'expired' ? 'form-expired' : undefined;
  }

  /** Too many links from a member under pre-moderation (new posts and edits alike: an approved post edited into spam). */
  linkProblem(member: Pick<Member, 'role' | 'approvedPostCount'>, body: string): 'too-many-links' | undefined {
    return isUnderPreModeration(member) && countLinks(body) > NEW_MEMBER_MAX_LINKS ? 'too-many-links' : undefined;
  }

  /** Whether the member posted a body with this hash (bodyHash()) within REPEAT_WINDOW_MS, in whatever status. */
  async isRepeat(authorId: number, hash: string): Promise<boolean> {
    const since = isoTime(this.deps.clock() - REPEAT_WINDOW_MS);
    const row = await this.deps.db
      .selectFrom('posts')
      .select('id')
      .where('author_id', '=', authorId)
      .where('body_sha256', '=', hash)
      .where('created_at', '>', since)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Counts a post under the posting limits (LIMITS), the slower ones too for members under pre-moderation, inside the
   * transaction `trx` that stores the post (see countedPost() in posting.ts).
   */
  async hitPostLimits(member: Pick<Member, 'id' | 'role' | 'approvedPostCount'>, client: ClientKey, trx: Kysely<DatabaseSchema>): Promise<Decision> {
    const limits: (readonly [Limit, string])[] = [
      [LIMITS.postsPerAccount, String(member.id)],
      [LIMITS.postsPerClient, client],
    ];
    if (isUnderPreModeration(member)) {
      limits.push([LIMITS.postsPerNewAccount, String(member.id)], [LIMITS.postsPerNewAccountPerDay, String(member.id)]);
    }
    return this.deps.throttle.within(trx).hitAll(limits);
  }
}
