// One JSON line per event: info on stdout (buffered), warnings and errors on stderr (at once); silent in tests.
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** One request: the hot path, so it is built without an intermediate object. */
  request(method: string, path: string, status: number, durationMs: number): void;
  /** Writes buffered lines now (on shutdown). */
  flush(): void;
}

type Sink = (line: string) => void;

/** Request lines are gathered and written together: one write per 100 ms instead of one per request. */
const FLUSH_MS = 100;
const FLUSH_BYTES = 64 * 1024;

export function createLogger(options: { silent?: boolean; out?: Sink; err?: Sink } = {}): Logger {
  if (options.silent) return { info() {}, warn() {}, error() {}, request() {}, flush() {} };
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
  // The ISO time is the same for every line in a millisecond; making it once per millisecond saves work at load.
  let lastMs = 0;
  let lastIso = '';
  const now = (): string => {
    const ms = Date.now();
    if (ms !== lastMs) {
      lastMs = ms;
      lastIso = new Date(ms).toISOString();
    }
    return lastIso;
  };
  const line = (level: string, message: string, fields: Record<string, unknown> = {}): string => JSON.stringify({ time: now(), level, message, ...fields });
  const buffer = (text: string): void => {
    buffered.push(text);
    bytes += text.length;
    if (bytes >= FLUSH_BYTES) flush();
    else if (!timer) {
      timer = setTimeout(flush, FLUSH_MS);
      timer.unref();
    }
  };

  if (!options.out) process.once('exit', flush);
  return {
    info(message, fields) {
      buffer(line('info', message, fields));
    },
    request(method, path, status, durationMs) {
      // The same fields and order as info('request', {...}); method and path are escaped by JSON.stringify.
      buffer(
        `{"time":"${now()}","level":"info","message":"request",` +
          `"method":${JSON.stringify(method)},"path":${JSON.stringify(path)},"status":${status},"durationMs":${durationMs}}`,
      );
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
