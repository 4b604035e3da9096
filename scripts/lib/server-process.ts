// Starts the server as a child process on a free loopback port and waits until it answers.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './nginx.js';
import { stopChild } from './stop-child.js';

export interface ServerProcess {
  readonly origin: string;
  readonly process: ChildProcess;
  /** Milliseconds from spawn to the first answered request. */
  readonly readyMs: number;
  stop(): Promise<number | null>;
}

/** Compiles src/ into build/ as `npm start` does, so measurements see the production start, not tsx's. */
export function build(rootDir: string): void {
  execFileSync(process.execPath, [path.join(rootDir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(rootDir, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
}

/**
 * Starts the server on a free loopback port. By default the compiled build (call build() first), as `npm start`
 * runs it, so measurements see the production start; tests pass `source: true` to run src/ through tsx.
 */
export async function startServer(rootDir: string, env: Record<string, string> = {}, options: { source?: boolean } = {}): Promise<ServerProcess> {
  const port = await freePort();
  const compiled = path.join(rootDir, 'build', 'src', 'server.js');
  // Only the compiled server when measuring: a stale build, or tsx's start-up, would report the wrong thing.
  if (!options.source && !existsSync(compiled)) throw new Error(`no ${compiled}: call build() first`);
  const args = options.source ? ['--import', 'tsx', path.join(rootDir, 'src', 'server.ts')] : [compiled];
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), ...env };
  // The test runner marks its own children; the server is not one of them.
  delete childEnv['NODE_TEST_CONTEXT'];
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: rootDir, env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const origin = `http://127.0.0.1:${port}`;
  // Generous: a 10,000-page site on a busy CI machine; a server that hangs is killed, not waited for forever.
  const deadline = started + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer within 60 s: ${stderr}`);
    }
    try {
      const response = await fetch(`${origin}/healthz`);
      await response.arrayBuffer();
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  const readyMs = performance.now() - started;
  return {
    origin,
    process: child,
    readyMs,
    stop: () => stopChild(child),
  };
}

/** Resident set size of a process in MB, from /proc (Linux). */
export async function rssMb(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}
