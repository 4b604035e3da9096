// One typed HTTP error with a status and a cause; the error handler turns it into a page.
export class HttpError extends Error {
  readonly status: number;
  /** Extra response headers the status needs, such as Allow on a 405. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, message: string, options: { cause?: unknown; headers?: Record<string, string> } = {}) {
    super(message, { cause: options.cause });
    this.name = 'HttpError';
    this.status = status;
    this.headers = options.headers ?? {};
  }
}

export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError;
}
