// One language's MiniSearch index and the bounded way it is queried: runs on the search thread, or in-thread in tests.
import MiniSearch, { type Options } from 'minisearch';
import { PackedText } from '../content/packed-text.js';
import { snippet, type SnippetPiece } from './snippet.js';
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
  readonly hits: readonly { readonly id: string; readonly snippet: readonly SnippetPiece[] }[];
  readonly suggestions: readonly string[];
}

/**
 * At most two typos a word, whatever its length: MiniSearch's default allows six for a 30-letter word, and walking
 * the term tree that far took seconds on a 10,000-page site. Suggestions are looked for only for short queries.
 */
const MAX_TYPOS = 2;
const MAX_WORDS_FOR_SUGGESTIONS = 3;
/** Index terms one query word may stand for (its prefix matches and typos): "pro" must not rank by 500 words. */
const MAX_TERMS_PER_WORD = 64;
/** Titles count most, then headings and the description, then the body. */
const FIELDS = ['title', 'headings', 'description', 'text'] as const;
const BOOST: Readonly<Record<(typeof FIELDS)[number], number>> = { title: 4, headings: 2, description: 1.5, text: 1 };
/** MiniSearch's own weights and BM25+ parameters, so ranking is what it was when MiniSearch ranked. */
const WEIGHTS = { prefix: 0.375, fuzzy: 0.45 };
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** term -> field id -> document short id -> frequency: MiniSearch's inverted index. */
type Postings = ReadonlyMap<number, ReadonlyMap<number, number>>;

/**
 * The parts of MiniSearch 7 (pinned in package.json) that ranking reads. MiniSearch keeps the index, adds and discards;
 * ranking is done here in one pass over the postings into typed arrays, because its own search builds an object per
 * matching page per word and merges them: 1.2 s for eight common words on 10,000 pages, where this takes milliseconds.
 */
interface MiniSearchInternals {
  readonly _index: {
    get(term: string): Postings | undefined;
    atPrefix(prefix: string): Iterable<[string, Postings]>;
    fuzzyGet(term: string, distance: number): Map<string, [Postings, number]>;
  };
  readonly _documentIds: ReadonlyMap<number, string>;
  readonly _fieldLength: ReadonlyMap<number, readonly number[]>;
  readonly _avgFieldLength: readonly number[];
  readonly _fieldIds: Readonly<Record<string, number>>;
  readonly _documentCount: number;
  readonly _nextId: number;
}

/** An index term a query word stands for, and how much a match on it counts. */
interface Expansion {
  readonly term: string;
  readonly postings: Postings;
  readonly weight: number;
}

function optionsFor(lang: string): Options<SearchDocument> {
  const terms = termRules(lang);
  // Terms are folded so diacritics and case never decide a match (and stemmed where the language needs it:
  // language-terms.ts); MiniSearch's default tokenizer splits on Unicode spaces and punctuation, so Cyrillic works.
  return { fields: [...FIELDS], processTerm: terms.index, searchOptions: { processTerm: terms.query } };
}

export class TermIndex {
  private readonly options: Options<SearchDocument>;
  private readonly queryTerm: (word: string) => string;
  private index: MiniSearch<SearchDocument>;
  /**
   * Each page's text and description, for snippets, made here so that the thread serving pages does no search work
   * but rendering the results. Packed: 10,000 pages' text is about 35 MB as strings, 12 MB packed (packed-text.ts).
   */
  private texts = new Map<string, { readonly text: PackedText; readonly description: string }>();

  constructor(lang: string) {
    this.options = optionsFor(lang);
    this.queryTerm = termRules(lang).query;
    this.index = new MiniSearch<SearchDocument>(this.options);
  }

  /** Forgets every page: a full rebuild follows. */
  reset(): void {
    this.index = new MiniSearch<SearchDocument>(this.options);
    this.texts = new Map();
  }

  /** Indexes pages; `replace` puts a newer version in place of an indexed one, else an indexed page is kept (a rebuild met a newer update). */
  put(documents: readonly SearchDocument[], replace: boolean): void {
    for (const document of documents) {
      if (this.index.has(document.id)) {
        if (!replace) continue;
        this.index.discard(document.id);
      }
      this.index.add(document);
      this.texts.set(document.id, { text: new PackedText(document.text), description: document.description });
    }
  }

  discard(ids: readonly string[]): void {
    for (const id of ids) {
      if (this.index.has(id)) this.index.discard(id);
      this.texts.delete(id);
    }
  }

