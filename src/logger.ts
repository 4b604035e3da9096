// One JSON line per event: info on stdout (buffered), warnings and errors on stderr (at once); silent in tests.
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Writes buffered lines now (on shutdown). */
  flush(): void;
}

type Sink = (line: string) => void;

/** Request lines are gathered and written together: one write per 100 ms instead of one per request. */
const FLUSH_MS = 100;
const FLUSH_BYTES = 64 * 1024;

export function createLogger(options: { silent?: boolean; out?: Sink; err?: Sink } = {}): Logger {
  if (options.silent) return { info() {}, warn() {}, error() {}, flush() {} };
  const out = options.out ?? ((text: string) => process.stdout.write(text));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  let buffered: string[] = [];
  let bytes = 0;
  let timer: NodeJS.Timeout | undefined;

  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (buffered.length === 0) return;
    const lines = buffered;
    buffered = [];
    bytes = 0;
    if (options.out) for (const line of lines) out(line);
    else out(`${lines.join('\n')}\n`);
  };
  const line = (level: string, message: string, fields: Record<string, unknown> = {}): string => JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });

  if (!options.out) process.once('exit', flush);
  return {
    info(message, fields) {
      const text = line('info', message, fields);
      buffered.push(text);
      bytes += text.length;
      if (bytes >= FLUSH_BYTES) flush();
      else if (!timer) {
        timer = setTimeout(flush, FLUSH_MS);
        timer.unref();
      }
    },
    warn(message, fields) {
      flush();
      err(line('warn', message, fields));
    },
    error(message, fields) {
      flush();
      err(line('error', message, fields));
    },
    flush,
  };
}

/** An error as loggable fields, stack included: for the log only, never for a visitor. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, stack: error.stack, cause: error.cause instanceof Error ? error.cause.message : error.cause };
  return { error: String(error) };
}
