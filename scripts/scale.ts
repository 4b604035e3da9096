// `npm run scale [-- pages]`: start-up time, memory and time-to-live of one change, on a generated large site.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/root.js';
import { build, rssMb, startServer } from './lib/server-process.js';

const count = Number(process.argv[2] ?? 10_000);
const site = path.join(ROOT, 'test-output', `site-${count}`);
if (!existsSync(path.join(site, 'navigation.yml')))
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'gen-pages.ts'), String(count), site], { stdio: 'inherit' });

const TARGETS = { readyMs: 3000, rssMb: 400, changeMs: 200 };
build();
const server = await startServer({ env: { CONTENT_DIR: site, STATS: 'off' } });
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

  // One changed file: time from the save until the server sends the new text.
  const file = path.join(site, 'section-7', 'page-3.md');
  const original = readFileSync(file, 'utf8');
  const marker = `Changed at ${Date.now()}`;
  const changedAt = performance.now();
  writeFileSync(file, original.replace('## Overview', `## Overview\n\n${marker}`));
  let changeMs = Number.NaN;
  for (;;) {
    const text = await (await fetch(server.origin + page)).text();
    if (text.includes(marker)) {
      changeMs = performance.now() - changedAt;
      break;
    }
    if (performance.now() - changedAt > 10_000) break;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  writeFileSync(file, original);

  const row = (name: string, value: number, target: number, unit: string): string =>
    `${name.padEnd(34)} ${value.toFixed(0).padStart(7)} ${unit.padEnd(3)} target < ${target} ${unit}  ${value < target ? 'ok' : 'MISSED'}`;
  console.log(`${count} pages, Node ${process.version}`);
  console.log(row('start to first served page', readyMs, TARGETS.readyMs, 'ms'));
  console.log(row('RSS when ready', rssAtReady, TARGETS.rssMb, 'MB'));
  console.log(row('RSS with all pages prepared', rssSettled, TARGETS.rssMb, 'MB'));
  console.log(row('one changed file live', changeMs, TARGETS.changeMs, 'ms'));
} finally {
  await server.stop();
}
