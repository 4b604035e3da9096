// Site search: a MiniSearch index of every published page, built once and updated page by page on change.
import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import type { Page } from '../content/page.js';
import type { Site } from '../content/site.js';
import { inSlices } from '../lib/in-slices.js';
import { LruCache } from '../lib/lru-cache.js';
import { fold, words } from './fold.js';
import { termRules } from './language-terms.js';
import { plainText } from './plain-text.js';

interface SearchDocument {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly headings: string;
  readonly text: string;
}

export interface SearchHit {
  readonly url: string;
  readonly title: string;
  /** The snippet as pieces, each escaped by the template; `mark` pieces are the matched words. */
  readonly snippet: readonly { readonly text: string; readonly mark: boolean }[];
}

export interface SearchResults {
  readonly query: string;
  readonly total: number;
  readonly hits: readonly SearchHit[];
  /** Other spellings that do match, when nothing did. */
  readonly suggestions: readonly string[];
}

/** Queries are cut to this length: no word on the site is longer, and long queries cost time. */
export const MAX_QUERY_LENGTH = 200;
const SNIPPET_LENGTH = 220;

function toDocument(page: Page): SearchDocument {
  return {
    id: page.url,
    title: page.title,
    description: page.description,
    headings: page.headings.map((heading) => heading.text).join(' '),
    text: plainText(page.bodyHtml),
  };
}

// Titles count most, then headings and the description, then the body. Terms are folded so diacritics and case
// never decide a match (and stemmed where the language needs it: language-terms.ts); MiniSearch's default
// tokenizer splits on Unicode spaces and punctuation, so Cyrillic works.
function optionsFor(lang: string): Options<SearchDocument> {
  const terms = termRules(lang);
  return {
    fields: ['title', 'headings', 'description', 'text'],
    processTerm: terms.index,
    // Prefix matching from 3 letters and typo tolerance from 5: shorter words would match half the site.
    searchOptions: {
      processTerm: terms.query,
      boost: { title: 4, headings: 2, description: 1.5 },
      prefix: (term: string) => term.length >= 3,
      fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
      combineWith: 'AND' as const,
    },
  };
}

export class SearchIndex {
  private readonly options: Options<SearchDocument>;
  private index: MiniSearch<SearchDocument>;

  /** An index for one edition; `lang` picks how words become terms (Russian is stemmed). */
  constructor(lang = 'en') {
    this.options = optionsFor(lang);
    this.index = new MiniSearch<SearchDocument>(this.options);
  }

  /** Settles when the index holds every page; searches wait for it. */
  ready: Promise<void> = Promise.resolve();

  /**
   * Indexes every page of the site (at start, and after a full reload) in slices between requests, so a large
   * site is serving pages long before its index is complete (10,000 pages take a few seconds).
   */
  rebuild(site: Site): Promise<void> {
    const index = new MiniSearch<SearchDocument>(this.options);
    this.index = index;
    // A rebuild that started later replaced this one: stop.
    const superseded = (): boolean => this.index !== index;
    this.ready = inSlices(
      [...site.pages.values()],
      (page) => {
        // update() may have indexed a newer version already.
        if (!index.has(page.url)) index.add(toDocument(page));
      },
      superseded,
    );
    return this.ready;
  }

  /** Re-indexes only the given addresses of the site: added, changed or removed pages. */
  update(site: Site, urls: Iterable<string>): void {
    for (const url of urls) {
      const page = site.pages.get(url);
      if (this.index.has(url)) this.index.discard(url);
      if (page) this.index.add(toDocument(page));
    }
  }

  /** Plain text of recently found pages: popular pages come up in many searches, and stripping HTML is the costly part of a snippet. */
  private readonly texts = new LruCache<Page, string>(500);

  private textOf(page: Page): string {
    return this.texts.get(page, (found) => plainText(found.bodyHtml));
  }

  /** Searches the index; hits are the site's pages (the site of the snapshot being served), so a result is never stale. */
  search(site: Site, rawQuery: string, offset: number, limit: number): SearchResults {
    const query = rawQuery.slice(0, MAX_QUERY_LENGTH).trim();
    if (words(query).length === 0) return { query, total: 0, hits: [], suggestions: [] };
    // Exact and prefix matches first: typo tolerance multiplies the work on a large site, so it is only tried
    // when they find less than a page of results. Then every word must match; failing that, any word will do.
    let results: SearchResult[] = this.index.search(query, { fuzzy: false });
    if (results.length < limit) results = this.index.search(query);
    if (results.length === 0 && words(query).length > 1) results = this.index.search(query, { combineWith: 'OR' });
    const found = results.filter((result) => site.pages.has(String(result.id)));
    const hits = found.slice(offset, offset + limit).map((result) => {
      const page = site.pages.get(String(result.id))!;
      return { url: page.url, title: page.title, snippet: snippet(page, result.terms, this.textOf(page)) };
    });
    const suggestions =
      found.length === 0
        ? this.index
            .autoSuggest(query, { fuzzy: 0.34, prefix: false, combineWith: 'AND' })
            .map((suggestion) => suggestion.suggestion)
            .filter((suggestion) => suggestion !== fold(query))
            .slice(0, 3)
        : [];
    return { query, total: found.length, hits, suggestions };
  }
}

type SnippetPiece = { text: string; mark: boolean };

/** A window of the page's text around the first matched word, with every matched word marked. */
export function snippet(page: Pick<Page, 'description' | 'bodyHtml'>, terms: readonly string[], body = plainText(page.bodyHtml)): SnippetPiece[] {
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
