// The one place errors become responses: the right status, a page in the site's layout, never a stack.
import type { NextFunction, Request, Response } from 'express';
import { isHttpError } from '../http-error.js';
import { errorFields, type Logger } from '../logger.js';
import { NO_STORE } from '../http/cache-policy.js';
import { errorPageContent } from '../http/error-pages.js';
import { setSecurityHeaders } from '../http/security-headers.js';

/** Renders the error page HTML for a status; provided by the app, which knows the current site. */
export type RenderErrorPage = (status: number) => string;

function statusOf(error: unknown): number {
  if (isHttpError(error)) return error.status;
  // body-parser, send and Node's own parser mark client faults with status/statusCode.
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

export function errorHandler(renderPage: RenderErrorPage, logger: Logger) {
  // Four parameters, because that is how Express recognises an error handler.
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const status = statusOf(error);
    if (status >= 500) logger.error('request failed', { method: req.method, path: req.path, status, ...errorFields(error) });
    if (res.headersSent) {
      // Too late for an error page: cut the response short so the client sees it failed. Express's own handler would
      // do the same, but also print the stack to stderr as loose lines beside the JSON log.
      res.destroy();
      return;
    }
    // Headers set before the failure (for a half-built page) must not leak into the error page.
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    setSecurityHeaders(res);
    if (isHttpError(error)) for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    res.status(status).setHeader('Cache-Control', NO_STORE);
    const content = errorPageContent(status);
    res.format({
      html: () => {
        res.send(renderPage(status));
      },
      json: () => {
        res.json({ status, title: content.title, message: content.paragraphs[0] });
      },
      default: () => {
        res.type('text/plain').send(`${status} ${content.title}\n${content.paragraphs.join('\n')}\n`);
      },
    });
  };
}
