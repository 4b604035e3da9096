// `npm run bench`, rendering: a normal page's latency alone, and while a 1 MB page is rendered again and again.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pageFile, slowBody } from '../../test/fixtures/hostile/hostile-content.js';
import { load, type LoadResult } from './load.js';
import { formatLoopDelay, LoopDelayMarks, loopDelayArgs } from './loop-delay.js';
import { ROOT } from './root.js';
import { startServer } from './server-process.js';
import { callTimes, mainThreadProfile } from './serving-thread-profile.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const PROFILE = process.env['BENCH_PROFILE'] === '1';
const PAGE = '/un-in-kyrgyzstan/agencies/unodc/projects';
/** A normal page asked by 10 connections, each pausing 10 ms between requests: visitors, not a flood. */
const VISITORS = { connections: 10, seconds: SECONDS, pauseMs: 10, headers: { 'Accept-Encoding': 'br' } };
const LARGE_FILE = 'pasted-document.md';
const LARGE_PAGE = '/pasted-document';

const cell = (value: number, digits: number, width: number): string => value.toFixed(digits).padStart(width);
const line = (name: string, result: LoadResult): string =>
  `${name.padEnd(52)} ${cell(result.requestsPerSecond, 0, 9)} ${cell(result.p50Ms, 2, 7)} ${cell(result.p99Ms, 2, 8)}`;

/** The large page's version: its ETag less the encoding, since it is served uncompressed until compressed. */
async function versionOf(origin: string): Promise<string | undefined> {
  const etag = (await fetch(origin + LARGE_PAGE, { method: 'HEAD' })).headers.get('etag');
  return etag?.replace(/-(br|gzip)"$/, '"');
}

/**
 * Writes the large page again and again, each time a little different, and waits until the server serves each
 * version (its ETag changes) before writing the next: so it is being rendered nearly all the time. Resolves with
 * how many versions were published once `stop` says so.
 */
async function rewriteUntil(dir: string, origin: string, stop: () => boolean): Promise<number> {
  const body = slowBody();
  let published = 0;
  let etag = await versionOf(origin);
  while (!stop()) {
    writeFileSync(path.join(dir, LARGE_FILE), pageFile(`Version ${published + 1}.\n\n${body}`));
    for (;;) {
      const now = await versionOf(origin);
      if (now !== etag) {
        etag = now;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    published += 1;
  }
  return published;
}

export async function benchRendering(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'un-kg-bench-render-'));
  const data = mkdtempSync(path.join(tmpdir(), 'un-kg-bench-data-'));
  cpSync(path.join(ROOT, 'content'), dir, { recursive: true });
  writeFileSync(path.join(dir, LARGE_FILE), pageFile(`Version 0.\n\n${slowBody()}`));
  // With BENCH_PROFILE=1 the server runs under --cpu-prof, which tells how long each change held its serving thread:
  // a figure that the machine's load changes far less than the latency of requests.
  const profileDir = PROFILE ? mkdtempSync(path.join(tmpdir(), 'un-kg-bench-profile-')) : undefined;
  const delayFile = path.join(data, 'loop-delay.json');
  const nodeArgs = [...loopDelayArgs(delayFile), ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  // One process: what matters is whether its one thread that answers is held up.
  let published: number | undefined;
  const server = await startServer({ env: { WORKERS: '1', CONTENT_DIR: dir, DATA_DIR: data, STATS: 'off' }, nodeArgs });
  try {
    await load(server.origin + PAGE, { ...VISITORS, seconds: 2 });
    // The serving thread's event-loop delay, alone and then meanwhile, from marks around each run of requests.
    const delay = new LoopDelayMarks(server.process, delayFile);
    await delay.mark();
    const alone = await load(server.origin + PAGE, VISITORS);
    const delayAlone = await delay.mark();
    // The control: nothing published, one core kept busy by another process, as the rendering thread keeps one busy
    // while the 1 MB page is re-published. On two cores the serving thread then waits its turn for a core.
    const spinner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    const busy = await load(server.origin + PAGE, VISITORS).finally(() => spinner.kill());
    const delayBusy = await delay.mark();
    let done = false;
    const rewriting = rewriteUntil(dir, server.origin, () => done);
    const during = await load(server.origin + PAGE, VISITORS);
    done = true;
    published = await rewriting;
    const [one, five] = loadavg();
    console.log(`\n${`a normal page (${PAGE}), 10 connections pausing 10 ms`.padEnd(52)} ${'r/s'.padStart(9)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(8)}`);
    console.log(line('alone', alone));
    console.log(line('alone, one core kept busy by another process', busy));
    console.log(line(`while a 1 MB page is rendered again and again`, during));
    console.log(`  ${published} versions of the 1 MB page published in ${SECONDS} s; load average ${one!.toFixed(1)} (1 min), ${five!.toFixed(1)} (5 min)`);
    const delayDuring = await delay.mark();
    console.log(`  the serving thread's event-loop delay (how long one piece of work held it, or the thread waited for a core):`);
    console.log(`    alone                                ${formatLoopDelay(delayAlone)}`);
    console.log(`    alone, one core kept busy            ${formatLoopDelay(delayBusy)}`);
    console.log(`    while the 1 MB page is re-published  ${formatLoopDelay(delayDuring)}`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
  if (profileDir) {
    // The change is applied a slice at a time (src/lib/steps.ts), and slices follow each other with nothing else to do
    // between them, so the profile tells the work per change, not the longest piece: the event-loop delay tells that.
    const { calls } = callTimes(mainThreadProfile(profileDir), 'reloading');
    const perChange = calls.reduce((sum, each) => sum + each, 0) / Math.max(published ?? 0, 1);
    console.log(`  the serving thread's work per published change (Publisher.reloading, from a CPU profile): ${perChange.toFixed(1)} ms`);
    rmSync(profileDir, { recursive: true, force: true });
  }
}
