// Stops a child process with a signal and waits for it to exit.
import type { ChildProcess } from 'node:child_process';

/** Resolves with the exit code (null if a signal ended it); at once if the child has already exited. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}
