// Child processes the scripts and tests start: wait until one answers over HTTP, and stop one and wait for its exit.
import type { ChildProcess } from 'node:child_process';

export interface AnswerWait {
  /** What the child is, for the error: "nginx", "the server". */
  readonly name: string;
  /** A child that hangs is killed after this long rather than waited for forever. */
  readonly timeoutMs: number;
  /** What the child said so far, for the error. */
  readonly output?: () => string;
}

/** Asks url until it answers with any status; fails as soon as the child exits, and kills it once timeoutMs pass. */
export async function waitUntilAnswering(url: string, child: ChildProcess, wait: AnswerWait): Promise<void> {
  const deadline = performance.now() + wait.timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${wait.name} exited with ${child.exitCode ?? child.signalCode}: ${wait.output?.() ?? ''}`);
    }
    try {
      await (await fetch(url)).arrayBuffer();
      return;
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${wait.name} did not answer ${url} within ${wait.timeoutMs / 1000} s: ${wait.output?.() ?? ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves with the exit code (null if a signal ended it); at once if the child has already exited. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}
