// A page's Markdown body and what it becomes: rendered on first use in this thread, or handed in from a rendering thread.
import { RenderLimitError, renderPageBody, type RenderedMarkdown } from './markdown.js';
import { PackedText } from './packed-text.js';
import type { Page } from './page.js';
import { ContentError } from './problem.js';

/** A large body's HTML as UTF-8 bytes, with their SHA-256 (base64url), to lay out as bytes: see Edition. */
export interface LaidOutBody {
  readonly bytes: Buffer;
  readonly digest: string;
}

/** A body rendered elsewhere (src/publish/body-pool.ts): its HTML packed as PackedText keeps it, a large one's search text and bytes. */
export interface RenderedElsewhere extends Omit<RenderedMarkdown, 'html'> {
  readonly packedHtml: Buffer;
  /** A large body's words for search, packed the same way. */
  readonly packedText: Buffer | undefined;
  readonly large?: LaidOutBody | undefined;
}

/** What a page file's body was rendered into before the file was read again, or why it could not be. */
export type Prerendered = RenderedElsewhere | ContentError;

/** The body of a page file as it was when rendered elsewhere (`bytes`), so a file changed since is not mistaken for it. */
export type PrerenderedLookup = (file: string, body: Buffer) => Prerendered | undefined;

/**
 * The largest body the server renders in the thread that answers requests, when a page is asked for before its
 * thread has rendered it: even the densest Markdown this size renders in a few tens of milliseconds. The largest
 * real page is 10 KB; a larger body waits for its thread (a 503 with Retry-After meanwhile).
 */
export const LARGEST_BODY_RENDERED_HERE = 32 * 1024;

interface RenderedBody extends Pick<Page, 'headings' | 'links' | 'images'> {
  readonly html: PackedText;
  /** The search text, kept only when it was made elsewhere (a large body): a small body's is made again in no time. */
  readonly text: PackedText | undefined;
  /** A large body's HTML as bytes, kept (outside the heap) for laying out its page again without unpacking it here. */
  readonly large: LaidOutBody | undefined;
}

/**
 * A copy of a string that shares no memory with the file it came from. Parsers hand out slices and ropes of the
 * source text, and one kept slice keeps the whole file alive: for 10,000 pages, tens of megabytes.
 */
export function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/**
 * The Markdown body, rendered on first use. Reading 10,000 files is then only reading their front matter, so the
 * site answers its first request sooner; the background pass renders the bodies right after, on the rendering
 * threads when the server has them (supply()). Until then the body is kept as the file's bytes (one byte a letter
 * of English, where a string takes two as soon as one Cyrillic letter is in it); once rendered, as packed HTML.
 */
export class PageBody {
  readonly file: string;
  /** Lines of the file before the body, so that a body line becomes a line of the file. */
  readonly bodyOffset: number;
  private pending: Buffer | undefined;
  private done: RenderedBody | ContentError | undefined;

  constructor(file: string, source: Buffer, bodyOffset: number, prerendered?: Prerendered) {
    this.file = file;
    this.bodyOffset = bodyOffset;
    this.pending = source;
    if (prerendered) this.supply(prerendered);
  }

  /** The Markdown still to be rendered, as UTF-8 bytes, or undefined once rendered (or failed). */
  unrendered(): Buffer | undefined {
    return this.done ? undefined : (this.pending ?? Buffer.alloc(0));
  }

  /** Whether the body is not rendered yet and too large to render in the thread that answers requests. */
  tooLargeToRenderHere(): boolean {
    return !this.done && (this.pending?.length ?? 0) > LARGEST_BODY_RENDERED_HERE;
  }

  /** Takes a body rendered elsewhere, or the reason it could not be: this page then fails with it, not rendered here. */
  supply(rendered: Prerendered): void {
    if (this.done) return;
    this.pending = undefined;
    this.done = rendered instanceof ContentError ? rendered : fromElsewhere(rendered, this.bodyOffset);
  }

  /** The rendered body, rendering it now in this thread if nothing rendered it yet; throws the page's ContentError. */
  render(): RenderedBody {
    this.done ??= this.renderHere();
    if (this.done instanceof ContentError) throw this.done;
    return this.done;
  }

  /** A large body's HTML as bytes with its hash, when its thread made them; undefined for a body to lay out as text. */
  laidOut(): LaidOutBody | undefined {
    return this.render().large;
  }

  /**
   * The body's words for search, still packed, when its thread made them (a large body); else undefined, to be made
   * from its HTML. Unpacked on the search thread: unpacking a 1 MB page's words here held this thread for 6 ms a change.
   */
  wordsMadeElsewhere(): PackedText | undefined {
    return this.render().text;
  }

  private renderHere(): RenderedBody | ContentError {
    let markdown: RenderedMarkdown;
    try {
      markdown = renderPageBody(this.pending?.toString('utf8') ?? '');
    } catch (error) {
      if (!(error instanceof RenderLimitError)) throw error;
      this.pending = undefined;
      return new ContentError(this.file, error.line + this.bodyOffset, error.message, { cause: error });
    }
    this.pending = undefined;
    return { ...outlineOf(markdown, this.bodyOffset, detached), html: new PackedText(markdown.html), text: undefined, large: undefined };
  }
}

/**
 * Headings, links and images with their line in the file. `own` makes each text share no memory with the parser's
 * source; an outline rendered elsewhere comes from JSON.parse, whose strings are fresh already (copying a thousand
 * links again cost this thread about a millisecond a change).
 */
function outlineOf(markdown: Omit<RenderedMarkdown, 'html'>, bodyOffset: number, own: (text: string) => string): Pick<Page, 'headings' | 'links' | 'images'> {
  const shift = (line: number): number => line + bodyOffset;
  return {
    headings: markdown.headings.map((heading) => ({ level: heading.level, id: own(heading.id), text: own(heading.text) })),
    links: markdown.links.map((link) => ({ href: own(link.href), line: shift(link.line) })),
    images: markdown.images.map((image) => ({ ...image, line: shift(image.line) })),
  };
}

function fromElsewhere(rendered: RenderedElsewhere, bodyOffset: number): RenderedBody {
  return {
    ...outlineOf(rendered, bodyOffset, (text) => text),
    html: PackedText.fromPacked(rendered.packedHtml),
    text: rendered.packedText && PackedText.fromPacked(rendered.packedText),
    large: rendered.large,
  };
}

const bodies = new WeakMap<Page, PageBody>();

/** Records a page's body, so that the publisher can have it rendered on a thread (bodyOf). */
export function withBody(body: PageBody, page: Page): Page {
  bodies.set(page, body);
  return page;
}

/** A page's body, for rendering it elsewhere; undefined for a page not read from a file (a test's own). */
export function bodyOf(page: Page): PageBody | undefined {
  return bodies.get(page);
}
