// createApp(config): the whole site as a request listener, without listening. server.ts is the only file that listens.
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { APP_ROUTES } from './app-routes.js';
import type { Config } from './config.js';
import { ContentStore, type FileChange } from './content/content-store.js';
import { checkSite } from './content/check-site.js';
import { formatProblem, type Problem } from './content/problem.js';
import { HttpError } from './http-error.js';
import { loadAssets, type Assets } from './http/assets.js';
import { canonicalPath, pathOf, queryOf } from './http/canonical-path.js';
import type { Prepared } from './http/prepared.js';
import { setSecurityHeaders } from './http/security-headers.js';
import { servePrepared } from './http/serve-prepared.js';
import { createLogger, type Logger } from './logger.js';
import { errorHandler } from './middleware/error-handler.js';
import { rejectMalformed } from './middleware/reject-malformed.js';
import { SiteResponses } from './render/site-responses.js';
import { affectedUrls } from './render/affected-pages.js';
import { urlForFile } from './content/url-for-file.js';
import { SiteRenderer } from './render/site-renderer.js';
import { errorPageContent } from './http/error-pages.js';
import { Views } from './render/views.js';
import { searchRouter } from './routes/search.js';
import { statsRouter } from './routes/stats.js';
import { PageViewCounter } from './stats/page-view-counter.js';
import { SearchIndex } from './search/search-index.js';
import { createLiveReload, LIVE_RELOAD_SCRIPT_URL } from './dev/live-reload.js';

export interface AppOptions {
  readonly logger?: Logger;
}

export interface App {
  /** The Node request listener: prepared responses first, Express for everything else. */
  readonly handle: (req: IncomingMessage, res: ServerResponse) => void;
  readonly express: Express;
  readonly store: ContentStore;
  readonly logger: Logger;
  /** The responses now being served. */
  current(): SiteResponses;
  /** The files of public/, as served. */
  assets(): Assets;
  /** Re-reads changed content files (relative paths), or everything, and re-renders. Returns what changed. */
  reloadContent(files?: readonly string[]): FileChange[];
  /** Forgets compiled templates and assets after a change under views/ or public/, and re-renders. */
  reloadTemplates(): void;
  /** Problems in the content now, for the log, the check and the development overlay. */
  problems(): Problem[];
  /** The page-view counter, when statistics are on. */
  readonly counter: PageViewCounter | undefined;
  /** Ends long-lived development streams, which would otherwise hold the HTTP server's close() open: shutdown's first step. */
  endStreams(): void;
  /** Ends streams, flushes statistics and logs, and closes the database: shutdown's last step. */
  close(): void;
}

const READ_METHODS = new Set(['GET', 'HEAD']);

