// A response made once and served many times: body, ETag and compressed variants, with their headers ready.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';

export interface Variant {
  readonly body: Buffer;
  readonly etag: string;
  /** Headers of a 200 for this variant, as a flat [name, value, ...] list for writeHead. */
  readonly headers: readonly string[];
  /** Headers a 304 keeps: RFC 9110 §15.4.5 (ETag, Cache-Control, Vary; Date comes from Node). */
  readonly notModifiedHeaders: readonly string[];
}

export interface Prepared {
  readonly status: number;
  readonly lastModified: Date | undefined;
  readonly lastModifiedSeconds: number | undefined;
  readonly variants: Readonly<Partial<Record<Encoding, Variant>>> & { readonly identity: Variant };
}

export interface PrepareOptions {
  readonly status?: number;
  readonly contentType: string;
  readonly cacheControl: string;
  readonly lastModified?: Date | undefined;
  readonly securityHeaders: readonly (readonly [string, string])[];
  /** Extra headers such as Link or X-Robots-Tag. */
  readonly headers?: readonly (readonly [string, string])[];
  /** Bodies smaller than this are not compressed: the saving does not pay for the work. */
  readonly compressAbove?: number;
}

const COMPRESSIBLE = /^(text\/|application\/(json|xml|atom\+xml|javascript|ld\+json|manifest\+json)|image\/svg\+xml)/;

export function prepare(body: Buffer | string, options: PrepareOptions): Prepared {
  const identity = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const hash = createHash('sha256').update(identity).digest('base64url').slice(0, 27);
  const compress = COMPRESSIBLE.test(options.contentType) && identity.length >= (options.compressAbove ?? 256);
  const lastModified = options.lastModified ? new Date(Math.floor(options.lastModified.getTime() / 1000) * 1000) : undefined;

  const make = (encoding: Encoding, bytes: Buffer): Variant => {
    // A strong ETag names one representation, so each encoding gets its own (RFC 9110 §8.8.3).
    const etag = `"${hash}${encoding === 'identity' ? '' : `-${encoding}`}"`;
    const cacheHeaders = ['Cache-Control', options.cacheControl, 'ETag', etag, ...(compress ? ['Vary', 'Accept-Encoding'] : [])];
    const security = options.securityHeaders.flatMap(([name, value]) => [name, value]);
    const extra = (options.headers ?? []).flatMap(([name, value]) => [name, value]);
    return {
      body: bytes,
      etag,
      headers: [
        'Content-Type', options.contentType,
        'Content-Length', String(bytes.length),
        ...(encoding === 'identity' ? [] : ['Content-Encoding', encoding]),
        ...cacheHeaders,
        ...(lastModified ? ['Last-Modified', lastModified.toUTCString()] : []),
        ...extra,
        ...security,
      ],
      notModifiedHeaders: [...cacheHeaders, ...security],
    };
  };

  const variants: Partial<Record<Encoding, Variant>> & { identity: Variant } = { identity: make('identity', identity) };
  if (compress) {
    variants.gzip = make('gzip', gzipSync(identity, { level: 9 }));
    variants.br = make('br', brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }));
  }
  return { status: options.status ?? 200, lastModified, lastModifiedSeconds: lastModified ? lastModified.getTime() / 1000 : undefined, variants };
}
