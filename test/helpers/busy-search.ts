// Tests: a search engine that records and can hold its queries, and "the bound of searches is full" made of one held search.
import request, { type Response } from 'supertest';
import type { App } from '../../src/app.js';
import { inThreadEngine, type SearchEngine } from '../../src/search/search-engine.js';
import type { ForumQuery } from '../../src/search/forum-index.js';
import type { TermQuery } from '../../src/search/term-index.js';
import { testHold } from './hold.js';

/** The forum's index on a watched engine: its queries and the pages of its builds, held apart from the pages' queries. */
export interface WatchedForum {
  /** Every query of the forum's topics, in order. */
  readonly queries: ForumQuery[];
  /** How many pages of topics its builds were given. */
  readonly puts: number;
  /** While held, the forum's queries and the pages of its builds wait for release(). */
  hold(): void;
  release(): void;
  /** Settles when the next forum query arrives on the engine. */
  nextQuery(): Promise<void>;
  /** Settles when the next page of a build arrives on the engine: a rebuild is under way. */
  nextPut(): Promise<void>;
}

export interface WatchedEngine {
  readonly engine: SearchEngine;
  /** Every query asked, in order. */
  readonly queries: TermQuery[];
  hold(): void;
  release(): void;
  /** Settles when the next query arrives, so a test knows a search is under way without timing. */
  nextQuery(): Promise<void>;
  readonly forum: WatchedForum;
}

/** The forum's side of watchedEngine(). */
function watchedForum(inner: SearchEngine): { openForum: SearchEngine['openForum']; forum: WatchedForum } {
  const gate = testHold();
  const queries: ForumQuery[] = [];
  let puts = 0;
  let queried: (() => void) | undefined;
  let put: (() => void) | undefined;
  return {
    openForum(refill) {
      const handle = inner.openForum(refill);
      return {
        ...handle,
        async put(documents) {
          puts += 1;
          put?.();
          if (gate.passage) await gate.passage;
          return handle.put(documents);
        },
        async query(query) {
          queries.push(query);
          queried?.();
          if (gate.passage) await gate.passage;
          return handle.query(query);
        },
      };
    },
    forum: {
      queries,
      get puts() {
        return puts;
      },
      hold: () => gate.hold(),
      release: () => gate.release(),
      nextQuery: () => new Promise<void>((resolve) => (queried = resolve)),
      nextPut: () => new Promise<void>((resolve) => (put = resolve)),
    },
  };
}

/** The real in-thread engine, watched: every query it is asked is recorded, and while held a query waits for release(). */
export function watchedEngine(): WatchedEngine {
  const inner = inThreadEngine();
  const queries: TermQuery[] = [];
  const gate = testHold();
  let arrived: (() => void) | undefined;
  const { openForum, forum } = watchedForum(inner);
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
    openForum,
    close: () => inner.close(),
  };
  return {
    engine,
    queries,
    hold: () => gate.hold(),
    release: () => gate.release(),
    nextQuery: () => new Promise<void>((resolve) => (arrived = resolve)),
    forum,
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
