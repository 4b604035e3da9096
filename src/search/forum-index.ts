// The forum topics' MiniSearch index, kept on the search thread: built a page of topics at a time, swapped in whole, ranked there.
import MiniSearch from 'minisearch';
import { PackedText } from '../content/packed-text.js';
import { renderMarkdown } from '../content/markdown.js';
import { termRules } from './language-terms.js';
import { plainText } from './plain-text.js';
import { snippet, type SnippetPiece } from './snippet.js';

/** A public topic as the forum hands it over: published posts only (Topics.searchDocuments). */
export interface ForumSearchDocument {
  readonly id: number;
  readonly categorySlug: string;
  readonly title: string;
  /** The Markdown of its visible posts. */
  readonly text: string;
}

/** A query as the serving thread sends it: already cut to its bound, and never without words. */
export interface ForumQuery {
  readonly query: string;
  /** The categories content/forum.yml still has: topics filed elsewhere are not shown. */
  readonly categories: readonly string[];
  readonly limit: number;
}

export interface ForumRankedHit {
  readonly id: number;
  readonly title: string;
  readonly categorySlug: string;
  readonly snippet: readonly SnippetPiece[];
}

export interface ForumRanking {
  readonly total: number;
  readonly hits: readonly ForumRankedHit[];
}

interface Indexed {
  readonly id: number;
  readonly title: string;
  readonly text: string;
  readonly categorySlug: string;
}

/**
 * A topic as kept for its results: its text packed (packed-text.ts) and unpacked only for a hit's snippet. As strings,
 * 5,000 topics of 800 words kept tens of megabytes on the search thread (two bytes a letter once one is Cyrillic).
 */
interface Topic extends Omit<Indexed, 'text'> {
  readonly text: PackedText;
}

/**
 * Members write in Russian and English alike, and the Russian rules fold every word and stem only Cyrillic ones, so
 * one index serves both. Titles weigh most, as for pages; the same prefix and typo rules apply.
 */
const TERMS = termRules('ru');

/** Words whose terms are kept: a forum's vocabulary is some tens of thousands; past this the memo starts again. */
const MEMO_WORDS = 200_000;
const memo = new Map<string, string | string[]>();
/**
 * A rebuild reads every word of the forum again, and most of them were stemmed at the last one: a word's terms are
 * kept, which took indexing 1,000 of the bench's topics from 3.3 s to 2.0 s (Snowball was two fifths of it).
 */
function indexTerms(word: string): string | string[] {
  let terms = memo.get(word);
  if (terms === undefined) {
    if (memo.size >= MEMO_WORDS) memo.clear();
    terms = TERMS.index(word);
    memo.set(word, terms);
  }
  return terms;
}

const OPTIONS = {
  fields: ['title', 'text'],
  storeFields: [] as string[],
  processTerm: indexTerms,
  searchOptions: {
    processTerm: TERMS.query,
    boost: { title: 4 },
    prefix: (term: string) => term.length >= 3,
    fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
    combineWith: 'AND' as const,
  },
};

interface Generation {
  readonly index: MiniSearch<Indexed>;
  readonly topics: Map<number, Topic>;
}

const empty = (): Generation => ({ index: new MiniSearch<Indexed>(OPTIONS), topics: new Map() });

/**
 * Rendering 20,000 posts' Markdown and indexing their words takes about 15 s (5,000 topics, the bench's forum): on
 * the thread that serves pages it held every answer that long after each forum change. Here it is built in pages of
 * topics, each page one message, so the thread's page queries are answered between them; queries meanwhile are
 * ranked on the last finished index, which the new one replaces whole once it is complete.
 */
export class ForumTermIndex {
  private current: Generation = empty();
  private next: Generation | undefined;

  /** Starts a new index beside the one answering queries; a build begun earlier and not finished is dropped. */
  begin(): void {
    this.next = empty();
  }

  put(documents: readonly ForumSearchDocument[]): void {
    const next = this.next;
    if (!next) throw new Error('forum documents put outside a build');
    for (const document of documents) {
      const indexed = { id: document.id, title: document.title, categorySlug: document.categorySlug, text: plainText(renderMarkdown(document.text).html) };
      next.topics.set(document.id, { ...indexed, text: new PackedText(indexed.text) });
      next.index.add(indexed);
    }
  }

  /** The new index answers from now on. */
  finish(): void {
    if (!this.next) throw new Error('no forum build to finish');
    this.current = this.next;
    this.next = undefined;
  }

  /** Exact matches first; typos only when they find fewer than a page's worth. */
  query({ query, categories, limit }: ForumQuery): ForumRanking {
    const { index, topics } = this.current;
    const exact = index.search(query, { fuzzy: false });
    const results = exact.length < limit ? index.search(query) : exact;
    const listed = new Set(categories);
    const found = results.flatMap((result) => {
      const topic = topics.get(Number(result.id));
      return topic && listed.has(topic.categorySlug) ? [{ topic, terms: result.terms }] : [];
    });
    const hits = found.slice(0, limit).map(({ topic, terms }) => ({
      id: topic.id,
      title: topic.title,
      categorySlug: topic.categorySlug,
      snippet: snippet(topic.text.toString(), '', terms),
    }));
    return { total: found.length, hits };
  }
}
