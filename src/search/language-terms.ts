// How each language's words become index terms and query terms: folding for all, Snowball stemming for Russian.
import { stemmer as russianStem } from '@orama/stemmers/russian';
import { fold } from './fold.js';

export interface TermRules {
  /** The terms a word of a page is indexed under. */
  readonly index: (word: string) => string | string[];
  /** The term a word of a query is looked up by (prefix and typo matching then apply to it). */
  readonly query: (word: string) => string;
  /**
   * Words on nearly every page (folded). Each one makes a query rank the whole site, so a query drops them when it
   * has other words ("control of precursors" searches "control precursors"); alone, they are searched as typed.
   */
  readonly stopWords: ReadonlySet<string>;
}

/** English: folding alone (case, diacritics). Prefix matching already finds "launder" in "laundering". */
const ENGLISH: TermRules = {
  index: fold,
  query: fold,
  stopWords: new Set('a an and are as at be by for from has have in is it its of on or that the this to was were with'.split(' ')),
};

/**
 * Russian inflects heavily ("наркотики", "наркотиков", "наркотикам"), so words are also indexed by their Snowball
 * stem (@orama/stemmers: generated from the current Snowball rules, and, unlike snowball-stemmers, it treats ё
 * right). The stemmer wants lowercase, and ё is written as е first so that both spellings meet. The unstemmed word is
 * indexed too: the stemmer cuts some forms of a name differently ("Кыргызстан" -> "кыргызста", "Кыргызстане" ->
 * "кыргызстан"), and a query's stem then still finds them by prefix.
 */
const russianStemOf = (word: string): string => fold(russianStem(word.toLowerCase().replace(/ё/g, 'е')));

const RUSSIAN: TermRules = {
  index: (word) => {
    const folded = fold(word);
    const stem = russianStemOf(word);
    return stem === folded ? folded : [folded, stem];
  },
  query: russianStemOf,
  stopWords: new Set('а в во и к как на не но о об от по с со то что это'.split(' ')),
};

/** The rules for a language tag; languages without a stemmer (Kyrgyz has none in Snowball) fold only. */
export function termRules(lang: string): TermRules {
  return lang === 'ru' ? RUSSIAN : ENGLISH;
}
