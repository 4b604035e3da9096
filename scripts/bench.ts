// `npm run bench`: our server against nginx serving the static export of the same site, side by side.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { exportSite } from '../src/export/export-site.js';
import { createLogger } from '../src/lib/logger.js';
import { startBareNode } from './lib/bare-node.js';
import { benchForumSearch } from './lib/bench-forum-search.js';
import { benchRendering } from './lib/bench-rendering.js';
import { benchSearch } from './lib/bench-search.js';
import { buildApp } from './lib/build-app.js';
import { benchForum } from './lib/forum-bench.js';
import { load, wrkAvailable, type LoadResult } from './lib/load.js';
import { nginxAvailable, startNginx } from './lib/nginx.js';
import { measureStorage, postgresEngine, sqliteEngine, type StorageResult } from './lib/storage-bench.js';
import { build, startServer } from './lib/server-process.js';

const PAGE = '/un-in-kyrgyzstan/agencies/unodc/projects';
const CONNECTIONS = 50;
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
/** With 50 connections, about 4,500 requests/s: a quarter of what we serve at saturation, heavy but not a queue. */
const PAUSE_MS = 10;
/** Members posting replies at the same moment (issue 15). */
const FORUM_POSTERS = 20;

if (!wrkAvailable() || !nginxAvailable()) {
  console.error('npm run bench needs wrk and nginx: apt-get install -y wrk nginx libnginx-mod-http-brotli-static');
  process.exit(2);
}

const cell = (value: number, digits: number, width: number): string => value.toFixed(digits).padStart(width);
const row = (name: string, ours: LoadResult, theirs: LoadResult, floor: LoadResult): string =>
  [
    name.padEnd(22),
    cell(ours.requestsPerSecond, 0, 8),
    cell(theirs.requestsPerSecond, 0, 8),
    cell(ours.requestsPerSecond / theirs.requestsPerSecond, 2, 6),
    `${cell(floor.requestsPerSecond, 0, 9)}  `,
    cell(ours.p50Ms, 2, 5),
    cell(theirs.p50Ms, 2, 5),
    `${cell(floor.p50Ms, 2, 5)}  `,
    cell(ours.p99Ms, 2, 5),
    cell(theirs.p99Ms, 2, 5),
    cell(floor.p99Ms, 2, 5),
  ].join(' ');

/** PostgreSQL for the storage comparison: BENCH_DATABASE_URL, or the test cluster's (scripts/lib/postgres-for-tests.sh). */
const POSTGRES_URL = process.env['BENCH_DATABASE_URL'] || process.env['DATABASE_URL_TEST'] || undefined;
/**
 * `storage`: only the forum's storage on SQLite and PostgreSQL, the part that needs a database; `rendering`: only a
 * normal page's latency while a 1 MB page is rendered again and again; `search`: only search, on this site and on
 * the generated 10,000-page site; `forum-search`: only the forum's part of search, on a forum of 5,000 topics.
 */
const ONLY = process.env['BENCH_ONLY'];

