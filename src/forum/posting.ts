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

export type AdmitInput = {
  readonly author: Member;
  /** The body as typed; normalised here. */
  readonly body: string;
  readonly form: FormFields;
  /** Problems the caller found in its other fields (category, title), shown together with the body's. */
  readonly problems: PostProblems;
} & ({ readonly kind: 'new'; readonly client: ClientKey } | { readonly kind: 'edit' });

/**
 * The checks in the order that tells a person most and a bot least: the form alone first (honeypot, time trap); then
 * every field's problem at once (length, links, a repeat), for one error summary; last the rate limits, counted only
 * for a post that would otherwise be accepted, so a mistake never costs a member their place. Edits are not repeats,
 * and are not counted.
 */
export async function admit(guard: SpamGuard, input: AdmitInput & { readonly kind: 'edit' }): Promise<Draft | Refused | Invalid>;
export async function admit(guard: SpamGuard, input: AdmitInput): Promise<Draft | Refused | Invalid | Throttled>;
export async function admit(guard: SpamGuard, input: AdmitInput): Promise<Draft | Refused | Invalid | Throttled> {
  const refusal = guard.checkForm(input.author.id, input.form);
  if (refusal) return { status: 'refused', reason: refusal };
  const body = normaliseBody(input.body);
  const hash = bodyHash(body);
  let problem: PostProblems['body'] = checkBody(body) ?? guard.linkProblem(input.author, body);
  if (!problem && input.kind === 'new' && (await guard.isRepeat(input.author.id, hash))) problem = 'repeated';
  const problems: PostProblems = { ...input.problems, ...(problem && { body: problem }) };
  if (Object.values(problems).some(Boolean)) return { status: 'invalid', problems };
  if (input.kind === 'new') {
    const decision = await guard.hitPostLimits(input.author, input.client);
    if (!decision.allowed) return { status: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };
  }
  return { body, hash };
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
