// Site search: one edition's index, kept by a SearchEngine (the search thread), and results with snippets from the site.
import type { Page } from '../content/page.js';
import type { Site } from '../content/site.js';
import { inSlices } from '../lib/in-slices.js';
import { LruCache } from '../lib/lru-cache.js';
import { fold } from './fold.js';
import { plainText } from './plain-text.js';
import { boundQuery, type BoundedQuery } from './query-bounds.js';
import { inThreadEngine, type IndexHandle, type SearchEngine } from './search-engine.js';
import type { SearchDocument } from './term-index.js';

export { MAX_QUERY_LENGTH, MAX_QUERY_WORDS } from './query-bounds.js';

export interface SearchHit {
  readonly url: string;
  readonly title: string;
  /** The snippet as pieces, each escaped by the template; `mark` pieces are the matched words. */
  readonly snippet: readonly { readonly text: string; readonly mark: boolean }[];
}

export interface SearchResults {
  readonly query: string;
  /** Why less than the typed query was searched (too long, too many words). */
  readonly cut: BoundedQuery['cut'];
  readonly total: number;
  readonly hits: readonly SearchHit[];
  /** Other spellings that do match, when nothing did. */
  readonly suggestions: readonly string[];
}

const SNIPPET_LENGTH = 220;
/** Pages sent to the search thread in one message: fewer, larger messages cost less than one per page. */
const BATCH = 64;

function toDocument(page: Page): SearchDocument {
  return {
    id: page.url,
    title: page.title,
    description: page.description,
    headings: page.headings.map((heading) => heading.text).join(' '),
    text: plainText(page.bodyHtml),
  };
}

export class SearchIndex {
  readonly lang: string;
  private readonly index: IndexHandle;
  /** Counts rebuilds, so that one started later stops an earlier one. */
  private rebuilds = 0;

  /** An index for one edition; `lang` picks how words become terms (Russian is stemmed). Unit tests keep it in-thread. */
  constructor(lang = 'en', engine: SearchEngine = inThreadEngine()) {
    this.lang = lang;
    this.index = engine.open(lang);
  }

  /** Settles when the index holds every page; searches wait for it. */
  ready: Promise<void> = Promise.resolve();

  /**
   * Indexes every page of the site (at start, and after a full reload) in slices between requests, so a large
   * site is serving pages long before its index is complete (10,000 pages take a few seconds). The pages' text is
   * made here, where the pages are; the index itself is built on the search thread.
   */
  rebuild(site: Site): Promise<void> {
    const rebuild = ++this.rebuilds;
    const superseded = (): boolean => this.rebuilds !== rebuild;
    this.index.reset();
    let batch: SearchDocument[] = [];
    const send = (): void => {
      // update() may have indexed a newer version already: put without replacing.
      if (batch.length > 0 && !superseded()) this.index.put(batch, false);
      batch = [];
    };
    this.ready = inSlices(
      [...site.pages.values()],
      (page) => {
        batch.push(toDocument(page));
        if (batch.length >= BATCH) send();
      },
      superseded,
    ).then(() => {
      send();
      return this.index.flushed();
    });
    return this.ready;
  }

  /** Re-indexes only the given addresses of the site: added, changed or removed pages. */
  update(site: Site, urls: Iterable<string>): void {
    const documents: SearchDocument[] = [];
    const removed: string[] = [];
    for (const url of urls) {
      const page = site.pages.get(url);
      if (page) documents.push(toDocument(page));
      else removed.push(url);
    }
    if (removed.length > 0) this.index.discard(removed);
    if (documents.length > 0) this.index.put(documents, true);
  }

  /** Plain text of recently found pages: popular pages come up in many searches, and stripping HTML is the costly part of a snippet. */
  private readonly texts = new LruCache<Page, string>(500);

  private textOf(page: Page): string {
    return this.texts.get(page, (found) => plainText(found.bodyHtml));
  }

  /**
   * Searches the index, bounded (query-bounds.ts); hits are the site's pages (the site of the snapshot being served),
   * so a result is never stale.
   */
  async search(site: Site, rawQuery: string, offset: number, limit: number): Promise<SearchResults> {
    const bounded = boundQuery(rawQuery, this.lang);
    const ranking = await this.index.query({ words: bounded.words, offset, limit });
    const hits = ranking.hits.flatMap((hit) => {
      const page = site.pages.get(hit.id);
      return page ? [{ url: page.url, title: page.title, snippet: snippet(page, hit.terms, this.textOf(page)) }] : [];
    });
    const suggestions = ranking.suggestions.filter((suggestion) => suggestion !== fold(bounded.text));
    return { query: bounded.text, cut: bounded.cut, total: ranking.total, hits, suggestions };
  }
}

/** A window of the page's text around the first matched word, with every matched word marked. */
export function snippet(page: Page, terms: readonly string[], body = plainText(page.bodyHtml)): { text: string; mark: boolean }[] {
  const matched = [...new Set(terms.map(fold))];
  const isMatch = (word: string): boolean => matched.some((term) => word === term || (term.length >= 3 && word.startsWith(term)));
  /** The window around the first matched word, and the matched words inside it; only the window is scanned. */
  const windowIn = (source: string): { start: number; end: number; pieces: { start: number; end: number }[] } | undefined => {
    const folded = fold(source);
    // fold() keeps one character per base character for the scripts the site uses, so positions line up;
    // a text where they do not (rare ligatures) is searched no further.
    if (folded.length !== source.length) return undefined;
    const pieces: { start: number; end: number }[] = [];
    let start = -1;
    let end = source.length;
    for (const match of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
      if (start !== -1 && match.index >= end) break;
      if (!isMatch(match[0])) continue;
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
  const source = inBody ? body : page.description;
  const { start, end, pieces } = inBody ?? windowIn(page.description) ?? { start: 0, end: Math.min(page.description.length, SNIPPET_LENGTH), pieces: [] };
  const out: { text: string; mark: boolean }[] = [];
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
