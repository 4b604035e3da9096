// Figures a server child measures inside itself (event-loop delay, memory by thread), asked for by a signal.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** What the server last wrote to `file`, or undefined before it has, or while it is half written (read again then). */
function readWritten<T>(file: string): T | undefined {
  try {
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/**
 * Sends the server `signal` and waits for it to write that request's figures to `file`: each answer carries the
 * number of requests before it (`mark`), so an answer to an earlier one is never taken for this one.
 */
export class FiguresOnSignal<T extends { readonly mark: number }> {
  private marks = 0;

  constructor(
    private readonly child: ChildProcess,
    private readonly file: string,
    private readonly signal: NodeJS.Signals,
    /** What the figures are, for the error when the server never writes them. */
    private readonly what: string,
  ) {}

  async next(): Promise<T> {
    const expected = this.marks;
    this.marks += 1;
    this.child.kill(this.signal);
    // Written within a second of the server's event loop; the bound only catches a server that never does.
    for (const started = performance.now(); performance.now() - started < 60_000;) {
      const written = readWritten<T>(this.file);
      if (written?.mark === expected) return written;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`the server wrote no ${this.what} to ${this.file}`);
  }
}
