// Reads for moderators: the queue of held posts, oldest first, and the moderation log, newest first.
import type { Kysely } from 'kysely';
import type { DatabaseSchema, IsoTime } from '../db/schema.js';
import { toCount } from '../db/values.js';
import { offsetOf, PAGE_SIZE, paged, type Paged } from './pages.js';
import { postsWithAuthors, toAuthor, toPostView, type AuthorRef, type PostView } from './post-queries.js';

/** The log is dense, one line an action: more to a page than lists of posts. */
export const LOG_PAGE_SIZE = 50;

export interface QueuedPost extends PostView {
  readonly topic: { readonly id: number; readonly title: string; readonly categorySlug: string };
  /** Approving it opens the topic too. */
  readonly isFirst: boolean;
  /** How many of the author's posts have been approved so far. */
  readonly authorApprovedPosts: number;
}

export interface LogEntry {
  readonly id: number;
  readonly at: IsoTime;
  readonly actor: AuthorRef;
  /** "approve-post", "hide-post", "lock-topic", "move-topic", "suspend-member", "resolve-report", "auto-hide-post", … */
  readonly action: string;
  readonly targetMember: AuthorRef | null;
  readonly targetTopicId: number | null;
  readonly targetPostId: number | null;
  readonly reason: string | null;
  /** What else was kept: a move's previous category, a suspension's end, a resolved report's id. */
  readonly details: Readonly<Record<string, unknown>> | null;
}

/** Held posts, oldest first (the fairest order, and the one in which a thread makes sense), 20 a page. */
export async function listQueue(db: Kysely<DatabaseSchema>, page: number): Promise<Paged<QueuedPost>> {
  const counted = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('status', '=', 'held')
    .executeTakeFirstOrThrow();
  const rows = await postsWithAuthors(db)
    .innerJoin('topics', 'topics.id', 'posts.topic_id')
    .select(['topics.title as topic_title', 'topics.category_slug', 'author.approved_post_count'])
    .select((eb) =>
      eb
        .selectFrom('posts as first')
        .select((inner) => inner.fn.min('first.id').as('first_id'))
        .whereRef('first.topic_id', '=', 'posts.topic_id')
        .as('first_id'),
    )
    .where('posts.status', '=', 'held')
    .orderBy('posts.created_at')
    .orderBy('posts.id')
    .limit(PAGE_SIZE)
    .offset(offsetOf(page, PAGE_SIZE))
    .execute();
  const items = rows.map((row) => ({
    ...toPostView(row),
    topic: { id: row.topic_id, title: row.topic_title, categorySlug: row.category_slug },
    isFirst: row.first_id === row.id,
    authorApprovedPosts: toCount(row.approved_post_count),
  }));
  return paged(items, page, toCount(counted.count), PAGE_SIZE);
}

function parseDetails(details: string | null): Readonly<Record<string, unknown>> | null {
  if (details === null) return null;
  const parsed: unknown = JSON.parse(details);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { value: parsed };
}

/** The moderation log, newest first, LOG_PAGE_SIZE a page. */
export async function listLog(db: Kysely<DatabaseSchema>, page: number): Promise<Paged<LogEntry>> {
  const counted = await db
    .selectFrom('moderation_log')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('moderation_log as log')
    .innerJoin('users as actor', 'actor.id', 'log.actor_id')
    .leftJoin('users as target', 'target.id', 'log.target_user_id')
    .selectAll('log')
    .select(['actor.username as actor_name', 'actor.role as actor_role', 'actor.deleted_at as actor_deleted_at'])
    .select(['target.username as target_name', 'target.role as target_role', 'target.deleted_at as target_deleted_at'])
    .orderBy('log.created_at', 'desc')
    .orderBy('log.id', 'desc')
    .limit(LOG_PAGE_SIZE)
    .offset(offsetOf(page, LOG_PAGE_SIZE))
    .execute();
  const items = rows.map((row) => ({
    id: row.id,
    at: row.created_at,
    actor: toAuthor(row.actor_id, row.actor_name, row.actor_role, row.actor_deleted_at),
    action: row.action,
    targetMember:
      row.target_user_id !== null && row.target_name !== null && row.target_role !== null
        ? toAuthor(row.target_user_id, row.target_name, row.target_role, row.target_deleted_at)
        : null,
    targetTopicId: row.target_topic_id,
    targetPostId: row.target_post_id,
    reason: row.reason,
    details: parseDetails(row.details),
  }));
  return paged(items, page, toCount(counted.count), LOG_PAGE_SIZE);
}
