// What moderators do to posts and topics (approve, reject, hide, restore, lock, pin, move), each logged in its transaction.
import type { Kysely } from 'kysely';
import type { ContentStatus, DatabaseSchema } from '../db/schema.js';
import { isoTime } from '../db/values.js';
import { recordAction } from './audit.js';
import type { Clock } from './clock.js';
import { findMember, hasRole, mayModerateContentOf, type Member } from './members.js';
import type { MemberModeration, StaffResult } from './member-moderation.js';
import { listLog, listQueue, type LogEntry, type QueuedPost } from './moderation-queries.js';
import type { Paged } from './pages.js';
import { Reports, type ReportInput, type ReportResult, type ReportsListing, type ReportView } from './reports.js';
import type { Throttle } from './throttle.js';
import { lockTopic, refreshTopic } from './topic-state.js';
import { isStaff, type Viewer } from './visibility.js';

/** 'unchanged': already in that state (another moderator was quicker); nothing was logged. */
export type ModerationResult =
  { readonly status: 'done' } | { readonly status: 'unchanged' } | { readonly status: 'not-allowed' } | { readonly status: 'not-found' };

interface Transition {
  readonly from: ContentStatus;
  readonly to: ContentStatus;
  readonly action: 'approve-post' | 'reject-post' | 'hide-post' | 'restore-post';
}

const APPROVE: Transition = { from: 'held', to: 'visible', action: 'approve-post' };
const REJECT: Transition = { from: 'held', to: 'rejected', action: 'reject-post' };
const HIDE: Transition = { from: 'visible', to: 'hidden', action: 'hide-post' };
const RESTORE: Transition = { from: 'hidden', to: 'visible', action: 'restore-post' };

/** One column of a topic that a moderator sets. */
type TopicChange = { readonly column: 'locked' | 'pinned'; readonly value: 0 | 1 } | { readonly column: 'category_slug'; readonly value: string };

const DONE = { status: 'done' } as const;
const UNCHANGED = { status: 'unchanged' } as const;
const NOT_ALLOWED = { status: 'not-allowed' } as const;
const NOT_FOUND = { status: 'not-found' } as const;

export interface ModerationDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly memberModeration: MemberModeration;
  readonly throttle: Throttle;
  readonly isCategory: (slug: string) => boolean;
  readonly clock: Clock;
}

export class Moderation {
  private readonly reportsOf: Reports;

  constructor(private readonly deps: ModerationDeps) {
    this.reportsOf = new Reports(deps);
  }

  /** The actor as the database holds them now, if staff: roles are never trusted from a session for a write. */
  private async staff(actorId: number): Promise<Member | undefined> {
    const actor = await findMember(this.deps.db, actorId);
    return actor && hasRole(actor, 'moderator') ? actor : undefined;
  }

  /** Approves a held post: it is published now, its author is one approval nearer to posting freely, a held topic opens. */
  approve(actorId: number, postId: number): Promise<ModerationResult> {
    return this.changePost(actorId, postId, APPROVE);
  }

  /** Rejects a held post: nobody but staff sees it again; a rejected first post takes its topic with it. */
  reject(actorId: number, postId: number, reason?: string): Promise<ModerationResult> {
    return this.changePost(actorId, postId, REJECT, reason);
  }

  /** Hides a visible post (a hidden first post hides its topic); counts and the topic's latest post follow. */
  hide(actorId: number, postId: number, reason?: string): Promise<ModerationResult> {
    return this.changePost(actorId, postId, HIDE, reason);
  }

  /** Shows a hidden post again. */
  restore(actorId: number, postId: number, reason?: string): Promise<ModerationResult> {
    return this.changePost(actorId, postId, RESTORE, reason);
  }