/** The forum on each engine side by side: posting latency (services, and the form over HTTP), and the forum's pages read from the database. */
async function storageBench(): Promise<void> {
  const engines = [sqliteEngine(), ...(POSTGRES_URL ? [postgresEngine(POSTGRES_URL)] : [])];
  const results: StorageResult[] = [];
  for (const engine of engines) {
    try {
      results.push(await measureStorage(engine, { connections: CONNECTIONS, seconds: SECONDS, topics: 200, posters: FORUM_POSTERS, postingSeconds: 5 }));
    } finally {
      await engine.remove();
    }
  }
  const line = (label: string, value: (result: StorageResult) => string): void =>
    console.log(`${label.padEnd(52)} ${results.map((result) => value(result).padStart(12)).join(' ')}`);
  console.log(`\n${'forum storage, one server process'.padEnd(52)} ${engines.map((engine) => engine.name.padStart(12)).join(' ')}`);
  line('posting a topic, p50 / p99 ms (services)', (result) => `${result.postingP50Ms.toFixed(2)} / ${result.postingP99Ms.toFixed(2)}`);
  line(
    `posting a reply by form, ${FORUM_POSTERS} at once, p50 / p99 ms`,
    (result) => `${result.httpPosting.p50Ms.toFixed(0)} / ${result.httpPosting.p99Ms.toFixed(0)}`,
  );
  line(
    '  replies posted a second (failed)',
    (result) => `${(result.httpPosting.posts / result.httpPosting.seconds).toFixed(0)} (${result.httpPosting.failures})`,
  );
  line(`GET /forum r/s (${CONNECTIONS} connections)`, (result) => result.forumHome.requestsPerSecond.toFixed(0));
  line('GET /forum p99 ms', (result) => result.forumHome.p99Ms.toFixed(2));
  line('GET a topic page r/s', (result) => (result.topicPage ? result.topicPage.requestsPerSecond.toFixed(0) : 'not served'));
  if (!POSTGRES_URL) console.log('PostgreSQL: not measured; set BENCH_DATABASE_URL, or start the test cluster (scripts/lib/postgres-for-tests.sh start).');
  console.log(
    'A topic through the services: one after another, database work only. A reply by form: POST /forum/t/{id}/reply, ' +
      `${FORUM_POSTERS} members at once for 5 s, each from an address of its own, timed to the 303.`,
  );
}

if (ONLY === 'rendering') {
  build();
  await benchRendering();
  process.exit(0);
}

if (ONLY === 'search') {
  build();
  const site = await startServer({ env: { WORKERS: 'auto' } });
  try {
    await benchSearch(site.origin);
  } finally {
    await site.stop();
  }
  process.exit(0);
}

if (ONLY === 'forum-search') {
  build();
  await benchForumSearch();
  process.exit(0);
}

if (ONLY === 'storage') {
  build();
  await storageBench();
  process.exit(0);
}

const dist = mkdtempSync(path.join(tmpdir(), 'un-kg-bench-'));
build();
// Both sides get one process per core: nginx's worker_processes auto, and our WORKERS=auto.
const server = await startServer({ env: { WORKERS: 'auto' } });
const { app: exporter } = buildApp({ NODE_ENV: 'production', SITE_URL: 'http://localhost:3000' }, { logger: createLogger({ silent: true }) });
await exportSite(exporter, dist);
const nginx = await startNginx({ dist, app: server.origin.replace('http://', '') });
// The floor: node:http sending the same bytes and headers with no work at all, also one process per core.
const bare = await startBareNode(server.origin + PAGE);

