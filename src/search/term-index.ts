// One language's index of pages and the bounded way it is queried: runs on the search thread, or in-thread in tests.
import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { PackedText } from '../content/packed-text.js';
import { LruCache } from '../lib/lru-cache.js';
import { PageTable } from './page-table.js';
import { TermPostings } from './postings.js';
import { snippet, type SnippetPiece } from './snippet.js';
import { termRules } from './language-terms.js';

/** What is indexed of a page: the fields that rank it. */
export interface SearchDocument {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly headings: string;
  /** The body's words; a large body's come packed (packed-text.ts) from the thread that rendered it, unpacked here. */
  readonly text: string | PackedWords;
}

/** Words packed as PackedText packs them; a Uint8Array once they have crossed to the search thread. */
export interface PackedWords {
  readonly packed: Uint8Array;
}

/** A document's text as a string for the index, and packed for snippets, unpacking or packing only what it lacks. */
function textsOf(text: SearchDocument['text']): { readonly plain: string; readonly packed: PackedText } {
  if (typeof text === 'string') return { plain: text, packed: new PackedText(text) };
  const packed = PackedText.fromPacked(Buffer.from(text.packed.buffer, text.packed.byteOffset, text.packed.byteLength));
  return { plain: packed.toString(), packed };
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
/** Typos a query word may have to match (typo tolerance from 5 letters): a fifth of its letters, at most MAX_TYPOS. */
const typosAllowed = (term: string): number => (term.length >= 5 ? Math.min(MAX_TYPOS, Math.round(term.length * 0.2)) : 0);
/** Fields are numbered in the order of FIELDS. */
const TEXT_FIELD = FIELDS.indexOf('text');
const BOOST: Readonly<Record<(typeof FIELDS)[number], number>> = { title: 4, headings: 2, description: 1.5, text: 1 };
/** MiniSearch's own weights and BM25+ parameters, so ranking is what it was when MiniSearch ranked. */
const WEIGHTS = { prefix: 0.375, fuzzy: 0.45 };
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** An index term a query word stands for, and how much a match on it counts. */
interface Expansion {
  readonly term: string;
  readonly postings: TermPostings;
  readonly weight: number;
}

/**
 * Words are split as MiniSearch splits them (its default tokenizer: Unicode spaces and punctuation, so Cyrillic
 * works), and ranked as MiniSearch ranked, since it kept this index until the postings took too much memory.
 */
const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** A page as it was indexed, kept so that its postings can be found again when it changes or goes (forget()). */
interface Kept {
  readonly title: string;
  readonly headings: string;
  readonly description: string;
  readonly text: PackedText;
}

/** Unpacked texts kept for snippets: pages that rank high for common words come up again and again. */
const UNPACKED_TEXTS = 256;

/**
 * The term tree is MiniSearch 7's (pinned in package.json): exact, prefix and typo lookups of a term's postings, in the
 * same order MiniSearch found them, as terms are put in it in the same order. The postings are typed arrays
 * (postings.ts), where MiniSearch's Maps took 146 MB on 10,000 pages; which pages are live, their ids and each field's
 * length are in arrays indexed by short id (page-table.ts). MiniSearch's own search built an object per matching page
 * per word and merged them: 1.2 s for eight common words on 10,000 pages; a Map lookup per posting for the field
 * length and another for liveness made up most of the rest (profile-search.ts).
 * A page that changes or goes has its postings taken out at once (MiniSearch marked it gone and swept its postings
 * out later, counting them in each term's number of pages meanwhile).
 */
export class TermIndex {
  private readonly indexTerm: (word: string) => string | string[];
  private readonly queryTerm: (word: string) => string;
  private terms = new SearchableMap<TermPostings>();
  /** The short id the next page gets: never reused, so postings stay in order of short id (postings.ts). */
  private nextId = 0;
  private pages = new PageTable(FIELDS.length);
  /**
   * Each page's fields, for snippets and for finding its postings again, made here so that the thread serving pages
   * does no search work but rendering the results. Texts packed: 10,000 pages' text is about 35 MB as strings, 12 MB
   * packed (packed-text.ts).
   */
  private kept = new Map<string, Kept>();
  /** Unpacking a text took a third of a snippet's time; the texts of pages that come up often are kept unpacked. */
  private unpacked = new LruCache<string, string>(UNPACKED_TEXTS);

  constructor(lang: string) {
    const rules = termRules(lang);
    // Terms are folded so diacritics and case never decide a match, and stemmed where the language needs it.
    this.indexTerm = rules.index;
    this.queryTerm = rules.query;
  }

  /** Forgets every page: a full rebuild follows. */
  reset(): void {
    this.terms = new SearchableMap();
    this.pages = new PageTable(FIELDS.length);
    this.kept = new Map();
    this.unpacked.clear();
  }

  /** Indexes pages; `replace` puts a newer version in place of an indexed one, else an indexed page is kept (a rebuild met a newer update). */
  put(documents: readonly SearchDocument[], replace: boolean): void {
    for (const document of documents) {
      if (this.kept.has(document.id)) {
        if (!replace) continue;
        this.forget(document.id);
      }
      const shortId = this.nextId++;
      const { plain, packed } = textsOf(document.text);
      const fields = { title: document.title, headings: document.headings, description: document.description, text: plain };
      this.pages.add(
        shortId,
        document.id,
        FIELDS.map((field, fieldId) => this.eachTerm(fields[field], (term) => this.terms.fetch(term, () => new TermPostings()).add(fieldId, shortId))),
      );
      this.kept.set(document.id, { title: document.title, headings: document.headings, description: document.description, text: packed });
    }
  }

  discard(ids: readonly string[]): void {
    for (const id of ids) if (this.kept.has(id)) this.forget(id);
  }

  /**
   * Takes a page's postings out, found from its fields as they were indexed: the words of one page, rather than a
   * search of every term for it.
   */
  private forget(id: string): void {
    const kept = this.kept.get(id)!;
    const shortId = this.pages.shortIdOf(id)!;
    const fields = { ...kept, text: this.textOf(id)! };
    FIELDS.forEach((field, fieldId) =>
      this.eachTerm(fields[field], (term) => {
        const postings = this.terms.get(term);
        postings?.remove(fieldId, shortId);
        if (postings?.isEmpty()) this.terms.delete(term);
      }),
    );
    this.pages.remove(id);
    this.kept.delete(id);
    this.unpacked.delete(id);
  }

  /**
   * Calls `visit` with the index term of each word of `text`, in order (a word the rules give two terms visits both),
   * and returns the field's length as BM25 counts it (as MiniSearch counted it): the number of distinct words.
   */
  private eachTerm(text: string, visit: (term: string) => void): number {
    const words = tokenize(text);
    for (const word of words) {
      const terms = this.indexTerm(word);
      if (Array.isArray(terms)) terms.forEach(visit);
      else if (terms) visit(terms);
    }
    return new Set(words).size;
  }

  private textOf(id: string): string | undefined {
    const kept = this.kept.get(id);
    return kept && this.unpacked.get(id, () => kept.text.toString());
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
      const id = this.pages.idOf(shortId)!;
      const { terms, inText } = ranked.matched(shortId);
      // A page matched by its title or headings alone has none of the words in its text: looking for them there read
      // (and unpacked) the whole text for nothing, the costliest snippet of all. Its description stands in.
      const text = inText ? this.textOf(id) : '';
      const kept = this.kept.get(id);
      return { id, snippet: kept && text !== undefined ? snippet(text, kept.description, terms) : [] };
    });
    const suggestions = ranked.total === 0 && terms.length <= MAX_WORDS_FOR_SUGGESTIONS ? this.suggest(terms) : [];
    return { total: ranked.total, hits, suggestions };
  }

  /**
   * Other spellings for a query that found nothing, from the term tree alone: each word's nearest index terms (fewest
   * typos, then on most pages), up to 3 for one word, the nearest of each for several. MiniSearch's autoSuggest
   * ranked every page of every near term to find the same: the slowest queries of all (20–50 ms) on 10,000 pages.
   */
  private suggest(terms: readonly string[]): string[] {
    const index = this.terms;
    const nearest = terms.map((term) => {
      if (term.length < 3) return [];
      const typos = Math.min(MAX_TYPOS, Math.max(1, Math.round(term.length * 0.34)));
      // The typo pass already walked the tree this far for this word and found nothing (the query found no page).
      if (typos <= typosAllowed(term)) return [];
      return [...index.fuzzyGet(term, typos)]
        .filter(([, [, away]]) => away > 0)
        .map(([near, [postings, away]]) => ({ near, away, pages: Math.max(0, ...[...postings.values()].map((frequencies) => frequencies.size)) }))
        .sort((a, b) => a.away - b.away || b.pages - a.pages)
        .map(({ near }) => near);
    });
    if (nearest.some((list) => list.length === 0)) return [];
    return nearest.length === 1 ? nearest[0]!.slice(0, 3) : [nearest.map((list) => list[0]).join(' ')];
  }

  /** The index terms a query term stands for: itself, longer words it begins (from 3 letters), and, if asked, typos. */
  private expand(term: string, typos: boolean): Expansion[] {
    const index = this.terms;
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
    const distance = typosAllowed(term);
    if (typos && distance > 0) {
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
    const pages = this.pages;
    const scores = new Float64Array(pages.end);
    const matches = new Uint8Array(pages.end);
    const lastTerm = new Int16Array(pages.end).fill(-1);
    const expansions = terms.map((term) => this.expand(term, typos));
    expansions.forEach((list, termIndex) => {
      for (const { postings, weight } of list) {
        FIELDS.forEach((field, fieldId) => {
          const frequencies = postings.get(fieldId);
          if (!frequencies) return;
          const idf = Math.log(1 + (pages.size - frequencies.size + 0.5) / (frequencies.size + 0.5));
          const factor = weight * BOOST[field] * idf;
          // BM25+'s length normalisation, k(1 - b + b·length/average), as a + c·length.
          const a = BM25.k * (1 - BM25.b);
          const c = (BM25.k * BM25.b) / (pages.average(fieldId) || 1);
          frequencies.forEach((frequency, shortId) => {
            scores[shortId] = scores[shortId]! + factor * (BM25.d + (frequency * (BM25.k + 1)) / (frequency + a + c * pages.length(shortId, fieldId)));
            if (lastTerm[shortId] !== termIndex) {
              lastTerm[shortId] = termIndex;
              matches[shortId] = matches[shortId]! + 1;
            }
          });
        });
      }
    });
    return { ...topOf(scores, matches, terms.length, keep), matched: (shortId) => matchedTerms(expansions, shortId) };
  }
}

/** The best `keep` pages of those matching every term (`needed`), or, when none does, of those matching any. */
function topOf(scores: Float64Array, matches: Uint8Array, terms: number, keep: number): { total: number; top: number[] } {
  const needed = terms > 1 && !matches.includes(terms) ? 1 : terms;
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
  return { total, top };
}

/** The index terms a page matched, for marking them in its snippet, and whether any is in its text (not only its title). */
function matchedTerms(expansions: readonly (readonly Expansion[])[], shortId: number): MatchedTerms {
  let inText = false;
  const terms = expansions.flat().flatMap(({ term, postings }) => {
    if (postings.get(TEXT_FIELD)?.has(shortId)) inText = true;
    return [...postings.values()].some((frequencies) => frequencies.has(shortId)) ? [term] : [];
  });
  return { terms, inText };
}

interface MatchedTerms {
  readonly terms: string[];
  readonly inText: boolean;
}

interface Ranked {
  readonly total: number;
  /** Short ids of the best pages, best first. */
  readonly top: readonly number[];
  readonly matched: (shortId: number) => MatchedTerms;
}
