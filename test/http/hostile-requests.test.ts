// HTTP tests: hostile requests over a raw socket (traversal, bad encoding, huge headers, odd methods) are refused, leaking nothing.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { SECURITY_HEADERS } from '../../src/http/security-headers.js';
import type { Listening } from '../../scripts/lib/listen.js';
import { leakIn, LEAK_MARKERS } from '../helpers/leaks.js';
import { openSocket, parseResponse, rawExchange, readAll, requestText, type RawExchange } from '../helpers/raw-socket.js';
import { serveApp, testApp } from '../helpers/test-app.js';

// Every hostile request goes over a raw socket to the app in a server built like src/server.ts, because a client
// library would clean up the very paths and methods these tests are about.
const app = testApp();
let server: Listening;
before(async () => {
  server = await serveApp(app);
});
after(async () => {
  await server.close();
});

const get = (target: string, headers: readonly string[] = []): Promise<RawExchange> => rawExchange(server.port, requestText('GET', target, headers));

function assertRefused(response: RawExchange, target: string, expected?: number): void {
  assert.ok(response.status >= 400 && response.status < 500, `${target}: expected a 4xx, got ${response.status || 'no answer'}`);
  if (expected !== undefined) assert.equal(response.status, expected, target);
  const leak = leakIn(response.body);
  assert.equal(leak, undefined, `${target} leaked ${leak?.file}`);
}

describe('leak markers', () => {
  it('recognise the private files they come from, so the leak checks below can fail', () => {
    for (const { file, marker } of LEAK_MARKERS) assert.equal(leakIn(`before ${marker} after`)?.file, file);
  });
});

describe('malformed percent-encoding', () => {
  for (const target of ['/%E0%A4%A', '/%', '/%zz', '/mdg%', '/%C0%AE%C0%AE/package.json', '/%ED%A0%80']) {
    it(`answers a path that does not decode, ${target}, with 400`, async () => {
      assertRefused(await get(target), target, 400);
    });
  }

  it('answers a query that does not decode with the page or a 400', async () => {
    // A query that does not decode is no page's concern, so the page itself may answer.
    const response = await get('/mdg?x=1&%');
    assert.ok(response.status === 200 || response.status === 400, String(response.status));
    assert.equal(leakIn(response.body), undefined);
  });
});

describe('dot-segment traversal', () => {
  const targets = [
    '/../package.json',
    '/../../../../etc/passwd',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/.%2e/package.json',
    '/%2e%2e%2fpackage.json',
    '/%252e%252e%252fpackage.json',
    '/assets/../../package.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/css/..%2f..%2fsrc%2fapp.ts',
    '/css/..%2F..%2Fviews%2Flayouts%2Fbase.ejs',
    '/..\\package.json',
    '/..%5cpackage.json',
    '/%2e%2e%5cpackage.json',
    '/assets\\..\\..\\package.json',
    '/css/..\\..\\src\\app.ts',
    '/./package.json',
    '//package.json',
    '/assets//../package.json',
  ];
  for (const target of targets) {
    it(`refuses ${target} without serving a file`, async () => {
      assertRefused(await get(target), target);
    });
  }
});

