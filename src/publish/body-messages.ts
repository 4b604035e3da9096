// The messages between the server's thread and a body-rendering thread, typed once for both ends.
import type { RenderedMarkdown } from '../content/markdown.js';

/** One page body to render: its Markdown, as text. `id` is repeated in the answer. */
export interface BodyJob {
  readonly id: number;
  readonly source: string;
}

/**
 * A rendered body: the HTML already packed (raw deflate, as PackedText keeps it), so the server's thread neither
 * packs nor copies megabytes; the plain text for search only for a large body (see LARGE_BODY_HTML).
 */
export type BodyReply = { readonly id: number; readonly renderMs: number } & (
  | { readonly packedHtml: Uint8Array; readonly htmlLength: number; readonly text: string | undefined; readonly outline: Omit<RenderedMarkdown, 'html'> }
  | { readonly limitLine: number; readonly message: string }
  | { readonly error: string }
);

/** Bodies whose HTML is at least this long get their search text made on the rendering thread and kept. */
export const LARGE_BODY_HTML = 64 * 1024;
