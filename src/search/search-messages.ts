// The messages between the server's thread and the search thread, typed once for both ends.
import type { Ranking, SearchDocument, TermQuery } from './term-index.js';

/** A message that wants an answer carries `reply`, a number the answer repeats. */
export type SearchMessage = { readonly reply?: number } & (
  | { readonly type: 'open'; readonly index: number; readonly lang: string }
  | { readonly type: 'reset'; readonly index: number }
  | { readonly type: 'put'; readonly index: number; readonly documents: readonly SearchDocument[]; readonly replace: boolean }
  | { readonly type: 'discard'; readonly index: number; readonly ids: readonly string[] }
  | { readonly type: 'query'; readonly index: number; readonly query: TermQuery }
  | { readonly type: 'flush' }
);

export type SearchReply = { readonly reply: number } & ({ readonly result: Ranking | undefined } | { readonly error: string });
