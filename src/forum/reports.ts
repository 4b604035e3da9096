// Reports: a member reports a post once, with a reason; enough reports hide it until a moderator looks; staff close them.
import type { Kysely } from 'kysely';
import type { ContentStatus, DatabaseSchema, IsoTime, ReportStatus } from '../db/schema.js';
import { isoTime, toCount } from '../db/values.js';
import { recordAction } from './audit.js';
import type { Clock } from './clock.js';
import { LIMITS } from './limits.js';
import { findMember, hasRole, mayModerateContentOf } from './members.js';
import { offsetOf, PAGE_SIZE, paged, type Paged } from './pages.js';
import { REPORT_REASON_MAX_LENGTH, type ReportProblem } from './post-messages.js';
import { findPost, toAuthor, type AuthorRef, type PostDetail } from './post-queries.js';
import { normaliseBody } from './post-text.js';
import { activeAuthor, NOT_FOUND, type NotFound, type Suspended, type Throttled } from './posting.js';
import type { Throttle } from './throttle.js';
import { lockTopic, refreshTopic } from './topic-state.js';

/**
 * Open reports from this many different members hide a member's post until a moderator restores it (Discourse hides a
 * post on enough flags). Three, so that neither one member nor a pair can take a post down; a staff member's post is
 * never hidden this way. Dismissing reports resets the count, as only open ones count.
 */
export const REPORTS_TO_HIDE = 3;

export interface ReportInput {
  readonly reporterId: number;
  readonly postId: number;
  readonly reason: string;
}

export type ReportResult =
  /** `hidden`: this report was the one that hid the post. */
  | { readonly status: 'reported'; readonly hidden: boolean }
  | { readonly status: 'already-reported' }
  | { readonly status: 'own-post' }
  /** i18n forum.report_problems says the problem in words. */
  | { readonly status: 'invalid'; readonly problem: ReportProblem }
  | Throttled
  | Suspended
  | NotFound;

export interface ReportsListing {
  /** Default 'open'. */
  readonly status?: ReportStatus;
  readonly page?: number;
}

export interface ReportView {
  readonly id: number;
  readonly reason: string;
  readonly createdAt: IsoTime;
  readonly status: ReportStatus;
  readonly reporter: AuthorRef;
  readonly post: {
    readonly id: number;
    readonly topicId: number;
    readonly topicTitle: string;
    readonly categorySlug: string;
    readonly author: AuthorRef;
    readonly body: string;
    readonly status: ContentStatus;
  };
  readonly resolvedBy: AuthorRef | null;
  readonly resolvedAt: IsoTime | null;
}

export interface ReportsDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly throttle: Throttle;
  readonly clock: Clock;
}

function checkReason(reason: string): ReportProblem | undefined {
  if (reason.length === 0) return 'reason-empty';
  return [...reason].length > REPORT_REASON_MAX_LENGTH ? 'reason-too-long' : undefined;
}

/** Reports with their post, topic, the post's author, the reporter and whoever closed them. */
function reportsWithPeople(db: Kysely<DatabaseSchema>) {
  return db
    .selectFrom('reports')
    .innerJoin('posts', 'posts.id', 'reports.post_id')
    .innerJoin('topics', 'topics.id', 'posts.topic_id')
    .innerJoin('users as author', 'author.id', 'posts.author_id')
    .innerJoin('users as reporter', 'reporter.id', 'reports.reporter_id')
    .leftJoin('users as resolver', 'resolver.id', 'reports.resolved_by')
    .selectAll('reports')
    .select(['posts.topic_id', 'posts.author_id', 'posts.body', 'posts.status as post_status', 'topics.title', 'topics.category_slug'])
    .select(['author.username as author_name', 'author.role as author_role', 'author.deleted_at as author_deleted_at'])
    .select(['reporter.username as reporter_name', 'reporter.role as reporter_role', 'reporter.deleted_at as reporter_deleted_at'])
    .select(['resolver.username as resolver_name', 'resolver.role as resolver_role', 'resolver.deleted_at as resolver_deleted_at']);
}

type ReportRow = Awaited<ReturnType<ReturnType<typeof reportsWithPeople>['executeTakeFirstOrThrow']>>;

/** A report row joined with its post, topic and people, as staff see it. */
function toReportView(row: ReportRow): ReportView {
  return {
    id: row.id,
    reason: row.reason,
    createdAt: row.created_at,
    status: row.status,
    reporter: toAuthor(row.reporter_id, row.reporter_name, row.reporter_role, row.reporter_deleted_at),
    post: {
      id: row.post_id,
      topicId: row.topic_id,
      topicTitle: row.title,
      categorySlug: row.category_slug,
      author: toAuthor(row.author_id, row.author_name, row.author_role, row.author_deleted_at),
      body: row.body,
      status: row.post_status,
    },
    resolvedBy:
      row.resolved_by !== null && row.resolver_name !== null && row.resolver_role !== null
        ? toAuthor(row.resolved_by, row.resolver_name, row.resolver_role, row.resolver_deleted_at)
        : null,
    resolvedAt: row.resolved_at,
  };
}

export class Reports {
  constructor(private readonly deps: ReportsDeps) {}

