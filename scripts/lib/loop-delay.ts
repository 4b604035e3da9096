// A server child's event-loop delay, measured inside it (node --import): how long its serving thread was held.
import { readFileSync } from 'node:fs';

export interface LoopDelay {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/**
 * Node options that make the server measure its own event-loop delay (perf_hooks.monitorEventLoopDelay, sampled
 * every millisecond) from SIGUSR2 on, and write it to `file` as it exits. The delay is how late a timer fired, so
 * its maximum is the longest the thread was held by one piece of work: what a request arriving then waited. Only the
 * main thread measures; the rendering and search threads inherit the option and skip it.
 */
export function loopDelayArgs(file: string): string[] {
  const code = `
import { isMainThread } from 'node:worker_threads';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
if (isMainThread) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  process.on('SIGUSR2', () => histogram.reset());
  process.on('exit', () => {
    const ms = (ns) => ns / 1e6;
    const figures = { p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max) };
    writeFileSync(${JSON.stringify(file)}, JSON.stringify(figures));
  });
}`;
  return ['--import', `data:text/javascript,${encodeURIComponent(code)}`];
}

export function readLoopDelay(file: string): LoopDelay {
  return JSON.parse(readFileSync(file, 'utf8')) as LoopDelay;
}
