// The only file that listens: loads config, serves the app, reloads content on change, and shuts down cleanly.
import { createServer } from 'node:http';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { formatProblem } from './content/problem.js';
import { errorFields } from './logger.js';
import { watchContent } from './watch-content.js';

/** How long SIGTERM waits for requests in flight before giving up on them. */
const SHUTDOWN_GRACE_MS = 10_000;

const config = loadConfig(process.env);
const started = performance.now();
const app = createApp(config);
const { logger } = app;

const server = createServer(
  {
    // Slow clients: a request must send its headers within 10 s and finish within 30 s.
    headersTimeout: 10_000,
    requestTimeout: 30_000,
    keepAliveTimeout: 5_000,
    maxHeaderSize: 16 * 1024,
  },
  app.handle,
);

const watcher = watchContent(config, app);

process.on('SIGHUP', () => {
  logger.info('SIGHUP: reloading all content');
  app.reloadContent();
});

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  logger.info('shutting down', { signal });
  watcher.close();
  app.close();
  const force = setTimeout(() => {
    logger.error('requests still open after the grace period; exiting anyway', { graceMs: SHUTDOWN_GRACE_MS });
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  force.unref();
  // close() stops accepting and waits for requests in flight; idle keep-alive sockets are closed now.
  server.close((error) => {
    if (error) logger.error('close failed', errorFields(error));
    logger.info('stopped');
    process.exit(error ? 1 : 0);
  });
  server.closeIdleConnections();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

server.on('clientError', (error, socket) => {
  // Node answers 400/431 itself for malformed requests; keep that, and never let a bad client crash the process.
  if (socket.writable && !socket.destroyed) {
    const code = (error as NodeJS.ErrnoException).code;
    const status = code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  } else {
    socket.destroy();
  }
});

server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const problems = app.problems();
  for (const problem of problems) console.error(formatProblem(problem));
  logger.info('listening', { url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`, env: config.env, pages: app.current().pages.size, readyMs: Math.round(performance.now() - started) });
});
