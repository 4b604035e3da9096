// A response made once and served many times: body, ETag and compressed variants, with their headers ready.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, brotliDecompressSync, constants, gzip, gzipSync, type BrotliOptions } from 'node:zlib';
import { exactCopy } from '../lib/exact-copy.js';
import { inSlices } from '../lib/in-slices.js';
import { LruCache } from '../lib/lru-cache.js';

export type Encoding = 'br' | 'gzip' | 'identity';

export interface Variant {
  readonly body: Buffer;
  readonly etag: string;
  /** Headers of a full response for this variant, as a flat [name, value, ...] list for writeHead. */
  readonly headers: readonly string[];
  /** Headers a 304 keeps: RFC 9110 §15.4.5 (ETag, Cache-Control, Vary; Date comes from Node). */
  readonly notModifiedHeaders: readonly string[];
}

export interface PrepareOptions {
  readonly status?: number;
  readonly contentType: string;
  readonly cacheControl: string;
  readonly lastModified?: Date | undefined;
  readonly securityHeaders: readonly (readonly [string, string])[];
  /** Drop the uncompressed bytes once both compressed variants are made (pages: see release()). */
  readonly releaseWhenCompressed?: boolean;
  /** The body is what a visitor without a cookie gets (a forum reader's page): Vary: Cookie too. */
  readonly varyOnCookie?: boolean;
  /** A hash of the body made elsewhere (a large page's, from its parts), for the ETag: hashing megabytes here held this thread. */
  readonly contentHash?: string;
  /** The body is what a browser gets, other clients another type (an error in HTML, JSON or text): Vary: Accept too. */
  readonly varyOnAccept?: boolean;
}

const COMPRESSIBLE = /^(text\/|application\/(json|xml|atom\+xml|javascript|ld\+json|manifest\+json)|image\/svg\+xml)/;
/** Bodies smaller than this are not compressed: the saving does not pay for the work. */
const COMPRESS_ABOVE = 256;
// Brotli 5 compresses a 10 KB page in under 1 ms, within 15% of quality 11 (16 ms). The server compresses
// every page after start and after every change, so it takes 5; the static export, made once, takes 11.
export const LIVE_BROTLI_QUALITY = 5;

/**
 * Bodies at least this large are compressed on libuv's threads rather than this one: an 8 MB page (the most a
 * page may render to) took 100–400 ms to compress, every request waiting behind it. Below it, sync is cheaper.
 */
const COMPRESS_OFF_THREAD_ABOVE = 256 * 1024;

function brotliOptions(bytes: Buffer, quality: number): BrotliOptions {
  return { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } };
}

function compressBrotli(bytes: Buffer, quality: number): Buffer {
  return brotliCompressSync(bytes, brotliOptions(bytes, quality));
}

const brotliLater = promisify(brotliCompress);
const gzipLater = promisify(gzip);

const EMPTY = Buffer.alloc(0);

/** Identity bodies decompressed lately, for the few clients that accept neither brotli nor gzip. */
const recentlyDecompressed = new LruCache<Prepared, Buffer>(256);

export class Prepared {
  readonly status: number;
  readonly lastModified: Date | undefined;
  readonly lastModifiedSeconds: number | undefined;
  readonly compressible: boolean;
  /** The uncompressed body's variant without its bytes; the bytes may have been released (see release()). */
  private readonly identityVariant: Variant;
  private identityBody: Buffer | undefined;
  private readonly options: PrepareOptions;
  private readonly hash: string;
  private gzipVariant: Variant | undefined;
  private brVariant: Variant | undefined;
  /** Compressing on libuv's threads, started by precompressOffThread() or by a request (variantNow()). */
  private compressing: Promise<void> | undefined;

  constructor(body: Buffer | string, options: PrepareOptions) {
    const identity = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    this.options = options;
    this.status = options.status ?? 200;
    this.lastModified = options.lastModified ? new Date(Math.floor(options.lastModified.getTime() / 1000) * 1000) : undefined;
    this.lastModifiedSeconds = this.lastModified ? this.lastModified.getTime() / 1000 : undefined;
    this.compressible = COMPRESSIBLE.test(options.contentType) && identity.length >= COMPRESS_ABOVE;
    this.hash = (options.contentHash ?? createHash('sha256').update(identity).digest('base64url')).slice(0, 27);
    // The variant keeps no bytes of its own, so releasing identityBody really frees them.
    this.identityVariant = { ...this.variant('identity', identity), body: EMPTY };
    this.identityBody = identity;
  }

  /** The uncompressed variant; if its bytes were released, they are decompressed again from brotli (about 50 µs). */
  identity(): Variant {
    return { ...this.identityVariant, body: this.identityBytes() };
  }

  private identityBytes(): Buffer {
    return this.identityBody ?? recentlyDecompressed.get(this, (prepared) => brotliDecompressSync(prepared.brVariant!.body));
  }

