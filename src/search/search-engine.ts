// Where the search indexes live: the SearchEngine interface, and the engine that keeps them in this thread.
import { ForumTermIndex, type ForumQuery, type ForumRanking, type ForumSearchDocument } from './forum-index.js';
import { TermIndex, type Ranking, type SearchDocument, type TermQuery } from './term-index.js';

/**
 * The engine cannot answer for now (its thread died, or is being started again after dying repeatedly): a search
 * is then answered 503 with Retry-After, as when too many are under way, not 500.
 */
export class SearchUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchUnavailableError';
  }
}

/** One language's index, wherever it is kept. Changes apply in the order they are made, and before any later query. */
export interface IndexHandle {
  reset(): void;
  put(documents: readonly SearchDocument[], replace: boolean): void;
  discard(ids: readonly string[]): void;
  query(query: TermQuery): Promise<Ranking>;
  /** Settles once every change made so far is in the index. */
  flushed(): Promise<void>;
}

/**
 * The forum topics' index, wherever it is kept (forum-index.ts). A build is begun, filled a page at a time and
 * finished; queries meanwhile are ranked on the index last finished. `put` settles once its page is indexed, so the
 * owner reads the next page only then: the forum's text is never all in flight at once.
 */
export interface ForumIndexHandle {
  begin(): void;
  put(documents: readonly ForumSearchDocument[]): Promise<void>;
  finish(): Promise<void>;
  query(query: ForumQuery): Promise<ForumRanking>;
}

/** Holds the indexes of every edition: the search thread in the app (worker-engine.ts), this thread in unit tests. */
export interface SearchEngine {
  /**
   * A new, empty index whose words are read by the rules of `lang`. `refill` is called when the engine has lost the
   * index's contents (its thread died and was started again): the owner then puts every page again.
   */
  open(lang: string, refill?: () => void): IndexHandle;
  /** A new, empty index of the forum's topics; `refill` as for open(): the owner then builds it again. */
  openForum(refill?: () => void): ForumIndexHandle;
  /** Ends the engine's thread, if it has one; queries made after it fail. */
  close(): void;
}

/** Indexes in this thread: for unit tests of ranking, and for tests that wrap an engine to hold a search open. */
export function inThreadEngine(): SearchEngine {
  return {
    open(lang) {
      const index = new TermIndex(lang);
      return {
        reset: () => index.reset(),
        put: (documents, replace) => index.put(documents, replace),
        discard: (ids) => index.discard(ids),
        query: (query) => Promise.resolve(index.query(query)),
        flushed: () => Promise.resolve(),
      };
    },
    openForum() {
      const index = new ForumTermIndex();
      return {
        begin: () => index.begin(),
        put: (documents) => Promise.resolve(index.put(documents)),
        finish: () => Promise.resolve(index.finish()),
        query: (query) => Promise.resolve(index.query(query)),
      };
    },
    close() {},
  };
}
