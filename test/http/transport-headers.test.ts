// HTTP tests: HSTS only where the request came over TLS, and none of the headers checkers call deprecated or redundant.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Listening } from '../../scripts/lib/listen.js';
import { rawExchange, requestText } from '../helpers/raw-socket.js';
import { rawRequest } from '../helpers/raw-request.js';
import { serveApp, testApp } from '../helpers/test-app.js';

const plain = testApp({ NODE_ENV: 'production' });
const behindProxy = testApp({ NODE_ENV: 'production', TRUST_PROXY: 'on' });
const HTTPS = { 'X-Forwarded-Proto': 'https' };

/** A page, a 404, a route of Express, an error, a redirect and an asset: every path that writes headers. */
const ANSWERS: readonly { label: string; path: string; method?: string; status: number }[] = [
  { label: 'a page', path: '/mdg', status: 200 },
  { label: 'a 404', path: '/no-such-page', status: 404 },
  { label: 'the health check', path: '/healthz', status: 200 },
  { label: 'a 405', path: '/mdg', method: 'POST', status: 405 },
  { label: 'a redirect of an old address', path: '/mdg/', status: 301 },
  { label: 'the feed', path: '/news.atom', status: 200 },
];

describe('Strict-Transport-Security', () => {
  for (const { label, path, method, status } of ANSWERS) {
    it(`is not sent over plain HTTP on ${label}`, async () => {
      const response = await rawRequest(plain, path, { method });
      assert.equal(response.status, status);
      assert.equal(response.headers['strict-transport-security'], undefined);
    });

    it(`is sent on ${label} when the trusted proxy says the request came over TLS`, async () => {
      const response = await rawRequest(behindProxy, path, { method, headers: HTTPS });
      assert.equal(response.status, status);
      assert.equal(response.headers['strict-transport-security'], 'max-age=63072000; includeSubDomains');
    });
  }

  it('is not sent when a client claims TLS and no proxy is trusted', async () => {
    const response = await rawRequest(plain, '/mdg', { headers: HTTPS });
    assert.equal(response.headers['strict-transport-security'], undefined);
  });

  it('is not sent when the trusted proxy says the request came over plain HTTP', async () => {
    const response = await rawRequest(behindProxy, '/mdg', { headers: { 'X-Forwarded-Proto': 'http' } });
    assert.equal(response.headers['strict-transport-security'], undefined);
  });
});

describe('headers checkers call deprecated or redundant', () => {
  let served: Listening;
  before(async () => {
    served = await serveApp(plain);
  });
  after(() => served.close());

  for (const { label, path, method, status } of ANSWERS) {
    it(`are absent from ${label}`, async () => {
      const response = await rawExchange(served.port, requestText(method ?? 'GET', path));
      assert.equal(response.status, status);
      for (const name of ['x-xss-protection', 'x-download-options', 'keep-alive']) assert.equal(response.headers[name], undefined, name);
      assert.doesNotMatch(response.headers['cache-control'] ?? '', /public/);
    });
  }

  it('leave keep-alive itself working: a second request is answered on the same connection', async () => {
    const twice = `${requestText('GET', '/mdg').replace('Connection: close\r\n', '')}${requestText('GET', '/healthz')}`;
    const response = await rawExchange(served.port, twice);
    assert.equal(response.status, 200);
    assert.match(response.body.toString('latin1'), /HTTP\/1\.1 200 OK[\s\S]*"status":"ok"/);
  });
});
