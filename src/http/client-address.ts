// The network address of the client that sent a request: the connection's, or the one a trusted proxy appended.
import type { IncomingMessage } from 'node:http';

/**
 * With `trustProxy` (TRUST_PROXY=on: one reverse proxy in front, such as deploy/nginx.conf), the last address of
 * X-Forwarded-For: the proxy appends the address it was connected from, and everything before it the client wrote
 * itself. Without it, the connection's own address, since the header could say anything.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
    const last = forwarded.at(-1)?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
