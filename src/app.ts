// createApp(config): the whole site as a request listener, without listening. server.ts is the only file that listens.
import type { IncomingMessage, RequestListener } from 'node:http';
import express from 'express';
import { APP_PATHS, APP_PREFIXES, APP_ROUTE_LIST, APP_ROUTES, APP_SITEMAP_PATHS } from './app-paths.js';
import { databaseOptions, type Config } from './config.js';
import { createLiveReload, LIVE_RELOAD_PATHS, LIVE_RELOAD_SCRIPT_URL } from './dev/live-reload.js';
import { openDatabase } from './db/database.js';
import { ForumConnection } from './forum/forum-connection.js';
import { cachePolicy, type CachePolicy } from './http/cache-policy.js';
import { clientAddress } from './http/client-address.js';
import { createRequestHandler } from './http/request-handler.js';
import { resolve } from './http/resolve.js';
import { createSendError, type SendError } from './http/send-error.js';
import { securityHeaders } from './http/security-headers.js';
import { createLogger, errorFields, type Logger } from './lib/logger.js';
import { errorHandler, notFound } from './middleware/error-handler.js';
import { PROJECT_PATHS } from './project-paths.js';
import { BodyPool } from './publish/body-pool.js';
import { Publisher } from './publish/publisher.js';
import type { Snapshot } from './publish/snapshot.js';
import { memoUnavailablePages } from './render/unavailable-pages.js';
import { routeTable } from './routes/app-route.js';
import { forumRoute, READER_COPY_MS, ReaderPages } from './routes/forum/index.js';
import { searchForum } from './routes/forum/forum-search-source.js';
import type { SearchEngine } from './search/search-engine.js';
import { SearchService } from './search/search-service.js';
import { WorkerEngine } from './search/worker-engine.js';
import { healthRoute } from './routes/health.js';
import { searchRoute } from './routes/search.js';
import { statsRoute } from './routes/stats.js';
import { PageViewCounter } from './stats/page-view-counter.js';

export interface AppOptions {
  readonly logger?: Logger;
  /** The forum's clock (sessions, rate limits, reset links): tests move it instead of waiting. */
  readonly clock?: () => number;
  /** Where the search indexes are kept: by default a worker thread; tests may wrap another to hold a search open. */
  readonly searchEngine?: SearchEngine;
  /** The threads that render page bodies: by default a pool sized to the machine; tests give one with a small heap. */
  readonly bodyPool?: BodyPool;
  /** PostgreSQL: the schema of the site's tables; tests give each app its own, or two apps one to share. */
  readonly databaseSchema?: string;
}

export interface App {
  /** The Node request listener: every request resolved once, prepared responses answered at once, Express for the rest. */
  readonly handle: RequestListener;
  readonly publisher: Publisher;
  readonly logger: Logger;
  /** The page-view counter, when statistics are on. */
  readonly counter: PageViewCounter | undefined;
  /** The forum's database and services, opened in the background at start. */
  readonly forum: ForumConnection;
  /** Ends long-lived development streams, which would otherwise hold the HTTP server's close() open: shutdown's first step. */
  endStreams(): void;
  /** Ends streams, flushes statistics and logs, and closes the database: shutdown's last step (closed() tells when done). */
  close(): void;
  /** Settles once close() has written the last statistics and closed the database (PostgreSQL's pool ends its connections). */
  closed(): Promise<void>;
}

/** The publisher of content/ and public/, as the configuration says: drafts and the reload script in development only. */
function createPublisher(config: Config, logger: Logger, cache: CachePolicy, searchEngine: SearchEngine, bodyPool: BodyPool): Publisher {
  const development = config.env === 'development';
  return new Publisher({
    contentDir: config.contentDir,
    dataDir: config.dataDir,
    viewsDir: PROJECT_PATHS.views,
    i18nDir: PROJECT_PATHS.i18n,
    publicDir: config.publicDir,
    cache,
    imageCacheDir: config.imageCacheDir,
    siteUrl: config.siteUrl,
    includeDrafts: development,
    appPaths: APP_PATHS,
    appPrefixes: APP_PREFIXES,
    sitemapPaths: APP_SITEMAP_PATHS,
    logger,
    devScriptUrl: development ? LIVE_RELOAD_SCRIPT_URL : undefined,
    checkLocals: config.env !== 'production',
    searchEngine,
    bodyPool,
  });
}

interface RouterParts {
  readonly config: Config;
  readonly publisher: Publisher;
  readonly cache: CachePolicy;
  readonly counter: PageViewCounter | undefined;
  readonly forum: ForumConnection;
  readonly countView: (req: IncomingMessage, path: string) => void;
  readonly liveReload: ReturnType<typeof createLiveReload> | undefined;
  readonly sendError: SendError;
  readonly readerPages: ReaderPages;
  readonly logger: Logger;
  readonly searches: SearchService;
  readonly searchEngine: SearchEngine;
}

