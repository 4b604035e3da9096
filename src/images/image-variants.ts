// Responsive variants of the photos in public/: made with sharp in the background, kept by content hash in a cache folder.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Sharp from 'sharp';
import { errorFields, type Logger } from '../lib/logger.js';

let loading: Promise<typeof Sharp> | undefined;

/**
 * sharp, loaded on first use and configured once: loading libvips costs about 100 ms and 25 MB, which a site with no
 * new photo never pays at start. Its operation cache keeps decoded images for the next operation on the same input;
 * each image is made once, so the cache would only hold memory. One libvips thread leaves the other core of a small
 * server to the requests that arrive while the variants are being made.
 */
function loadSharp(): Promise<typeof Sharp> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  });
  return loading;
}

/** Photos worth resizing. GIFs (often animated) and SVGs (already scalable) are served as they are. */
const RASTER = /\.(jpe?g|png|webp|avif)$/i;

/**
 * Widths in device pixels. The content column is at most 40rem (640 CSS px: `.prose` in public/css/site.css), so
 * 1280 fills it on a 2x screen and 320 a small phone at 1x; nothing larger is ever shown.
 */
export const VARIANT_WIDTHS: readonly number[] = [320, 640, 960, 1280];

/** Best first: a browser takes the first <source> type it supports. AVIF is about a fifth smaller than WebP. */
export const VARIANT_FORMATS = ['avif', 'webp'] as const;
export type VariantFormat = (typeof VARIANT_FORMATS)[number];

// Quality 50 for AVIF and 80 for WebP are sharp's defaults and look alike. Change the recipe name with the recipe,
// so variants cached under the old one are made again.
const RECIPE = 'v1:avif50:webp80:320,640,960,1280';

export interface ImageVariant {
  readonly format: VariantFormat;
  readonly width: number;
  readonly bytes: Buffer;
}

/** What is known of one photo: its size as shown (EXIF rotation applied) and its variants. */
export interface ImageEntry {
  readonly width: number;
  readonly height: number;
  readonly variants: readonly ImageVariant[];
}

/** A file of public/ by its relative path, with its bytes. */
export interface SourceImage {
  readonly file: string;
  readonly bytes: Buffer;
}

interface CachedMeta {
  readonly width: number;
  readonly height: number;
  readonly variants: readonly { format: VariantFormat; width: number }[];
}

export function isRaster(file: string): boolean {
  return RASTER.test(file);
}

/** The widths to make of an image this wide: each standard width below its own, and its own if no standard one is larger. */
export function variantWidths(width: number): number[] {
  const below = VARIANT_WIDTHS.filter((each) => each < width);
  return width <= VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]! ? [...below, width] : below;
}

function keyOf(bytes: Buffer): string {
  return createHash('sha256').update(RECIPE).update(bytes).digest('hex').slice(0, 32);
}

/**
 * The variants of every photo seen so far, by content hash: a renamed photo costs nothing, a replaced one gets new
 * variants. With a cache folder, variants survive restarts; without one (tests), they live in memory only.
 */
export class ImageVariants {
  private readonly entries = new Map<string, ImageEntry>();
  private readonly failed = new Set<string>();

  constructor(
    private readonly cacheDir: string | undefined,
    private readonly logger: Logger,
  ) {}

  /** The entries of these photos that exist now, in memory or in the cache folder, by file; none is made here. */
  known(images: readonly SourceImage[]): Map<string, ImageEntry> {
    const found = new Map<string, ImageEntry>();
    const keys = new Set<string>();
    for (const image of images) {
      const key = keyOf(image.bytes);
      keys.add(key);
      const entry = this.entries.get(key) ?? this.readCached(key);
      if (!entry) continue;
      this.entries.set(key, entry);
      found.set(image.file, entry);
    }
    // Photos replaced or deleted since: their variants would otherwise stay in memory until a restart.
    for (const key of this.entries.keys()) if (!keys.has(key)) this.entries.delete(key);
    return found;
  }

  /** Makes the variants of each photo that has none yet, one photo at a time; resolves with how many it made. */
  async make(images: readonly SourceImage[]): Promise<number> {
    let made = 0;
    for (const image of images) {
      const key = keyOf(image.bytes);
      if (this.entries.has(key) || this.failed.has(key)) continue;
      // Another worker process may have made it meanwhile.
      const cached = this.readCached(key);
      if (cached) {
        this.entries.set(key, cached);
        continue;
      }
      const started = performance.now();
      try {
        const entry = await makeEntry(image.bytes);
        this.entries.set(key, entry);
        this.writeCached(key, entry);
        made += 1;
        this.logger.info('image variants made', { file: image.file, variants: entry.variants.length, ms: Math.round(performance.now() - started) });
      } catch (error) {
        // Tried once per content: the photo is served as it is, and a fixed file (new content) is tried again.
        this.failed.add(key);
        this.logger.warn('cannot make smaller versions of this image; it is served as it is', { file: image.file, ...errorFields(error) });
      }
    }
    return made;
  }

  private readCached(key: string): ImageEntry | undefined {
    if (!this.cacheDir) return undefined;
    const dir = path.join(this.cacheDir, key);
    try {
      const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')) as CachedMeta;
      const variants = meta.variants.map((variant) => ({ ...variant, bytes: readFileSync(path.join(dir, `${variant.width}.${variant.format}`)) }));
      return { width: meta.width, height: meta.height, variants };
    } catch {
      // Not made yet, or left half-written by a process that died: made again.
      return undefined;
    }
  }

  /** Written to a temporary folder and renamed, so another worker process never reads a half-written entry. */
  private writeCached(key: string, entry: ImageEntry): void {
    if (!this.cacheDir) return;
    const temporary = path.join(this.cacheDir, `.${key}.${process.pid}`);
    try {
      mkdirSync(temporary, { recursive: true });
      for (const variant of entry.variants) writeFileSync(path.join(temporary, `${variant.width}.${variant.format}`), variant.bytes);
      const meta: CachedMeta = { width: entry.width, height: entry.height, variants: entry.variants.map(({ format, width }) => ({ format, width })) };
      writeFileSync(path.join(temporary, 'meta.json'), JSON.stringify(meta));
      renameSync(temporary, path.join(this.cacheDir, key));
    } catch (error) {
      // Another process made the same entry first (the folder exists), or the disk is full: served from memory.
      rmSync(temporary, { recursive: true, force: true });
      if ((error as NodeJS.ErrnoException).code !== 'ENOTEMPTY' && (error as NodeJS.ErrnoException).code !== 'EEXIST') {
        this.logger.warn('cannot keep image variants on disk; they are made again after a restart', { dir: this.cacheDir, ...errorFields(error) });
      }
    }
  }
}

async function makeEntry(bytes: Buffer): Promise<ImageEntry> {
  const sharp = await loadSharp();
  // autoOrient applies the EXIF rotation of phone photos, so variants and the stated size are the way up people see.
  const source = sharp(bytes, { autoOrient: true, failOn: 'error' });
  const { autoOrient } = await source.metadata();
  const variants: ImageVariant[] = [];
  for (const width of variantWidths(autoOrient.width)) {
    for (const format of VARIANT_FORMATS) {
      const resized = source.clone().resize({ width, withoutEnlargement: true });
      const bytesOut = await (format === 'avif' ? resized.avif({ quality: 50 }) : resized.webp({ quality: 80 })).toBuffer();
      variants.push({ format, width, bytes: bytesOut });
    }
  }
  return { width: autoOrient.width, height: autoOrient.height, variants };
}
