// A topic's derived columns (status, visible post count, latest public post) recomputed from its posts inside each write.
import type { Kysely } from 'kysely';
import type { ContentStatus, DatabaseSchema } from '../db/schema.js';
import { isoTime, toCount } from '../db/values.js';

export interface LockedTopic {
  readonly id: number;
  readonly authorId: number;
  readonly categorySlug: string;
  readonly status: ContentStatus;
  readonly locked: boolean;
  readonly pinned: boolean;
}

/**
 * The first statement of every write to a topic or its posts: marks the topic changed and takes its row lock. On
 * PostgreSQL a second writer to the same topic waits here until the first commits, and then (read committed) sees its
 * posts, so the recount in refreshTopic() never misses a concurrent one. On SQLite every write transaction is already
 * one at a time (BEGIN IMMEDIATE). Undefined when there is no such topic.
 */
export async function lockTopic(trx: Kysely<DatabaseSchema>, topicId: number, now: number): Promise<LockedTopic | undefined> {
  const row = await trx
    .updateTable('topics')
    .set({ changed_at: isoTime(now) })
    .where('id', '=', topicId)
    .returning(['id', 'author_id', 'category_slug', 'status', 'locked', 'pinned'])
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, authorId: row.author_id, categorySlug: row.category_slug, status: row.status, locked: row.locked === 1, pinned: row.pinned === 1 };
}

/**
 * Recomputes what listings read from the topic row: its status (that of its first post: a held first post holds the
 * topic, a hidden one hides it), the number of visible posts, and the latest public post and its time. Recounting
 * rather than adding and subtracting means no sequence of approvals, hides and restores can leave a count wrong; it is
 * a read of one topic's entries in an index, in a transaction that already holds the topic (lockTopic).
 */
export async function refreshTopic(trx: Kysely<DatabaseSchema>, topicId: number): Promise<void> {
  const first = await trx.selectFrom('posts').select('status').where('topic_id', '=', topicId).orderBy('id').limit(1).executeTakeFirst();
  const counted = await trx
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('topic_id', '=', topicId)
    .where('status', '=', 'visible')
    .executeTakeFirstOrThrow();
  const latest = await trx
    .selectFrom('posts')
    .select(['id', 'created_at', 'published_at'])
    .where('topic_id', '=', topicId)
    .where('status', '=', 'visible')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  await trx
    .updateTable('topics')
    .set((eb) => ({
      status: first?.status ?? 'hidden',
      post_count: toCount(counted.count),
      last_post_id: latest?.id ?? null,
      // With no visible post, the topic's own creation stands as its latest activity.
      last_post_at: latest ? (latest.published_at ?? latest.created_at) : eb.ref('created_at'),
    }))
    .where('id', '=', topicId)
    .execute();
}
