// Starts the compiled server (call build() first) as a child process on a free loopback port and waits until it answers.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './nginx.js';

export interface ServerProcess {
  readonly origin: string;
  readonly process: ChildProcess;
  /** Milliseconds from spawn to the first answered request. */
  readonly readyMs: number;
  stop(): Promise<number | null>;
}

/** Compiles src/ into build/ as `npm start` does, so measurements see the production start, not tsx's. */
export function build(rootDir: string): void {
  execFileSync(process.execPath, [path.join(rootDir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(rootDir, 'tsconfig.build.json')], { stdio: 'inherit' });
}

export async function startServer(rootDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const compiled = path.join(rootDir, 'build', 'src', 'server.js');
  // Only the compiled server: measuring a stale build, or tsx's start-up, would report the wrong thing.
  if (!existsSync(compiled)) throw new Error(`no ${compiled}: call build() first`);
  const started = performance.now();
  const child = spawn(process.execPath, [compiled], {
    cwd: rootDir,
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const origin = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}`);
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
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Resident set size of a process in MB, from /proc (Linux). */
export async function rssMb(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}
