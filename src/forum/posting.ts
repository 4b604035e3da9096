// The path every new post and edit takes: the author as they are now, the form, the fields, the rate limits; then the insert.
import type { Kysely } from 'kysely';
import type { ContentStatus, DatabaseSchema, IsoTime } from '../db/schema.js';
import { isoTime } from '../db/values.js';
import type { Throttled } from './accounts.js';
import type { ClientKey } from './client-key.js';
import { findMember, isSuspended, type Member } from './members.js';
import type { PostProblems } from './post-messages.js';
import { bodyHash, checkBody, normaliseBody } from './post-text.js';
import type { FormFields, FormRefusal, SpamGuard } from './spam.js';
import { isStaff } from './visibility.js';

export type NotFound = { readonly status: 'not-found' };
export type Suspended = { readonly status: 'suspended'; readonly until: IsoTime };
/** The whole form was refused (i18n forum.refusals says why in words); nothing was counted or stored. */
export type Refused = { readonly status: 'refused'; readonly reason: FormRefusal };
/** Problems by field (i18n forum.post_problems says each in words); nothing was counted or stored. */
export type Invalid = { readonly status: 'invalid'; readonly problems: PostProblems };
export type { Throttled };

/** `held`: the post (and for a new topic, the topic) waits for a moderator; say so to the author. */
export type Created = { readonly status: 'created'; readonly topicId: number; readonly postId: number; readonly held: boolean };

export const NOT_FOUND: NotFound = Object.freeze({ status: 'not-found' });

/** The member writing, read now: a deleted member is not found, a suspended one is told until when. */
export async function activeAuthor(db: Kysely<DatabaseSchema>, id: number, now: number): Promise<Member | NotFound | Suspended> {
  const member = await findMember(db, id);
  if (!member) return NOT_FOUND;
  if (isSuspended(member, now)) return { status: 'suspended', until: member.suspendedUntil! };
  return member;
}

/**
 * Why a member may not reply to a topic they can see: locked (staff still may), or not yet public (its first post is
 * held; staff still may). Undefined when they may.
 */
export function canReplyTo(topic: { readonly status: ContentStatus; readonly locked: boolean }, member: Pick<Member, 'role'>): ReplyRefusal | undefined {
  if (isStaff(member)) return undefined;
  if (topic.status !== 'visible') return 'topic-held';
  return topic.locked ? 'locked' : undefined;
}

export type ReplyRefusal = 'locked' | 'topic-held';

export interface Draft {
  readonly body: string;
  readonly hash: string;
}

export interface AdmitInput {
  readonly author: Member;
  /** The body as typed; normalised here. */
  readonly body: string;
  readonly form: FormFields;
  /** Problems the caller found in its other fields (category, title), shown together with the body's. */
  readonly problems: PostProblems;
  /** A new post is checked for a repeat of the member's own; an edit is not. */
  readonly kind: 'new' | 'edit';
}

/**
 * The checks in the order that tells a person most and a bot least: the form alone first (honeypot, time trap); then
 * every field's problem at once (length, links, a repeat), for one error summary. The rate limits come last, counted
 * by countedPost() with the post itself, so a mistake never costs a member their place. Edits are not repeats, and
 * are not counted.
 */
export async function admit(guard: SpamGuard, input: AdmitInput): Promise<Draft | Refused | Invalid> {
  const refusal = guard.checkForm(input.author.id, input.form);
  if (refusal) return { status: 'refused', reason: refusal };
  const body = normaliseBody(input.body);
  const hash = bodyHash(body);
  let problem: PostProblems['body'] = checkBody(body) ?? guard.linkProblem(input.author, body);
  if (!problem && input.kind === 'new' && (await guard.isRepeat(input.author.id, hash))) problem = 'repeated';
  const problems: PostProblems = { ...input.problems, ...(problem && { body: problem }) };
  if (Object.values(problems).some(Boolean)) return { status: 'invalid', problems };
  return { body, hash };
}

/** Thrown inside a post's transaction when a limit refuses it, to roll the transaction back. */
class OverPostingLimit extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('over a posting limit');
    this.name = 'OverPostingLimit';
  }
}

/**
 * A new post's writes with its rate limits counted first, in one transaction: one commit (one flush to disk) a post,
 * where a commit per counter took 3 to 5. The counts are atomic upserts, as before; on PostgreSQL each counter's row
 * stays locked until the commit, so two servers counting one member's posts at once wait for each other and never both
 * take the last place. A post over a limit rolls back: nothing is counted or stored.
 */
export async function countedPost<T>(
  db: Kysely<DatabaseSchema>,
  guard: SpamGuard,
  poster: { readonly author: Member; readonly client: ClientKey },
  write: (trx: Kysely<DatabaseSchema>) => Promise<T>,
): Promise<T | Throttled> {
  try {
    return await db.transaction().execute(async (trx) => {
      const decision = await guard.hitPostLimits(poster.author, poster.client, trx);
      if (!decision.allowed) throw new OverPostingLimit(decision.retryAfterSeconds);
      return write(trx);
    });
  } catch (error) {
    if (error instanceof OverPostingLimit) return { status: 'throttled', retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }
}

export interface NewPost {
  readonly topicId: number;
  readonly authorId: number;
  readonly draft: Draft;
  readonly status: ContentStatus;
  readonly now: number;
}

/** Inserts a post; a visible one is published now, a held one when approved. Returns its id. */
export async function insertPost(trx: Kysely<DatabaseSchema>, post: NewPost): Promise<number> {
  const at = isoTime(post.now);
  const row = await trx
    .insertInto('posts')
    .values({
      topic_id: post.topicId,
      author_id: post.authorId,
      body: post.draft.body,
      body_sha256: post.draft.hash,
      created_at: at,
      edited_at: null,
      status: post.status,
      published_at: post.status === 'visible' ? at : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
