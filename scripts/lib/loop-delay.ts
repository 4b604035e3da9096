// A server child's event-loop delay, measured inside it (node --import): how long its serving thread was held.
import type { ChildProcess } from 'node:child_process';
import { FiguresOnSignal } from './figures-on-signal.js';

export interface LoopDelay {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Garbage collection meanwhile: its longest pause and all its pauses together (perf_hooks 'gc' entries). */
  readonly gcMaxMs: number;
  readonly gcTotalMs: number;
}

interface Written extends LoopDelay {
  /** How many marks came before this one: the bench waits for the one it asked for. */
  readonly mark: number;
}

/**
 * Node options that make a server measure its own event-loop delay (perf_hooks.monitorEventLoopDelay, sampled every
 * millisecond). The delay is how late a timer fired, so its maximum is the longest the thread was held by one piece
 * of work: what a request arriving then waited. At each SIGUSR2 the figures since the one before are written to
 * `file` and counting starts again. Only the main thread measures; the rendering and search threads inherit the
 * option and skip it.
 */
export function loopDelayArgs(file: string): string[] {
  const code = `
import { isMainThread } from 'node:worker_threads';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
if (isMainThread) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let gc = { gcMaxMs: 0, gcTotalMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gc = { gcMaxMs: Math.max(gc.gcMaxMs, entry.duration), gcTotalMs: gc.gcTotalMs + entry.duration };
  }).observe({ entryTypes: ['gc'] });
  let mark = 0;
  process.on('SIGUSR2', () => {
    const ms = (ns) => ns / 1e6;
    const figures = { mark, p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max), ...gc };
    writeFileSync(${JSON.stringify(file)}, JSON.stringify(figures));
    mark += 1;
    histogram.reset();
    gc = { gcMaxMs: 0, gcTotalMs: 0 };
  });
}`;
  return ['--import', `data:text/javascript,${encodeURIComponent(code)}`];
}

/** Marks the server's measure (see loopDelayArgs): the figures since the mark before, after waiting for it to write them. */
export class LoopDelayMarks {
  private readonly figures: FiguresOnSignal<Written>;

  constructor(child: ChildProcess, file: string) {
    this.figures = new FiguresOnSignal(child, file, 'SIGUSR2', 'event-loop delay');
  }

  mark(): Promise<LoopDelay> {
    return this.figures.next();
  }
}

export const formatLoopDelay = (delay: LoopDelay): string =>
  `p50 ${delay.p50Ms.toFixed(1)} ms, p99 ${delay.p99Ms.toFixed(1)} ms, max ${delay.maxMs.toFixed(1)} ms; ` +
  `GC pauses max ${delay.gcMaxMs.toFixed(1)} ms, ${delay.gcTotalMs.toFixed(0)} ms in all`;