  /**
   * Exact and prefix matches first (prefixes from 3 letters): typo tolerance (from 5 letters) multiplies the work, so
   * it is only tried when they find less than a page of results. Pages with every word first; failing that, any word.
   */
  query({ words, offset, limit }: TermQuery): Ranking {
    const terms = [...new Set(words.map((word) => this.queryTerm(word)).filter(Boolean))];
    if (terms.length === 0) return { total: 0, hits: [], suggestions: [] };
    let ranked = this.rank(terms, false, offset + limit);
    if (ranked.total < limit) ranked = this.rank(terms, true, offset + limit);
    const hits = ranked.top.slice(offset).map((shortId) => {
      const id = this.internals()._documentIds.get(shortId)!;
      const kept = this.texts.get(id);
      return { id, snippet: kept ? snippet(kept.text.toString(), kept.description, ranked.matched(shortId)) : [] };
    });
    // The words as typed: autoSuggest applies the query rules itself, and a stem stemmed again may change.
    const text = words.join(' ');
    const suggestions =
      ranked.total === 0 && terms.length <= MAX_WORDS_FOR_SUGGESTIONS
        ? this.index
            .autoSuggest(text, { fuzzy: 0.34, maxFuzzy: MAX_TYPOS, prefix: false, combineWith: 'AND' })
            .map((suggestion) => suggestion.suggestion)
            .filter((suggestion) => suggestion !== fold(text))
            .slice(0, 3)
        : [];
    return { total: ranked.total, hits, suggestions };
  }

  private internals(): MiniSearchInternals {
    return this.index as unknown as MiniSearchInternals;
  }

  /** The index terms a query term stands for: itself, longer words it begins (from 3 letters), and, if asked, typos. */
  private expand(term: string, typos: boolean): Expansion[] {
    const { _index: index } = this.internals();
    const found = new Map<string, Expansion>();
    const exact = index.get(term);
    if (exact) found.set(term, { term, postings: exact, weight: 1 });
    if (term.length >= 3) {
      for (const [longer, postings] of index.atPrefix(term)) {
        if (found.size >= MAX_TERMS_PER_WORD) break;
        const distance = longer.length - term.length;
        if (distance > 0) found.set(longer, { term: longer, postings, weight: (WEIGHTS.prefix * longer.length) / (longer.length + 0.3 * distance) });
      }
    }
    const distance = Math.min(MAX_TYPOS, Math.round(term.length * 0.2));
    if (typos && term.length >= 5 && distance > 0) {
      for (const [near, [postings, away]] of index.fuzzyGet(term, distance)) {
        if (found.size >= MAX_TERMS_PER_WORD) break;
        if (away > 0 && !found.has(near)) found.set(near, { term: near, postings, weight: (WEIGHTS.fuzzy * near.length) / (near.length + away) });
      }
    }
    return [...found.values()];
  }

  /**
   * Scores every page matching any term in one pass (BM25+, as MiniSearch scores, times the number of terms matched),
   * keeps the best `keep` of the pages matching every term, or, when none does, of those matching any.
   */
  private rank(terms: readonly string[], typos: boolean, keep: number): Ranked {
    const index = this.internals();
    const scores = new Float64Array(index._nextId);
    const matches = new Uint8Array(index._nextId);
    const lastTerm = new Int16Array(index._nextId).fill(-1);
    const expansions = terms.map((term) => this.expand(term, typos));
    expansions.forEach((list, termIndex) => {
      for (const { postings, weight } of list) {
        for (const field of FIELDS) {
          const fieldId = index._fieldIds[field]!;
          const frequencies = postings.get(fieldId);
          if (!frequencies) continue;
          const average = index._avgFieldLength[fieldId]!;
          const idf = Math.log(1 + (index._documentCount - frequencies.size + 0.5) / (frequencies.size + 0.5));
          const factor = weight * BOOST[field] * idf;
          for (const [shortId, frequency] of frequencies) {
            // MiniSearch discards lazily: a discarded page's postings stay until it vacuums.
            if (!index._documentIds.has(shortId)) continue;
            const length = index._fieldLength.get(shortId)![fieldId]!;
            scores[shortId] =
              scores[shortId]! + factor * (BM25.d + (frequency * (BM25.k + 1)) / (frequency + BM25.k * (1 - BM25.b + (BM25.b * length) / average)));
            if (lastTerm[shortId] !== termIndex) {
              lastTerm[shortId] = termIndex;
              matches[shortId] = matches[shortId]! + 1;
            }
          }
        }
      }
    });
    let needed = terms.length;
    if (needed > 1 && !matches.includes(needed)) needed = 1;
    const top: number[] = [];
    const final = (shortId: number): number => scores[shortId]! * matches[shortId]!;
    let total = 0;
    for (let shortId = 0; shortId < matches.length; shortId += 1) {
      if (matches[shortId]! < needed) continue;
      total += 1;
      const score = final(shortId);
      if (top.length === keep && score <= final(top[keep - 1]!)) continue;
      let at = top.length;
      while (at > 0 && final(top[at - 1]!) < score) at -= 1;
      top.splice(at, 0, shortId);
      if (top.length > keep) top.pop();
    }
    const matched = (shortId: number): string[] =>
      expansions.flat().flatMap(({ term, postings }) => ([...postings.values()].some((frequencies) => frequencies.has(shortId)) ? [term] : []));
    return { total, top, matched };
  }
}

interface Ranked {
  readonly total: number;
  /** Short ids of the best pages, best first. */
  readonly top: readonly number[];
  /** The index terms a page matched, for marking them in its snippet. */
  readonly matched: (shortId: number) => string[];
}
