// The only file that listens: loads config, serves the app, reloads content on change, and shuts down cleanly.
import cluster from 'node:cluster';
import { createApp, type App } from './app.js';
import { loadConfig } from './config.js';
import { formatProblem } from './content/problem.js';
import { reportConnectionBudget } from './db/connection-budget.js';
import { createHttpServer } from './http/node-server.js';
import { errorFields } from './lib/logger.js';
import { watchContent } from './watch-content.js';

/** How long SIGTERM waits for requests in flight before giving up on them. */
const SHUTDOWN_GRACE_MS = 10_000;

const config = loadConfig(process.env, process.argv.slice(2));

// WORKERS > 1: a primary process forks that many servers sharing the port (one per core), passes signals on,
// and exits when they have. Each worker is the plain single server below. Development always runs one.
if (config.workers > 1 && config.env !== 'development' && cluster.isPrimary) {
  for (let index = 0; index < config.workers; index += 1) cluster.fork();
  let exitCode = 0;
  cluster.on('exit', (_worker, code) => {
    if (code !== 0) exitCode = 1;
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
  });
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(signal, () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    });
  }
} else {
  serve();
}

function serve(): void {
  const started = performance.now();
  const app = createApp(config);
  const { logger } = app;

  let stopping = false;
  const server = createHttpServer((req, res) => {
    // Once shutting down, every answer closes its connection, so keep-alive clients go elsewhere and close() can finish.
    if (stopping) res.shouldKeepAlive = false;
    app.handle(req, res);
  });

  const watcher = watchContent(config, app);

  process.on('SIGHUP', () => {
    logger.info('SIGHUP: reloading all content and public/');
    // Bodies are rendered on their threads first (publishChanges): requests are answered meanwhile.
    app.publisher
      .publishChanges()
      .then(() => app.publisher.reloadAssets())
      .catch((error: unknown) => logger.error('reload failed; the site serves what it had', errorFields(error)));
  });

  function shutdown(signal: string): void {
    if (stopping) return;
    stopping = true;
    // Stop accepting first, so that from here on a new connection is refused and nothing below can delay it.
    // close() then waits for requests in flight. Idle keep-alive sockets are closed now, and again as requests in
    // flight finish (their sockets turn idle), so no connection waits for its keep-alive timeout.
    server.close((error) => {
      // Last: what the requests in flight counted and logged is flushed with the rest.
      app.close();
      if (error) logger.error('close failed', errorFields(error));
      logger.info('stopped');
      // The forum's database closes asynchronously (PostgreSQL ends its pool's connections); exit once it has.
      void app.closed().then(() => process.exit(error ? 1 : 0));
    });
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 100).unref();
    logger.info('shutting down', { signal });
    watcher.close();
    app.endStreams();
    const force = setTimeout(() => {
      logger.error('requests still open after the grace period; exiting anyway', { graceMs: SHUTDOWN_GRACE_MS });
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  guardProcess(logger);

  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logContentProblems(app);
    logConnectionBudget(app);
    logger.info('listening', {
      url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
      env: config.env,
      pages: app.publisher.snapshot().edition().site.pages.size,
      readyMs: Math.round(performance.now() - started),
    });
  });
}

/**
 * On PostgreSQL, whether max_connections leaves room for this server's pools and a second server's: said once per server
 * (by its first worker), as every worker reads the same settings. The forum opens in the background; this waits for it.
 */
function logConnectionBudget(app: App): void {
  if (cluster.worker !== undefined && cluster.worker.id !== 1) return;
  const pools = { workers: config.env === 'development' ? 1 : config.workers, poolSize: config.databasePoolSize };
  app.forum
    .ready()
    .then((open) => open && reportConnectionBudget(open.forum.database, pools, app.logger))
    .catch((error: unknown) => app.logger.warn("PostgreSQL's max_connections could not be read", errorFields(error)));
}

/** The last handlers of faults that escaped everything else. */
function guardProcess(logger: App['logger']): void {
  // A fault that escapes every handler leaves the process in an unknown state: log it as one JSON line, with its
  // stack, and exit so the supervisor starts a clean one.
  process.on('uncaughtException', (error) => {
    logger.error('uncaught exception; exiting', errorFields(error));
    process.exit(1);
  });
  // A promise nobody handled is background work that failed (rendering, indexing, writing a copy): every such task
  // catches its own failures, so one that escapes is a bug to log, not a reason to stop serving every page.
  process.on('unhandledRejection', (reason) => {
    logger.error('background task failed; serving on', errorFields(reason));
  });
}

/**
 * The site-wide check (links, anchors, reachability) needs every body rendered: run it after the background
 * pass, so it never delays the first request. File errors were logged as they were read.
 */
function logContentProblems(app: App): void {
  const { logger } = app;
  app.publisher
    .snapshot()
    .ready.then(() => {
      const logged = new Set(app.publisher.fileProblems());
      const problems = app.publisher.problems().filter((problem) => !logged.has(problem));
      const warnings = problems.filter((problem) => problem.severity === 'warning');
      for (const problem of problems) if (problem.severity === 'error') logger.error('content problem', { problem: formatProblem(problem) });
      if (warnings.length > 0) logger.warn('content warnings; npm run check lists them', { count: warnings.length });
    })
    .catch((error: unknown) => logger.error('the content check after start failed', errorFields(error)));
}