  private async changePost(actorId: number, postId: number, transition: Transition, reason?: string): Promise<ModerationResult> {
    const actor = await this.staff(actorId);
    const post = await this.deps.db
      .selectFrom('posts')
      .innerJoin('users', 'users.id', 'posts.author_id')
      .select(['posts.topic_id', 'posts.author_id', 'posts.status', 'users.role'])
      .where('posts.id', '=', postId)
      .executeTakeFirst();
    if (!actor) return post ? NOT_ALLOWED : NOT_FOUND;
    if (!post) return NOT_FOUND;
    if (!mayModerateContentOf(actor, post.role)) return NOT_ALLOWED;
    if (post.status !== transition.from) return UNCHANGED;
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      await lockTopic(trx, post.topic_id, now);
      const changed = await trx
        .updateTable('posts')
        .set((eb) => ({
          status: transition.to,
          published_at: transition.to === 'visible' ? eb.fn.coalesce('published_at', eb.val(isoTime(now))) : eb.ref('published_at'),
        }))
        .where('id', '=', postId)
        .where('status', '=', transition.from)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1) return UNCHANGED;
      if (transition === APPROVE) {
        await trx
          .updateTable('users')
          .set((eb) => ({ approved_post_count: eb('approved_post_count', '+', 1) }))
          .where('id', '=', post.author_id)
          .execute();
      }
      await refreshTopic(trx, post.topic_id);
      const target = { targetUserId: post.author_id, targetTopicId: post.topic_id, targetPostId: postId };
      await recordAction(trx, { actorId, action: transition.action, ...target, reason, at: now });
      return DONE;
    });
  }

  /** Locks a topic (members can no longer reply or edit there) or unlocks it. Any moderator, on any topic. */
  setLocked(actorId: number, topicId: number, locked: boolean, reason?: string): Promise<ModerationResult> {
    return this.changeTopic(actorId, topicId, { column: 'locked', value: locked ? 1 : 0 }, locked ? 'lock-topic' : 'unlock-topic', reason);
  }

  /** Pins a topic to the top of its category, or unpins it. Any moderator, on any topic. */
  setPinned(actorId: number, topicId: number, pinned: boolean, reason?: string): Promise<ModerationResult> {
    return this.changeTopic(actorId, topicId, { column: 'pinned', value: pinned ? 1 : 0 }, pinned ? 'pin-topic' : 'unpin-topic', reason);
  }

  /** Moves a topic to another category (one that isCategory() knows). Any moderator, on any topic. */
  async move(actorId: number, topicId: number, categorySlug: string, reason?: string): Promise<ModerationResult | { readonly status: 'unknown-category' }> {
    if (!this.deps.isCategory(categorySlug)) return { status: 'unknown-category' };
    return this.changeTopic(actorId, topicId, { column: 'category_slug', value: categorySlug }, 'move-topic', reason);
  }

  /**
   * Topic actions are curation rather than sanctions (Discourse lets every moderator close, pin and move any topic), so
   * they are not limited by the author's rank. The log keeps what the topic was before.
   */
  private async changeTopic(actorId: number, topicId: number, change: TopicChange, action: string, reason?: string): Promise<ModerationResult> {
    if (!(await this.staff(actorId))) return NOT_ALLOWED;
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      const topic = await lockTopic(trx, topicId, now);
      if (!topic) return NOT_FOUND;
      const before = { locked: topic.locked ? 1 : 0, pinned: topic.pinned ? 1 : 0, category_slug: topic.categorySlug }[change.column];
      if (before === change.value) return UNCHANGED;
      await trx
        .updateTable('topics')
        .set({ [change.column]: change.value })
        .where('id', '=', topicId)
        .execute();
      const details = change.column === 'category_slug' ? { from: before, to: change.value } : undefined;
      await recordAction(trx, { actorId, action, targetUserId: topic.authorId, targetTopicId: topicId, reason, details, at: now });
      return DONE;
    });
  }

  /** Suspends a member until a time (ms), or lifts it with null: MemberModeration.suspend, which logs it and ends sessions. */
  suspend(actorId: number, memberId: number, until: number | null, reason?: string): Promise<StaffResult> {
    return this.deps.memberModeration.suspend(actorId, memberId, until, reason);
  }

  /** A member reports a post they can see, once, with a reason (Reports.report). */
  report(input: ReportInput): Promise<ReportResult> {
    return this.reportsOf.report(input);
  }

  /** Closes an open report as acted upon ('resolved') or unfounded ('dismissed'); logged. */
  resolveReport(actorId: number, reportId: number, outcome: 'resolved' | 'dismissed'): Promise<ModerationResult> {
    return this.reportsOf.resolve(actorId, reportId, outcome);
  }

  /** Reports for staff: open ones oldest first (a queue), closed ones newest first. Undefined unless the viewer is staff. */
  async reports(viewer: Viewer | undefined, listing: ReportsListing = {}): Promise<Paged<ReportView> | undefined> {
    return isStaff(viewer) ? this.reportsOf.list(listing) : undefined;
  }

  /** Held posts, oldest first, 20 a page. Undefined unless the viewer is staff. */
  async queue(viewer: Viewer | undefined, page: number): Promise<Paged<QueuedPost> | undefined> {
    return isStaff(viewer) ? listQueue(this.deps.db, page) : undefined;
  }

  /** The moderation log, newest first, 50 a page. Undefined unless the viewer is staff. */
  async log(viewer: Viewer | undefined, page: number): Promise<Paged<LogEntry> | undefined> {
    return isStaff(viewer) ? listLog(this.deps.db, page) : undefined;
  }
}
