// Requests at a fixed arrival rate (an open loop), each timed from when it was due: latency as visitors arriving on their own see it.
import { Agent, request } from 'node:http';

export interface OpenLoadResult {
  readonly requests: number;
  /** Requests sent per second, as scheduled. */
  readonly rate: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers other than 2xx and 3xx (503 when search refused). */
  readonly non2xx3xx: number;
  /** Requests that failed without an answer. */
  readonly errors: number;
}

export interface OpenLoadOptions {
  /** Requests a second. */
  readonly rate: number;
  readonly seconds: number;
  /** Paths asked in turn; `{unique}` is replaced by a word no other request uses, as in load.ts. */
  readonly paths: readonly string[];
  /** Connections kept open at most: a request due when all are busy waits, and its wait counts. */
  readonly connections?: number;
}

const percentile = (sorted: readonly number[], fraction: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;

const uniqueWord = (n: number): string => `zo${n.toString(26).replace(/[0-9]/g, (digit) => String.fromCharCode(113 + Number(digit)))}`;

/**
 * wrk (load.ts) is a closed loop: each connection sends its next request when the last is answered, so at
 * saturation the latency it reports is the queue its own connections make (Little's law). Visitors do not wait for
 * one another: here request i is sent at start + i / rate whatever the others are doing, and its latency counts from
 * that moment, so a slow server is not hidden by sending less (no coordinated omission). Node's client is cheap at a
 * few hundred requests a second; it is not meant for thousands.
 */
export async function openLoad(origin: string, options: OpenLoadOptions): Promise<OpenLoadResult> {
  const { hostname } = new URL(origin);
  if (hostname !== '127.0.0.1' && hostname !== 'localhost') throw new Error(`refusing to load ${hostname}: loopback only`);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections ?? 50 });
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  let non2xx3xx = 0;
  let errors = 0;
  const start = performance.now();
  const one = (index: number): Promise<void> => {
    const due = start + (index * 1000) / options.rate;
    const path = options.paths[index % options.paths.length]!.replace('{unique}', uniqueWord(index));
    return new Promise<void>((resolve) => {
      const sent = request(origin + path, { agent }, (response) => {
        response.resume();
        response.on('end', () => {
          latencies.push(performance.now() - due);
          if ((response.statusCode ?? 0) >= 400) non2xx3xx += 1;
          resolve();
        });
      });
      sent.on('error', () => {
        errors += 1;
        resolve();
      });
      sent.end();
    });
  };
  const pending: Promise<void>[] = [];
  for (let index = 0; index < total; index += 1) {
    const wait = start + (index * 1000) / options.rate - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(one(index));
  }
  await Promise.all(pending);
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return { requests: total, rate: options.rate, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99), non2xx3xx, errors };
}
