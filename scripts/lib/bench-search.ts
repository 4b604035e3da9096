// `npm run bench`, search: queries per second and latency, and what a flood of searches costs a normal page.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { load, type LoadResult } from './load.js';
import { openLoad, type OpenLoadResult } from './open-load.js';
import { ROOT } from './root.js';
import { visitorQueries, worstCaseQueries } from './search-queries.js';
import { startServer } from './server-process.js';

const CONNECTIONS = 50;
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const GENERATED = path.join(ROOT, 'test-output', 'site-10000');
const LARGE_PAGE = '/section-7/page-3';
/** A normal page asked by 10 connections, each pausing 10 ms between requests: visitors, not a flood. */
const VISITORS = { connections: 10, seconds: SECONDS, pauseMs: 10, headers: { 'Accept-Encoding': 'br' } };

const cell = (value: number, digits: number, width: number): string => value.toFixed(digits).padStart(width);

/** Column widths: queries (or requests) per second, p50, p99, refused, searched per second, load. */
const WIDTHS = [9, 7, 8, 9, 10, 5];
const header = (title: string, columns: readonly string[]): string =>
  `${title.padEnd(52)} ${columns.map((name, index) => name.padStart(WIDTHS[index]!)).join(' ')}`;
/** The machine's 1-minute load average when a run ends: figures taken beside other work are not comparable with quiet ones. */
const load1 = (): string => cell(loadavg()[0]!, 1, 5);
const plain = (name: string, result: LoadResult): string =>
  `${name.padEnd(52)} ${cell(result.requestsPerSecond, 0, 9)} ${cell(result.p50Ms, 2, 7)} ${cell(result.p99Ms, 2, 8)} ${''.padStart(20)} ${load1()}`;

function row(name: string, result: LoadResult | OpenLoadResult): string {
  const refused = (100 * result.non2xx3xx) / result.requests;
  const rate = 'requestsPerSecond' in result ? result.requestsPerSecond : result.rate;
  // Searches actually made a second: in a closed loop, cheaper refusals raise the refused share without changing this.
  const searched = rate * (1 - refused / 100);
  const cells = [cell(rate, 0, 9), cell(result.p50Ms, 2, 7), cell(result.p99Ms, 2, 8), `${cell(refused, 1, 8)}%`, cell(searched, 0, 10), load1()];
  return `${name.padEnd(52)} ${cells.join(' ')}`;
}

/** Searches a second at which visitors' searches are timed as they arrive: far above a real day, below saturation. */
const OPEN_RATES = [100, 200];

/** Waits until every server process has indexed the site: a search waits for its process's index. */
async function waitForIndexes(origin: string): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt += 1) await (await fetch(`${origin}/search?q=osh`)).arrayBuffer();
  await load(`${origin}/search?q=osh`, { connections: CONNECTIONS, seconds: 2 });
}

export async function benchSearch(smallOrigin: string): Promise<void> {
  console.log(`\n${header(`search, ${CONNECTIONS} connections, closed loop (wrk)`, ['queries/s', 'p50 ms', 'p99 ms', 'refused', 'searched/s', 'load'])}`);
  const repeated = '/search?q=precursors+control';
  // As long a warm-up as the large site's: a second right after start measured the server's start-up passes (p99 100–210 ms).
  await waitForIndexes(smallOrigin);
  const small = await load(smallOrigin + repeated, { connections: CONNECTIONS, seconds: SECONDS });
  console.log(row('this site, one query repeated (from the cache)', small));

  if (!existsSync(path.join(GENERATED, 'navigation.yml')))
    execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'gen-pages.ts'), '10000', GENERATED], { stdio: 'ignore' });
  const large = await startServer({
    env: {
      WORKERS: 'auto',
      CONTENT_DIR: GENERATED,
      STATS: 'off',
      ...(process.env['SEARCH_CONCURRENCY'] ? { SEARCH_CONCURRENCY: process.env['SEARCH_CONCURRENCY'] } : {}),
    },
  });
  try {
    await waitForIndexes(large.origin);
    const searching = (paths: readonly string[]): Promise<LoadResult> => load(`${large.origin}/search`, { connections: CONNECTIONS, seconds: SECONDS, paths });
    const site = '10,000 pages, ';
    console.log(row(`${site}visitors' queries, every one new`, await searching(visitorQueries(GENERATED, 20_000, true))));
    console.log(row(`${site}visitors' queries, popular ones repeated`, await searching(visitorQueries(GENERATED, 5_000, false))));
    console.log(row(`${site}worst-case queries, every one new`, await searching(worstCaseQueries(GENERATED))));
    console.log(
      'Target: p99 under 100 ms. p50 and p99 are of every answer, results (200) and refusals (503) alike; "refused": the share ' +
        'answered 503 with Retry-After because SEARCH_CONCURRENCY searches were under way in that process; "searched/s": ' +
        'answers that were results, a second. "load": the machine\'s 1-minute load average at the end of the run.',
    );

    // The same queries sent at a steady rate, as visitors arrive, each timed from when it was due (open-load.ts).
    console.log(`\n${header('search at a steady rate, open loop', ['sent/s', 'p50 ms', 'p99 ms', 'refused', 'searched/s', 'load'])}`);
    for (const rate of OPEN_RATES) {
      const open = await openLoad(large.origin, { rate, seconds: SECONDS, paths: visitorQueries(GENERATED, 20_000, true) });
      console.log(row(`${site}visitors' queries, every one new, ${rate}/s`, open));
    }
    const worstOpen = await openLoad(large.origin, { rate: OPEN_RATES[0]!, seconds: SECONDS, paths: worstCaseQueries(GENERATED) });
    console.log(row(`${site}worst-case queries, ${OPEN_RATES[0]}/s`, worstOpen));

    // The same page, asked by visitors, alone and while 50 connections send worst-case searches.
    const alone = await load(large.origin + LARGE_PAGE, VISITORS);
    const [during, flood] = await Promise.all([load(large.origin + LARGE_PAGE, VISITORS), searching(worstCaseQueries(GENERATED))]);
    console.log(`\n${header(`a normal page (${LARGE_PAGE}), 10 connections pausing 10 ms`, ['r/s', 'p50 ms', 'p99 ms', '', '', 'load'])}`);
    console.log(plain('alone', alone));
    console.log(plain(`while ${CONNECTIONS} connections send worst-case searches`, during));
    console.log(row('  the searches meanwhile', flood));
  } finally {
    await large.stop();
  }
}
