// Reads of topics for pages, the sitemap and search: category summaries, a category's topics, one topic, all public ones.
import { sql, type Kysely } from 'kysely';
import type { ContentStatus, DatabaseSchema, IsoTime } from '../db/schema.js';
import { toCount } from '../db/values.js';
import { offsetOf, PAGE_SIZE, paged, type Paged } from './pages.js';
import { toAuthor, type AuthorRef } from './post-queries.js';
import { visibleTo, type Viewer } from './visibility.js';

export interface LatestPost {
  readonly postId: number;
  readonly author: AuthorRef;
  readonly at: IsoTime;
}

export interface TopicSummary {
  readonly id: number;
  readonly categorySlug: string;
  readonly title: string;
  readonly author: AuthorRef;
  readonly createdAt: IsoTime;
  /** When its latest public post was published (or the topic was started, if none is public): the listing's order. */
  readonly lastPostAt: IsoTime;
  /** The last write that may have changed its page: the sitemap's lastmod, a cache's validator. */
  readonly changedAt: IsoTime;
  readonly pinned: boolean;
  readonly locked: boolean;
  /** Only a moderator ever sees anything but 'visible', and an author their own 'held'. */
  readonly status: ContentStatus;
  /** Visible posts, the first included. */
  readonly postCount: number;
  readonly lastPost: LatestPost | null;
}

export interface CategorySummary {
  readonly slug: string;
  /** Public topics. */
  readonly topicCount: number;
  /** Visible posts in public topics. */
  readonly postCount: number;
  readonly latest: (LatestPost & { readonly topicId: number; readonly topicTitle: string }) | null;
}

export interface SitemapTopic {
  readonly id: number;
  readonly categorySlug: string;
  readonly title: string;
  readonly changedAt: IsoTime;
}

export interface SearchTopic extends SitemapTopic {
  /** The Markdown of its visible posts, in order, separated by blank lines. */
  readonly text: string;
}

/** Topics with their author and the author of their latest public post, with the columns toSummary() reads. */
function topicsWithPeople(db: Kysely<DatabaseSchema>) {
  return db
    .selectFrom('topics')
    .innerJoin('users as author', 'author.id', 'topics.author_id')
    .leftJoin('posts as last', 'last.id', 'topics.last_post_id')
    .leftJoin('users as last_author', 'last_author.id', 'last.author_id')
    .select(['topics.id', 'topics.category_slug', 'topics.title', 'topics.author_id', 'topics.created_at', 'topics.last_post_at', 'topics.changed_at'])
    .select(['topics.pinned', 'topics.locked', 'topics.status', 'topics.post_count', 'topics.last_post_id'])
    .select(['author.username as author_name', 'author.role as author_role', 'author.deleted_at as author_deleted_at'])
    .select(['last.author_id as last_author_id', 'last_author.username as last_author_name', 'last_author.role as last_author_role'])
    .select('last_author.deleted_at as last_author_deleted_at');
}

type TopicRow = Awaited<ReturnType<ReturnType<typeof topicsWithPeople>['executeTakeFirstOrThrow']>>;

function latestOf(row: TopicRow): LatestPost | null {
  if (row.last_post_id === null || row.last_author_id === null || row.last_author_name === null || row.last_author_role === null) return null;
  const author = toAuthor(row.last_author_id, row.last_author_name, row.last_author_role, row.last_author_deleted_at);
  return { postId: row.last_post_id, author, at: row.last_post_at };
}

function toSummary(row: TopicRow): TopicSummary {
  return {
    id: row.id,
    categorySlug: row.category_slug,
    title: row.title,
    author: toAuthor(row.author_id, row.author_name, row.author_role, row.author_deleted_at),
    createdAt: row.created_at,
    lastPostAt: row.last_post_at,
    changedAt: row.changed_at,
    pinned: Number(row.pinned) === 1,
    locked: Number(row.locked) === 1,
    status: row.status,
    postCount: toCount(row.post_count),
    lastPost: latestOf(row),
  };
}

/**
 * For the forum's front page: one summary per slug asked for, in that order, zeros where a category has no public topic.
 * Public numbers only, the same for every viewer, so a page can cache them. One query, as /forum is asked for often: each
 * category's totals and newest activity, joined to the topic (or topics, on a tie: the latest started wins) with it.
 */
export async function categorySummaries(db: Kysely<DatabaseSchema>, slugs: readonly string[]): Promise<CategorySummary[]> {
  if (slugs.length === 0) return [];
  const totals = db
    .selectFrom('topics')
    .select((eb) => [
      'category_slug',
      eb.fn.countAll<number | string>().as('topic_total'),
      eb.fn.sum<number | string | null>('post_count').as('post_total'),
      eb.fn.max('last_post_at').as('newest_at'),
    ])
    .where('status', '=', 'visible')
    .where('category_slug', 'in', slugs)
    .groupBy('category_slug')
    .as('totals');
  const newest = await topicsWithPeople(db)
    .innerJoin(totals, (join) => join.onRef('totals.category_slug', '=', 'topics.category_slug').onRef('totals.newest_at', '=', 'topics.last_post_at'))
    .select(['totals.topic_total', 'totals.post_total'])
    .where('topics.status', '=', 'visible')
    .orderBy('topics.id', 'desc')
    .execute();
  return slugs.map((slug) => {
    const topic = newest.find((row) => row.category_slug === slug);
    const latest = topic && latestOf(topic);
    return {
      slug,
      topicCount: toCount(topic?.topic_total),
      postCount: toCount(topic?.post_total),
      latest: topic && latest ? { ...latest, topicId: topic.id, topicTitle: topic.title } : null,
    };
  });
}

