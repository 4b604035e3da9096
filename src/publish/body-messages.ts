// The messages between the server's thread and a body-rendering thread, typed once for both ends.
import type { RenderedMarkdown } from '../content/markdown.js';

/** One page body to render: its Markdown as UTF-8 bytes, handed over and decoded there. `id` is repeated in the answer. */
export interface BodyJob {
  readonly id: number;
  readonly source: Uint8Array;
}

/**
 * A rendered body: the outline as JSON (a page may have 50,000 links, and cloning as many objects held the server's
 * thread for hundreds of milliseconds, where JSON.parse takes tens); the HTML already packed (raw deflate, as
 * PackedText keeps it), so the server's thread neither packs nor copies megabytes; the plain text for search only
 * for a large body (see LARGE_BODY_HTML).
 */
export type BodyReply = { readonly id: number; readonly renderMs: number } & (
  | {
      readonly packedHtml: Uint8Array;
      readonly htmlLength: number;
      /** A large body's words for search, packed as PackedText packs (raw deflate, level 1). */
      readonly packedText: Uint8Array | undefined;
      readonly outlineJson: string;
      /** A large body's HTML as UTF-8 and its SHA-256, handed over, so the server's thread lays it out as bytes (see LaidOutBody). */
      readonly large: { readonly bytes: Uint8Array; readonly digest: string } | undefined;
    }
  | { readonly limitLine: number; readonly message: string }
  | { readonly error: string }
);

/** The headings, links and images of a body (RenderedMarkdown less its HTML), sent as JSON: see body-worker.ts. */
export type Outline = Omit<RenderedMarkdown, 'html'>;

/** Bodies whose HTML is at least this long get their search text made on the rendering thread and kept, and come back as bytes too. */
export const LARGE_BODY_HTML = 64 * 1024;
