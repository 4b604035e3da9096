// The forum's topics in site search: their index kept on the search thread, rebuilt when the forum changes, answers cached.
import { LruCache } from '../lib/lru-cache.js';
import { words } from './fold.js';
import type { ForumRanking, ForumSearchDocument } from './forum-index.js';
import { inThreadEngine, type ForumIndexHandle, type SearchEngine } from './search-engine.js';
import { MAX_QUERY_LENGTH, type SearchHit } from './search-index.js';

export type { ForumSearchDocument } from './forum-index.js';

/** Where the documents come from, and a value that changes whenever they may have (Topics.searchVersion). */
export interface ForumSearchSource {
  version(): Promise<string>;
  /** Public topics with ids above `after`, in id order, at most `limit` (Topics.searchDocuments). */
  documents(after: number, limit: number): Promise<readonly ForumSearchDocument[]>;
}

export interface ForumSearchHit extends SearchHit {
  readonly categorySlug: string;
}

export interface ForumSearchResults {
  readonly total: number;
  readonly hits: readonly ForumSearchHit[];
}

/** Runs a search's work if a place is free under the bound of searches under way (SearchService.admit), else undefined. */
export type Admit = <T>(task: () => Promise<T>) => Promise<T> | undefined;

/** Answers kept for repeated queries, for the forum's current version only. */
const ANSWERS = 256;
/**
 * Topics read from the database, and sent to the search thread, at a time. The serving thread reads a page (two
 * queries, about 80 posts) and waits for the search thread to index it before reading the next, so neither the read
 * nor the forum's text ever holds it long; and the search thread answers the pages' queries between two pages.
 */
export const FORUM_PAGE_TOPICS = 20;

const always: Admit = (task) => task();

/**
 * Topics change while the site runs, so before each search the index asks the forum for its version (a few index
 * lookups) and is rebuilt when it moved; searches meanwhile share one rebuild, and wait for it. A held, hidden or
 * rejected post never enters (the source gives published posts only), and one that is hidden after being indexed
 * leaves at the next search. Building and ranking happen on the search thread (forum-index.ts); this thread reads
 * the rows a page at a time and renders the results.
 */
export class ForumSearch {
  private handle: ForumIndexHandle | undefined;
  private built: string | undefined;
  /** The categories topics are filed in, as last read: the thread is told which of them are listed. */
  private slugs: ReadonlySet<string> = new Set();
  private building: Promise<string> | undefined;
  private reading: Promise<string> | undefined;
  private nextRead: Promise<string> | undefined;
  /** Answers of the version `answered`, by query: a repeated search neither takes a place nor asks the thread. */
  private readonly answers = new LruCache<string, Promise<ForumSearchResults>>(ANSWERS);
  private answered: string | undefined;

  /**
   * `topicUrl` is the topic page's address (the web layer's scheme, which this folder does not know); `engine` keeps
   * the index (the app's search thread; this thread in unit tests).
   */
  constructor(
    private readonly source: ForumSearchSource,
    private readonly topicUrl: (id: number) => string,
    private readonly engine: SearchEngine = inThreadEngine(),
  ) {}

  /** The index on the engine, opened at the first search: a site whose forum nobody searches never builds it. */
  private index(): ForumIndexHandle {
    // If the search thread dies, the new one starts empty: build again at the next search.
    this.handle ??= this.engine.openForum(() => {
      this.built = undefined;
    });
    return this.handle;
  }

  /** Settles once the index on the thread holds `version`, rebuilding it if it does not. */
  private async current(version: string): Promise<void> {
    if (this.built === version) return;
    this.building ??= this.build(version).finally(() => {
      this.building = undefined;
    });
    const built = await this.building;
    // A rebuild that started before this version was read is stale: build again for it.
    if (built !== version) await this.current(version);
  }

  /**
   * The forum's version as read after this search arrived, one read at a time: searches arriving while a read is
   * under way share the next one. Each search still sees every change made before it (a hidden post leaves at once),
   * and fifty searches at once cost two reads instead of fifty: on a cached search the reads were a fifth of its time.
   */
  private freshVersion(): Promise<string> {
    if (!this.reading) return this.read();
    const after = (): Promise<string> => {
      this.nextRead = undefined;
      return this.read();
    };
    this.nextRead ??= this.reading.then(after, after);
    return this.nextRead;
  }

  private read(): Promise<string> {
    const reading = this.source.version().finally(() => {
      if (this.reading === reading) this.reading = undefined;
    });
    this.reading = reading;
    return reading;
  }

  /** Reads the topics a page at a time and has the thread index each page before the next is read. */
  private async build(version: string): Promise<string> {
    const index = this.index();
    const slugs = new Set<string>();
    index.begin();
    for (let after = 0; ;) {
      const page = await this.source.documents(after, FORUM_PAGE_TOPICS);
      for (const document of page) slugs.add(document.categorySlug);
      await index.put(page);
      if (page.length < FORUM_PAGE_TOPICS) break;
      after = page.at(-1)!.id;
    }
    await index.finish();
    this.slugs = slugs;
    this.built = version;
    return version;
  }

  /** The best-matching topics in the categories `listed` (those content/forum.yml still has), at most `limit`. */
  async search(rawQuery: string, listed: (slug: string) => boolean, limit: number): Promise<ForumSearchResults> {
    return (await this.tryFind(rawQuery, listed, limit, always))!;
  }

  /**
   * As search(), through `admit`: undefined, with nothing searched, when it refuses (too many searches under way).
   * An answer this version of the forum already gave is returned without a place, as identical searches under way
   * share one; waiting for a rebuild takes a place, so a flood of searches during one waits no more than the bound.
   */
  async tryFind(rawQuery: string, listed: (slug: string) => boolean, limit: number, admit: Admit): Promise<ForumSearchResults | undefined> {
    const query = rawQuery.slice(0, MAX_QUERY_LENGTH).trim();
    if (words(query).length === 0) return { total: 0, hits: [] };
    const version = await this.freshVersion();
    if (this.answered !== version) {
      this.answers.clear();
      this.answered = version;
    }
    // The categories listed are part of the question: an editor may take one out of content/forum.yml at any time.
    const key = [limit, [...this.slugs].filter(listed).join(' '), query].join('\u0000');
    const kept = this.answers.peek(key);
    if (kept) return this.answers.get(key, () => kept);
    const answer = admit(async () => this.results(await this.ranked(version, query, listed, limit)));
    if (!answer) return undefined;
    void this.answers.get(key, () => answer);
    answer.catch(() => {
      if (this.answers.peek(key) === answer) this.answers.delete(key);
    });
    return answer;
  }

  private async ranked(version: string, query: string, listed: (slug: string) => boolean, limit: number): Promise<ForumRanking> {
    await this.current(version);
    return this.index().query({ query, categories: [...this.slugs].filter(listed), limit });
  }

  private results(ranking: ForumRanking): ForumSearchResults {
    return {
      total: ranking.total,
      hits: ranking.hits.map((hit) => ({ url: this.topicUrl(hit.id), title: hit.title, categorySlug: hit.categorySlug, snippet: hit.snippet })),
    };
  }
}