/** A category's topics that the viewer may see: pinned first, then newest activity first, one page. */
export async function categoryTopics(db: Kysely<DatabaseSchema>, slug: string, viewer: Viewer | undefined, page: number): Promise<Paged<TopicSummary>> {
  const counted = await db
    .selectFrom('topics')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('topics.category_slug', '=', slug)
    .where(visibleTo('topics', viewer))
    .executeTakeFirstOrThrow();
  const rows = await topicsWithPeople(db)
    .where('topics.category_slug', '=', slug)
    .where(visibleTo('topics', viewer))
    .orderBy('topics.pinned', 'desc')
    .orderBy('topics.last_post_at', 'desc')
    .orderBy('topics.id', 'desc')
    .limit(PAGE_SIZE)
    .offset(offsetOf(page, PAGE_SIZE))
    .execute();
  return paged(rows.map(toSummary), page, toCount(counted.count), PAGE_SIZE);
}

/** One topic, if the viewer may see it. */
export async function findTopic(db: Kysely<DatabaseSchema>, topicId: number, viewer: Viewer | undefined): Promise<TopicSummary | undefined> {
  const row = await topicsWithPeople(db).where('topics.id', '=', topicId).where(visibleTo('topics', viewer)).executeTakeFirst();
  return row && toSummary(row);
}

/** A page of topics in id order: those with ids above `after`, at most `limit`. */
export interface TopicsAfter {
  readonly after: number;
  readonly limit: number;
}

/** Every public topic, oldest first: for the sitemap; or one page of them, for search's index. */
export async function sitemapTopics(db: Kysely<DatabaseSchema>, page?: TopicsAfter): Promise<SitemapTopic[]> {
  let query = db.selectFrom('topics').select(['id', 'category_slug', 'title', 'changed_at']).orderBy('id');
  // A page: the ids after `after`, read along the primary key. With `status = 'visible'` SQLite, which keeps no
  // statistics, took the status index instead and sorted every public topic for each page (25 ms a page on 5,000
  // topics); `|| ''` is SQLite's documented way to keep a term from choosing the index, and means the same everywhere.
  query = page
    ? query
        .where(sql<string>`status || ''`, '=', 'visible')
        .where('id', '>', page.after)
        .limit(page.limit)
    : query.where('status', '=', 'visible');
  const rows = await query.execute();
  return rows.map((row) => ({ id: row.id, categorySlug: row.category_slug, title: row.title, changedAt: row.changed_at }));
}

/**
 * Every public topic with the text of its visible posts (or one page of them): for the site's search index. Two
 * queries, joined here, rather than one per topic. Search's index reads a page at a time, so that no read holds the
 * serving thread long (SQLite's reads are synchronous) and the forum's text is never all in memory at once.
 */
export async function searchTopics(db: Kysely<DatabaseSchema>, page?: TopicsAfter): Promise<SearchTopic[]> {
  const topics = await sitemapTopics(db, page);
  if (topics.length === 0) return [];
  let query = db
    .selectFrom('posts')
    .innerJoin('topics', 'topics.id', 'posts.topic_id')
    .select(['posts.topic_id', 'posts.body'])
    .where('posts.status', '=', 'visible')
    .where('topics.status', '=', 'visible');
  // The page's topics by id, which the (topic_id, status, id) index answers; a range of ids took the status index.
  if (page)
    query = query.where(
      'posts.topic_id',
      'in',
      topics.map((topic) => topic.id),
    );
  const posts = await query.orderBy('posts.topic_id').orderBy('posts.id').execute();
  const texts = new Map<number, string[]>();
  for (const post of posts) {
    const list = texts.get(post.topic_id);
    if (list) list.push(post.body);
    else texts.set(post.topic_id, [post.body]);
  }
  return topics.map((topic) => ({ ...topic, text: (texts.get(topic.id) ?? []).join('\n\n') }));
}

/**
 * A value that changes whenever what searchTopics() returns may have changed: a new post (the highest post id), an edit
 * (the latest edit), any write to a topic (its changed_at), any moderator's action (the log's highest id, which moves
 * even when two actions fall in the same millisecond). Four index lookups, cheap enough to ask before every search.
 */
export async function searchVersion(db: Kysely<DatabaseSchema>): Promise<string> {
  // Each maximum in a query of its own: SQLite reads a maximum off an index only when it is the query's one aggregate.
  const posts = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  const edits = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.max('edited_at').as('edited'))
    .executeTakeFirst();
  const topics = await db
    .selectFrom('topics')
    .select((eb) => eb.fn.max('changed_at').as('changed'))
    .executeTakeFirst();
  const log = await db
    .selectFrom('moderation_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return [posts?.id, edits?.edited, topics?.changed, log?.id].map((value) => String(value ?? '')).join('|');
}
