// Posts: replying, editing one's own post (marked as edited), quoting; and the reads of single posts and feeds.
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.js';
import { isoTime } from '../db/values.js';
import type { ClientKey } from './client-key.js';
import type { Clock } from './clock.js';
import type { Member } from './members.js';
import type { PostProblems } from './post-messages.js';
import { findPost, latestPosts, locatePost, type FeedPost, type PostDetail, type PostLocation } from './post-queries.js';
import { checkTitle, normaliseTitle } from './post-text.js';
import { activeAuthor, admit, canReplyTo, countedPost, insertPost, NOT_FOUND, type Created, type Draft, type Invalid, type NotFound } from './posting.js';
import type { Refused, ReplyRefusal, Suspended, Throttled } from './posting.js';
import { statusOfNewPost } from './pre-moderation.js';
import { quoteMarkdown } from './quote.js';
import type { FormFields, SpamGuard } from './spam.js';
import { lockTopic, refreshTopic } from './topic-state.js';
import { canSee, isStaff, type Viewer } from './visibility.js';

export interface ReplyInput {
  readonly authorId: number;
  readonly topicId: number;
  /** Markdown as typed (perhaps starting with quote()'s block). */
  readonly body: string;
  readonly form: FormFields;
  readonly client: ClientKey;
}

export type ReplyResult = Created | { readonly status: ReplyRefusal } | Invalid | Refused | Throttled | Suspended | NotFound;

export interface EditInput {
  readonly editorId: number;
  readonly postId: number;
  readonly body: string;
  /** A new title, for the first post of a topic only; ignored on other posts. */
  readonly title?: string | undefined;
  readonly form: FormFields;
}

export type EditResult =
  | { readonly status: 'edited' }
  /** The text was the same: nothing stored, and the post is not marked as edited. */
  | { readonly status: 'unchanged' }
  /** Someone else's post: members edit only their own. */
  | { readonly status: 'not-allowed' }
  | { readonly status: 'locked' }
  | Invalid
  | Refused
  | Suspended
  | NotFound;

export interface PostsDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly guard: SpamGuard;
  readonly clock: Clock;
}

export class Posts {
  constructor(private readonly deps: PostsDeps) {}

  /**
   * Replies to a topic the author can see. Members cannot reply to a locked topic, nor to one still waiting for
   * approval; staff can. The lock is checked again inside the transaction, so a reply never lands after a lock.
   */
  async reply(input: ReplyInput): Promise<ReplyResult> {
    const { db, guard, clock } = this.deps;
    const author = await activeAuthor(db, input.authorId, clock());
    if ('status' in author) return author;
    const topic = await db.selectFrom('topics').select(['id', 'author_id', 'status', 'locked']).where('id', '=', input.topicId).executeTakeFirst();
    if (!topic || !canSee(author, { status: topic.status, authorId: topic.author_id })) return NOT_FOUND;
    const refusal = canReplyTo({ status: topic.status, locked: Number(topic.locked) === 1 }, author);
    if (refusal) return { status: refusal };
    const draft = await admit(guard, { author, body: input.body, form: input.form, problems: {}, kind: 'new' });
    if ('status' in draft) return draft;
    return this.insertReply(author, input.client, input.topicId, draft);
  }

  private async insertReply(author: Member, client: ClientKey, topicId: number, draft: Draft): Promise<ReplyResult> {
    const status = statusOfNewPost(author);
    const now = this.deps.clock();
    return countedPost(this.deps.db, this.deps.guard, { author, client }, async (trx) => {
      const topic = await lockTopic(trx, topicId, now);
      if (!topic) return NOT_FOUND;
      const refusal = canReplyTo(topic, author);
      if (refusal) return { status: refusal };
      const postId = await insertPost(trx, { topicId, authorId: author.id, draft, status, now });
      await refreshTopic(trx, topicId);
      return { status: 'created', topicId, postId, held: status === 'held' } as const;
    });
  }

  /**
   * Edits the editor's own post (visible or still held), and the topic's title when it is the first post. The edit is
   * marked with its time. A locked topic's posts stay as they are, except for staff. The spam checks apply as to a new
   * post (links too: an approved post must not be edited into an advertisement), except the repeat check and the limits.
   */
  async edit(input: EditInput): Promise<EditResult> {
    const { db, guard, clock } = this.deps;
    const editor = await activeAuthor(db, input.editorId, clock());
    if ('status' in editor) return editor;
    const post = await findPost(db, input.postId, editor);
    if (!post || (post.status !== 'visible' && post.status !== 'held')) return NOT_FOUND;
    if (post.author.id !== editor.id) return { status: 'not-allowed' };
    if (post.topic.locked && !isStaff(editor)) return { status: 'locked' };
    const title = post.isFirst && input.title !== undefined ? normaliseTitle(input.title) : undefined;
    const titleProblem = title === undefined ? undefined : checkTitle(title);
    const problems: PostProblems = titleProblem ? { title: titleProblem } : {};
    const draft = await admit(guard, { author: editor, body: input.body, form: input.form, problems, kind: 'edit' });
    if ('status' in draft) return draft;
    if (draft.body === post.body && (title === undefined || title === post.topic.title)) return { status: 'unchanged' };
    return this.storeEdit(post, draft, title);
  }

  private async storeEdit(post: PostDetail, draft: Draft, title: string | undefined): Promise<EditResult> {
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      await lockTopic(trx, post.topicId, now);
      // Only while still visible or held: a moderator may have hidden it since it was read.
      const updated = await trx
        .updateTable('posts')
        .set({ body: draft.body, body_sha256: draft.hash, edited_at: isoTime(now) })
        .where('id', '=', post.id)
        .where('status', 'in', ['visible', 'held'])
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return NOT_FOUND;
      if (title !== undefined && title !== post.topic.title) await trx.updateTable('topics').set({ title }).where('id', '=', post.topicId).execute();
      return { status: 'edited' } as const;
    });
  }

  /** The Markdown a reply form starts with to quote this post ("> **name** wrote:" …), if the viewer may see it. */
  async quote(postId: number, viewer: Viewer | undefined): Promise<string | undefined> {
    const post = await findPost(this.deps.db, postId, viewer);
    return post && quoteMarkdown(post.author.name, post.body);
  }

  /** One post with its topic, if the viewer may see both: for the edit and report forms. */
  find(postId: number, viewer: Viewer | undefined): Promise<PostDetail | undefined> {
    return findPost(this.deps.db, postId, viewer);
  }

  /** For /forum/post/ID: the topic and its page (for this viewer) where the post is, to redirect to …?page=N#post-ID. */
  locate(postId: number, viewer: Viewer | undefined): Promise<PostLocation | undefined> {
    return locatePost(this.deps.db, postId, viewer);
  }

  /** The newest public posts of the forum, or of one category: for Atom feeds (20 unless a limit is given). */
  latest(options: { readonly categorySlug?: string; readonly limit?: number } = {}): Promise<FeedPost[]> {
    return latestPosts(this.deps.db, options);
  }
}
