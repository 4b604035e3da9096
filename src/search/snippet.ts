// A result's snippet: a window of the page's text around the first matched word, with every matched word marked.
import { fold } from './fold.js';

/** A piece of a snippet, escaped by the template; `mark` pieces are matched words. */
export interface SnippetPiece {
  readonly text: string;
  readonly mark: boolean;
}

const SNIPPET_LENGTH = 220;

/** A window of the page's text around the first matched word, with every matched word marked. */
export function snippet(body: string, description: string, terms: readonly string[]): SnippetPiece[] {
  const matched = [...new Set(terms.map(fold))];
  const firstLetters = new Set(matched.map((term) => term[0]));
  const isMatch = (word: string): boolean => matched.some((term) => word === term || (term.length >= 3 && word.startsWith(term)));
  /**
   * The window around the first matched word, and the matched words inside it; only the window is scanned. Each word
   * is folded on its own, as it is met: folding the whole text first took half a snippet's time, for the words past
   * the window too, and any text with one accented letter or curly quote took fold()'s slow Unicode path throughout.
   */
  const windowIn = (source: string): { start: number; end: number; pieces: { start: number; end: number }[] } | undefined => {
    const pieces: { start: number; end: number }[] = [];
    let start = -1;
    let end = source.length;
    // Marks belong to the word (a decomposed "é"): fold() drops them, as it does when the page is indexed.
    for (const match of source.matchAll(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu)) {
      if (start !== -1 && match.index >= end) break;
      const word = match[0];
      // An ASCII word folds to its lowercase, so its first letter rules most words out without folding them.
      if (word.charCodeAt(0) < 128 && !firstLetters.has(word[0]!.toLowerCase())) continue;
      if (!isMatch(fold(word))) continue;
      if (start === -1) {
        start = Math.max(0, match.index - 60);
        if (start > 0) start = source.indexOf(' ', start) + 1 || start;
        end = Math.min(source.length, start + SNIPPET_LENGTH);
        if (end < source.length && source.lastIndexOf(' ', end) > match.index) end = source.lastIndexOf(' ', end);
      }
      if (match.index + match[0].length <= end) pieces.push({ start: match.index, end: match.index + match[0].length });
    }
    return start === -1 ? undefined : { start, end, pieces };
  };
  // The body gives the best context; the description stands in when only the title or description matched.
  const inBody = windowIn(body);
  const source = inBody ? body : description;
  const { start, end, pieces } = inBody ?? windowIn(description) ?? { start: 0, end: Math.min(description.length, SNIPPET_LENGTH), pieces: [] };
  const out: SnippetPiece[] = [];
  let cursor = start;
  if (start > 0) out.push({ text: '… ', mark: false });
  for (const piece of pieces) {
    if (piece.start < start || piece.end > end) continue;
    if (piece.start > cursor) out.push({ text: source.slice(cursor, piece.start), mark: false });
    out.push({ text: source.slice(piece.start, piece.end), mark: true });
    cursor = piece.end;
  }
  if (cursor < end) out.push({ text: source.slice(cursor, end), mark: false });
  if (end < source.length) out.push({ text: ' …', mark: false });
  return out;
}
