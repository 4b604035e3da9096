// A few threads that render page bodies, so that a large page never holds up the thread that answers requests.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { RenderedMarkdown } from '../content/markdown.js';
import type { LaidOutBody } from '../content/page-body.js';
import { ContentError } from '../content/problem.js';
import { startWorker, workerUrl } from '../lib/start-worker.js';
import type { BodyReply, Outline } from './body-messages.js';

const WORKER_URL = workerUrl(import.meta.url, 'body-worker');

/** A body rendered on a thread: its HTML packed (raw deflate), the rest as renderMarkdown gives it. */
export interface ThreadBody extends Omit<RenderedMarkdown, 'html'> {
  readonly packedHtml: Buffer;
  readonly htmlLength: number;
  /** The body's words for search, made and packed there for a large body only. */
  readonly packedText: Buffer | undefined;
  /** How long the thread took, for the log and the benchmark. */
  readonly renderMs: number;
  /** A large body's HTML as bytes and its hash, for laying out its page without unpacking it (LaidOutBody). */
  readonly large: LaidOutBody | undefined;
}

/** What to render: a page file's body, and the line of the file it starts on, for errors. */
export interface BodyRequest {
  readonly file: string;
  /** The body's bytes (UTF-8), as read from the file. */
  readonly source: Buffer;
  /** Lines of the file before the body (the front matter), added to a body line to give the file's line. */
  readonly bodyOffset: number;
}

export interface BodyPoolOptions {
  /** Threads; by default one on two cores, and at most half of them, since the server's thread needs one. */
  readonly threads?: number;
  /** How long a thread may stay idle before it ends, giving its heap back; the next body starts one again. */
  readonly idleMs?: number;
  /** Heap of each thread: a body that needs more ends that thread only, and its page is reported as failed. */
  readonly maxHeapMb?: number;
}

interface Job extends BodyRequest {
  readonly id: number;
  readonly resolve: (body: ThreadBody) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Rendering 10,000 bodies after start leaves a thread's heap at about 150 MB, kept for as long as the thread lives.
 * A new thread costs the next change about 100 ms (npm run scale: 116–150 ms to live became 238 ms with threads
 * ended after 30 s), so a thread stays through an editor's run of saves and ends minutes after the last.
 */
const DEFAULT_IDLE_MS = 5 * 60_000;

/** Far above what rendering a 1 MB page needs (a few hundred MB at worst), far below what would starve the server. */
const DEFAULT_HEAP_MB = 1024;

function defaultThreads(): number {
  return Math.max(1, Math.min(4, Math.floor(availableParallelism() / 2)));
}

/**
 * Bodies go to the first idle thread, or wait in order. A thread that dies (out of memory on a hostile file, a
 * crash) fails only the page it was rendering, which is reported with its file and line, and is replaced at once.
 * Threads are unref'd while idle: they keep a process alive only while a body is awaited.
 */
export class BodyPool {
  private readonly threads: number;
  private readonly maxHeapMb: number;
  private readonly idle: Worker[] = [];
  private readonly idleMs: number;
  /** When each idle thread is to end, unless a body comes first. */
  private readonly retiring = new Map<Worker, NodeJS.Timeout>();
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Threads started, including those that replaced a dead one (tests). */
  started = 0;

  constructor(options: BodyPoolOptions = {}) {
    this.threads = options.threads ?? defaultThreads();
    this.maxHeapMb = options.maxHeapMb ?? DEFAULT_HEAP_MB;
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  }

  /** Threads running now, idle or busy (tests). */
  get alive(): number {
    return this.idle.length + this.busy.size;
  }

  /** Renders one body on a thread; rejects with a ContentError naming the file and line when it cannot be rendered. */
  render(request: BodyRequest): Promise<ThreadBody> {
    if (this.closed) return Promise.reject(new Error('the body-rendering threads have been closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ ...request, id: this.nextId++, resolve, reject });
      this.dispatch();
    });
  }

