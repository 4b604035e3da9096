// The Node request listener: resolves each request once, answers prepared responses itself, and hands the rest on.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import encodeUrl from 'encodeurl';
import { HttpError } from './http-error.js';
import { pathOf } from '../lib/url-path.js';
import type { Logger } from '../lib/logger.js';
import type { Resolution } from './resolve.js';
import { SECURITY_HEADERS, setTransportSecurity } from './security-headers.js';
import { wantsHtml, type SendError } from './send-error.js';
import { servePrepared } from './serve-prepared.js';

export interface RequestHandlerParts {
  readonly resolve: (method: string, rawUrl: string) => Resolution;
  /** The app's own routes (Express), for addresses the resolver names as routes. */
  readonly routes: RequestListener;
  readonly sendError: SendError;
  /** Called for each GET of a content page: a map update, no I/O. */
  readonly countView: (req: IncomingMessage, path: string) => void;
  readonly logger: Logger;
  /** Cache-Control of permanent redirects (src/http/cache-policy.ts). */
  readonly redirectCache: string;
  /** TRUST_PROXY: X-Forwarded-Proto says whether the request came over TLS (for HSTS). */
  readonly trustProxy: boolean;
}

const REDIRECT_HEADERS = SECURITY_HEADERS.flatMap(([name, value]) => [name, value]);

function redirect(res: ServerResponse, location: string, cacheControl: string): void {
  const body = `Moved Permanently. Redirecting to ${location}`;
  res.writeHead(301, [
    'Location',
    encodeUrl(location),
    'Cache-Control',
    cacheControl,
    'Content-Type',
    'text/plain; charset=utf-8',
    'Content-Length',
    String(Buffer.byteLength(body)),
    ...REDIRECT_HEADERS,
  ]);
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

export function createRequestHandler(parts: RequestHandlerParts): RequestListener {
  const { logger } = parts;
  return (req, res) => {
    const started = performance.now();
    const method = req.method ?? '';
    const rawUrl = req.url ?? '/';
    const log = (): void => logger.request(method, pathOf(rawUrl), res.statusCode, Math.round((performance.now() - started) * 100) / 100);
    // Set first, so every answer below keeps it: prepared ones merge it with their own (writeHead keeps set headers).
    setTransportSecurity(req, res, parts.trustProxy);
    const resolution = parts.resolve(method, rawUrl);
    switch (resolution.kind) {
      case 'serve':
        if (resolution.hit.page && method === 'GET') parts.countView(req, pathOf(rawUrl));
        servePrepared(req, res, resolution.hit.prepared);
        return log();
      case 'redirect':
        redirect(res, resolution.location, parts.redirectCache);
        return log();
      case 'not-found':
        // Browsers get the 404 page rendered and compressed once; other clients get JSON or text from sendError.
        if (wantsHtml(req)) servePrepared(req, res, resolution.page);
        else parts.sendError(new HttpError(404, `no page at ${pathOf(rawUrl)}`), req, res);
        return log();
      case 'reject':
        parts.sendError(resolution.error, req, res);
        return log();
      case 'route':
        res.once('finish', log);
        parts.routes(req, res);
    }
  };
}
