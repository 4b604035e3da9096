// HTTP tests of the real server process (health check, request log, SIGTERM) and of the limits on slow clients.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import type { Server } from 'node:http';
import { createHttpServer } from '../../src/http/node-server.js';
import { SECURITY_HEADERS } from '../../src/http/security-headers.js';
import type { Listening } from '../../scripts/lib/listen.js';
import { startServer, type ServerProcess } from '../../scripts/lib/server-process.js';
import { openSocket, parseResponse, rawExchange, readAll, requestText } from '../helpers/raw-socket.js';
import { serveApp, testApp } from '../helpers/test-app.js';

/** How long a SIGTERM may take to end the process when one request is in flight. */
const EXIT_BOUND_MS = 5_000;
/** Only turns a connection that never ends into a failure; nothing waits for it to pass. */
const READ_BOUND_MS = 30_000;

describe('the real server', () => {
  let server: ServerProcess;
  before(async () => {
    // src/server.ts as `npm start` runs it, but from source, with its log read and its statistics in memory.
    server = await startServer({ source: true, readStdout: true, env: { SITE_URL: 'https://un.example.org', DATA_DIR: ':memory:' } });
  });
  after(async () => {
    await server?.stop('SIGKILL');
  });

  it('answers /healthz with 200, JSON and no-store', async () => {
    const response = await rawExchange(server.port, requestText('GET', '/healthz'));
    assert.equal(response.status, 200);
    assert.match(response.headers['content-type'] ?? '', /^application\/json/);
    assert.equal(response.headers['cache-control'], 'no-store');
    const body = JSON.parse(response.body.toString('utf8')) as { status: string; pages: number };
    assert.equal(body.status, 'ok');
    assert.ok(body.pages > 0);
  });

  it('logs one JSON line per request, with method, path, status and duration', async () => {
    await rawExchange(server.port, requestText('GET', '/mdg?from=test'));
    await rawExchange(server.port, requestText('GET', '/no-such-page'));
    const page = await server.stdout.waitFor((line) => line['message'] === 'request' && line['path'] === '/mdg');
    const missing = await server.stdout.waitFor((line) => line['message'] === 'request' && line['path'] === '/no-such-page');
    assert.deepEqual([page['method'], page['status'], missing['status']], ['GET', 200, 404]);
    assert.equal(typeof page['durationMs'], 'number');
    const mdgLines = server.stdout.withMessage('request').filter((line) => line['path'] === '/mdg');
    assert.equal(mdgLines.length, 1, 'one line per request');
    assert.ok(
      server.stdout.read().every((line) => !('unparsable' in line)),
      'every stdout line is JSON',
    );
  });

  it('answers huge headers with 431 and the security headers, as src/server.ts sets it up', async () => {
    const response = await rawExchange(server.port, requestText('GET', '/mdg', [`X-Huge: ${'h'.repeat(20_000)}`]));
    assert.equal(response.status, 431);
    for (const [name, value] of SECURITY_HEADERS) assert.equal(response.headers[name.toLowerCase()], value, name);
  });

  it('on SIGTERM refuses new connections, closes idle ones, finishes the request in flight and exits 0', async () => {
    // A request in flight: half its headers sent before the signal, the rest after. The write's callback means the
    // bytes are in the server's socket buffer.
    const inFlight = await openSocket(server.port);
    const inFlightReading = readAll(inFlight, READ_BOUND_MS);
    await new Promise<void>((resolve, reject) => inFlight.write('GET /mdg HTTP/1.1\r\nHost: 127.0.0.1\r\n', (error) => (error ? reject(error) : resolve())));
    // An idle keep-alive connection, opened after those bytes were sent: one request answered, the socket left open.
    // Its answer is the sign that the half request has been read (a fixed 200 ms wait for that flaked under load): the
    // server accepts connections in order and reads every socket that is readable in the same turn of its loop, so by
    // the time it answers this one it has parsed the half request, which then counts as in flight, not idle.
    const idle = await openSocket(server.port);
    const idleReading = readAll(idle, READ_BOUND_MS);
    const idleAnswered = once(idle, 'data');
    idle.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await idleAnswered;

    const signalled = performance.now();
    server.kill('SIGTERM');
    await server.stdout.waitFor((line) => line['message'] === 'shutting down', EXIT_BOUND_MS);

    await assert.rejects(
      openSocket(server.port),
      { code: 'ECONNREFUSED' },
      `no new connections; log: ${JSON.stringify(server.stdout.read().slice(-4))} ${server.stderr.text()}`,
    );
    const idleResult = await idleReading;
    assert.ok(idleResult.closed, 'the idle keep-alive connection is closed by the server');
    assert.equal(parseResponse(idleResult.bytes, true).status, 200);

    inFlight.write('Accept: text/html\r\n\r\n');
    const { bytes, closed } = await inFlightReading;
    const response = parseResponse(bytes, closed);
    assert.equal(response.status, 200, 'the request in flight is answered');
    assert.equal(response.headers['connection'], 'close', 'and told the connection ends');
    assert.match(response.body.toString('utf8'), /<\/html>\s*$/, 'with the whole page');
    assert.ok(closed);

    const exit = await Promise.race([server.exited, new Promise<undefined>((resolve) => setTimeout(resolve, EXIT_BOUND_MS))]);
    assert.ok(exit, `the process exits within ${EXIT_BOUND_MS} ms`);
    assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null });
    assert.ok(exit.at - signalled < EXIT_BOUND_MS);
    assert.equal(server.stdout.withMessage('stopped').length, 1);
    assert.deepEqual(server.stderr.atLevel('error'), []);
  });
});

