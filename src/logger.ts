// One JSON line per event on stdout (requests) or stderr (errors); silent in tests.
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

type Sink = (line: string) => void;

export function createLogger(options: { silent?: boolean; out?: Sink; err?: Sink } = {}): Logger {
  if (options.silent) return { info() {}, warn() {}, error() {} };
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const write = (sink: Sink, level: string, message: string, fields: Record<string, unknown> = {}): void => {
    sink(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
  };
  return {
    info: (message, fields) => write(out, 'info', message, fields),
    warn: (message, fields) => write(err, 'warn', message, fields),
    error: (message, fields) => write(err, 'error', message, fields),
  };
}

/** An error as loggable fields, stack included: for the log only, never for a visitor. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, stack: error.stack, cause: error.cause instanceof Error ? error.cause.message : error.cause };
  return { error: String(error) };
}
