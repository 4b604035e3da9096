// The Node HTTP server the app runs in: limits against slow and hostile clients, and safe answers to requests Node rejects itself.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { descriptorLimit } from '../lib/descriptor-limit.js';
import { NO_STORE } from './cache-policy.js';
import { ALLOW_READ } from './read-methods.js';
import { setSecurityHeaders, SECURITY_HEADERS } from './security-headers.js';

/**
 * Slow clients: a request must send its headers within 10 s and finish within 30 s, checked every second
 * (Node checks only every 30 s by default, which would let a slow client hold a socket for up to 40 s).
 * keepAliveTimeout outlives the 60 s idle timeout of common load balancers (AWS ALB, nginx upstream keepalive),
 * so the balancer, not Node, closes an idle connection, and never sends a request down a socket Node is closing.
 * maxHeaderSize: 16 KB of request line and headers, Node's default, written down; more gets a 431.
 */
export const SERVER_OPTIONS = Object.freeze({
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 65_000,
  connectionsCheckingInterval: 1_000,
  maxHeaderSize: 16 * 1024,
} satisfies ServerOptions);

const SECURITY_LINES = SECURITY_HEADERS.map(([name, value]) => `${name}: ${value}\r\n`).join('');

/** A complete, bodiless response for a socket Node's parser has given up on; the connection closes after it. */
export function rawResponse(status: string, extra: readonly string[] = []): string {
  const headers = extra.map((line) => `${line}\r\n`).join('');
  return `HTTP/1.1 ${status}\r\n${headers}${SECURITY_LINES}Cache-Control: ${NO_STORE}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`;
}

/** Node's parser codes for requests it cannot read, and the status each gets. Anything else is a 400. */
const CLIENT_ERROR_STATUS: Readonly<Record<string, string>> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
  // An unknown method is the client's fault, not ours: RFC 9110 allows 405 with the methods we do allow.
  HPE_INVALID_METHOD: '405 Method Not Allowed',
};

/** How long a refused client gets to take its answer before its socket is closed regardless. */
const CLOSE_GRACE_MS = 1_000;

/**
 * Answers and closes. end() alone only half-closes: a client that never closes its side would keep the descriptor
 * for as long as it liked (1,100 silent sockets kept a 1,024-descriptor server unreachable for 75 s). So the socket
 * is destroyed once the answer is written, or after a short grace if the client does not read it.
 */
function answerAndClose(socket: Duplex, response: string): void {
  socket.end(response, () => socket.destroy());
  setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
}

function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset or half-closed socket cannot take an answer; just let it go.
  if (error.code === 'ECONNRESET' || !socket.writable || socket.destroyed) {
    socket.destroy();
    return;
  }
  const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? '400 Bad Request';
  answerAndClose(socket, rawResponse(status, status.startsWith('405') ? [`Allow: ${ALLOW_READ}`] : []));
}

/** Node answers an Expect it cannot meet with a bare 417; ours carries the same headers as every other response. */
function answerExpectation(_req: IncomingMessage, res: ServerResponse): void {
  setSecurityHeaders(res);
  res.setHeader('Cache-Control', NO_STORE);
  res.shouldKeepAlive = false;
  res.writeHead(417, { 'Content-Length': 0 });
  res.end();
}

/**
 * Node writes "Keep-Alive: timeout=65" beside "Connection: keep-alive". RFC 9112 leaves Keep-Alive undefined (it
 * is HTTP/1.0's), checkers flag it as deprecated, and clients ignore it. Node writes it only when the response's
 * copy of the keep-alive timeout is set; the server's own timeout still closes idle connections, as before.
 * (A Node internal: test/http/header-defects.test.ts fails if an upgrade changes it.)
 */
function withoutKeepAliveHeader(res: ServerResponse): void {
  (res as ServerResponse & { _keepAliveTimeout?: number })._keepAliveTimeout = 0;
}

/** Descriptors kept for the process's own files (databases, logs, content being read) when connections are bounded. */
const RESERVED_DESCRIPTORS = 128;

/**
 * The most connections open at once: the descriptor limit less a reserve, at most 10,000, so that the server can
 * always accept one more (a health check) and still open its own files. 896 under the common 1,024 limit.
 */
export function defaultMaxConnections(limit = descriptorLimit()): number {
  return Math.max(16, Math.min(10_000, (limit ?? 10_000 + RESERVED_DESCRIPTORS) - RESERVED_DESCRIPTORS));
}

export interface HttpServerOptions extends ServerOptions {
  /** The bound on open connections; defaultMaxConnections() unless given (tests give a small one). */
  readonly maxConnections?: number;
}

export function createHttpServer(listener: RequestListener, overrides: HttpServerOptions = {}): Server {
  const { maxConnections = defaultMaxConnections(), ...options } = overrides;
  const server = createServer({ ...SERVER_OPTIONS, ...options }, (req, res) => {
    withoutKeepAliveHeader(res);
    listener(req, res);
  });
  boundConnections(server, maxConnections);
  // Node answers malformed requests itself, without the security headers and sometimes without a status; answer them here.
  server.on('clientError', answerClientError);
  server.on('checkExpectation', answerExpectation);
  // CONNECT is not a request for a page; without a listener Node drops the socket with no answer at all.
  server.on('connect', (_req, socket: Duplex) => {
    answerAndClose(socket, rawResponse('405 Method Not Allowed', [`Allow: ${ALLOW_READ}`]));
  });
  return server;
}

/**
 * Keeps at most `max` connections open. When one more arrives, the oldest connection not in the middle of a
 * request (silent since it connected, or idle between keep-alive requests) is closed to make room; only when every
 * connection is busy is the newcomer closed. A flood of silent sockets then costs its oldest members, not the
 * health check or the next visitor, and the server never runs out of descriptors for its own files.
 */
function boundConnections(server: Server, max: number): void {
  /** Open connections, oldest first, with whether a request is being answered on each. */
  const open = new Map<Socket, { busy: boolean }>();
  server.on('connection', (socket: Socket) => {
    open.set(socket, { busy: false });
    socket.once('close', () => open.delete(socket));
    if (open.size <= max) return;
    for (const [candidate, state] of open) {
      if (!state.busy && candidate !== socket) {
        candidate.destroy();
        return;
      }
    }
    socket.destroy();
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const state = open.get(req.socket);
    if (!state) return;
    state.busy = true;
    res.once('close', () => {
      state.busy = false;
    });
  });
}
