// HTTP tests: the security headers the Observatory scores, on every kind of response, and pages that work under the CSP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SECURITY_HEADERS } from '../../src/http/security-headers.js';
import type { Listening } from '../../scripts/lib/listen.js';
import { crawl } from '../helpers/crawl.js';
import { headerNames, rawRequest, type RawResponse } from '../helpers/raw-request.js';
import { rawExchange, requestText } from '../helpers/raw-socket.js';
import { html, serveApp, testApp } from '../helpers/test-app.js';

// What the Mozilla HTTP Observatory scores, checked on every kind of response the site sends. With these the
// score is 100 + 10 (CSP default-src 'none', nothing unsafe) + 5 (frame-ancestors) + 5 (private Referrer-Policy): A+.
const app = testApp();

/** Referrer-Policy values the Observatory rewards as private. */
const PRIVATE_REFERRER_POLICIES = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
/** Six months: the Observatory's floor for HSTS. */
const HSTS_MIN_SECONDS = 15_768_000;

type Headers = Readonly<Record<string, string | string[] | undefined>>;

function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** Every problem with one response's security headers, as text; an empty list is a pass. */
function securityHeaderProblems(headers: Headers, names: readonly string[]): string[] {
  const problems: string[] = [];
  const one = (name: string): string => {
    const value = headers[name];
    if (value === undefined) problems.push(`no ${name}`);
    return Array.isArray(value) ? value.join(', ') : (value ?? '');
  };

  const csp = parseCsp(one('content-security-policy'));
  const defaultSrc = csp.get('default-src') ?? [];
  if (!(defaultSrc.length === 1 && ["'none'", "'self'"].includes(defaultSrc[0]!)))
    problems.push(`default-src is ${defaultSrc.join(' ') || 'missing'}, not 'none' or 'self'`);
  for (const [directive, sources] of csp) {
    for (const source of sources) {
      if (/^'unsafe-/.test(source)) problems.push(`${directive} allows ${source}`);
      if (['*', 'data:', 'http:', 'https:', 'blob:'].includes(source) && directive !== 'img-src') problems.push(`${directive} allows ${source}`);
    }
  }
  const scriptSources = csp.get('script-src') ?? defaultSrc;
  if (scriptSources.some((source) => !["'self'", "'none'"].includes(source) && !/^'(nonce|sha256|sha384|sha512)-/.test(source)))
    problems.push(`script-src is ${scriptSources.join(' ')}`);
  if ((csp.get('frame-ancestors') ?? []).join(' ') !== "'none'") problems.push("frame-ancestors is not 'none'");
  if ((csp.get('object-src') ?? []).join(' ') !== "'none'") problems.push("object-src is not 'none'");
  if (!["'none'", "'self'"].includes((csp.get('base-uri') ?? []).join(' '))) problems.push("base-uri is not 'none' or 'self'");
  if (!csp.has('form-action')) problems.push('no form-action');

  // HSTS is sent only over TLS (test/http/transport-headers.test.ts); when it is, it must be long enough.
  const hsts = headers['strict-transport-security'];
  const maxAge = Number(/max-age=(\d+)/.exec(String(hsts ?? ''))?.[1] ?? 0);
  if (hsts !== undefined && maxAge < HSTS_MIN_SECONDS) problems.push(`HSTS max-age ${maxAge} is under six months`);
  if (one('x-content-type-options') !== 'nosniff') problems.push('X-Content-Type-Options is not nosniff');
  if (one('x-frame-options') !== 'DENY') problems.push('X-Frame-Options is not DENY');
  if (!PRIVATE_REFERRER_POLICIES.includes(one('referrer-policy')))
    problems.push(`Referrer-Policy ${String(headers['referrer-policy'])} is not one the Observatory rewards`);
  const permissions = one('permissions-policy');
  for (const feature of ['camera', 'microphone', 'geolocation'])
    if (!permissions.includes(`${feature}=()`)) problems.push(`Permissions-Policy leaves ${feature} on`);
  if (one('cross-origin-opener-policy') !== 'same-origin') problems.push('Cross-Origin-Opener-Policy is not same-origin');
  if (!['same-origin', 'same-site'].includes(one('cross-origin-resource-policy'))) problems.push('Cross-Origin-Resource-Policy is not same-origin');
  if (!['require-corp', 'credentialless'].includes(one('cross-origin-embedder-policy'))) problems.push('Cross-Origin-Embedder-Policy is not set');

  for (const name of ['x-powered-by', 'set-cookie', 'server', 'access-control-allow-origin']) if (headers[name] !== undefined) problems.push(`sends ${name}`);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name) && name !== 'set-cookie') problems.push(`sends ${name} twice`);
    seen.add(name);
  }
  return problems;
}

