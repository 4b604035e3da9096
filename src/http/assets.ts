// The files under public/, read once and served from memory: at their plain path, and fingerprinted for ever-caching.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from '../lib/list-files.js';
import type { CachePolicy } from './cache-policy.js';
import { prepare, type Prepared } from './prepared.js';
import { SECURITY_HEADERS } from './security-headers.js';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
};

export interface Assets {
  /** URL path -> response, for both plain and fingerprinted addresses. */
  readonly responses: ReadonlyMap<string, Prepared>;
  /** "css/site.css" -> "/assets/css/site.3f2a1c9b.css". Unknown names fall back to their plain path. */
  url(logicalPath: string): string;
}

export function loadAssets(publicDir: string, cache: CachePolicy): Assets {
  const responses = new Map<string, Prepared>();
  const fingerprinted = new Map<string, string>();
  for (const file of listFiles(publicDir)) {
    const bytes = readFileSync(path.join(publicDir, file));
    const extension = path.extname(file).toLowerCase();
    const contentType = TYPES[extension] ?? 'application/octet-stream';
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
    const hashed = `/assets/${file.slice(0, file.length - extension.length)}.${hash}${extension}`;
    fingerprinted.set(file, hashed);
    responses.set(hashed, prepare(bytes, { contentType, cacheControl: cache.asset, securityHeaders: SECURITY_HEADERS }));
    responses.set(`/${file}`, prepare(bytes, { contentType, cacheControl: cache.plainAsset, securityHeaders: SECURITY_HEADERS }));
  }
  return {
    responses,
    url: (logicalPath) => fingerprinted.get(logicalPath) ?? `/${logicalPath}`,
  };
}
