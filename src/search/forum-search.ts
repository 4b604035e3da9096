// The forum's topics in site search: a MiniSearch index of public topics apart from the pages', rebuilt when the forum changes.
import MiniSearch, { type SearchResult } from 'minisearch';
import { LruCache } from '../lib/lru-cache.js';
import { renderMarkdown } from '../content/markdown.js';
import { words } from './fold.js';
import { termRules } from './language-terms.js';
import { plainText } from './plain-text.js';
import { MAX_QUERY_LENGTH, type SearchHit } from './search-index.js';
import { snippet } from './snippet.js';

/** A public topic as the forum hands it over: published posts only (Topics.searchDocuments). */
export interface ForumSearchDocument {
  readonly id: number;
  readonly categorySlug: string;
  readonly title: string;
  /** The Markdown of its visible posts. */
  readonly text: string;
}

/** Where the documents come from, and a value that changes whenever they may have (Topics.searchVersion). */
export interface ForumSearchSource {
  version(): Promise<string>;
  documents(): Promise<readonly ForumSearchDocument[]>;
}

export interface ForumSearchHit extends SearchHit {
  readonly categorySlug: string;
}

export interface ForumSearchResults {
  readonly total: number;
  readonly hits: readonly ForumSearchHit[];
}

interface Indexed {
  readonly id: number;
  readonly title: string;
  readonly text: string;
  readonly categorySlug: string;
}

interface Built {
  readonly version: string;
  readonly index: MiniSearch<Indexed>;
  readonly topics: ReadonlyMap<number, Indexed>;
  /** What the index answered to recent queries: a search repeated before the forum changes does not search again. */
  readonly answers: LruCache<string, readonly SearchResult[]>;
}

/** Queries whose answers each version of the index keeps. */
const ANSWERS = 256;

/**
 * Members write in Russian and English alike, and the Russian rules fold every word and stem only Cyrillic ones, so
 * one index serves both. Titles weigh most, as for pages; the same prefix and typo rules apply.
 */
const TERMS = termRules('ru');
const OPTIONS = {
  fields: ['title', 'text'],
  storeFields: [] as string[],
  processTerm: TERMS.index,
  searchOptions: {
    processTerm: TERMS.query,
    boost: { title: 4 },
    prefix: (term: string) => term.length >= 3,
    fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
    combineWith: 'AND' as const,
  },
};

/**
 * Topics change while the site runs, so before each search the index asks the forum for its version (a few index
 * lookups) and is rebuilt when it moved; searches meanwhile share one rebuild. A held, hidden or rejected post never
 * enters (the source gives published posts only), and one that is hidden after being indexed leaves at the next search.
 */
export class ForumSearch {
  private built: Built | undefined;
  private building: Promise<Built> | undefined;
  private reading: Promise<string> | undefined;
  private nextRead: Promise<string> | undefined;

  /** `topicUrl` is the topic page's address (the web layer's scheme, which this folder does not know). */
  constructor(
    private readonly source: ForumSearchSource,
    private readonly topicUrl: (id: number) => string,
  ) {}

  private async current(): Promise<Built> {
    const version = await this.freshVersion();
    if (this.built?.version === version) return this.built;
    this.building ??= this.build(version).finally(() => {
      this.building = undefined;
    });
    const built = await this.building;
    // A rebuild that started before this version was read is stale: build again for it.
    return built.version === version ? built : this.current();
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

  private async build(version: string): Promise<Built> {
    const documents = await this.source.documents();
    const index = new MiniSearch<Indexed>(OPTIONS);
    const topics = new Map<number, Indexed>();
    for (const document of documents) {
      const indexed = { id: document.id, title: document.title, categorySlug: document.categorySlug, text: plainText(renderMarkdown(document.text).html) };
      topics.set(document.id, indexed);
      index.add(indexed);
    }
    this.built = { version, index, topics, answers: new LruCache(ANSWERS) };
    return this.built;
  }

  /** The best-matching topics in the categories `listed` (those content/forum.yml still has), at most `limit`. */
  async search(rawQuery: string, listed: (slug: string) => boolean, limit: number): Promise<ForumSearchResults> {
    const query = rawQuery.slice(0, MAX_QUERY_LENGTH).trim();
    if (words(query).length === 0) return { total: 0, hits: [] };
    const { index, topics, answers } = await this.current();
    const results = answers.get(`${limit}\u0000${query}`, () => {
      const exact = index.search(query, { fuzzy: false });
      return exact.length < limit ? index.search(query) : exact;
    });
    const found = results.flatMap((result) => {
      const topic = topics.get(Number(result.id));
      return topic && listed(topic.categorySlug) ? [{ topic, terms: result.terms }] : [];
    });
    const hits = found.slice(0, limit).map(({ topic, terms }) => ({
      url: this.topicUrl(topic.id),
      title: topic.title,
      categorySlug: topic.categorySlug,
      snippet: snippet(topic.text, '', terms),
    }));
    return { total: found.length, hits };
  }
}
