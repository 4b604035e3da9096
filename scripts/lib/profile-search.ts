// `node --import tsx scripts/lib/profile-search.ts [site dir]`: CPU time of one query on the 10,000-page index, in this thread.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EMPTY_NAVIGATION } from '../../src/content/navigation.js';
import { readPage } from '../../src/content/read-page.js';
import { buildSite } from '../../src/content/site.js';
import { searchDocumentOf } from '../../src/search/search-index.js';
import { TermIndex, type TermQuery } from '../../src/search/term-index.js';
import { boundQuery } from '../../src/search/query-bounds.js';
import { ROOT } from './root.js';
import { visitorQueries, worstCaseQueries } from './search-queries.js';

/**
 * The bench (bench-search.ts) measures search through HTTP at 50 connections, where wrk, the server processes and
 * the rest of a busy machine share two cores, so its latency says little about where a query's time goes. This asks
 * the same query sets of a TermIndex in this thread and measures each query's CPU time (process.cpuUsage, which a
 * loaded machine does not inflate as it does wall time), as the search thread spends it.
 */
const siteDir = path.resolve(process.argv[2] ?? path.join(ROOT, 'test-output', 'site-10000'));
if (!existsSync(path.join(siteDir, 'navigation.yml')))
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'gen-pages.ts'), '10000', siteDir], { stdio: 'inherit' });

/** Queries of each set measured: enough for a steady p99, few enough to run in a minute on a busy machine. */
const SAMPLE = 2000;
const RESULTS_PER_PAGE = 10;

function loadIndex(): TermIndex {
  const files = readdirSync(siteDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.md'));
  const pages = files.map((file) => readPage(file, readFileSync(path.join(siteDir, file))));
  const site = buildSite({ pages, navigation: EMPTY_NAVIGATION, removed: [], includeDrafts: false, now: Date.now() });
  const index = new TermIndex('en');
  index.put([...site.pages.values()].map(searchDocumentOf), false);
  return index;
}

/** A bench path (`/search?q=a+b`, maybe ending in `{unique}`) as the bounded query the search thread is asked. */
function termQuery(searchPath: string, n: number): TermQuery {
  const raw = decodeURI(new URL(searchPath, 'http://x').searchParams.get('q') ?? '').replace('{unique}', `zq${n.toString(26)}`);
  return { words: boundQuery(raw, 'en').words, offset: 0, limit: RESULTS_PER_PAGE };
}

function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const percentile = (sorted: readonly number[], fraction: number): number => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;

function measure(index: TermIndex, name: string, queries: readonly TermQuery[]): void {
  // One untimed pass first: the JIT and the snippet texts' first unpacking are not what a query costs later.
  for (const query of queries.slice(0, 50)) index.query(query);
  const timed = queries.map((query) => ({ query, ms: cpuMs(() => index.query(query)) })).sort((a, b) => a.ms - b.ms);
  const times = timed.map(({ ms }) => ms);
  const mean = times.reduce((sum, time) => sum + time, 0) / times.length;
  const cells = [mean, percentile(times, 0.5), percentile(times, 0.99), times.at(-1)!].map((value) => value.toFixed(2).padStart(8));
  console.log(`${name.padEnd(44)} ${String(queries.length).padStart(7)} ${cells.join(' ')}`);
  slowest.push(...timed.slice(-3).map(({ query, ms }) => `${ms.toFixed(1).padStart(7)} ms  ${query.words.join(' ')}`));
}

/** The slowest queries of each set, to say where the tail comes from (one slow query may also be a pause of the machine). */
const slowest: string[] = [];

const startedAt = performance.now();
const index = loadIndex();
console.log(`indexed ${siteDir} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s; Node ${process.version}`);
console.log(`\n${'CPU ms a query, in one thread'.padEnd(44)} queries     mean      p50      p99      max`);
const worst = worstCaseQueries(siteDir);
const sets: readonly [string, readonly string[]][] = [
  ["visitors' queries, every one new", visitorQueries(siteDir, SAMPLE, true)],
  ["visitors' queries, popular ones repeated", visitorQueries(siteDir, SAMPLE, false)],
  ['worst-case queries, every one new', Array.from({ length: SAMPLE / 10 }, (_, n) => worst[n % worst.length]!)],
];
for (const [name, paths] of sets)
  measure(
    index,
    name,
    paths.map((searchPath, n) => termQuery(searchPath, n)),
  );
console.log(`\nslowest (CPU ms):\n${slowest.join('\n')}`);
