// Starts src/server.ts as a child process on a loopback port, waits until it serves, and reads, signals and stops it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { waitUntilAnswering } from './child.js';
import { entryPointArgs } from './entry-point.js';
import { freePort } from './listen.js';
import { LogLines } from './log-lines.js';
import { ROOT } from './root.js';

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** performance.now() when the process had exited and its output was read. */
  readonly at: number;
}

export interface ServerOptions {
  /** Variables on top of NODE_ENV=production and HOST=127.0.0.1; the child inherits the rest of this environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** src/server.ts as the caller's own code runs (compiled with the tests, or through tsx); by default build/ (call build() first), as `npm start` does. */
  readonly source?: boolean;
  /**
   * Read stdout's JSON lines, as tests do. By default stdout goes to /dev/null, so that under load the request log
   * costs neither the server nor the process measuring it.
   */
  readonly readStdout?: boolean;
  /** Options for node itself, before the script (`--cpu-prof`, say). */
  readonly nodeArgs?: readonly string[];
}

export interface ServerProcess {
  readonly origin: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** Milliseconds from spawn to ready: to the "listening" line when stdout is read, else to the first answered request. */
  readonly readyMs: number;
  /** The info log, when readStdout is set; otherwise empty and ended. */
  readonly stdout: LogLines;
  /** Warnings and errors, and anything Node itself prints. */
  readonly stderr: LogLines;
  readonly exited: Promise<Exit>;
  /** Sends a signal and returns at once. */
  kill(signal: NodeJS.Signals): void;
  /** Sends a signal (SIGTERM unless told) unless the process has already gone, and resolves with its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Compiles src/ into build/ as `npm start` does, so measurements see the production start, not tsx's. */
export function build(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
}

/** Lines of a child's output stream into a LogLines, ended when the stream closes. */
function readLines(stream: NodeJS.ReadableStream, name: string): LogLines {
  const lines = new LogLines();
  createInterface({ input: stream })
    .on('line', (text) => lines.add(text))
    .on('close', () => lines.end(`the server closed its ${name}`));
  return lines;
}

/**
 * How long a start may take before it is taken for hung, killed and reported. Not a measure of speed: the 10,000-page
 * site is ready in about 3 s on a quiet machine (npm run scale) and can need more than a minute under heavy load; this
 * is many times any start seen, there only so that a server stuck for good fails the run instead of holding it for ever.
 */
const START_HUNG_MS = 10 * 60_000;

export async function startServer(options: ServerOptions = {}): Promise<ServerProcess> {
  const compiled = path.join(ROOT, 'build', 'src', 'server.js');
  // Only the compiled server when measuring: a stale build, or tsx's start-up, would report the wrong thing.
  if (!options.source && !existsSync(compiled)) throw new Error(`no ${compiled}: call build() first`);
  const args = [...(options.nodeArgs ?? []), ...(options.source ? entryPointArgs('src/server.ts') : [compiled])];
  // With its log read, the server takes port 0 and names the port it got, so no other process can take it first.
  const port = options.readStdout ? 0 : await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), ...options.env };
  // The test runner marks its own children; the server is not one of them.
  delete env['NODE_TEST_CONTEXT'];

  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', options.readStdout ? 'pipe' : 'ignore', 'pipe'] });
  // 'close', not 'exit': it comes once stdout and stderr are read to the end, so the last log lines are in by then.
  const exited = new Promise<Exit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, at: performance.now() })));
  const stderr = readLines(child.stderr!, 'stderr');
  const stdout = child.stdout ? readLines(child.stdout, 'stdout') : new LogLines();
  if (!child.stdout) stdout.end('stdout is not read: start the server with readStdout');

  let origin = `http://127.0.0.1:${port}`;
  // Ready is an event (the "listening" line, or /healthz answering), and a server that exits first fails at once.
  const timeoutMs = START_HUNG_MS;
  if (options.readStdout) {
    try {
      const listening = await stdout.waitFor((line) => line['message'] === 'listening', timeoutMs);
      origin = new URL(String(listening['url'])).origin;
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`the server did not start: ${error instanceof Error ? error.message : String(error)}\nstderr:\n${stderr.text()}`, { cause: error });
    }
  } else {
    await waitUntilAnswering(`${origin}/healthz`, child, { name: 'the server', timeoutMs, output: () => stderr.text() });
  }
  const readyMs = performance.now() - started;

  return {
    origin,
    port: Number(new URL(origin).port),
    process: child,
    readyMs,
    stdout,
    stderr,
    exited,
    kill(signal) {
      child.kill(signal);
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return (await exited).code;
    },
  };
}

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
  return kb / 1024;
}
