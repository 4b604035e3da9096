// public/ as one generation publishes it: the assets, the image variants known so far, and what pages show of each file.
import { loadAssets, readPublicFiles, type AssetFile, type Assets } from '../http/assets.js';
import type { CachePolicy } from '../http/cache-policy.js';
import { isRaster, VARIANT_FORMATS, type ImageEntry, type ImageVariant, type ImageVariants } from '../images/image-variants.js';
import type { ImageInfo, ImageLookup } from '../render/responsive-images.js';

const VARIANT_TYPES: Record<ImageVariant['format'], string> = { avif: 'image/avif', webp: 'image/webp' };

/**
 * The name a variant is served under: "images/osh.jpg" -> "_variants/images/osh.jpg.640.avif". No file of public/
 * can have it, since names starting with "_" are never published (src/lib/list-files.ts).
 */
function variantName(file: string, variant: Pick<ImageVariant, 'format' | 'width'>): string {
  return `_variants/${file}.${variant.width}.${variant.format}`;
}

export class PublishedAssets {
  readonly assets: Assets;
  /** The photos of public/, whose variants are made in the background. */
  readonly photos: readonly AssetFile[];
  private readonly files: readonly AssetFile[];
  private readonly entries: ReadonlyMap<string, ImageEntry>;
  /** Decoded URL path -> what a page shows of the file, to tell which files changed for pages. */
  private readonly shown = new Map<string, string>();

  private constructor(files: readonly AssetFile[], variants: ImageVariants, cache: CachePolicy) {
    this.files = files;
    this.photos = files.filter((file) => isRaster(file.file));
    this.entries = variants.known(this.photos);
    const generated = [...this.entries].flatMap(([file, entry]) =>
      entry.variants.map((variant) => ({ file: variantName(file, variant), bytes: variant.bytes })),
    );
    this.assets = loadAssets(files, { cache, generated });
    for (const { file } of files) this.shown.set(`/${file}`, JSON.stringify(this.info(file)));
  }

  /** Reads public/ now, with the variants made so far. */
  static read(publicDir: string, variants: ImageVariants, cache: CachePolicy): PublishedAssets {
    return new PublishedAssets(readPublicFiles(publicDir), variants, cache);
  }

  /** The same files, not read again, with the variants made since. */
  withVariants(variants: ImageVariants, cache: CachePolicy): PublishedAssets {
    return new PublishedAssets(this.files, variants, cache);
  }

  /** Looks an image up by its decoded URL path, for page bodies. */
  readonly image: ImageLookup = (path) => (this.assets.files.has(path) ? this.info(path.slice(1)) : undefined);

  /** Decoded URL paths of the files whose address, size or variants differ from `before`: pages showing them change. */
  changedSince(before: PublishedAssets): Set<string> {
    const changed = new Set<string>();
    for (const [path, shown] of this.shown) if (before.shown.get(path) !== shown) changed.add(path);
    for (const path of before.shown.keys()) if (!this.shown.has(path)) changed.add(path);
    return changed;
  }

  private info(file: string): ImageInfo {
    const entry = this.entries.get(file);
    const sources = VARIANT_FORMATS.flatMap((format) => {
      const candidates = entry?.variants.filter((variant) => variant.format === format) ?? [];
      const srcset = candidates.map((variant) => `${this.assets.url(variantName(file, variant))} ${variant.width}w`).join(', ');
      return srcset ? [{ type: VARIANT_TYPES[format], srcset }] : [];
    });
    return { src: this.assets.url(file), size: entry && { width: entry.width, height: entry.height }, sources };
  }
}
