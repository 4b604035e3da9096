// The messages between the server's thread and the search thread, typed once for both ends.
import type { ForumQuery, ForumRanking, ForumSearchDocument } from './forum-index.js';
import type { Ranking, SearchDocument, TermQuery } from './term-index.js';

/** A message that wants an answer carries `reply`, a number the answer repeats. */
export type SearchMessage = { readonly reply?: number } & (
  | { readonly type: 'open'; readonly index: number; readonly lang: string }
  | { readonly type: 'reset'; readonly index: number }
  | { readonly type: 'put'; readonly index: number; readonly documents: readonly SearchDocument[]; readonly replace: boolean }
  | { readonly type: 'discard'; readonly index: number; readonly ids: readonly string[] }
  | { readonly type: 'query'; readonly index: number; readonly query: TermQuery }
  | { readonly type: 'flush' }
  | { readonly type: 'forum-open'; readonly index: number }
  | { readonly type: 'forum-begin'; readonly index: number }
  | { readonly type: 'forum-put'; readonly index: number; readonly documents: readonly ForumSearchDocument[] }
  | { readonly type: 'forum-finish'; readonly index: number }
  | { readonly type: 'forum-query'; readonly index: number; readonly query: ForumQuery }
);

export type SearchReply = { readonly reply: number } & ({ readonly result: Ranking | ForumRanking | undefined } | { readonly error: string });