describe('slow clients', () => {
  it('are bounded by header and request timeouts, checked often', () => {
    // Read from the server src/server.ts runs, not from the table it is built from: a table nobody applied would pass.
    const server: Server & { connectionsCheckingInterval?: number } = createHttpServer(() => {});
    assert.ok(server.headersTimeout <= 10_000, 'headers within 10 s');
    assert.ok(server.requestTimeout <= 30_000, 'the whole request within 30 s');
    assert.ok(server.headersTimeout < server.requestTimeout);
    // Node has the option but leaves it out of its types.
    assert.ok((server.connectionsCheckingInterval ?? Infinity) <= 2_000, 'timeouts checked at least every 2 s');
    // A load balancer's idle timeout (60 s on AWS ALB and nginx) must run out before Node's keep-alive.
    assert.ok(server.keepAliveTimeout > 60_000);
  });

  describe('with the timeouts shortened', () => {
    let server: Listening;
    before(async () => {
      server = await serveApp(testApp(), { headersTimeout: 300, requestTimeout: 600, connectionsCheckingInterval: 50 });
    });
    after(async () => {
      await server.close();
    });

    it('answers a client that sends its headers too slowly with 408 and closes the connection', async () => {
      const socket = await openSocket(server.port);
      const reading = readAll(socket, 3_000);
      socket.write('GET /mdg HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      // One more header line, well inside the limit, does not reset the clock.
      await new Promise((resolve) => setTimeout(resolve, 150));
      socket.write('X-Slow: 1\r\n');
      const started = performance.now();
      const { bytes, closed } = await reading;
      const response = parseResponse(bytes, closed);
      assert.equal(response.status, 408);
      assert.ok(closed);
      assert.ok(performance.now() - started < 2_000, 'within the shortened bound');
      assert.equal(response.headers['x-frame-options'], 'DENY');
    });

    it('answers a client that sends its body too slowly with 408', async () => {
      const socket = await openSocket(server.port);
      const reading = readAll(socket, 3_000);
      socket.write('POST /mdg HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nabc');
      const { bytes, closed } = await reading;
      const response = parseResponse(bytes, closed);
      // The app may answer the POST (405) before the body arrives; either way the slow client is cut off in time.
      assert.ok(response.status === 408 || response.status === 405, String(response.status));
      assert.ok(closed);
    });
  });
});