/** Express, for the app's own routes only: one line per router, then the 404 and the error handler. */
function routers(parts: RouterParts): express.Express {
  const { config, publisher, cache, counter, forum, countView, liveReload, sendError, logger, searches, searchEngine } = parts;
  const snapshot = (): Snapshot => publisher.snapshot();
  const { renderer } = publisher;
  const web = express();
  web.disable('x-powered-by');
  web.set('etag', false);
  web.use(securityHeaders);
  const forumTopics = searchForum({ forum: () => forum.ready(), snapshot, logger, engine: searchEngine, admit: (task) => searches.admit(task) });
  web.use(searchRoute.router({ renderer, snapshot, cache, searches, logger, forum: forumTopics }));
  web.use(statsRoute.router({ renderer, snapshot, counter }));
  web.use(healthRoute.router({ snapshot }));
  const ownOrigins = [new URL(config.siteUrl).origin];
  web.use(
    forumRoute.router({
      renderer,
      snapshot,
      cache,
      forum: () => forum.ready(),
      countView,
      ownOrigins,
      trustProxy: config.trustProxy,
      readerPages: parts.readerPages,
    }),
  );
  if (liveReload) web.use(liveReload.router);
  web.use(notFound);
  web.use(errorHandler(sendError));
  return web;
}

/** Statistics share the forum's database: one connection (SQLite) or pool (PostgreSQL) per process for both. */
function createCounter(config: Config, options: AppOptions, forum: ForumConnection, logger: Logger): PageViewCounter {
  const { clock } = options;
  return new PageViewCounter({
    database: async () => (await forum.ready())?.forum.database,
    dataDir: config.dataDir,
    siteUrl: config.siteUrl,
    logger,
    now: clock ? () => new Date(clock()) : undefined,
  });
}

/** Not awaited: pages never wait for the forum, and a forum that cannot open answers 503 on its own pages only. */
function createForumConnection(config: Config, options: AppOptions, snapshot: () => Snapshot, logger: Logger): ForumConnection {
  return new ForumConnection({
    // An app option's schema (tests give two apps one to share) wins over DATABASE_SCHEMA.
    open: () => openDatabase({ ...databaseOptions(config), ...(options.databaseSchema && { schema: options.databaseSchema }), logger }),
    commonPasswords: PROJECT_PATHS.commonPasswords,
    logger,
    clock: options.clock,
    // Read at each call, so a category an editor adds to content/forum.yml can take topics at once.
    isCategory: (slug) =>
      snapshot()
        .edition()
        .site.forum?.categories.some((category) => category.slug === slug) ?? false,
  });
}

/** Error pages in the language of the address's edition; a 503 page is rendered once per edition and message, so refusals under load cost no rendering. */
function errorSender(publisher: Publisher, logger: Logger): SendError {
  const snapshot = () => publisher.snapshot();
  const renderError = memoUnavailablePages((context, status, note, title) => publisher.renderer.renderError(context, status, note, title));
  return createSendError(
    (status, path, shown) => renderError(snapshot().editionFor(path).context, status, shown.note, shown.title),
    (path) => snapshot().editionFor(path).context.text.t,
    logger,
  );
}

export function createApp(config: Config, options: AppOptions = {}): App {
  const development = config.env === 'development';
  const logger = options.logger ?? createLogger({ silent: config.env === 'test' });
  const cache = cachePolicy(development);
  const searchEngine = options.searchEngine ?? new WorkerEngine(logger);
  const searches = new SearchService({ concurrency: config.searchConcurrency, cacheEntries: config.searchCache });
  // Page bodies are rendered on their own threads, so a large page never holds up an answer (README, "Security").
  const bodyPool = options.bodyPool ?? new BodyPool();
  const publisher = createPublisher(config, logger, cache, searchEngine, bodyPool);
  const snapshot = () => publisher.snapshot();
  // Development only: production serves no reload script and no event stream, and its pages never link them.
  const liveReload = development ? createLiveReload(PROJECT_PATHS.liveReloadClient, () => publisher.errorLines(config.rootDir)) : undefined;
  if (liveReload) publisher.onReload(() => liveReload.notify(publisher.errorLines(config.rootDir)));
  const forum = createForumConnection(config, options, snapshot, logger);
  const counter = config.stats ? createCounter(config, options, forum, logger) : undefined;
  const countView = (req: IncomingMessage, path: string): void => counter?.record(path, req.headers, clientAddress(req, config.trustProxy));
  const readerPages = new ReaderPages({ clock: options.clock ?? Date.now, lifetimeMs: development ? 0 : READER_COPY_MS, cacheControl: cache.forum, countView });
  const sendError = errorSender(publisher, logger);
  const routes = liveReload ? routeTable([...APP_ROUTE_LIST, { paths: LIVE_RELOAD_PATHS }]) : APP_ROUTES;
  const web = routers({ config, publisher, cache, counter, forum, countView, liveReload, sendError, readerPages, logger, searches, searchEngine });
  const handle = createRequestHandler({
    resolve: (method, rawUrl) => resolve(snapshot(), routes, method, rawUrl),
    // A reader's copy of a forum page is answered before Express, as prepared pages are.
    routes: readerPages.before(web),
    sendError,
    countView,
    logger,
    redirectCache: cache.redirect,
    trustProxy: config.trustProxy,
  });

  let forumClosed: Promise<void> | undefined;
  return {
    handle,
    publisher,
    logger,
    counter,
    forum,
    endStreams() {
      liveReload?.close();
      logger.flush();
    },
    close() {
      liveReload?.close();
      // Statistics write their last counts before the database they share with the forum closes.
      forumClosed ??= Promise.resolve(counter?.close())
        .then(() => forum.close())
        .catch((error: unknown) => logger.error("the forum's database did not close cleanly", errorFields(error)));
      publisher.close();
      searchEngine.close();
      bodyPool.close();
      logger.flush();
    },
    closed() {
      return forumClosed ?? Promise.resolve();
    },
  };
}
