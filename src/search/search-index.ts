// Site search: one edition's index, kept by a SearchEngine (the search thread), and results with snippets from the site.
import type { Page } from '../content/page.js';
import type { Site } from '../content/site.js';
import { ContentError } from '../content/problem.js';
import { inSlices } from '../lib/in-slices.js';
import { bodyOf } from '../content/page-body.js';
import type { PackedText } from '../content/packed-text.js';
import { fold } from './fold.js';
import { plainText } from './plain-text.js';
import { boundQuery, type BoundedQuery } from './query-bounds.js';
import { inThreadEngine, type IndexHandle, type SearchEngine } from './search-engine.js';
import type { SnippetPiece } from './snippet.js';
import type { PackedWords, SearchDocument } from './term-index.js';

export { MAX_QUERY_LENGTH, MAX_QUERY_WORDS } from './query-bounds.js';

export interface SearchHit {
  readonly url: string;
  readonly title: string;
  /** The snippet as pieces, made on the search thread (snippet.ts). */
  readonly snippet: readonly SnippetPiece[];
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

/** Pages sent to the search thread in one message: fewer, larger messages cost less than one per page. */
const BATCH = 64;

/** What the index is given of a page (also used by scripts/lib/profile-search.ts). */
export function searchDocumentOf(page: Page): SearchDocument {
  return {
    id: page.url,
    title: page.title,
    description: page.description,
    headings: page.headings.map((heading) => heading.text).join(' '),
    // A large body's words were made and packed on its rendering thread, and are unpacked on the search thread, so
    // that this thread does not go through megabytes.
    text: packedWords(bodyOf(page)?.wordsMadeElsewhere()) ?? plainText(page.bodyHtml),
  };
}

function packedWords(words: PackedText | undefined): PackedWords | undefined {
  return words && { packed: words.packed };
}

/**
 * A page's document, or undefined for a page whose body cannot be rendered (a hostile file): that page answers its
 * error page and is logged by the publisher, and the rest of the site is still indexed.
 */
function indexable(page: Page): SearchDocument | undefined {
  try {
    return searchDocumentOf(page);
  } catch (error) {
    if (error instanceof ContentError) return undefined;
    throw error;
  }
}

export class SearchIndex {
  readonly lang: string;
  private readonly index: IndexHandle;
  /** Counts rebuilds, so that one started later stops an earlier one. */
  private rebuilds = 0;
  /** The site last indexed, to index again if the search thread is lost and started again. */
  private site: Site | undefined;

  /** An index for one edition; `lang` picks how words become terms (Russian is stemmed). Unit tests keep it in-thread. */
  constructor(lang = 'en', engine: SearchEngine = inThreadEngine()) {
    this.lang = lang;
    this.index = engine.open(lang, () => {
      if (this.site) void this.rebuild(this.site);
    });
  }

  /** Settles when the index holds every page; searches wait for it. */
  ready: Promise<void> = Promise.resolve();

  /**
   * Indexes every page of the site (at start, and after a full reload) in slices between requests, so a large
   * site is serving pages long before its index is complete (10,000 pages take a few seconds). The pages' text is
   * made here, where the pages are, once `bodies` settles; the index itself is built on the search thread.
   */
  rebuild(site: Site, bodies: Promise<void> = Promise.resolve()): Promise<void> {
    this.site = site;
    const rebuild = ++this.rebuilds;
    const superseded = (): boolean => this.rebuilds !== rebuild;
    this.index.reset();
    let batch: SearchDocument[] = [];
    const send = (): void => {
      // update() may have indexed a newer version already: put without replacing.
      if (batch.length > 0 && !superseded()) this.index.put(batch, false);
      batch = [];
    };
    // After `bodies`: the pages' bodies being rendered on the rendering threads, which would otherwise render here.
    const pages = [...site.pages.values()];
    const add = (page: Page): void => {
      const document = indexable(page);
      if (document) batch.push(document);
      if (batch.length >= BATCH) send();
    };
    this.ready = bodies
      .then(() => inSlices(pages, add, superseded))
      .then(() => {
        send();
        return this.index.flushed();
      });
    // The publisher starts rebuilds without awaiting them; one cut short by the app closing (the search thread ends)
    // must not become an unhandled rejection. A search awaiting `ready` still sees the failure.
    this.ready.catch(() => undefined);
    return this.ready;
  }

  /** Re-indexes only the given addresses of the site: added, changed or removed pages. */
  update(site: Site, urls: Iterable<string>): void {
    this.site = site;
    const documents: SearchDocument[] = [];
    const removed: string[] = [];
    for (const url of urls) {
      const page = site.pages.get(url);
      const document = page && indexable(page);
      if (document) documents.push(document);
      else removed.push(url);
    }
    if (removed.length > 0) this.index.discard(removed);
    if (documents.length > 0) this.index.put(documents, true);
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
      return page ? [{ url: page.url, title: page.title, snippet: hit.snippet }] : [];
    });
    const suggestions = ranking.suggestions.filter((suggestion) => suggestion !== fold(bounded.text));
    return { query: bounded.text, cut: bounded.cut, total: ranking.total, hits, suggestions };
  }
}
