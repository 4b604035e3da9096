// The forum's part of site search: its public topics, searched apart from pages and shown as forum results.
import type { OpenForum } from '../../forum/forum-connection.js';
import { errorFields, type Logger } from '../../lib/logger.js';
import type { Snapshot } from '../../publish/snapshot.js';
import { ForumSearch, type ForumSearchResults } from '../../search/forum-search.js';
import { FORUM_URLS } from './forum-paths.js';

/** Searches the forum's topics for /search; undefined while the forum's database cannot be read (pages are still found). */
export type SearchForum = (query: string, limit: number) => Promise<ForumSearchResults | undefined>;

export function searchForum(forum: () => Promise<OpenForum | undefined>, snapshot: () => Snapshot, logger: Logger): SearchForum {
  let open: OpenForum | undefined;
  const opened = (): OpenForum => {
    if (!open) throw new Error("the forum's database is unavailable");
    return open;
  };
  const index = new ForumSearch(
    {
      version: () => opened().forum.topics.searchVersion(),
      documents: () => opened().forum.topics.searchDocuments(),
    },
    FORUM_URLS.topic,
  );
  return async (query, limit) => {
    const categories = snapshot().edition().site.forum?.categories ?? [];
    open = await forum();
    if (categories.length === 0 || !open) return undefined;
    try {
      return await index.search(query, (slug) => categories.some((category) => category.slug === slug), limit);
    } catch (error) {
      // The pages' results still answer: a forum that cannot be read leaves its part out, and says so in the log.
      logger.warn('forum topics left out of a search', errorFields(error));
      return undefined;
    }
  };
}
