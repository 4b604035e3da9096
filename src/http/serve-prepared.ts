// Sends a Prepared response: picks the encoding, answers conditional requests and HEAD, without touching the body.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Encoding, Prepared, Variant } from './prepared.js';

const encodingCache = new Map<string, Encoding[]>();

/** The encodings a client accepts, best first (br, then gzip); identity is always the fallback. */
export function acceptedEncodings(header: string | undefined): Encoding[] {
  if (!header) return [];
  const cached = encodingCache.get(header);
  if (cached) return cached;
  const quality = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    const value = q ? Number(q.slice(2)) : 1;
    quality.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const star = quality.get('*');
  const accepts = (name: string): boolean => (quality.get(name) ?? star ?? 0) > 0;
  const result = (['br', 'gzip'] as const).filter(accepts);
  // Bounded, so a client sending endless distinct headers cannot grow it.
  if (encodingCache.size < 256) encodingCache.set(header, result);
  return result;
}

export function selectVariant(prepared: Prepared, acceptEncoding: string | undefined): Variant {
  if (prepared.compressible) {
    for (const encoding of acceptedEncodings(acceptEncoding)) {
      if (encoding === 'identity') continue;
      // A large body not compressed yet goes out as it is while libuv's threads compress it for the next request.
      const variant = prepared.variantNow(encoding);
      if (variant) return variant;
    }
  }
  return prepared.identity();
}

function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  // If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/"x" matches "x".
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === bare);
}

/** RFC 9110 §13.2.2: If-None-Match first; If-Modified-Since only when there is no If-None-Match. */
export function isNotModified(req: IncomingMessage, prepared: Prepared, variant: Variant): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, variant.etag);
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifModifiedSince === undefined || prepared.lastModifiedSeconds === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && prepared.lastModifiedSeconds <= since / 1000;
}

/** Serves a prepared response to GET or HEAD. The caller has already checked the method. */
export function servePrepared(req: IncomingMessage, res: ServerResponse, prepared: Prepared): void {
  const variant = selectVariant(prepared, req.headers['accept-encoding']);
  if (prepared.status === 200 && isNotModified(req, prepared, variant)) {
    res.writeHead(304, variant.notModifiedHeaders as string[]);
    res.end();
    return;
  }
  res.writeHead(prepared.status, variant.headers as string[]);
  res.end(req.method === 'HEAD' ? undefined : variant.body);
}