try {
  console.log(
    `Page ${PAGE}, ${CONNECTIONS} connections, ${SECONDS} s each, wrk on 127.0.0.1; ` +
      `one process per core on both sides (${cpus().length} cores, Node ${process.version})`,
  );
  console.log(
    `${'request'.padEnd(22)} ${'ours r/s'.padStart(8)} ${'nginx'.padStart(8)} ${'ratio'.padStart(6)} ${'bare Node'.padStart(9)}   ` +
      `${'p50 ms: ours, nginx, bare'.padEnd(17)}   p99 ms: ours, nginx, bare`,
  );
  for (const [name, headers] of [
    ['identity', {}],
    ['Accept-Encoding: br', { 'Accept-Encoding': 'br' }],
  ] as const) {
    // A short warm-up so none is measured cold.
    for (const origin of [server.origin, nginx.origin, bare.origin]) await load(origin + PAGE, { connections: CONNECTIONS, seconds: 1, headers });
    const ours = await load(server.origin + PAGE, { connections: CONNECTIONS, seconds: SECONDS, headers });
    const theirs = await load(nginx.origin + PAGE, { connections: CONNECTIONS, seconds: SECONDS, headers });
    const floor = await load(bare.origin + PAGE, { connections: CONNECTIONS, seconds: SECONDS, headers });
    console.log(row(name, ours, theirs, floor));
  }
  console.log('Targets: ours at least 0.5 of nginx; p99 under 5 ms. "bare Node" is node:http sending the same bytes and doing nothing else.');
  console.log('At saturation the load generator shares the two cores with the servers, so p99 measures the queue and the scheduler.');

  // Latency under steady load: each connection pauses between requests, as visitors do, well below saturation.
  const steadyTitle = `steady load, br, ${CONNECTIONS} connections each pausing ${PAUSE_MS} ms`;
  console.log(`\n${steadyTitle.padEnd(50)} ${'r/s'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}`);
  for (const [name, origin] of [
    ['ours', server.origin],
    ['nginx', nginx.origin],
    ['bare Node', bare.origin],
  ] as const) {
    const steady = await load(origin + PAGE, { connections: CONNECTIONS, seconds: SECONDS, headers: { 'Accept-Encoding': 'br' }, pauseMs: PAUSE_MS });
    console.log(`${name.padEnd(50)} ${cell(steady.requestsPerSecond, 0, 6)} ${cell(steady.p50Ms, 2, 7)} ${cell(steady.p99Ms, 2, 7)}`);
  }

  // Statistics: the same page with counting on (the default) and off, as a browser would ask for it.
  const browser = { 'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36' };
  const uncounted = await startServer({ env: { WORKERS: 'auto', STATS: 'off' } });
  try {
    // Both warmed alike, then measured in turn twice, so neither gains from running longer or later.
    const measure = async (origin: string, seconds: number): Promise<number> =>
      (await load(origin + PAGE, { connections: CONNECTIONS, seconds, headers: browser })).requestsPerSecond;
    await measure(uncounted.origin, 3);
    await measure(server.origin, 3);
    let off = 0;
    let on = 0;
    for (let round = 0; round < 2; round += 1) {
      off += await measure(uncounted.origin, SECONDS / 2);
      on += await measure(server.origin, SECONDS / 2);
    }
    console.log(
      `\nStatistics cost: ${(on / 2).toFixed(0)} r/s counting, ${(off / 2).toFixed(0)} r/s not counting: ` +
        `${((1 - on / off) * 100).toFixed(1)}% slower (target < 10%)`,
    );
  } finally {
    await uncounted.stop();
  }

  // Search: queries per second and latency, on this site and on a generated 10,000-page site.
  await benchSearch(server.origin);

  // Rendering: a normal page while a 1 MB page is rendered on the rendering threads, again and again.
  await benchRendering();

  // The forum's part of search: a normal page while a large forum is searched, and what one forum change costs.
  await benchForumSearch();

  // The forum: a topic page as readers get it beside the content page, on one server; then 20 members posting at once.
  console.log(
    `\n${'forum, br, 50 connections'.padEnd(34)} ${'r/s'.padStart(9)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}   ` +
      `posting, ${FORUM_POSTERS} members at once: posts/s, p50 ms, p99 ms`,
  );
  for (const workers of ['auto', '1']) {
    const forum = await benchForum({ contentPage: PAGE, connections: CONNECTIONS, seconds: SECONDS, posters: FORUM_POSTERS, postingSeconds: 5, workers });
    const ratio = forum.topic.requestsPerSecond / forum.content.requestsPerSecond;
    for (const [name, result] of [
      [`WORKERS=${workers}: content page`, forum.content],
      [`WORKERS=${workers}: topic page (${ratio.toFixed(2)})`, forum.topic],
    ] as const) {
      console.log(`${name.padEnd(34)} ${cell(result.requestsPerSecond, 0, 9)} ${cell(result.p50Ms, 2, 7)} ${cell(result.p99Ms, 2, 7)}`);
    }
    console.log(
      `${`WORKERS=${workers}: posting`.padEnd(34)} ${forum.posts} posts in ${forum.seconds.toFixed(1)} s: ` +
        `${(forum.posts / forum.seconds).toFixed(0)} posts/s, p50 ${forum.p50Ms.toFixed(0)} ms, p99 ${forum.p99Ms.toFixed(0)} ms, ${forum.failures} failed`,
    );
  }
  console.log('Target: a topic page at least half the content page (the ratio in brackets).');
  await storageBench();
} finally {
  await nginx.stop();
  await bare.stop();
  await server.stop();
  rmSync(dist, { recursive: true, force: true });
}
