// Sends a body made for one request (a forum page) compressed as the client accepts, as prepared pages are.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { LIVE_BROTLI_QUALITY } from './prepared.js';
import { acceptedEncodings } from './serve-prepared.js';

/** Below this the saving does not pay for the work (as for prepared responses). */
const COMPRESS_ABOVE = 256;

/** Brotli at the live quality, or gzip: for a body made for one request, or kept for a few (src/routes/forum/reader-pages.ts). */
export function compress(bytes: Buffer, encoding: 'br' | 'gzip'): Buffer {
  if (encoding === 'gzip') return gzipSync(bytes, { level: 6 });
  return brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: LIVE_BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
}

/** Adds Accept-Encoding to the Vary the response already has (Cookie, for a forum page). */
function varyOnEncoding(res: ServerResponse): void {
  const current = res.getHeader('Vary');
  const names = (typeof current === 'string' ? current.split(',') : []).map((name) => name.trim()).filter(Boolean);
  res.setHeader('Vary', [...names, 'Accept-Encoding'].join(', '));
}

/**
 * Brotli at the live quality (under a millisecond for a page) or gzip, by Accept-Encoding; HEAD gets the headers
 * only. Headers set before (status, Cache-Control, cookies) are kept.
 */
export function sendCompressed(req: IncomingMessage, res: ServerResponse, body: string, contentType: string): void {
  const identity = Buffer.from(body, 'utf8');
  sendEncoded(req, res, identity, contentType, (encoding) => compress(identity, encoding));
}

/** The encoding to send a body of this length in, by Accept-Encoding; undefined for the bytes as they are. */
function encodingFor(req: IncomingMessage, length: number): 'br' | 'gzip' | undefined {
  const best = length >= COMPRESS_ABOVE ? acceptedEncodings(req.headers['accept-encoding'])[0] : undefined;
  return best === 'br' || best === 'gzip' ? best : undefined;
}

/** Sends `identity`, or what `compressed` gives for the encoding the client takes best (a caller may keep those). */
export function sendEncoded(
  req: IncomingMessage,
  res: ServerResponse,
  identity: Buffer,
  contentType: string,
  compressed: (encoding: 'br' | 'gzip') => Buffer,
): void {
  const encoding = encodingFor(req, identity.length);
  const bytes = encoding ? compressed(encoding) : identity;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', bytes.length);
  if (encoding) res.setHeader('Content-Encoding', encoding);
  if (identity.length >= COMPRESS_ABOVE) varyOnEncoding(res);
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
