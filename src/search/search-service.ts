// The one way the routes search: repeated queries from a cache, others through a bound on searches under way.
import type { Site } from '../content/site.js';
import { ConcurrencyGate } from '../lib/concurrency-gate.js';
import { LruCache } from '../lib/lru-cache.js';
import { MAX_QUERY_LENGTH } from './query-bounds.js';
import type { SearchIndex, SearchResults } from './search-index.js';

export interface SearchServiceOptions {
  /** Searches under way at once (waiting for the search thread or ranked there); more are refused, and answered 503. */
  readonly concurrency: number;
  /** Result pages kept for repeated queries. */
  readonly cacheEntries: number;
}

/** What is searched: an edition's index and site, and the generation they belong to. */
export interface SearchTarget {
  /** Changes whenever what the results are made from changes (a new content generation): the cache is then emptied. */
  readonly generation: number;
  readonly index: SearchIndex;
  readonly site: Site;
}

/**
 * Wraps whichever index it is asked to search (one per language), so every edition shares the bound and the cache.
 * A query being searched is cached as its promise: identical queries arriving meanwhile wait for the same answer
 * rather than each taking a place under the bound. A refused or failed search is not kept.
 */
export class SearchService {
  private readonly gate: ConcurrencyGate;
  private readonly cache: LruCache<string, Promise<SearchResults>>;
  private generation: number | undefined;

  constructor(options: SearchServiceOptions) {
    this.gate = new ConcurrencyGate(options.concurrency);
    this.cache = new LruCache(options.cacheEntries);
  }

  /**
   * Runs other search work (the forum's part of the results, search-forum.ts) under the same bound: its promise, or
   * undefined at once, with nothing started, when `concurrency` searches are already under way.
   */
  admit<T>(task: () => Promise<T>): Promise<T> | undefined {
    return this.gate.tryRun(task);
  }

  /** The results, or undefined at once (nothing searched) when `concurrency` searches are already under way. */
  search(target: SearchTarget, rawQuery: string, offset: number, limit: number): Promise<SearchResults> | undefined {
    if (target.generation !== this.generation) {
      this.cache.clear();
      this.generation = target.generation;
    }
    // One character past the limit keeps "your search was cut" apart from a query of exactly the limit.
    const key = [target.index.lang, offset, limit, rawQuery.slice(0, MAX_QUERY_LENGTH + 1)].join('\u0000');
    const kept = this.cache.peek(key);
    // get() with what is kept only marks it as used lately.
    if (kept) return this.cache.get(key, () => kept);
    const results = this.gate.tryRun(() => target.index.search(target.site, rawQuery, offset, limit));
    if (!results) return undefined;
    void this.cache.get(key, () => results);
    results.catch(() => {
      if (this.cache.peek(key) === results) this.cache.delete(key);
    });
    return results;
  }
}
