// `npm run bench`: our server against nginx serving the static export of the same site, side by side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { exportSite } from '../src/export/export-site.js';
import { createLogger } from '../src/logger.js';
import { load, wrkAvailable, type LoadResult } from './lib/load.js';
import { nginxAvailable, startNginx } from './lib/nginx.js';
import { startServer } from './lib/server-process.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PAGE = '/un-in-kyrgyzstan/agencies/unodc/projects';
const CONNECTIONS = 50;
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);

if (!wrkAvailable() || !nginxAvailable()) {
  console.error('npm run bench needs wrk and nginx: apt-get install -y wrk nginx libnginx-mod-http-brotli-static');
  process.exit(2);
}

const row = (name: string, ours: LoadResult, theirs: LoadResult): string =>
  `${name.padEnd(24)} ${ours.requestsPerSecond.toFixed(0).padStart(9)} ${theirs.requestsPerSecond.toFixed(0).padStart(9)} ${(ours.requestsPerSecond / theirs.requestsPerSecond).toFixed(2).padStart(6)}   ` +
  `${ours.p50Ms.toFixed(2).padStart(6)} ${theirs.p50Ms.toFixed(2).padStart(6)}   ${ours.p99Ms.toFixed(2).padStart(6)} ${theirs.p99Ms.toFixed(2).padStart(6)}`;

const dist = mkdtempSync(path.join(tmpdir(), 'un-kg-bench-'));
const server = await startServer(ROOT);
const exporter = createApp(loadConfig({ NODE_ENV: 'production', SITE_URL: 'http://localhost:3000' }), { logger: createLogger({ silent: true }) });
await exportSite(exporter, dist);
const nginx = await startNginx(ROOT, { dist, app: server.origin.replace('http://', '') });

try {
  console.log(`Page ${PAGE}, ${CONNECTIONS} connections, ${SECONDS} s each, wrk on 127.0.0.1 (${(await import('node:os')).cpus().length} cores, Node ${process.version})`);
  console.log(`${'request'.padEnd(24)} ${'ours r/s'.padStart(9)} ${'nginx r/s'.padStart(9)} ${'ratio'.padStart(6)}   ${'p50 ms'.padStart(6)} ${'nginx'.padStart(6)}   ${'p99 ms'.padStart(6)} ${'nginx'.padStart(6)}`);
  for (const [name, headers] of [
    ['identity', {}],
    ['Accept-Encoding: br', { 'Accept-Encoding': 'br' }],
  ] as const) {
    // A short warm-up so neither side is measured cold.
    await load(server.origin + PAGE, { connections: CONNECTIONS, seconds: 1, headers });
    await load(nginx.origin + PAGE, { connections: CONNECTIONS, seconds: 1, headers });
    const ours = await load(server.origin + PAGE, { connections: CONNECTIONS, seconds: SECONDS, headers });
    const theirs = await load(nginx.origin + PAGE, { connections: CONNECTIONS, seconds: SECONDS, headers });
    console.log(row(name, ours, theirs));
  }
} finally {
  await nginx.stop();
  await server.stop();
  rmSync(dist, { recursive: true, force: true });
}
