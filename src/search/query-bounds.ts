// What a search query may cost: its length and its number of words are bounded before the index sees it.
import { fold, words as wordsOf } from './fold.js';
import { termRules } from './language-terms.js';

/** Queries are cut to this length: no word on the site is longer, and long queries cost time. */
export const MAX_QUERY_LENGTH = 200;
/** Each word is a pass over the index (and a walk of the term tree for its prefixes and typos): more are dropped. */
export const MAX_QUERY_WORDS = 8;

export interface BoundedQuery {
  /** The query as shown back to the visitor: the typed text, cut to MAX_QUERY_LENGTH and trimmed. */
  readonly text: string;
  /** The words searched: at most MAX_QUERY_WORDS, without stop words unless the query has nothing else. */
  readonly words: readonly string[];
  /** Why less than the typed query was searched, for the note on the results page. */
  readonly cut: 'length' | 'words' | undefined;
}

export function boundQuery(raw: string, lang: string): BoundedQuery {
  const text = raw.slice(0, MAX_QUERY_LENGTH).trim();
  const all = wordsOf(text);
  const { stopWords } = termRules(lang);
  const content = all.filter((word) => !stopWords.has(fold(word)));
  const chosen = content.length > 0 ? content : all;
  const cut = raw.length > MAX_QUERY_LENGTH ? 'length' : chosen.length > MAX_QUERY_WORDS ? 'words' : undefined;
  return { text, words: chosen.slice(0, MAX_QUERY_WORDS), cut };
}