describe('NUL bytes and control characters', () => {
  for (const target of ['/%00', '/index%00.md', '/mdg%00', '/favicon.svg%00.png', '/%0d%0aSet-Cookie:%20x=1', '/mdg%7f']) {
    it(`answers ${JSON.stringify(target)} with 400`, async () => {
      const response = await get(target);
      assertRefused(response, target, 400);
      assert.equal(response.headers['set-cookie'], undefined);
    });
  }

  it('answers a raw NUL byte in the request line with 400 and the security headers', async () => {
    const response = await rawExchange(server.port, Buffer.from('GET /mdg\0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 'latin1'));
    assertRefused(response, 'raw NUL', 400);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
  });
});

describe('long URLs and large headers', () => {
  it('answers an 8 KB URL with 414', async () => {
    assertRefused(await get(`/${'a'.repeat(8 * 1024)}`), '8 KB path', 414);
  });

  it('answers an 8 KB query without a 5xx: the page, or 414', async () => {
    // The search box lets a pasted paragraph through (src/middleware/reject-malformed.ts allows a 16 KB query and cuts
    // the search to 200 characters), so a long query on a page is not refused; only the path is held to 2 KB.
    const response = await get(`/mdg?${'q'.repeat(8 * 1024)}`);
    assert.ok(response.status === 200 || response.status === 414, String(response.status));
    assert.equal(leakIn(response.body), undefined);
  });

  it('answers a URL longer than the header limit with 431 from the server', async () => {
    assertRefused(await get(`/${'a'.repeat(20 * 1024)}`), '20 KB path', 431);
  });

  it('answers a 20 KB header with 431 and the security headers', async () => {
    const response = await get('/mdg', [`X-Huge: ${'h'.repeat(20 * 1024)}`]);
    assertRefused(response, 'huge header', 431);
    for (const [name, value] of SECURITY_HEADERS) assert.equal(response.headers[name.toLowerCase()], value, name);
  });

  it('answers a thousand small headers adding up past the limit with 431', async () => {
    const headers = Array.from({ length: 1000 }, (_, index) => `X-H${index}: ${'v'.repeat(20)}`);
    assertRefused(await get('/mdg', headers), 'many headers', 431);
  });
});

describe('unknown and unusual methods', () => {
  const cases: [method: string, target: string][] = [
    ['PROPFIND', '/mdg'],
    ['PROPFIND', '/'],
    ['PROPFIND', '/no-such-page'],
    ['FOO', '/mdg'],
    ['BREW', '/'],
    ['get', '/mdg'],
    ['TRACE', '/mdg'],
    ['TRACE', '/no-such-page'],
    ['DELETE', '/healthz'],
    ['PUT', '/favicon.svg'],
    ['POST', '/sitemap.xml'],
    ['PATCH', '/un-day-2004'],
    ['M-SEARCH', '*'],
    ['CONNECT', '127.0.0.1:22'],
  ];
  for (const [method, target] of cases) {
    it(`answers ${method} ${target} with a 4xx`, async () => {
      const response = await rawExchange(server.port, requestText(method, target));
      assertRefused(response, `${method} ${target}`);
    });
  }

  it('answers PROPFIND from an ordinary client with 405 and Allow', async () => {
    const status = await new Promise<{ status: number; allow: string | undefined }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/mdg', method: 'PROPFIND', agent: false }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, allow: res.headers['allow'] });
      });
      req.on('error', reject);
      req.end();
    });
    assert.deepEqual(status, { status: 405, allow: 'GET, HEAD' });
  });

  it('answers a request in absolute form for another host with 400, not a proxied page', async () => {
    assertRefused(await get('http://evil.example/mdg'), 'absolute-form', 400);
  });
});

describe('bodies on GET', () => {
  const MB = 1024 * 1024;
  for (const [target, expected] of [
    ['/mdg', 200],
    ['/mdg?x=1', 200],
    ['/no-such-page', 404],
  ] as const) {
    it(`answers GET ${target} with a 1 MB body as without one, ${expected}, and keeps serving`, async () => {
      const socket = await openSocket(server.port);
      const reading = readAll(socket, 10_000);
      socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: ${MB}\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n`);
      socket.write(Buffer.alloc(MB, 0x61), () => {});
      const { bytes, closed } = await reading;
      const response = parseResponse(bytes, closed);
      assert.ok(response.status > 0 && response.status < 500, `${target}: ${response.status}`);
      assert.equal(response.status, expected, target);
      assert.equal((await get('/mdg')).status, 200, 'the server still answers');
    });
  }

  it('serves GET with a chunked body', async () => {
    const response = await rawExchange(
      server.port,
      'GET /mdg HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
    );
    assert.equal(response.status, 200);
  });

  it('refuses a request with both Content-Length and Transfer-Encoding (request smuggling) with 400', async () => {
    const response = await rawExchange(
      server.port,
      'GET /mdg HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n',
    );
    assertRefused(response, 'CL+TE', 400);
  });
});

describe('files outside public/', () => {
  const targets = [
    '/content/index.md',
    '/content/navigation.yml',
    '/index.md',
    '/mdg.md',
    '/src/app.ts',
    '/src/server.ts',
    '/build/src/server.js',
    '/views/layouts/base.ejs',
    '/layouts/base.ejs',
    '/.git/config',
    '/.git/HEAD',
    '/package.json',
    '/package-lock.json',
    '/tsconfig.json',
    '/.env',
    '/node_modules/express/package.json',
    '/public/favicon.svg',
    '/assets/package.json',
    '/css/../package.json',
  ];
  for (const target of targets) {
    it(`does not serve ${target}`, async () => {
      // With dot segments any refusal will do (see above); a plain path to a private file is simply not there.
      assertRefused(await get(target), target, target.includes('..') ? undefined : 404);
    });
  }
});
