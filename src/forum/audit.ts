// One row in the moderation log for each moderator's action: on members, posts, topics and reports.
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.js';
import { isoTime } from '../db/values.js';

export interface Action {
  readonly actorId: number;
  /** A short verb phrase: "set-role", "suspend-member", "issue-password-reset", "approve-post", "lock-topic". */
  readonly action: string;
  readonly targetUserId?: number;
  readonly targetTopicId?: number;
  readonly targetPostId?: number;
  readonly reason?: string | undefined;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly at: number;
}

/** Written in the same transaction as the action itself, so the log never misses an action nor records one undone. */
export async function recordAction(db: Kysely<DatabaseSchema>, action: Action): Promise<void> {
  await db
    .insertInto('moderation_log')
    .values({
      actor_id: action.actorId,
      action: action.action,
      target_user_id: action.targetUserId ?? null,
      target_topic_id: action.targetTopicId ?? null,
      target_post_id: action.targetPostId ?? null,
      reason: action.reason ?? null,
      details: action.details ? JSON.stringify(action.details) : null,
      created_at: isoTime(action.at),
    })
    .execute();
}
