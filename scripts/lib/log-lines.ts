// The site's JSON log read back, from a logger in this process or a server's output: lines parsed, kept, waited for.
import { createLogger, type Logger } from '../../src/lib/logger.js';

/** One log line as written: time, level, message and the fields, flat. */
export type LogLine = Readonly<Record<string, unknown>>;

/** Lines in the order they were written, and a wait for one that has not come yet. */
export class LogLines {
  readonly #lines: LogLine[] = [];
  readonly #waiters = new Set<() => void>();
  readonly #flush: () => void;
  #ended: string | undefined;

  /** flush writes out what the source still buffers; it runs before every read. */
  constructor(flush: () => void = () => {}) {
    this.#flush = flush;
  }

  /** Takes one written line. Text that is not JSON is kept as { unparsable: text }, so a test can fail on it. */
  add(text: string): void {
    let line: LogLine;
    try {
      const parsed: unknown = JSON.parse(text);
      line = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as LogLine) : { unparsable: text };
    } catch {
      line = { unparsable: text };
    }
    this.#lines.push(line);
    for (const wake of this.#waiters) wake();
  }

  /** No line will come any more (the stream closed): waits fail from now on instead of running out their time. */
  end(reason: string): void {
    this.#ended = reason;
    for (const wake of this.#waiters) wake();
  }

  /** Every line written so far. */
  read(): readonly LogLine[] {
    this.#flush();
    return this.#lines;
  }

  /** The lines at a level: 'info', 'warn' or 'error'. */
  atLevel(level: 'info' | 'warn' | 'error'): LogLine[] {
    return this.read().filter((line) => line['level'] === level);
  }

  /** The lines with this message, such as 'request'. */
  withMessage(message: string): LogLine[] {
    return this.read().filter((line) => line['message'] === message);
  }

  /** All of them as text, one line each, for a failure message. */
  text(): string {
    return this.read()
      .map((line) => JSON.stringify(line))
      .join('\n');
  }

  /**
   * The first line that matches, already written or still to come. timeoutMs only turns a hang into a failure that
   * shows the log; nothing waits for it to pass.
   */
  waitFor(predicate: (line: LogLine) => boolean, timeoutMs = 30_000): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = this.read().find(predicate);
        if (found) settle(() => resolve(found));
        else if (this.#ended !== undefined) settle(() => reject(new Error(`no such log line before ${this.#ended}; the log:\n${this.text()}`)));
      };
      const timer = setTimeout(() => settle(() => reject(new Error(`no such log line within ${timeoutMs} ms; the log:\n${this.text()}`))), timeoutMs);
      const settle = (done: () => void): void => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        done();
      };
      this.#waiters.add(check);
      check();
    });
  }
}

/** The site's own logger (src/logger.ts), writing into lines instead of stdout and stderr. */
export function captureLogs(): { logger: Logger; lines: LogLines } {
  const sink = (text: string): void => lines.add(text);
  const logger = createLogger({ out: sink, err: sink });
  // Request lines wait in the logger's buffer for up to 100 ms; a test reads them as soon as the request is done.
  const lines: LogLines = new LogLines(() => logger.flush());
  return { logger, lines };
}
