// `npm run scale [-- pages]`: start-up time, memory and time-to-live of one change, on a generated large site.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/root.js';
import { formatLoopDelay, LoopDelayMarks, loopDelayArgs } from './lib/loop-delay.js';
import { build, rssMb, startServer } from './lib/server-process.js';
import { formatThreadMemory, threadMemoryArgs, ThreadMemoryMarks } from './lib/thread-memory.js';

const count = Number(process.argv[2] ?? 10_000);

const site = path.join(ROOT, 'test-output', `site-${count}`);
if (!existsSync(path.join(site, 'navigation.yml')))
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'gen-pages.ts'), String(count), site], { stdio: 'inherit' });

const TARGETS = { readyMs: 3000, rssMb: 400, changeMs: 200 };
build();
const delayFile = path.join(ROOT, 'test-output', `scale-loop-delay-${process.pid}.json`);
const memoryFile = path.join(ROOT, 'test-output', `scale-thread-memory-${process.pid}.json`);
const server = await startServer({
  env: { CONTENT_DIR: site, STATS: 'off' },
  nodeArgs: [...loopDelayArgs(delayFile), ...threadMemoryArgs(memoryFile), ...(process.env.SCALE_LIVE_HEAP ? ['--expose-gc'] : [])],
});
const delay = new LoopDelayMarks(server.process, delayFile);
const memory = new ThreadMemoryMarks(server.process, memoryFile);
/** Milliseconds from `change()` until `address` answers 200 with a text that `served` accepts; NaN after 10 s. */
async function untilServed(address: string, change: () => void, served: (text: string) => boolean): Promise<number> {
  const started = performance.now();
  change();
  while (performance.now() - started < 10_000) {
    const response = await fetch(server.origin + address);
    if (response.ok && served(await response.text())) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return Number.NaN;
}

try {
  const page = '/section-7/page-3';
  const first = await fetch(server.origin + page);
  await first.arrayBuffer();
  const readyMs = server.readyMs;
  const rssAtReady = rssMb(server.process.pid!);

  // Wait for the background passes (rendering, compression, search index) to finish, then measure again.
  await (await fetch(`${server.origin}/search?q=osh`)).arrayBuffer();
  let settled = rssAtReady;
  for (let second = 0; second < 30; second += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = rssMb(server.process.pid!);
    if (Math.abs(now - settled) < 2) break;
    settled = now;
  }
  const rssSettled = rssMb(server.process.pid!);
  const threadsSettled = await memory.read();

  // One changed file: time from the save until the server sends the new text, and the longest the serving thread
  // was held meanwhile (its event-loop delay).
  const file = path.join(site, 'section-7', 'page-3.md');
  const original = readFileSync(file, 'utf8');
  const marker = `Changed at ${Date.now()}`;
  await delay.mark();
  const changeMs = await untilServed(
    page,
    () => writeFileSync(file, original.replace('## Overview', `## Overview\n\n${marker}`)),
    (text) => text.includes(marker),
  );
  const changeDelay = await delay.mark();
  await untilServed(
    page,
    () => writeFileSync(file, original),
    (text) => !text.includes(marker),
  );

  // A page added: the section's list, the sitemaps and search change too.
  const added = path.join(site, 'section-7', 'added-by-scale.md');
  await delay.mark();
  await untilServed(
    '/section-7/added-by-scale',
    () => writeFileSync(added, original),
    () => true,
  );
  const addDelay = await delay.mark();
  rmSync(added, { force: true });
  // Stopped before the removal was published, the server's last good copy would keep the page, and the next run would
  // start by applying its removal (rendering every body for the check): start-up times varied from 2 to 5 s by that.
  for (let tries = 0; tries < 5000; tries += 1) {
    const response = await fetch(server.origin + '/section-7/added-by-scale');
    await response.arrayBuffer();
    if (response.status === 404 || response.status === 410) break;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }

  const row = (name: string, value: number, target: number, unit: string): string =>
    `${name.padEnd(34)} ${value.toFixed(0).padStart(7)} ${unit.padEnd(3)} target < ${target} ${unit}  ${value < target ? 'ok' : 'MISSED'}`;
  console.log(`${count} pages, Node ${process.version}`);
  console.log(row('start to first served page', readyMs, TARGETS.readyMs, 'ms'));
  console.log(row('RSS when ready', rssAtReady, TARGETS.rssMb, 'MB'));
  console.log(row('RSS with all pages prepared', rssSettled, TARGETS.rssMb, 'MB'));
  console.log(formatThreadMemory(threadsSettled).replace(/^/gm, '  '));
  console.log(row('one changed file live', changeMs, TARGETS.changeMs, 'ms'));
  console.log(`the serving thread's event-loop delay while one file changed: ${formatLoopDelay(changeDelay)}`);
  console.log(`the serving thread's event-loop delay while a page was added: ${formatLoopDelay(addDelay)}`);
} finally {
  await server.stop();
  rmSync(delayFile, { force: true });
  rmSync(memoryFile, { force: true });
}
