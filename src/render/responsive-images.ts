// Images in a rendered page body get their size, smaller variants and modern formats, from what is known of public/.

/** What a page shows of one image of public/. */
export interface ImageInfo {
  /** The file itself, at its fingerprinted address. */
  readonly src: string;
  /** Its size in pixels, when known, so the browser reserves the space before the image arrives (no layout shift). */
  readonly size: { readonly width: number; readonly height: number } | undefined;
  /** Variants by type, best format first: each a srcset of "url 640w" candidates. */
  readonly sources: readonly { readonly type: string; readonly srcset: string }[];
}

/** The image at a decoded URL path ("/images/osh.jpg"), if it is a file of public/. */
export type ImageLookup = (path: string) => ImageInfo | undefined;

/**
 * How wide an image is shown: the column's width (`.prose`, max-width 40rem in public/css/site.css) on wider
 * screens, else nearly the whole screen. The browser picks the smallest variant that fills this at its pixel density.
 */
export const IMAGE_SIZES = '(min-width: 42rem) 40rem, 100vw';

// The one form in which src/content/markdown.ts writes an image. markdown-it escapes " in attributes, so [^"]* holds
// the whole value; with `html: false` no other <img> can be in a body (an editor's own is shown as text).
const MARKDOWN_IMAGE = /<img src="([^"]*)" alt="([^"]*)"( title="[^"]*")?>/g;
const ORIGIN = 'http://site.invalid';

function unescapeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The decoded path an image's src names on this site, relative srcs resolved against the page; undefined off the site. */
export function imagePath(src: string, pageUrl: string): string | undefined {
  try {
    const url = new URL(src, ORIGIN + pageUrl);
    return url.origin === ORIGIN ? decodeURIComponent(url.pathname) : undefined;
  } catch {
    return undefined;
  }
}

/** The markup of one image: a <picture> with a <source> per format when there are variants, else the <img> alone. */
export function imageHtml(info: ImageInfo, altHtml: string, titleHtml: string): string {
  const size = info.size ? ` width="${info.size.width}" height="${info.size.height}"` : '';
  const img = `<img src="${escapeAttribute(info.src)}" alt="${altHtml}"${titleHtml}${size}>`;
  if (info.sources.length === 0) return img;
  const sources = info.sources.map((source) => `<source type="${source.type}" srcset="${escapeAttribute(source.srcset)}" sizes="${IMAGE_SIZES}">`);
  return `<picture>${sources.join('')}${img}</picture>`;
}

/** A page body with each image of public/ pointed at its fingerprinted file, sized, and given its variants. */
export function sizeImages(bodyHtml: string, pageUrl: string, lookup: ImageLookup): string {
  if (!bodyHtml.includes('<img ')) return bodyHtml;
  return bodyHtml.replace(MARKDOWN_IMAGE, (whole, src: string, altHtml: string, titleHtml: string | undefined) => {
    const path = imagePath(unescapeAttribute(src), pageUrl);
    const info = path === undefined ? undefined : lookup(path);
    return info ? imageHtml(info, altHtml, titleHtml ?? '') : whole;
  });
}
