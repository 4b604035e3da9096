// HTTP tests: errors reach visitors without detail and the log with their stack; the JSON logger; the request log.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import express, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import { DEFAULT_LANGUAGE } from '../../src/content/languages.js';
import { HttpError } from '../../src/http/http-error.js';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import { InterfaceTexts } from '../../src/render/interface-text.js';
import { SECURITY_HEADERS } from '../../src/http/security-headers.js';
import { createLogger, type Logger } from '../../src/lib/logger.js';
import { createSendError } from '../../src/http/send-error.js';
import { errorHandler } from '../../src/middleware/error-handler.js';
import { captureLogs } from '../../scripts/lib/log-lines.js';
import { testApp } from '../helpers/test-app.js';

const SECRET = 'db password is hunter2';

/** A tiny app with the site's error handler, and routes that fail in each way a real handler can. */
function failingApp(logger: Logger) {
  const app = express();
  app.disable('x-powered-by');
  app.get('/throws', () => {
    throw new Error(SECRET);
  });
  app.get('/rejects', async () => {
    await Promise.resolve();
    throw new TypeError(SECRET);
  });
  app.get('/half-built', (_req: Request, res: Response) => {
    res.setHeader('X-Page-Only', 'yes');
    res.setHeader('Cache-Control', 'public, max-age=300');
    throw new Error(SECRET);
  });
  app.get('/gone-wrong-late', (_req: Request, res: Response, next: NextFunction) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.write('<p>half a page');
    next(new Error(SECRET));
  });
  app.get('/missing', (_req: Request, _res: Response, next: NextFunction) => {
    next(new HttpError(404, 'no such thing'));
  });
  const english = InterfaceTexts.read(PROJECT_PATHS.i18n).of(DEFAULT_LANGUAGE).t;
  app.use(
    errorHandler(
      createSendError(
        (status) => `<!DOCTYPE html><title>${status}</title><h1>Something went wrong</h1>`,
        () => english,
        logger,
      ),
    ),
  );
  return app;
}

describe('errors reach visitors without detail', () => {
  for (const [path, accept] of [
    ['/throws', 'text/html'],
    ['/rejects', 'text/html'],
    ['/throws', 'application/json'],
    ['/throws', 'text/plain'],
    ['/throws', '*/*'],
  ] as const) {
    it(`answers a fault in ${path} with a 500 for ${accept} that shows no message and no stack`, async () => {
      const { logger } = captureLogs();
      const response = await request(failingApp(logger)).get(path).set('Accept', accept).expect(500);
      const body = response.text;
      assert.ok(!body.includes(SECRET), 'no error message');
      assert.doesNotMatch(body, /\n\s+at |node_modules|\.ts:\d+|Error:/, 'no stack');
      assert.equal(response.headers['cache-control'], 'no-store');
    });
  }

  it('drops headers a handler set before failing, and sends the security headers', async () => {
    const { logger } = captureLogs();
    const response = await request(failingApp(logger)).get('/half-built').expect(500);
    assert.equal(response.headers['x-page-only'], undefined);
    assert.equal(response.headers['cache-control'], 'no-store');
    for (const [name, value] of SECURITY_HEADERS) assert.equal(response.headers[name.toLowerCase()], value, name);
  });
});

