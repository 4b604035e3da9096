// One typed HTTP error with a status and a cause; the error handler turns it into a page.

/** A heading in place of the status's own ("Too many attempts" for a 429), and a sentence added below its text. */
export interface ShownError {
  readonly title?: string;
  readonly note?: string;
}
export class HttpError extends Error {
  readonly status: number;
  /** Extra response headers the status needs, such as Allow on a 405. */
  readonly headers: Readonly<Record<string, string>>;
  /** What the error page tells the visitor, where the status's own words are not enough; the message is for the log. */
  readonly shown: ShownError;
  /**
   * Logged where it arose, as one line a while with a count (countedWarning): refusals that come in floods, such as
   * a busy search's. The error handler then writes no line of its own for it; the request log still has each one.
   */
  readonly counted: boolean;

  constructor(status: number, message: string, options: { cause?: unknown; headers?: Record<string, string>; shown?: ShownError; counted?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = 'HttpError';
    this.status = status;
    this.headers = options.headers ?? {};
    this.shown = options.shown ?? {};
    this.counted = options.counted ?? false;
  }
}

export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError;
}
