// The one place errors become responses: the right status, a page in the site's layout, never a stack.
import type { IncomingMessage, ServerResponse } from 'node:http';
import accepts from 'accepts';
import { isHttpError, type ShownError } from './http-error.js';
import { errorFields, type Logger } from '../lib/logger.js';
import { errorPageContent } from '../render/error-pages.js';
import type { Translate } from '../render/interface-text.js';
import { NO_STORE } from './cache-policy.js';
import { pathOf } from '../lib/url-path.js';
import { isReadMethod } from './read-methods.js';
import { setSecurityHeaders, STRICT_TRANSPORT_SECURITY } from './security-headers.js';

/** Renders the error page HTML for a status and an address (the edition's language), with what the error adds; provided by the app. */
export type RenderErrorPage = (status: number, path: string, shown: ShownError) => string;

/** The interface text of the edition an address belongs to, for the JSON and text forms of an error. */
export type TextForPath = (path: string) => Translate;

export type SendError = (error: unknown, req: IncomingMessage, res: ServerResponse) => void;

function statusOf(error: unknown): number {
  if (isHttpError(error)) return error.status;
  // body-parser, send and Node's own parser mark client faults with status/statusCode.
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/** Whether a read request's error is answered as an HTML page (browsers, clients that name no type), not JSON or text. */
export function wantsHtml(req: IncomingMessage): boolean {
  return isReadMethod(req.method) && accepts(req).type(['html', 'json', 'text']) === 'html';
}

/** HTML for browsers (and clients that name no type), JSON for JSON clients, plain text for the rest. */
function bodyFor(
  req: IncomingMessage,
  status: number,
  path: string,
  shown: ShownError,
  renderPage: RenderErrorPage,
  textFor: TextForPath,
): { type: string; body: string } {
  const content = errorPageContent(textFor(path), status, shown.note, shown.title);
  switch (accepts(req).type(['html', 'json', 'text'])) {
    case 'html':
      return { type: 'text/html; charset=utf-8', body: renderPage(status, path, shown) };
    case 'json': {
      const message = content.paragraphs.join(' ');
      return { type: 'application/json; charset=utf-8', body: JSON.stringify({ status, title: content.title, message }) };
    }
    default:
      return { type: 'text/plain; charset=utf-8', body: `${status} ${content.title}\n${content.paragraphs.join('\n')}\n` };
  }
}

export function createSendError(renderPage: RenderErrorPage, textFor: TextForPath, logger: Logger): SendError {
  return (error, req, res) => {
    const status = statusOf(error);
    const path = pathOf(req.url ?? '/');
    // A refusal counted where it arose (a busy search's: error.counted) has its line there, one a while.
    if (status === 503 && isHttpError(error) && !error.counted) {
      // Refused on purpose while something is unavailable (the forum's database restarting): expected, and perhaps
      // for every request of a minute, so one short line each, without the stack; the cause says what was down.
      const cause = error.cause instanceof Error ? error.cause.message : undefined;
      logger.warn('request refused: unavailable', { method: req.method, path, status, error: error.message, ...(cause && { cause }) });
    } else if (status >= 500) logger.error('request failed', { method: req.method, path, status, ...errorFields(error) });
    if (res.headersSent) {
      // Too late for an error page: cut the response short so the client sees it failed. Express's own handler would
      // do the same, but also print the stack to stderr as loose lines beside the JSON log.
      res.destroy();
      return;
    }
    // Headers set before the failure (for a half-built page) must not leak into the error page.
    const transport = res.getHeader(STRICT_TRANSPORT_SECURITY[0]);
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    setSecurityHeaders(res);
    if (transport !== undefined) res.setHeader(STRICT_TRANSPORT_SECURITY[0], transport);
    if (isHttpError(error)) for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    const { type, body } = bodyFor(req, status, path, isHttpError(error) ? error.shown : {}, renderPage, textFor);
    res.statusCode = status;
    res.setHeader('Cache-Control', NO_STORE);
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.setHeader('Vary', 'Accept');
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