  /**
   * Drops the uncompressed bytes once both compressed variants exist. Nearly every client takes brotli or gzip,
   * so a 10,000-page site need not hold every page three times; a rare identity request decompresses brotli
   * (about 50 µs for a page), and the most recent such bodies are kept.
   */
  release(): void {
    if (this.compressible && this.brVariant && this.gzipVariant) this.identityBody = undefined;
  }

  /** The variant for an encoding, compressing on first use; undefined if this body is not worth compressing. */
  encoded(encoding: 'br' | 'gzip'): Variant | undefined {
    if (!this.compressible) return undefined;
    if (encoding === 'gzip') {
      this.gzipVariant ??= this.variant('gzip', exactCopy(gzipSync(this.identityBytes(), { level: 6 })));
      return this.gzipVariant;
    }
    this.brVariant ??= this.variant('br', exactCopy(compressBrotli(this.identityBytes(), LIVE_BROTLI_QUALITY)));
    return this.brVariant;
  }

  /**
   * The variant for an encoding if it can be had without holding this thread: made already, or small enough to
   * compress now. For a large body not compressed yet it starts compressing on libuv's threads and gives undefined,
   * so the request is answered uncompressed at once (an 8 MB page took 100–400 ms to compress here).
   */
  variantNow(encoding: 'br' | 'gzip'): Variant | undefined {
    if (!this.compressesOffThread) return this.encoded(encoding);
    void this.precompressOffThread().catch(() => undefined);
    return undefined;
  }

  /** The uncompressed body compressed with brotli at a given quality, not kept (for the static export). */
  brotliAt(quality: number): Buffer | undefined {
    return this.compressible ? compressBrotli(this.identityBytes(), quality) : undefined;
  }

  /** Compresses both variants now, so no request pays for it. */
  precompress(): void {
    this.encoded('br');
    this.encoded('gzip');
    if (this.options.releaseWhenCompressed) this.release();
  }

  /** Compresses both variants on libuv's threads, leaving this one free (large bodies). */
  precompressOffThread(): Promise<void> {
    if (this.isPrecompressed) return Promise.resolve();
    // Once: a request and the background pass asking together share the one compression.
    this.compressing ??= this.compressOffThread();
    return this.compressing;
  }

  private async compressOffThread(): Promise<void> {
    const bytes = this.identityBytes();
    const [br, gzipped] = await Promise.all([brotliLater(bytes, brotliOptions(bytes, LIVE_BROTLI_QUALITY)), gzipLater(bytes, { level: 6 })]);
    this.brVariant ??= this.variant('br', br);
    this.gzipVariant ??= this.variant('gzip', gzipped);
    if (this.options.releaseWhenCompressed) this.release();
  }

  /** Whether compressing this body would hold this thread long enough to do it elsewhere (precompressOffThread). */
  get compressesOffThread(): boolean {
    return this.compressible && !this.isPrecompressed && (this.identityBody?.length ?? 0) >= COMPRESS_OFF_THREAD_ABOVE;
  }

  get isPrecompressed(): boolean {
    return !this.compressible || (this.gzipVariant !== undefined && this.brVariant !== undefined);
  }

  private variant(encoding: Encoding, bytes: Buffer): Variant {
    const options = this.options;
    // A strong ETag names one representation, so each encoding gets its own (RFC 9110 §8.8.3).
    const etag = `"${this.hash}${encoding === 'identity' ? '' : `-${encoding}`}"`;
    const vary = [...(options.varyOnCookie ? ['Cookie'] : []), ...(options.varyOnAccept ? ['Accept'] : []), ...(this.compressible ? ['Accept-Encoding'] : [])];
    const cacheHeaders = ['Cache-Control', options.cacheControl, 'ETag', etag, ...(vary.length > 0 ? ['Vary', vary.join(', ')] : [])];
    const security = options.securityHeaders.flatMap(([name, value]) => [name, value]);
    return {
      body: bytes,
      etag,
      headers: [
        'Content-Type',
        options.contentType,
        'Content-Length',
        String(bytes.length),
        ...(encoding === 'identity' ? [] : ['Content-Encoding', encoding]),
        ...cacheHeaders,
        ...(this.lastModified ? ['Last-Modified', this.lastModified.toUTCString()] : []),
        ...security,
      ],
      notModifiedHeaders: [...cacheHeaders, ...security],
    };
  }
}

export function prepare(body: Buffer | string, options: PrepareOptions): Prepared {
  return new Prepared(body, options);
}

/**
 * Compresses prepared responses in the background, so start-up is not held up by it and requests keep being
 * served in between. Resolves when all are done.
 */
export function precompressInBackground(responses: Iterable<Prepared>): Promise<void> {
  const large: Promise<void>[] = [];
  const compress = (response: Prepared): void => {
    if (response.compressesOffThread) large.push(response.precompressOffThread());
    else response.precompress();
  };
  return inSlices(
    [...responses].filter((response) => !response.isPrecompressed),
    compress,
  ).then(() => Promise.all(large).then(() => undefined));
}
