// The search thread seen from the server's thread: indexes kept and queried there, answers awaited here.
import type { Worker } from 'node:worker_threads';
import { errorFields, type Logger } from '../lib/logger.js';
import { startWorker, workerUrl } from '../lib/start-worker.js';
import type { ForumRanking } from './forum-index.js';
import { SearchUnavailableError, type ForumIndexHandle, type IndexHandle, type SearchEngine } from './search-engine.js';
import type { SearchMessage, SearchReply } from './search-messages.js';
import type { Ranking } from './term-index.js';

/** The worker's own file: search-worker.js once compiled (`npm start`), search-worker.ts under tsx (tests, `npm run dev`). */
const WORKER_URL = workerUrl(import.meta.url, 'search-worker');

type Result = Ranking | ForumRanking | undefined;

interface Pending {
  readonly resolve: (result: Result) => void;
  readonly reject: (error: Error) => void;
}

/** Restarts of the search thread made at once within RESTART_WINDOW_MS; past them each waits (a page that kills it every time). */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
/** The longest wait before starting a thread that keeps dying: search is back within this long of what killed it going. */
const MAX_BACKOFF_MS = 5 * 60_000;

export interface WorkerEngineOptions {
  /** The wait before the first restart past MAX_RESTARTS; each further one waits twice as long (tests shorten it). */
  readonly backoffMs?: number;
}

/**
 * One worker thread holding every index: each edition's pages, and the forum's topics. Ranking a query over 10,000
 * pages takes milliseconds; on the server's thread, fifty connections searching held every page answer behind them
 * (median 1.8 ms became 460 ms), and rebuilding a forum of 5,000 topics after a change held them 14.6 s.
 * The worker is unref'd while nothing waits for it: it keeps a process alive only while an answer is awaited.
 * If the thread dies, queries waiting for it fail with SearchUnavailableError (answered 503), a new thread is started
 * at once, and each index's owner is asked to fill it again (SearchIndex rebuilds from its site, in the background,
 * as at start). A thread that keeps dying (more than MAX_RESTARTS times a minute) is started again after a wait that
 * doubles each time, so that search comes back by itself once the cause is gone, without spinning meanwhile.
 */
export class WorkerEngine implements SearchEngine {
  private worker: Worker;
  private readonly pending = new Map<number, Pending>();
  /** Each index opened, to open again in a new thread: a language's pages (lang) or the forum's topics (no lang). */
  private readonly opened = new Map<number, { readonly lang: string | undefined; readonly refill: (() => void) | undefined }>();
  private readonly restarts: number[] = [];
  private readonly backoffMs: number;
  /** Restarts made after a wait since the thread last stayed up a whole window: the next wait is backoffMs × 2^backoffs. */
  private backoffs = 0;
  private backoff: NodeJS.Timeout | undefined;
  private started: { readonly promise: Promise<void>; readonly resolve: () => void } | undefined;
  private nextReply = 1;
  private nextIndex = 1;
  private closed = false;
  private failure: Error | undefined;

  constructor(
    private readonly logger: Logger,
    options: WorkerEngineOptions = {},
  ) {
    this.backoffMs = options.backoffMs ?? 5_000;
    this.worker = this.start();
  }

  open(lang: string, refill?: () => void): IndexHandle {
    const index = this.nextIndex++;
    this.opened.set(index, { lang, refill });
    this.send({ type: 'open', index, lang });
    return {
      reset: () => this.send({ type: 'reset', index }),
      put: (documents, replace) => this.send({ type: 'put', index, documents, replace }),
      discard: (ids) => this.send({ type: 'discard', index, ids }),
      query: async (query) => (await this.ask({ type: 'query', index, query })) as Ranking,
      flushed: async () => {
        await this.ask({ type: 'flush' });
      },
    };
  }