export function createApp(config: Config, options: AppOptions = {}): App {
  const logger = options.logger ?? createLogger({ silent: config.env === 'test' });
  const store = new ContentStore(config.contentDir, { includeDrafts: config.env === 'development' });
  const views = new Views(path.join(config.rootDir, 'views'));
  const renderer = new SiteRenderer(views);
  let assets: Assets = loadAssets(path.join(config.rootDir, 'public'));
  const responses = new SiteResponses(renderer);

  const problems = (): Problem[] => [...store.problems(), ...checkSite(store.site(), { routes: APP_ROUTES, assets: new Set(assets.responses.keys()) })];
  const errorLines = (): string[] =>
    problems()
      .filter((problem) => problem.severity === 'error')
      .map((problem) => formatProblem(problem, `${path.relative(config.rootDir, config.contentDir) || '.'}/`));
  // Development only: production serves no reload script and no event stream, and its pages never link them.
  const liveReload = config.env === 'development' ? createLiveReload(config.rootDir, errorLines) : undefined;

  const renderAll = (): void => {
    responses.renderAll(store.site(), {
      site: store.site(),
      siteUrl: config.siteUrl,
      assetUrl: (file) => assets.url(file),
      devScriptUrl: liveReload ? LIVE_RELOAD_SCRIPT_URL : undefined,
    });
  };
  const report = (): void => {
    for (const problem of store.problems())
      logger[problem.severity === 'error' ? 'error' : 'warn']('content problem', { problem: formatProblem(problem), file: problem.file, line: problem.line });
  };

  const search = new SearchIndex();
  const counter = config.stats ? new PageViewCounter({ dataDir: config.dataDir, siteUrl: config.siteUrl, logger }) : undefined;
  /** Counts a view of a content page (not of assets, feeds or the sitemap); a map update, no I/O. */
  const countView = (req: IncomingMessage, urlPath: string): void => {
    if (counter && req.method === 'GET' && responses.site.pages.has(urlPath)) counter.record(urlPath, req.headers);
  };

  store.loadAll();
  report();
  renderAll();
  void search.rebuild(store.site());

  /** A prepared response at this exact path: a page, an asset, or a removed page's 410. */
  const preparedAt = (urlPath: string): Prepared | undefined => responses.page(urlPath) ?? assets.responses.get(urlPath) ?? responses.gone.get(urlPath);

  const web = express();
  web.disable('x-powered-by');
  web.set('etag', false);
  web.use((_req: Request, res: Response, next: NextFunction) => {
    setSecurityHeaders(res);
    next();
  });
  web.use(rejectMalformed);

  // Old addresses, including the 2007 site's /english/agency.phtml?unodc, answer with a permanent redirect.
  web.use((req: Request, res: Response, next: NextFunction) => {
    const redirects = responses.site.redirects;
    const target = redirects.get(pathOf(req.url) + queryOf(req.url)) ?? redirects.get(pathOf(req.url)) ?? redirects.get(canonicalPath(pathOf(req.url)));
    if (!target) return next();
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.redirect(301, target);
  });

  // Every page has exactly one address: other spellings redirect to it, keeping the query.
  web.use((req: Request, res: Response, next: NextFunction) => {
    const requested = pathOf(req.url);
    const canonical = canonicalPath(requested);
    if (canonical === requested || !preparedAt(canonical)) return next();
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.redirect(301, canonical + queryOf(req.url));
  });

  web.use((req: Request, res: Response, next: NextFunction) => {
    const prepared = preparedAt(req.path);
    if (!prepared) return next();
    if (!READ_METHODS.has(req.method)) return next(new HttpError(405, `${req.method} on ${req.path}`, { headers: { Allow: 'GET, HEAD' } }));
    countView(req, req.path);
    servePrepared(req, res, prepared);
  });

  web.use(
    searchRouter(
      renderer,
      () => search,
      () => responses.context,
    ),
  );
  web.use(
    statsRouter(
      renderer,
      () => counter,
      () => responses.context,
    ),
  );

  // For load balancers: cheap, never cached, and says whether content loaded.
  web.get('/healthz', (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok', pages: responses.site.pages.size });
  });

  if (liveReload) web.use(liveReload.router);

  web.use((req: Request, res: Response, next: NextFunction) => {
    // Browsers get the 404 page rendered and compressed once; other clients get JSON or text from the error handler.
    if (READ_METHODS.has(req.method) && req.accepts(['html', 'json', 'text']) === 'html') {
      servePrepared(req, res, responses.notFound);
      return;
    }
    next(new HttpError(404, `no page at ${req.path}`));
  });
  web.use(errorHandler((status) => renderer.renderError(responses.context, errorPageContent(status)), logger));

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const duration = (): number => Math.round((performance.now() - started) * 100) / 100;
    // The fast path: an exact hit on a prepared response skips Express entirely, and is answered synchronously.
    if (req.method === 'GET' || req.method === 'HEAD') {
      const prepared = req.url ? preparedAt(req.url) : undefined;
      if (prepared) {
        countView(req, req.url!);
        servePrepared(req, res, prepared);
        logger.request(req.method, req.url!, res.statusCode, duration());
        return;
      }
    }
    res.once('finish', () => logger.request(req.method ?? '', pathOf(req.url ?? ''), res.statusCode, duration()));
    web(req, res);
  };

  return {
    handle,
    express: web,
    store,
    logger,
    current: () => responses,
    assets: () => assets,
    reloadContent(files) {
      const before = store.site();
      let changes: FileChange[];
      if (files) {
        changes = files.map((file) => store.refresh(file));
      } else {
        store.loadAll();
        changes = ['changed'];
      }
      report();
      const applied = files ? files.filter((_, index) => changes[index] === 'added' || changes[index] === 'changed' || changes[index] === 'removed') : [];
      if (!files || applied.some((file) => !file.toLowerCase().endsWith('.md'))) {
        // The whole site: a full reload, or the navigation or removed-pages file, which every page shows.
        renderAll();
        void search.rebuild(store.site());
      } else if (applied.length > 0) {
        // Only what the changed pages touch: a change to one of 10,000 pages renders a handful.
        const changed = applied.map(urlForFile);
        responses.renderSome(store.site(), affectedUrls(before, store.site(), changed));
        search.update(store.site(), changed);
      }
      liveReload?.notify(errorLines());
      return changes;
    },
    reloadTemplates() {
      views.clear();
      assets = loadAssets(path.join(config.rootDir, 'public'));
      renderAll();
      liveReload?.notify(errorLines());
    },
    problems,
    counter,
    endStreams() {
      liveReload?.close();
      logger.flush();
    },
    close() {
      liveReload?.close();
      counter?.close();
      logger.flush();
    },
  };
}
