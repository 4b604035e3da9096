// Topics: starting one (held with its first post while the author is under pre-moderation), and the reads of topic pages.
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.js';
import { isoTime } from '../db/values.js';
import type { ClientKey } from './client-key.js';
import type { Clock } from './clock.js';
import type { PostProblems } from './post-messages.js';
import { topicPosts, type PostView } from './post-queries.js';
import { checkTitle, normaliseTitle } from './post-text.js';
import {
  activeAuthor,
  admit,
  canReplyTo,
  countedPost,
  insertPost,
  type Created,
  type Invalid,
  type NotFound,
  type Refused,
  type Suspended,
} from './posting.js';
import type { Throttled } from './posting.js';
import { statusOfNewPost } from './pre-moderation.js';
import type { FormFields, SpamGuard } from './spam.js';
import { refreshTopic } from './topic-state.js';
import { categorySummaries, categoryTopics, findTopic, searchTopics, searchVersion, sitemapTopics } from './topic-queries.js';
import type { CategorySummary, SearchTopic, SitemapTopic, TopicsAfter, TopicSummary } from './topic-queries.js';
import type { Paged } from './pages.js';
import type { Viewer } from './visibility.js';

export interface StartTopicInput {
  readonly authorId: number;
  /** A category's slug from the editors' YAML; checked with the isCategory() given to createForum(). */
  readonly categorySlug: string;
  readonly title: string;
  /** Markdown as typed. */
  readonly body: string;
  readonly form: FormFields;
  readonly client: ClientKey;
}

export type StartResult = Created | Invalid | Refused | Throttled | Suspended | NotFound;

export interface TopicPage {
  readonly topic: TopicSummary;
  readonly posts: Paged<PostView>;
  /** Whether to offer this viewer a reply form (signed in, the topic public and not locked, or staff). */
  readonly canReply: boolean;
}

export interface TopicsDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly guard: SpamGuard;
  readonly isCategory: (slug: string) => boolean;
  readonly clock: Clock;
}

export class Topics {
  constructor(private readonly deps: TopicsDeps) {}

  /** Starts a topic with its first post. Problems of every field are reported together; nothing is counted until all pass. */
  async start(input: StartTopicInput): Promise<StartResult> {
    const { db, guard, isCategory, clock } = this.deps;
    const author = await activeAuthor(db, input.authorId, clock());
    if ('status' in author) return author;
    const title = normaliseTitle(input.title);
    const titleProblem = checkTitle(title);
    const categoryProblem = isCategory(input.categorySlug) ? undefined : 'unknown-category';
    const problems: PostProblems = { ...(categoryProblem && { category: categoryProblem }), ...(titleProblem && { title: titleProblem }) };
    const draft = await admit(guard, { author, body: input.body, form: input.form, problems, kind: 'new' });
    if ('status' in draft) return draft;
    const status = statusOfNewPost(author);
    const now = clock();
    return countedPost(db, guard, { author, client: input.client }, async (trx) => {
      const at = isoTime(now);
      const topic = await trx
        .insertInto('topics')
        .values({
          category_slug: input.categorySlug,
          title,
          author_id: author.id,
          status,
          created_at: at,
          last_post_at: at,
          changed_at: at,
          last_post_id: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const postId = await insertPost(trx, { topicId: topic.id, authorId: author.id, draft, status, now });
      await refreshTopic(trx, topic.id);
      return { status: 'created', topicId: topic.id, postId, held: status === 'held' } as const;
    });
  }

  /** For /forum: one summary per category slug, in the order given (CategorySummary). */
  summaries(slugs: readonly string[]): Promise<CategorySummary[]> {
    return categorySummaries(this.deps.db, slugs);
  }

  /** A category page: the topics the viewer may see, pinned first, newest activity first, 20 a page. */
  list(categorySlug: string, viewer: Viewer | undefined, page: number): Promise<Paged<TopicSummary>> {
    return categoryTopics(this.deps.db, categorySlug, viewer, page);
  }

  /** One topic, if the viewer may see it. */
  find(topicId: number, viewer: Viewer | undefined): Promise<TopicSummary | undefined> {
    return findTopic(this.deps.db, topicId, viewer);
  }

  /** A topic page: the topic and the posts the viewer may see, in order, 20 a page; undefined if the topic is not theirs to see. */
  async page(topicId: number, viewer: Viewer | undefined, page: number): Promise<TopicPage | undefined> {
    const topic = await findTopic(this.deps.db, topicId, viewer);
    if (!topic) return undefined;
    const posts = await topicPosts(this.deps.db, topicId, viewer, page);
    return { topic, posts, canReply: viewer !== undefined && canReplyTo(topic, viewer) === undefined };
  }

  /** Every public topic (id, category, title, last change): for the sitemap. */
  sitemap(): Promise<SitemapTopic[]> {
    return sitemapTopics(this.deps.db);
  }

  /** Every public topic with its visible posts' text, or one page of them in id order: for the search index. */
  searchDocuments(page?: TopicsAfter): Promise<SearchTopic[]> {
    return searchTopics(this.deps.db, page);
  }

  /** Changes whenever searchDocuments() may return something else: ask it before searching a copy made earlier. */
  searchVersion(): Promise<string> {
    return searchVersion(this.deps.db);
  }
}