  private async alreadyReported(db: Kysely<DatabaseSchema>, postId: number, reporterId: number): Promise<boolean> {
    const row = await db.selectFrom('reports').select('id').where('post_id', '=', postId).where('reporter_id', '=', reporterId).executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Reports a post the member can see, not their own, once. Counted under LIMITS.reportsPerAccount. The report and any
   * hiding it causes are one transaction, which holds the topic (lockTopic) so concurrent reports are counted in turn.
   */
  async report(input: ReportInput): Promise<ReportResult> {
    const { db, throttle, clock } = this.deps;
    const reporter = await activeAuthor(db, input.reporterId, clock());
    if ('status' in reporter) return reporter;
    const post = await findPost(db, input.postId, reporter);
    if (!post) return NOT_FOUND;
    if (post.author.id === reporter.id) return { status: 'own-post' };
    const reason = normaliseBody(input.reason).trim();
    const problem = checkReason(reason);
    if (problem) return { status: 'invalid', problem };
    if (await this.alreadyReported(db, post.id, reporter.id)) return { status: 'already-reported' };
    const decision = await throttle.hit(LIMITS.reportsPerAccount, String(reporter.id));
    if (!decision.allowed) return { status: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };
    const now = clock();
    return db.transaction().execute(async (trx) => {
      await lockTopic(trx, post.topicId, now);
      if (await this.alreadyReported(trx, post.id, reporter.id)) return { status: 'already-reported' } as const;
      await trx
        .insertInto('reports')
        .values({ post_id: post.id, reporter_id: reporter.id, reason, created_at: isoTime(now), resolved_by: null, resolved_at: null })
        .execute();
      return { status: 'reported', hidden: await this.hideIfReportedEnough(trx, post, reporter.id, now) } as const;
    });
  }

  /**
   * Hides a member's visible post once REPORTS_TO_HIDE open reports stand against it. Logged as "auto-hide-post" with
   * the member whose report tipped it as the actor: the log has no system account, and that report is the cause.
   */
  private async hideIfReportedEnough(trx: Kysely<DatabaseSchema>, post: PostDetail, reporterId: number, now: number): Promise<boolean> {
    if (post.author.role !== 'member') return false;
    const counted = await trx
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('post_id', '=', post.id)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    const open = toCount(counted.count);
    if (open < REPORTS_TO_HIDE) return false;
    const hidden = await trx.updateTable('posts').set({ status: 'hidden' }).where('id', '=', post.id).where('status', '=', 'visible').executeTakeFirst();
    if (Number(hidden.numUpdatedRows) !== 1) return false;
    await refreshTopic(trx, post.topicId);
    const target = { targetUserId: post.author.id, targetTopicId: post.topicId, targetPostId: post.id };
    await recordAction(trx, { actorId: reporterId, action: 'auto-hide-post', ...target, reason: `${open} reports`, details: { reports: open }, at: now });
    return true;
  }

  /** Closes an open report, by staff who may moderate the post's author (mayModerateContentOf); logged. */
  async resolve(
    actorId: number,
    reportId: number,
    outcome: 'resolved' | 'dismissed',
  ): Promise<{ readonly status: 'done' | 'unchanged' | 'not-allowed' | 'not-found' }> {
    const { db, clock } = this.deps;
    const actor = await findMember(db, actorId);
    if (!actor || !hasRole(actor, 'moderator')) return { status: 'not-allowed' };
    const report = await db
      .selectFrom('reports')
      .innerJoin('posts', 'posts.id', 'reports.post_id')
      .innerJoin('users as author', 'author.id', 'posts.author_id')
      .select(['reports.status', 'reports.post_id', 'reports.reporter_id', 'posts.topic_id', 'posts.author_id', 'author.role'])
      .where('reports.id', '=', reportId)
      .executeTakeFirst();
    if (!report) return NOT_FOUND;
    if (!mayModerateContentOf(actor, report.role)) return { status: 'not-allowed' };
    const now = clock();
    return db.transaction().execute(async (trx) => {
      const closed = await trx
        .updateTable('reports')
        .set({ status: outcome, resolved_by: actorId, resolved_at: isoTime(now) })
        .where('id', '=', reportId)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(closed.numUpdatedRows) !== 1) return { status: 'unchanged' } as const;
      const target = { targetUserId: report.author_id, targetTopicId: report.topic_id, targetPostId: report.post_id };
      const action = outcome === 'resolved' ? 'resolve-report' : 'dismiss-report';
      await recordAction(trx, { actorId, action, ...target, details: { reportId, reporterId: report.reporter_id }, at: now });
      return { status: 'done' } as const;
    });
  }

  /** Reports of one status: open ones oldest first (a queue), closed ones most recently closed first. 20 a page. */
  async list(listing: ReportsListing): Promise<Paged<ReportView>> {
    const status = listing.status ?? 'open';
    const page = listing.page ?? 1;
    const counted = await this.deps.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('status', '=', status)
      .executeTakeFirstOrThrow();
    const rows = await reportsWithPeople(this.deps.db)
      .where('reports.status', '=', status)
      .orderBy(status === 'open' ? 'reports.created_at' : 'reports.resolved_at', status === 'open' ? 'asc' : 'desc')
      .orderBy('reports.id', status === 'open' ? 'asc' : 'desc')
      .limit(PAGE_SIZE)
      .offset(offsetOf(page, PAGE_SIZE))
      .execute();
    return paged(rows.map(toReportView), page, toCount(counted.count), PAGE_SIZE);
  }
}
