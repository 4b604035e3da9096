// Runs wrk against one URL for a bounded time and reads requests/s and latency percentiles from its report.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const WRK = process.env['WRK_PATH'] ?? '/usr/bin/wrk';

export interface LoadResult {
  /** Responses received in the run. */
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly non2xx3xx: number;
}

function milliseconds(value: string): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(value.trim());
  if (!match) return Number.NaN;
  const amount = Number(match[1]);
  return match[2] === 'us' ? amount / 1000 : match[2] === 's' ? amount * 1000 : amount;
}

export function wrkAvailable(): boolean {
  return existsSync(WRK);
}

export interface LoadOptions {
  readonly connections: number;
  readonly seconds: number;
  readonly threads?: number;
  readonly headers?: Record<string, string>;
  /**
   * Each connection waits this long after a response before its next request: steady load below saturation, for
   * the latency a visitor sees on a busy day. Without it, wrk sends as fast as answers come, and at saturation
   * latency measures only the queue.
   */
  readonly pauseMs?: number;
  /**
   * Paths to ask in turn on the URL's origin, instead of the URL's own path; each may end in `{unique}`, replaced by
   * a word no other request uses (so that no cache can answer it).
   */
  readonly paths?: readonly string[];
}

/** wrk's Lua: delay() before each request, and request() choosing the next path; each wrk thread runs its own copy. */
function luaScript(options: LoadOptions): string {
  const lines: string[] = [];
  if (options.pauseMs !== undefined) lines.push(`function delay() return ${Math.round(options.pauseMs)} end`);
  if (options.paths) {
    lines.push(
      `local paths = { ${options.paths.map((item) => JSON.stringify(item)).join(', ')} }`,
      'local threads = 0',
      'function setup(thread) threads = threads + 1; thread:set("tid", threads) end',
      'local n = 0',
      // A word of letters from the thread's number and the request's: unique across threads and requests.
      'local function word(k) local s = "zq" repeat s = s .. string.char(97 + k % 26); k = math.floor(k / 26) until k == 0 return s end',
      'function request()',
      '  n = n + 1',
      '  local path = paths[(n - 1) % #paths + 1]',
      '  path = path:gsub("{unique}", word(tid * 100000000 + n))',
      '  return wrk.format("GET", path)',
      'end',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Only loopback targets: load never leaves this machine. */
export async function load(url: string, options: LoadOptions): Promise<LoadResult> {
  const { hostname } = new URL(url);
  if (hostname !== '127.0.0.1' && hostname !== 'localhost' && hostname !== '[::1]') throw new Error(`refusing to load ${hostname}: loopback only`);
  const extraArgs = Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  let scriptDir: string | undefined;
  if (options.pauseMs !== undefined || options.paths) {
    scriptDir = mkdtempSync(path.join(tmpdir(), 'un-kg-wrk-'));
    writeFileSync(path.join(scriptDir, 'load.lua'), luaScript(options));
    extraArgs.push('-s', path.join(scriptDir, 'load.lua'));
  }
  let stdout: string;
  try {
    ({ stdout } = await run(
      WRK,
      [
        '-t',
        String(options.threads ?? 2),
        '-c',
        String(options.connections),
        '-d',
        `${Math.max(1, Math.round(options.seconds))}s`,
        '--latency',
        ...extraArgs,
        url,
      ],
      { timeout: (options.seconds + 30) * 1000 },
    ));
  } finally {
    if (scriptDir) rmSync(scriptDir, { recursive: true, force: true });
  }
  const requests = /Requests\/sec:\s+([\d.]+)/.exec(stdout);
  const count = /(\d+) requests in/.exec(stdout);
  const p50 = /^\s+50%\s+(\S+)/m.exec(stdout);
  const p99 = /^\s+99%\s+(\S+)/m.exec(stdout);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  const non = /Non-2xx or 3xx responses: (\d+)/.exec(stdout);
  if (!requests || !p50 || !p99) throw new Error(`cannot read wrk's report:\n${stdout}`);
  return {
    requests: Number(count?.[1] ?? Number.NaN),
    requestsPerSecond: Number(requests[1]),
    p50Ms: milliseconds(p50[1]!),
    p99Ms: milliseconds(p99[1]!),
    errors: socketErrors ? socketErrors.slice(1).reduce((sum, count) => sum + Number(count), 0) : 0,
    non2xx3xx: non ? Number(non[1]) : 0,
  };
}
