// HTTP tests on a real socket: connections are bounded and closed after a timeout, and Node's own answers carry our headers.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Listening } from '../../scripts/lib/listen.js';
import { rawExchange } from '../helpers/raw-socket.js';
import { serveApp, testApp } from '../helpers/test-app.js';

/** A client that never closes its side by itself (allowHalfOpen), as a hostile one would not. */
async function stubbornSocket(port: number): Promise<Socket> {
  const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
  socket.on('error', () => {});
  await once(socket, 'connect');
  return socket;
}

/** The server's side of the next connection it accepts. */
function nextAccepted(served: Listening): Promise<Socket> {
  return once(served.server, 'connection').then(([socket]) => socket as Socket);
}

describe('a connection after a timeout answer', () => {
  let served: Listening;
  before(async () => {
    served = await serveApp(testApp(), { headersTimeout: 300, requestTimeout: 600, connectionsCheckingInterval: 50 });
  });
  after(() => served.close());

  it('is closed by the server after the 408, even when the client keeps its side open', async () => {
    const accepted = nextAccepted(served);
    const client = await stubbornSocket(served.port);
    const serverSide = await accepted;
    client.write('GET /mdg HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const answer: Buffer[] = [];
    client.on('data', (chunk: Buffer) => answer.push(chunk));
    await once(serverSide, 'close');
    assert.match(Buffer.concat(answer).toString('latin1'), /^HTTP\/1\.1 408 /);
    client.destroy();
  });
});

describe('open connections', () => {
  const BOUND = 5;
  let served: Listening;
  before(async () => {
    served = await serveApp(testApp(), { maxConnections: BOUND });
  });
  after(() => served.close());

  it('are bounded: a new connection beyond the bound closes the oldest silent one, and /healthz still answers', async () => {
    const silent: Socket[] = [];
    const closed: Promise<unknown>[] = [];
    for (let index = 0; index < BOUND; index += 1) {
      const socket = await stubbornSocket(served.port);
      silent.push(socket);
      closed.push(once(socket, 'end'));
    }
    const health = await rawExchange(served.port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    assert.equal(health.status, 200);
    // The oldest silent connection made room for the health check.
    await closed[0];
    const open = await new Promise<number>((resolve, reject) => served.server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
    assert.ok(open <= BOUND, `${open} connections open, bound ${BOUND}`);
    for (const socket of silent) socket.destroy();
  });
});

describe('answers Node writes itself', () => {
  let served: Listening;
  before(async () => {
    served = await serveApp(testApp());
  });
  after(() => served.close());

  it('answers an Expect it cannot meet with 417, the security headers and Cache-Control', async () => {
    const response = await rawExchange(served.port, 'GET /mdg HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: something-else\r\nConnection: close\r\n\r\n');
    assert.equal(response.status, 417);
    assert.equal(response.headers['x-frame-options'], 'DENY');
    assert.match(response.headers['content-security-policy'] ?? '', /default-src 'none'/);
    assert.equal(response.headers['cache-control'], 'no-store');
  });
});
