// The search thread seen from the server's thread: indexes kept and queried there, answers awaited here.
import type { Worker } from 'node:worker_threads';
import { errorFields, type Logger } from '../lib/logger.js';
import { startWorker, workerUrl } from '../lib/start-worker.js';
import type { IndexHandle, SearchEngine } from './search-engine.js';
import type { SearchMessage, SearchReply } from './search-messages.js';
import type { Ranking } from './term-index.js';

/** The worker's own file: search-worker.js once compiled (`npm start`), search-worker.ts under tsx (tests, `npm run dev`). */
const WORKER_URL = workerUrl(import.meta.url, 'search-worker');

interface Pending {
  readonly resolve: (result: Ranking | undefined) => void;
  readonly reject: (error: Error) => void;
}

/**
 * One worker thread holding every index. Ranking a query over 10,000 pages takes tens of milliseconds; on the
 * server's thread, fifty connections searching held every page answer behind them (median 1.8 ms became 460 ms).
 * The worker is unref'd while nothing waits for it: it keeps a process alive only while an answer is awaited.
 */
export class WorkerEngine implements SearchEngine {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextReply = 1;
  private nextIndex = 1;
  private failure: Error | undefined;

  constructor(logger: Logger) {
    this.worker = startWorker(WORKER_URL);
    this.worker.on('message', (message: SearchReply) => this.answer(message));
    this.worker.on('error', (error) => {
      logger.error('the search thread failed; search answers 503 until the server restarts', errorFields(error));
      this.fail(error);
    });
    this.worker.on('exit', () => this.fail(new Error('the search thread has ended')));
    // After the listeners: adding a 'message' listener refs the worker again.
    this.worker.unref();
  }

  open(lang: string): IndexHandle {
    const index = this.nextIndex++;
    this.send({ type: 'open', index, lang });
    return {
      reset: () => this.send({ type: 'reset', index }),
      put: (documents, replace) => this.send({ type: 'put', index, documents, replace }),
      discard: (ids) => this.send({ type: 'discard', index, ids }),
      query: async (query) => (await this.ask({ type: 'query', index, query }))!,
      flushed: async () => {
        await this.ask({ type: 'flush' });
      },
    };
  }

  close(): void {
    void this.worker.terminate();
  }

  private send(message: SearchMessage): void {
    if (!this.failure) this.worker.postMessage(message);
  }

  private ask(message: SearchMessage): Promise<Ranking | undefined> {
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
