// HTTP test: thousands of random and mutated request lines, none answered with a 5xx, a leaked file or an off-site redirect.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Listening } from '../../scripts/lib/listen.js';
import { leakIn } from '../helpers/leaks.js';
import { rawExchange } from '../helpers/raw-socket.js';
import { serveApp, testApp } from '../helpers/test-app.js';

// Thousands of random and mutated requests, sent as raw bytes to one listening server built like src/server.ts.
// The seed is fixed so a failure reproduces; FUZZ_SEED and FUZZ_RUNS explore further.
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_126);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 3_000);

const app = testApp();
const { site } = app.publisher.snapshot().edition();
const REAL_PATHS = [
  ...site.pages.keys(),
  ...site.gone.keys(),
  ...site.redirects.keys(),
  '/healthz',
  '/sitemap.xml',
  '/news.atom',
  '/favicon.svg',
  '/css/site.css',
];

const METHODS = ['GET', 'GET', 'GET', 'GET', 'HEAD', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'PROPFIND', 'FOO', 'get', 'CONNECT'];
const TRAVERSALS = [
  '..',
  '../',
  '..%2f',
  '%2e%2e',
  '%2e%2e%2f',
  '%2E%2E%5C',
  '%252e%252e%252f',
  '..\\',
  '.%2e/',
  '%c0%ae%c0%ae/',
  '....//',
  '/./',
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '//',
  '\\',
  '?',
  '#',
  ';',
  '%3f',
  '%23',
  '%0d%0a',
];
const PRIVATE_FILES = ['package.json', '.env', '.git/config', 'src/app.ts', 'views/layouts/base.ejs', 'content/index.md', 'node_modules/express/package.json'];

/** Percent-encodes every character of a string, lone surrogates included, as a sloppy client might. */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

// Reads REAL_PATHS lazily, so the fingerprinted asset addresses found in before() are among them.
const realPath = fc.nat().map((index) => REAL_PATHS[index % REAL_PATHS.length]!);
const fragment = fc.oneof(
  fc.constantFrom(...TRAVERSALS),
  fc.constantFrom(...PRIVATE_FILES),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }).map(percentEncode),
);

/** A real address changed by a few edits: fragments inserted, case changed, characters encoded, a query added. */
const mutatedPath = fc.tuple(realPath, fc.array(fc.tuple(fc.nat(), fc.nat(4), fragment), { minLength: 1, maxLength: 4 })).map(([start, edits]) => {
  let path = start;
  for (const [position, kind, text] of edits) {
    const at = position % (path.length + 1);
    if (kind === 0) path = path.slice(0, at) + text + path.slice(at);
    else if (kind === 1) path = path.toUpperCase();
    else if (kind === 2) path = path.slice(0, at) + percentEncode(path.slice(at, at + 2)) + path.slice(at + 2);
    else if (kind === 3) path = `${path}?${text}`;
    else path = path.replace(/\//g, text.length % 2 === 0 ? '//' : '/./');
  }
  return path;
});

const randomPath = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => `/${text}`),
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => `/${percentEncode(text)}`),
  fc.array(fc.constantFrom(...TRAVERSALS, ...PRIVATE_FILES, 'assets', 'css', 'mdg'), { maxLength: 8 }).map((parts) => `/${parts.join('/')}`),
);

const target = fc.oneof({ weight: 3, arbitrary: mutatedPath }, { weight: 2, arbitrary: randomPath }, { weight: 1, arbitrary: realPath });

interface Case {
  readonly method: string;
  readonly target: string;
}

const requestCase: fc.Arbitrary<Case> = fc.record({ method: fc.constantFrom(...METHODS), target });

let server: Listening;
before(async () => {
  server = await serveApp(app);
  // Fingerprinted asset addresses, from the home page as a browser would find them.
  const home = await rawExchange(server.port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
  for (const match of home.body.toString('utf8').matchAll(/"(\/assets\/[^"]+)"/g)) REAL_PATHS.push(match[1]!);
  assert.ok(
    REAL_PATHS.some((path) => path.startsWith('/assets/')),
    'the home page links fingerprinted assets',
  );
});
after(async () => {
  await server.close();
});

describe('fuzzing the request line', () => {
  // The bound only turns a hang into a failure: the runs took 18 s at load 10 and grow with the load, so 60 s was a
  // guess at the machine's speed that a busy CI machine could miss.
  it(`answers ${RUNS} random and mutated requests without a 5xx, a leaked file or an off-site redirect`, { timeout: 600_000 }, async (t) => {
    t.diagnostic(`fast-check seed ${SEED}, ${RUNS} runs (set FUZZ_SEED or FUZZ_RUNS to change)`);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requestCase, async ({ method, target: path }) => {
        // Bytes as written, including spaces, controls and unpaired surrogates, which a client library would refuse.
        const response = await rawExchange(server.port, `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        assert.ok(response.status >= 200 && response.status < 500, `status ${response.status || 'none'} for ${method} ${JSON.stringify(path)}`);
        const leak = leakIn(response.body);
        assert.equal(leak, undefined, `${method} ${JSON.stringify(path)} leaked ${leak?.file}`);
        const location = response.headers['location'];
        if (location !== undefined) assert.match(location, /^\/(?![/\\])/, `${method} ${JSON.stringify(path)} redirects off-site to ${location}`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    t.diagnostic(
      `statuses: ${[...statuses]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${status}×${count}`)
        .join(' ')}`,
    );
    // A fuzz run that never reached a page or a redirect would prove little about the paths that matter.
    for (const status of [200, 301, 400, 404]) assert.ok(statuses.has(status), `no ${status} among the answers`);
  });
});
