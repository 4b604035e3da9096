// What the forum's routes are given by the app: rendering, the published site, the forum itself, and counting views.
import type { IncomingMessage } from 'node:http';
import type { OpenForum } from '../../forum/forum-connection.js';
import type { CachePolicy } from '../../http/cache-policy.js';
import type { Snapshot } from '../../publish/snapshot.js';
import type { SiteRenderer } from '../../render/site-renderer.js';
import type { ReaderPages } from './reader-pages.js';

export interface ForumDeps {
  readonly renderer: SiteRenderer;
  readonly snapshot: () => Snapshot;
  readonly cache: CachePolicy;
  /** The forum, once its database is open; undefined while it cannot be (its pages then answer 503). */
  readonly forum: () => Promise<OpenForum | undefined>;
  /** Counts a reader's view of a public forum page, as the request handler does for content pages. */
  readonly countView: (req: IncomingMessage, path: string) => void;
  /** The origins the site's own pages are served from (SITE_URL's), for the cross-site check of forms. */
  readonly ownOrigins: readonly string[];
  /** TRUST_PROXY: read the client's address from X-Forwarded-For, as the proxy in front appended it. */
  readonly trustProxy: boolean;
  /** Readers' copies of category and topic pages, which the app answers before Express (reader-pages.ts). */
  readonly readerPages: ReaderPages;
}