  /** Bodies being rendered or waiting: while any is, the threads keep the process alive. */
  get pending(): number {
    return this.busy.size + this.queue.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Ends every thread; bodies still waiting or being rendered fail as closed. */
  close(): void {
    this.closed = true;
    for (const job of [...this.queue.splice(0), ...this.busy.values()]) job.reject(new Error('the body-rendering threads have been closed'));
    // Asked to end after the body in hand, not terminated: a thread terminated inside zlib aborts the whole process on
    // Node 20 ("close before init" in node_zlib.cc). Unref'd, a thread still rendering does not hold the process.
    for (const timer of this.retiring.values()) clearTimeout(timer);
    this.retiring.clear();
    for (const worker of [...this.idle, ...this.busy.keys()]) {
      worker.postMessage({ close: true });
      worker.unref();
    }
    this.busy.clear();
    this.idle.length = 0;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.busy.size < this.threads ? this.spawn() : undefined);
      if (!worker) return;
      clearTimeout(this.retiring.get(worker));
      this.retiring.delete(worker);
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.ref();
      // A copy the thread takes over: posting a 1 MB string, or a view on the file's buffer, cost this thread more.
      const source = new Uint8Array(job.source);
      worker.postMessage({ id: job.id, source }, [source.buffer]);
    }
  }

  private spawn(): Worker {
    const worker = startWorker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb } });
    this.started += 1;
    worker.on('message', (reply: BodyReply) => this.answer(worker, reply));
    // 'error' comes first for an uncaught error or running out of memory, then 'exit'; both end the thread.
    worker.on('error', (error) => this.lose(worker, error));
    worker.on('exit', (code) => this.lose(worker, new Error(`the rendering thread ended with code ${code}`)));
    return worker;
  }

  private answer(worker: Worker, reply: BodyReply): void {
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    this.release(worker);
    if (job && job.id === reply.id) settle(job, reply);
    this.dispatch();
  }

  private release(worker: Worker): void {
    // Once closed, the thread has been asked to end, and does after this reply.
    if (this.closed) return;
    worker.unref();
    this.idle.push(worker);
    const timer = setTimeout(() => this.retire(worker), this.idleMs);
    timer.unref();
    this.retiring.set(worker, timer);
  }

  /** Ends a thread idle for idleMs: asked to, as close() does, never terminated (see close()). */
  private retire(worker: Worker): void {
    this.retiring.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at === -1) return;
    this.idle.splice(at, 1);
    worker.postMessage({ close: true });
  }

  /** A thread that died: its page fails with its file and line, and the next body starts a new thread. */
  private lose(worker: Worker, cause: Error): void {
    clearTimeout(this.retiring.get(worker));
    this.retiring.delete(worker);
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at !== -1) this.idle.splice(at, 1);
    if (job) {
      const why = /memory/i.test(cause.message) ? 'it needed more memory than a page may have' : 'the rendering stopped';
      job.reject(new ContentError(job.file, job.bodyOffset + 1, `this page could not be rendered (${why}): split it into smaller pages`, { cause }));
    }
    if (!this.closed) this.dispatch();
  }
}

function settle(job: Job, reply: BodyReply): void {
  if ('packedHtml' in reply) {
    const { packedHtml, htmlLength, packedText, outlineJson, renderMs, large } = reply;
    const outline = JSON.parse(outlineJson) as Outline;
    const laidOut = large && { bytes: asBuffer(large.bytes), digest: large.digest };
    job.resolve({ ...outline, packedHtml: asBuffer(packedHtml), htmlLength, packedText: packedText && asBuffer(packedText), renderMs, large: laidOut });
  } else if ('limitLine' in reply) {
    job.reject(new ContentError(job.file, reply.limitLine + job.bodyOffset, reply.message));
  } else {
    job.reject(new ContentError(job.file, job.bodyOffset + 1, `this page could not be rendered: ${reply.error}`));
  }
}

/** A Buffer over bytes handed over by a thread, without copying them. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