  openForum(refill?: () => void): ForumIndexHandle {
    const index = this.nextIndex++;
    this.opened.set(index, { lang: undefined, refill });
    this.send({ type: 'forum-open', index });
    return {
      begin: () => this.send({ type: 'forum-begin', index }),
      put: async (documents) => {
        await this.ask({ type: 'forum-put', index, documents });
      },
      finish: async () => {
        await this.ask({ type: 'forum-finish', index });
      },
      query: async (query) => (await this.ask({ type: 'forum-query', index, query })) as ForumRanking,
    };
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.backoff);
    void this.worker.terminate();
  }

  /** Settles once a thread is running: at once, or when the thread waiting out a back-off is started (for tests). */
  running(): Promise<void> {
    if (!this.failure) return Promise.resolve();
    // Someone waits for it now: the wait keeps the process alive, as an awaited answer keeps the thread's.
    this.backoff?.ref();
    if (!this.started) {
      let resolve!: () => void;
      const promise = new Promise<void>((settle) => (resolve = settle));
      this.started = { promise, resolve };
    }
    return this.started.promise;
  }

  /** Ends the thread as a crash would: for tests of the restart. */
  async terminateThread(): Promise<void> {
    await this.worker.terminate();
  }

  private start(): Worker {
    const worker = startWorker(WORKER_URL);
    worker.on('message', (message: SearchReply) => this.answer(message));
    worker.on('error', (error) => this.logger.error('the search thread failed', errorFields(error)));
    worker.on('exit', (code) => this.lost(worker, code));
    // After the listeners: adding a 'message' listener refs the worker again.
    worker.unref();
    return worker;
  }

  /** The thread ended: fail what waited for it, and unless the app is closing, start another, at once or after a wait. */
  private lost(worker: Worker, code: number): void {
    if (worker !== this.worker) return;
    this.fail(new SearchUnavailableError(`the search thread has ended (exit code ${code})`));
    if (this.closed) return;
    const now = Date.now();
    while (this.restarts.length > 0 && now - this.restarts[0]! > RESTART_WINDOW_MS) this.restarts.shift();
    // Only a thread that stayed up a whole window is forgiven its waits: otherwise a page that kills it every time
    // would earn five quick restarts (each indexing the site again) every minute for ever.
    if (this.restarts.length === 0) this.backoffs = 0;
    if (this.backoffs === 0 && this.restarts.length < MAX_RESTARTS) {
      this.logger.warn('the search thread ended; starting another and indexing again', { exitCode: code });
      this.restart();
      return;
    }
    const waitMs = Math.min(this.backoffMs * 2 ** this.backoffs, MAX_BACKOFF_MS);
    this.backoffs += 1;
    this.logger.error(`the search thread keeps ending (${MAX_RESTARTS + 1} times within a minute); starting it again in ${waitMs / 1000} s`, {
      exitCode: code,
    });
    // Searches meanwhile are refused at once (503); unref'd, so a server with nothing else to do may still exit.
    this.backoff = setTimeout(() => this.restart(), waitMs);
    this.backoff.unref();
  }

  private restart(): void {
    if (this.closed) return;
    this.restarts.push(Date.now());
    this.failure = undefined;
    this.worker = this.start();
    for (const [index, { lang }] of this.opened) this.send(lang === undefined ? { type: 'forum-open', index } : { type: 'open', index, lang });
    for (const { refill } of this.opened.values()) refill?.();
    this.started?.resolve();
    this.started = undefined;
  }

  private send(message: SearchMessage): void {
    if (!this.failure) this.worker.postMessage(message);
  }

  private ask(message: SearchMessage): Promise<Result> {
    if (this.closed) return Promise.reject(new Error('the search engine is closed'));
    if (this.failure) return Promise.reject(this.failure);
    const reply = this.nextReply++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(reply, { resolve, reject });
      this.worker.postMessage({ ...message, reply });
    });
  }

  private answer(message: SearchReply): void {
    const pending = this.pending.get(message.reply);
    this.pending.delete(message.reply);
    if (this.pending.size === 0) this.worker.unref();
    if ('error' in message) pending?.reject(new Error(`search thread: ${message.error}`));
    else pending?.resolve(message.result);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(this.failure);
    this.pending.clear();
  }
}