function assertSecure(response: RawResponse, label: string): void {
  assert.deepEqual(securityHeaderProblems(response.headers, headerNames(response)), [], label);
}

let fingerprinted = '';
before(async () => {
  const home = html((await rawRequest(app, '/')).body.toString('utf8'));
  fingerprinted = home.querySelector('link[rel="stylesheet"]')?.getAttribute('href') ?? '';
  assert.match(fingerprinted, /^\/assets\//);
});

describe('the header check itself', () => {
  it('passes the headers the site sends', () => {
    const headers = Object.fromEntries(SECURITY_HEADERS.map(([name, value]) => [name.toLowerCase(), value]));
    assert.deepEqual(securityHeaderProblems(headers, Object.keys(headers)), []);
  });

  it('fails weak headers, one problem each', () => {
    const weak = {
      'content-security-policy': "default-src *; script-src 'self' 'unsafe-inline' 'unsafe-eval'; frame-ancestors 'self'",
      'strict-transport-security': 'max-age=86400',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'unsafe-url',
      'x-powered-by': 'Express',
      'set-cookie': 'sid=1',
    };
    const problems = securityHeaderProblems(weak, [...Object.keys(weak), 'x-content-type-options']);
    for (const expected of [
      "default-src is *, not 'none' or 'self'",
      "script-src allows 'unsafe-inline'",
      "script-src allows 'unsafe-eval'",
      "frame-ancestors is not 'none'",
      "object-src is not 'none'",
      'HSTS max-age 86400 is under six months',
      'X-Frame-Options is not DENY',
      'Referrer-Policy unsafe-url is not one the Observatory rewards',
      'no permissions-policy',
      'no cross-origin-opener-policy',
      'sends x-powered-by',
      'sends set-cookie',
      'sends x-content-type-options twice',
    ]) {
      assert.ok(problems.includes(expected), `expected "${expected}" among ${JSON.stringify(problems)}`);
    }
  });
});

describe('security headers on every kind of response', () => {
  const cases: { label: string; path: () => string; status: number; method?: string; headers?: Record<string, string> }[] = [
    { label: 'a page (fast path)', path: () => '/mdg', status: 200 },
    { label: 'a page, brotli (fast path)', path: () => '/mdg', status: 200, headers: { 'Accept-Encoding': 'br' } },
    { label: 'a page (through Express)', path: () => '/mdg?x=1', status: 200 },
    { label: 'the home page', path: () => '/', status: 200 },
    { label: 'HEAD of a page', path: () => '/mdg', status: 200, method: 'HEAD' },
    { label: 'an asset at its plain address', path: () => '/favicon.svg', status: 200 },
    { label: 'a fingerprinted asset', path: () => fingerprinted, status: 200 },
    { label: 'a redirect to the canonical address', path: () => '/Country-Info', status: 301 },
    { label: 'a redirect from an old .phtml address', path: () => '/english/news.phtml', status: 301 },
    { label: 'a 304 of a page', path: () => '/mdg', status: 304, headers: { 'If-Modified-Since': 'Fri, 01 Jan 2100 00:00:00 GMT' } },
    { label: 'a 304 of an asset', path: () => fingerprinted, status: 304, headers: { 'If-None-Match': '*' } },
    { label: 'a 404', path: () => '/no-such-page', status: 404 },
    { label: 'a 404 asking for JSON', path: () => '/no-such-page', status: 404, headers: { Accept: 'application/json' } },
    { label: 'a 405', path: () => '/mdg', status: 405, method: 'POST' },
    { label: 'a 410', path: () => '/un-day-2004', status: 410 },
    { label: 'a 400 for a malformed URL', path: () => '/%zz', status: 400 },
    { label: 'a 414', path: () => `/${'x'.repeat(4000)}`, status: 414 },
    { label: 'the health check', path: () => '/healthz', status: 200 },
    { label: 'the sitemap', path: () => '/sitemap.xml', status: 200 },
    { label: 'robots.txt', path: () => '/robots.txt', status: 200 },
    { label: 'the Atom feed', path: () => '/news.atom', status: 200 },
  ];
  for (const { label, path, status, method, headers } of cases) {
    it(`sends them on ${label}`, async () => {
      const response = await rawRequest(app, path(), { method: method ?? 'GET', headers: headers ?? {} });
      assert.equal(response.status, status, label);
      assertSecure(response, label);
    });
  }
});

describe('security headers on answers Node gives before the app', () => {
  let server: Listening;
  before(async () => {
    // An app of its own: closing the server closes its app, which the tests below still use.
    server = await serveApp(testApp());
  });
  after(async () => {
    await server.close();
  });

  for (const [label, request, status] of [
    ['headers too large', requestText('GET', '/mdg', [`X-Huge: ${'h'.repeat(20_000)}`]), 431],
    ['an unknown method', requestText('FOO', '/mdg'), 405],
    ['CONNECT', requestText('CONNECT', 'example.org:443'), 405],
    ['an unparsable request line', 'GET /a b c\r\n\r\n', 400],
  ] as const) {
    it(`sends them with the ${status} for ${label}`, async () => {
      const response = await rawExchange(server.port, request);
      assert.equal(response.status, status);
      assert.deepEqual(securityHeaderProblems(response.headers, response.headerNames), [], label);
    });
  }
});

describe('a query string does not change a prepared response', () => {
  // The resolver serves a prepared response whatever query follows its address (tracking tags, cache busters).
  const pairs: [fast: string, viaExpress: string][] = [
    ['/mdg', '/mdg?x=1'],
    ['/', '/?utm_source=x'],
    ['/favicon.svg', '/favicon.svg?v=2'],
    ['/sitemap.xml', '/sitemap.xml?x'],
    ['/un-day-2004', '/un-day-2004?x'],
  ];
  const security = SECURITY_HEADERS.map(([name]) => name.toLowerCase());
  for (const [fast, viaExpress] of pairs) {
    for (const encoding of ['identity', 'br', 'gzip']) {
      const variant: Record<string, string> = { 'Accept-Encoding': encoding };
      it(`sends identical headers and body for ${fast} and ${viaExpress} (${encoding})`, async () => {
        const a = await rawRequest(app, fast, { headers: variant });
        const b = await rawRequest(app, viaExpress, { headers: variant });
        assert.equal(a.status, b.status);
        assert.deepEqual([...headerNames(b)].sort(), [...headerNames(a)].sort());
        for (const name of [...security, 'content-type', 'content-encoding', 'cache-control', 'etag', 'vary', 'last-modified'])
          assert.equal(b.headers[name], a.headers[name], name);
        assert.ok(a.body.equals(b.body), 'the same body');
      });
    }
  }

  it('sends identical 304s with and without a query', async () => {
    const etag = String((await rawRequest(app, '/mdg')).headers['etag']);
    const a = await rawRequest(app, '/mdg', { headers: { 'If-None-Match': etag } });
    const b = await rawRequest(app, '/mdg?x=1', { headers: { 'If-None-Match': etag } });
    assert.deepEqual([a.status, b.status], [304, 304]);
    assert.deepEqual([...headerNames(b)].sort(), [...headerNames(a)].sort());
    for (const name of security) assert.equal(b.headers[name], a.headers[name], name);
  });
});

describe('pages work under their CSP', () => {
  it('has, on every page a crawl reaches, no inline script or style, no handler and nothing from another origin', async () => {
    const pages = [...(await crawl(app)).values()].filter((page) => page.contentType.startsWith('text/html'));
    assert.ok(pages.length > 20, `crawled ${pages.length} pages`);
    const problems: string[] = [];
    for (const page of pages) {
      const document = html(page.body);
      // JSON-LD is data, not script: the CSP does not apply to it, and nothing runs it.
      for (const script of document.querySelectorAll('script:not([src])'))
        if (script.getAttribute('type') !== 'application/ld+json') problems.push(`${page.url}: inline <script>`);
      for (const element of document.querySelectorAll('style, [style]')) problems.push(`${page.url}: inline style on <${element.tagName.toLowerCase()}>`);
      for (const element of document.querySelectorAll('*')) {
        for (const attribute of [...element.attributes]) if (attribute.name.toLowerCase().startsWith('on')) problems.push(`${page.url}: ${attribute.name}=`);
      }
      for (const element of document.querySelectorAll(
        'script[src], link[rel~="stylesheet"], link[rel~="icon"], img[src], iframe, object, embed, form[action]',
      )) {
        const url = element.getAttribute('src') ?? element.getAttribute('href') ?? element.getAttribute('action') ?? '';
        if (new URL(url, 'https://un.example.org/').origin !== 'https://un.example.org')
          problems.push(`${page.url}: <${element.tagName.toLowerCase()}> from ${url}`);
      }
    }
    assert.deepEqual(problems, []);
  });
});
