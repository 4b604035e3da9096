// A server child's memory by thread, reported from inside it (node --import): which thread holds the RSS.
import type { ChildProcess } from 'node:child_process';
import { FiguresOnSignal } from './figures-on-signal.js';

export interface ThreadMemory {
  /** 'serving', 'search' or 'rendering' (else the worker's script). */
  readonly thread: string;
  /** V8's heap: in use (live and not yet collected), and reserved from the system. */
  readonly heapUsedMb: number;
  readonly heapTotalMb: number;
  /** Memory outside the heap that the thread's objects hold (Buffers, typed arrays). */
  readonly externalMb: number;
  /** The heap in use after a full collection: what is live. Only when node runs with --expose-gc, after the other figures. */
  readonly liveMb?: number;
}

interface Written {
  readonly mark: number;
  readonly threads: readonly ThreadMemory[];
}

/**
 * Node options that make a server report each thread's heap on SIGWINCH (SIGUSR2 is loopDelayArgs', and a server
 * without a terminal has no other use for this one): the serving thread asks every thread over a BroadcastChannel,
 * waits a second for the answers and writes them to `file`. The preload runs in every thread, as options given to
 * node reach worker threads too; a worker is named by its script (process.argv[1] there), as the compiled server
 * starts it. A thread busy for longer than the wait (or ended) is missing from the figures.
 */
export function threadMemoryArgs(file: string): string[] {
  const code = `
import { isMainThread, BroadcastChannel } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { writeFileSync } from 'node:fs';
const channel = new BroadcastChannel('thread-memory');
channel.unref();
const mb = (bytes) => bytes / 2 ** 20;
const figures = () => {
  const heap = getHeapStatistics();
  const script = String(process.argv[1]);
  const thread = isMainThread ? 'serving' : script.includes('search-worker') ? 'search' : script.includes('body-worker') ? 'rendering' : script;
  const live = typeof gc === 'function' ? (gc(), mb(getHeapStatistics().used_heap_size)) : undefined;
  return { thread, heapUsedMb: mb(heap.used_heap_size), heapTotalMb: mb(heap.total_heap_size), externalMb: mb(heap.external_memory), liveMb: live };
};
if (isMainThread) {
  let mark = 0;
  process.on('SIGWINCH', () => {
    const threads = [figures()];
    channel.onmessage = (event) => { if (event.data.thread) threads.push(event.data); };
    channel.postMessage({ ask: true });
    setTimeout(() => {
      writeFileSync(${JSON.stringify(file)}, JSON.stringify({ mark, threads }));
      mark += 1;
    }, 1000);
  });
} else {
  channel.onmessage = (event) => { if (event.data.ask) channel.postMessage(figures()); };
}`;
  return ['--import', `data:text/javascript,${encodeURIComponent(code)}`];
}

/** Asks the server (see threadMemoryArgs) for each thread's memory, and waits for it to write the answer. */
export class ThreadMemoryMarks {
  private readonly figures: FiguresOnSignal<Written>;

  constructor(child: ChildProcess, file: string) {
    this.figures = new FiguresOnSignal(child, file, 'SIGWINCH', 'memory figures');
  }

  async read(): Promise<readonly ThreadMemory[]> {
    return (await this.figures.next()).threads;
  }
}

export const formatThreadMemory = (threads: readonly ThreadMemory[]): string =>
  threads
    .map(
      (t) =>
        `${t.thread} thread: heap ${t.heapUsedMb.toFixed(0)} MB used of ${t.heapTotalMb.toFixed(0)}` +
        `${t.liveMb === undefined ? '' : ` (${t.liveMb.toFixed(0)} MB live)`}, ${t.externalMb.toFixed(0)} MB outside it`,
    )
    .join('\n');
