// Tests: a search engine that records and can hold its queries, and "the bound of searches is full" made of one held search.
import request, { type Response } from 'supertest';
import type { App } from '../../src/app.js';
import { inThreadEngine, type SearchEngine } from '../../src/search/search-engine.js';
import type { TermQuery } from '../../src/search/term-index.js';
import { testHold } from './hold.js';

export interface WatchedEngine {
  readonly engine: SearchEngine;
  /** Every query asked, in order. */
  readonly queries: TermQuery[];
  hold(): void;
  release(): void;
  /** Settles when the next query arrives, so a test knows a search is under way without timing. */
  nextQuery(): Promise<void>;
}

/** The real in-thread engine, watched: every query it is asked is recorded, and while held a query waits for release(). */
export function watchedEngine(): WatchedEngine {
  const inner = inThreadEngine();
  const queries: TermQuery[] = [];
  const gate = testHold();
  let arrived: (() => void) | undefined;
  const engine: SearchEngine = {
    open(lang) {
      const handle = inner.open(lang);
      return {
        ...handle,
        async query(query) {
          queries.push(query);
          arrived?.();
          if (gate.passage) await gate.passage;
          return handle.query(query);
        },
      };
    },
    close: () => inner.close(),
  };
  return {
    engine,
    queries,
    hold: () => gate.hold(),
    release: () => gate.release(),
    nextQuery: () => new Promise<void>((resolve) => (arrived = resolve)),
  };
}

export interface BusySearch {
  /** Lets the held search finish; resolves with its response. */
  release(): Promise<Response>;
}

/**
 * Sends `path` (a search) to the app and holds it on the watched engine once it is under way: with
 * SEARCH_CONCURRENCY=1 the bound is then full until release().
 */
export async function busySearch(app: App, watched: WatchedEngine, path = '/search?q=precursors'): Promise<BusySearch> {
  watched.hold();
  const arrived = watched.nextQuery();
  const held = request(app.handle)
    .get(path)
    .then((response) => response);
  await arrived;
  return {
    release() {
      watched.release();
      return held;
    },
  };
}
