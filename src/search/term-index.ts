// One language's MiniSearch index and the bounded way it is queried: runs on the search thread, or in-thread in tests.
import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import { fold } from './fold.js';
import { termRules } from './language-terms.js';

/** What is indexed of a page: the fields that rank it. */
export interface SearchDocument {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly headings: string;
  readonly text: string;
}

/** A query already bounded (query-bounds.ts): its words, and the window of results wanted. */
export interface TermQuery {
  readonly words: readonly string[];
  readonly offset: number;
  readonly limit: number;
}

/** The ranked answer to a query: how many pages match, the window asked for, and other spellings when none did. */
export interface Ranking {
  readonly total: number;
  readonly hits: readonly { readonly id: string; readonly terms: readonly string[] }[];
  readonly suggestions: readonly string[];
}

/**
 * At most two typos a word, whatever its length: MiniSearch's default allows six for a 30-letter word, and walking
 * the term tree that far took seconds on a 10,000-page site. Suggestions are looked for only for short queries.
 */
const MAX_TYPOS = 2;
const MAX_WORDS_FOR_SUGGESTIONS = 3;

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
      maxFuzzy: MAX_TYPOS,
      combineWith: 'AND' as const,
    },
  };
}

export class TermIndex {
  private readonly options: Options<SearchDocument>;
  private index: MiniSearch<SearchDocument>;

  constructor(lang: string) {
    this.options = optionsFor(lang);
    this.index = new MiniSearch<SearchDocument>(this.options);
  }

  /** Forgets every page: a full rebuild follows. */
  reset(): void {
    this.index = new MiniSearch<SearchDocument>(this.options);
  }

  /** Indexes pages; `replace` puts a newer version in place of an indexed one, else an indexed page is kept (a rebuild met a newer update). */
  put(documents: readonly SearchDocument[], replace: boolean): void {
    for (const document of documents) {
      if (this.index.has(document.id)) {
        if (!replace) continue;
        this.index.discard(document.id);
      }
      this.index.add(document);
    }
  }

  discard(ids: readonly string[]): void {
    for (const id of ids) if (this.index.has(id)) this.index.discard(id);
  }

  /**
   * Exact and prefix matches first: typo tolerance multiplies the work on a large site, so it is only tried when they
   * find less than a page of results. Then every word must match; failing that, any word will do.
   */
  query({ words, offset, limit }: TermQuery): Ranking {
    if (words.length === 0) return { total: 0, hits: [], suggestions: [] };
    const text = words.join(' ');
    let results: SearchResult[] = this.index.search(text, { fuzzy: false });
    if (results.length < limit) results = this.index.search(text);
    if (results.length === 0 && words.length > 1) results = this.index.search(text, { combineWith: 'OR' });
    const hits = results.slice(offset, offset + limit).map((result) => ({ id: String(result.id), terms: result.terms }));
    const suggestions =
      results.length === 0 && words.length <= MAX_WORDS_FOR_SUGGESTIONS
        ? this.index
            .autoSuggest(text, { fuzzy: 0.34, maxFuzzy: MAX_TYPOS, prefix: false, combineWith: 'AND' })
            .map((suggestion) => suggestion.suggestion)
            .filter((suggestion) => suggestion !== fold(text))
            .slice(0, 3)
        : [];
    return { total: results.length, hits, suggestions };
  }
}
