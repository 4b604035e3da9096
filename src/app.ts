// createApp(config): the whole site as a request listener, without listening. server.ts is the only file that listens.
import type { RequestListener } from 'node:http';
import express from 'express';
import { APP_PATHS, APP_ROUTE_LIST, APP_ROUTES } from './app-paths.js';
import type { Config } from './config.js';
import { createLiveReload, LIVE_RELOAD_PATHS, LIVE_RELOAD_SCRIPT_URL } from './dev/live-reload.js';
import { cachePolicy } from './http/cache-policy.js';
import { createRequestHandler } from './http/request-handler.js';
import { resolve } from './http/resolve.js';
import { createSendError } from './http/send-error.js';
import { securityHeaders } from './http/security-headers.js';
import { createLogger, type Logger } from './lib/logger.js';
import { errorHandler, notFound } from './middleware/error-handler.js';
import { PROJECT_PATHS } from './project-paths.js';
import { Publisher } from './publish/publisher.js';
import { routeTable } from './routes/app-route.js';
import { healthRoute } from './routes/health.js';
import { searchRoute } from './routes/search.js';
import { statsRoute } from './routes/stats.js';
import { PageViewCounter } from './stats/page-view-counter.js';

export interface AppOptions {
  readonly logger?: Logger;
}

export interface App {
  /** The Node request listener: every request resolved once, prepared responses answered at once, Express for the rest. */
  readonly handle: RequestListener;
  readonly publisher: Publisher;
  readonly logger: Logger;
  /** The page-view counter, when statistics are on. */
  readonly counter: PageViewCounter | undefined;
  /** Ends long-lived development streams, which would otherwise hold the HTTP server's close() open: shutdown's first step. */
  endStreams(): void;
  /** Ends streams, flushes statistics and logs, and closes the database: shutdown's last step. */
  close(): void;
}

export function createApp(config: Config, options: AppOptions = {}): App {
  const development = config.env === 'development';
  const logger = options.logger ?? createLogger({ silent: config.env === 'test' });
  const cache = cachePolicy(development);
  const publisher = new Publisher({
    contentDir: config.contentDir,
    dataDir: config.dataDir,
    viewsDir: PROJECT_PATHS.views,
    publicDir: config.publicDir,
    cache,
    imageCacheDir: config.imageCacheDir,
    siteUrl: config.siteUrl,
    includeDrafts: development,
    appPaths: APP_PATHS,
    logger,
    devScriptUrl: development ? LIVE_RELOAD_SCRIPT_URL : undefined,
    checkLocals: config.env !== 'production',
  });
  const snapshot = () => publisher.snapshot();
  const { renderer } = publisher;
  const counter = config.stats ? new PageViewCounter({ dataDir: config.dataDir, siteUrl: config.siteUrl, logger }) : undefined;
  // Development only: production serves no reload script and no event stream, and its pages never link them.
  const liveReload = development ? createLiveReload(PROJECT_PATHS.liveReloadClient, () => publisher.errorLines(config.rootDir)) : undefined;
  if (liveReload) publisher.onReload(() => liveReload.notify(publisher.errorLines(config.rootDir)));
  const sendError = createSendError((status, path) => renderer.renderError(snapshot().editionFor(path).context, status), logger);

  const web = express();
  web.disable('x-powered-by');
  web.set('etag', false);
  web.use(securityHeaders);
  web.use(searchRoute.router({ renderer, snapshot, cache }));
  web.use(statsRoute.router({ renderer, snapshot, counter }));
  web.use(healthRoute.router({ snapshot }));
  if (liveReload) web.use(liveReload.router);
  web.use(notFound);
  web.use(errorHandler(sendError));

  const routes = liveReload ? routeTable([...APP_ROUTE_LIST, { paths: LIVE_RELOAD_PATHS }]) : APP_ROUTES;
  const handle = createRequestHandler({
    resolve: (method, rawUrl) => resolve(snapshot(), routes, method, rawUrl),
    routes: web,
    sendError,
    countView: (req, path) => counter?.record(path, req.headers),
    logger,
    redirectCache: cache.redirect,
  });

  return {
    handle,
    publisher,
    logger,
    counter,
    endStreams() {
      liveReload?.close();
      logger.flush();
    },
    close() {
      liveReload?.close();
      counter?.close();
      publisher.flush();
      logger.flush();
    },
  };
}
