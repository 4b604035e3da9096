// The Node HTTP server the app runs in: limits against slow and hostile clients, and safe answers to requests Node rejects itself.
import { createServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import type { Duplex } from 'node:stream';
import { NO_STORE } from './cache-policy.js';
import { ALLOW_READ } from './read-methods.js';
import { SECURITY_HEADERS } from './security-headers.js';

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

function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset or half-closed socket cannot take an answer; just let it go.
  if (error.code === 'ECONNRESET' || !socket.writable || socket.destroyed) {
    socket.destroy();
    return;
  }
  const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? '400 Bad Request';
  socket.end(rawResponse(status, status.startsWith('405') ? [`Allow: ${ALLOW_READ}`] : []));
}

export function createHttpServer(listener: RequestListener, overrides: ServerOptions = {}): Server {
  const server = createServer({ ...SERVER_OPTIONS, ...overrides }, listener);
  // Node answers malformed requests itself, without the security headers and sometimes without a status; answer them here.
  server.on('clientError', answerClientError);
  // CONNECT is not a request for a page; without a listener Node drops the socket with no answer at all.
  server.on('connect', (_req, socket: Duplex) => {
    socket.end(rawResponse('405 Method Not Allowed', [`Allow: ${ALLOW_READ}`]));
  });
  return server;
}