describe('errors reach the log with their stack', () => {
  it('logs a 500 as one error entry with method, path, status, message and stack', async () => {
    const { logger, lines } = captureLogs();
    await request(failingApp(logger)).get('/rejects?token=abc').expect(500);
    const errors = lines.atLevel('error');
    assert.equal(errors.length, 1);
    const [fields] = errors;
    assert.equal(fields?.['method'], 'GET');
    assert.equal(fields?.['path'], '/rejects');
    assert.equal(fields?.['status'], 500);
    assert.equal(fields?.['error'], SECRET);
    assert.match(String(fields?.['stack']), /^TypeError: db password[\s\S]*\n\s+at .*errors-and-logs\.test\.ts/);
  });

  it('logs a failure after the headers went out once, as JSON only, and cuts the response short', async () => {
    const { logger, lines } = captureLogs();
    // Express's fallback handler would print the stack again with console.error, as loose lines beside the JSON log.
    const printed: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => printed.push(args);
    try {
      await assert.rejects(request(failingApp(logger)).get('/gone-wrong-late'));
    } finally {
      console.error = consoleError;
    }
    assert.equal(lines.atLevel('error').length, 1);
    assert.deepEqual(printed, []);
  });

  it('does not log a 404 as an error', async () => {
    const { logger, lines } = captureLogs();
    await request(failingApp(logger)).get('/missing').expect(404);
    assert.deepEqual(lines.atLevel('error'), []);
  });
});

describe('the logger', () => {
  it('writes one JSON line per entry: info to stdout, warnings and errors to stderr', () => {
    const out: string[] = [];
    const err: string[] = [];
    const logger = createLogger({ out: (line) => out.push(line), err: (line) => err.push(line) });
    logger.info('request', { method: 'GET', path: '/mdg', status: 200, durationMs: 0.4 });
    logger.error('request failed', { error: 'x', stack: 'Error: x\n    at y' });
    logger.flush();
    assert.equal(out.length, 1);
    assert.equal(err.length, 1);
    for (const line of [...out, ...err]) assert.doesNotMatch(line, /\n/, 'one line, newlines escaped');
    const info = JSON.parse(out[0]!) as Record<string, unknown>;
    assert.deepEqual(
      { ...info, time: undefined },
      { time: undefined, level: 'info', message: 'request', method: 'GET', path: '/mdg', status: 200, durationMs: 0.4 },
    );
    assert.ok(!Number.isNaN(Date.parse(String(info['time']))));
    assert.equal((JSON.parse(err[0]!) as Record<string, unknown>)['stack'], 'Error: x\n    at y');
  });

  it('is silent in tests: the app built with NODE_ENV=test writes nothing', (t) => {
    const app = testApp();
    const written: string[] = [];
    const record = (chunk: unknown): boolean => written.push(String(chunk)) > 0;
    // Swapped and restored synchronously, so the test runner's own output is never caught.
    const stdout = t.mock.method(process.stdout, 'write', record);
    const stderr = t.mock.method(process.stderr, 'write', record);
    try {
      app.logger.info('request', { path: '/' });
      app.logger.warn('content problem');
      app.logger.error('request failed', { stack: 'x' });
      app.logger.flush();
    } finally {
      stdout.mock.restore();
      stderr.mock.restore();
    }
    assert.deepEqual(written, []);
  });
});

describe('request log', () => {
  it('writes one entry per request with method, path without query, status and duration, on both paths', async () => {
    const { logger, lines } = captureLogs();
    const app = testApp({}, { logger });
    const requests: [method: 'get' | 'post' | 'head', url: string, status: number][] = [
      ['get', '/mdg', 200],
      ['get', '/mdg?utm=x', 200],
      ['head', '/favicon.svg', 200],
      ['get', '/Country-Info', 301],
      ['get', '/no-such-page', 404],
      ['post', '/mdg', 405],
      ['get', '/%zz', 400],
    ];
    for (const [method, url, status] of requests) await request(app.handle)[method](url).redirects(0).expect(status);
    const logged = lines.withMessage('request');
    assert.equal(logged.length, requests.length);
    requests.forEach(([method, url, status], index) => {
      const fields = logged[index];
      assert.equal(fields?.['method'], method.toUpperCase());
      assert.equal(fields?.['path'], url.split('?')[0]);
      assert.equal(fields?.['status'], status);
      assert.equal(typeof fields?.['durationMs'], 'number');
      assert.ok(Number(fields?.['durationMs']) >= 0);
    });
    app.close();
  });
});
