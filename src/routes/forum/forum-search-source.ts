// The forum's part of site search: its public topics, searched apart from pages and shown as forum results.
import type { OpenForum } from '../../forum/forum-connection.js';
import { errorFields, type Logger } from '../../lib/logger.js';
import type { Snapshot } from '../../publish/snapshot.js';
import { ForumSearch, type Admit, type ForumSearchResults } from '../../search/forum-search.js';
import { SearchUnavailableError, type SearchEngine } from '../../search/search-engine.js';
import { FORUM_URLS } from './forum-paths.js';

/**
 * Searches the forum's topics for /search: undefined while the forum's database cannot be read (pages are still
 * found), 'busy' when the bound of searches under way refused it. Rejects with SearchUnavailableError while the
 * search thread is down, as the pages' search does.
 */
export type SearchForum = (query: string, limit: number) => Promise<ForumSearchResults | 'busy' | undefined>;

export interface SearchForumDeps {
  readonly forum: () => Promise<OpenForum | undefined>;
  readonly snapshot: () => Snapshot;
  readonly logger: Logger;
  /** The search thread, which keeps the topics' index beside the pages'. */
  readonly engine: SearchEngine;
  /** The bound every search shares (SearchService.admit). */
  readonly admit: Admit;
}

export function searchForum({ forum, snapshot, logger, engine, admit }: SearchForumDeps): SearchForum {
  let open: OpenForum | undefined;
  const opened = (): OpenForum => {
    if (!open) throw new Error("the forum's database is unavailable");
    return open;
  };
  const index = new ForumSearch(
    {
      version: () => opened().forum.topics.searchVersion(),
      documents: (after, limit) => opened().forum.topics.searchDocuments({ after, limit }),
    },
    FORUM_URLS.topic,
    engine,
  );
  return async (query, limit) => {
    const categories = snapshot().edition().site.forum?.categories ?? [];
    open = await forum();
    if (categories.length === 0 || !open) return undefined;
    try {
      const found = await index.tryFind(query, (slug) => categories.some((category) => category.slug === slug), limit, admit);
      return found ?? 'busy';
    } catch (error) {
      // The search thread down is answered 503 like any search; the pages' results still answer without a forum that
      // cannot be read, which the log says.
      if (error instanceof SearchUnavailableError) throw error;
      logger.warn('forum topics left out of a search', errorFields(error));
      return undefined;
    }
  };
}
