// The files under public/, read once and served from memory: at their plain path, and fingerprinted for ever-caching.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from '../lib/list-files.js';
import type { CachePolicy } from './cache-policy.js';
import { prepare, type Prepared } from './prepared.js';
import { SECURITY_HEADERS } from './security-headers.js';

/** Content-Type by extension, of the files of public/; the static export hands nginx the same list. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.zip': 'application/zip',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
};

/** A file to serve: its path relative to public/ with forward slashes ("docs/report.pdf"), and its bytes. */
export interface AssetFile {
  readonly file: string;
  readonly bytes: Buffer;
}

export interface AssetOptions {
  readonly cache: CachePolicy;
  /** Files made from public/ (image variants), served at a fingerprinted address only, never at a plain one. */
  readonly generated?: readonly AssetFile[];
}

export interface Assets {
  /** URL path -> response, for both plain and fingerprinted addresses. */
  readonly responses: ReadonlyMap<string, Prepared>;
  /** The files of public/ by their decoded URL path ("/docs/annual report.pdf"), so the content check can find them. */
  readonly files: ReadonlySet<string>;
  /** "css/site.css" -> "/assets/css/site.3f2a1c9b.css". Unknown names fall back to their plain path. */
  url(logicalPath: string): string;
}

/** Every file under public/ (hidden ones left out, as for content), read now. */
export function readPublicFiles(publicDir: string): AssetFile[] {
  return listFiles(publicDir).map((file) => ({ file, bytes: readFileSync(path.join(publicDir, file)) }));
}

/**
 * A file's path as a browser sends it: editors name documents "Annual Report 2006.pdf", and the resolver matches
 * the request target as sent, so the key must be percent-encoded the same way (spaces, non-Latin letters, # and ?).
 */
export function urlPathOf(file: string): string {
  return `/${file
    .split('/')
    .map((segment) => encodeURI(segment).replace(/[?#]/g, encodeURIComponent))
    .join('/')}`;
}

/** Where fingerprinted copies of public/ are served: /assets/css/site.3f2a1c9b.css. */
export const ASSET_PREFIX = '/assets';

export function loadAssets(files: readonly AssetFile[], options: AssetOptions): Assets {
  const responses = new Map<string, Prepared>();
  const fingerprinted = new Map<string, string>();
  const serve = ({ file, bytes }: AssetFile, plain: boolean): void => {
    const extension = path.extname(file).toLowerCase();
    const contentType = CONTENT_TYPES[extension] ?? 'application/octet-stream';
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
    const hashed = urlPathOf(`${ASSET_PREFIX.slice(1)}/${file.slice(0, file.length - extension.length)}.${hash}${extension}`);
    fingerprinted.set(file, hashed);
    responses.set(hashed, prepare(bytes, { contentType, cacheControl: options.cache.asset, securityHeaders: SECURITY_HEADERS }));
    if (plain) responses.set(urlPathOf(file), prepare(bytes, { contentType, cacheControl: options.cache.plainAsset, securityHeaders: SECURITY_HEADERS }));
  };
  for (const file of files) serve(file, true);
  for (const file of options.generated ?? []) serve(file, false);
  return {
    responses,
    files: new Set(files.map(({ file }) => `/${file}`)),
    url: (logicalPath) => fingerprinted.get(logicalPath) ?? urlPathOf(logicalPath),
  };
}
