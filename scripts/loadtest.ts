// npm run loadtest [-- --duration 60 --connections 100]: loads the production server on 127.0.0.1 with every page,
// asset and redirect, and fails on any error, any answer outside 2xx/3xx, or RSS growing more than 10% while it runs.
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { rssMb, startServer } from './lib/server-process.js';

/** RSS may grow this much between the second 10 s and the last 10 s: more suggests a leak. */
const MAX_RSS_GROWTH = 0.1;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '100' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
if (!Number.isInteger(duration) || duration < 3) throw new Error(`--duration must be a whole number of seconds, at least 3, got ${values.duration}`);
if (!Number.isInteger(connections) || connections < 1) throw new Error(`--connections must be a positive whole number, got ${values.connections}`);

async function text(url: string, init?: RequestInit): Promise<{ status: number; body: string }> {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.text() };
}

// Production, from src/ through tsx; the request log goes to /dev/null, so the pipe slows neither the server nor this process.
const server = await startServer({ source: true });
const { origin } = server;
const serverErrors = (): string[] => server.stderr.atLevel('error').map((line) => JSON.stringify(line));

try {
  // Every page in the sitemap, the generated files, the assets a page links, and, as a browser following old links
  // would, the upper-case spelling of every fifth page, which answers with a 301 to the canonical address.
  const pages = [...(await text(`${origin}/sitemap-pages.xml`)).body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
  const home = (await text(`${origin}/`)).body;
  const assets = [...new Set([...home.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!)), '/favicon.svg'];
  const redirects = pages.filter((page, index) => page !== '/' && index % 5 === 0).map((page) => page.toUpperCase());
  const generated = ['/sitemap.xml', '/sitemap-pages.xml', '/robots.txt', '/news.atom', '/healthz'];
  const paths = [...pages, ...generated, ...assets, ...redirects];
  for (const url of paths) {
    const { status } = await text(origin + url, { redirect: 'manual' });
    if (status < 200 || status >= 400) throw new Error(`${url} answers ${status} before the load starts; the mix must be 2xx and 3xx only`);
  }
  // Browsers ask for brotli or gzip; a few clients ask for neither.
  const encodings = ['br, gzip, deflate', 'gzip, deflate', 'identity'];
  const requests = paths.map((url, index) => ({ method: 'GET' as const, path: url, headers: { 'accept-encoding': encodings[index % encodings.length]! } }));

  const samples: { second: number; rss: number }[] = [];
  const started = performance.now();
  const sampler = setInterval(() => {
    samples.push({ second: (performance.now() - started) / 1000, rss: rssMb(server.process.pid!) });
  }, 1000);

  const mix = `${pages.length} pages, ${generated.length} generated, ${assets.length} assets, ${redirects.length} redirects`;
  console.log(`load test: ${duration} s, ${connections} connections, ${paths.length} addresses (${mix}) on ${origin}`);
  const result = await autocannon({ url: origin, connections, duration, requests });
  clearInterval(sampler);

  // Compare the second window with the last: the first window holds start-up and warm-up (JIT, caches, buffers).
  const window = Math.min(10, Math.floor(duration / 3));
  const mean = (from: number, to: number): number => {
    const inside = samples.filter((sample) => sample.second > from && sample.second <= to).map((sample) => sample.rss);
    return inside.reduce((sum, value) => sum + value, 0) / inside.length;
  };
  const early = mean(window, 2 * window);
  const late = mean(duration - window, duration + 1);
  const growth = (late - early) / early;
  const outside = result['1xx'] + result['4xx'] + result['5xx'];
  const cpus = os.cpus();

  const cpu = `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`;
  console.log(`machine:    ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.type()} ${os.release()}, Node ${process.version}`);
  console.log(`requests:   ${result.requests.total} in ${result.duration.toFixed(1)} s, ${Math.round(result.requests.average)} requests/s`);
  console.log(`latency:    p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
  console.log(`errors:     ${result.errors} (timeouts ${result.timeouts})`);
  console.log(`statuses:   2xx ${result['2xx']}, 3xx ${result['3xx']}, outside 2xx/3xx ${outside}`);
  const change = `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%`;
  console.log(`RSS:        ${early.toFixed(1)} MB in seconds ${window}–${2 * window}, ${late.toFixed(1)} MB in the last ${window} s (${change})`);
  const errors = serverErrors();
  console.log(`server log: ${errors.length} errors`);

  const failures = [
    ...(result.errors > 0 ? [`${result.errors} errors`] : []),
    ...(outside > 0 ? [`${outside} answers outside 2xx/3xx`] : []),
    ...(!(growth <= MAX_RSS_GROWTH) ? [`RSS grew ${(growth * 100).toFixed(1)}%, more than ${MAX_RSS_GROWTH * 100}%`] : []),
    ...(errors.length > 0 ? [`the server logged errors, first: ${errors[0]}`] : []),
  ];
  const exitCode = await server.stop();
  if (exitCode !== 0) failures.push(`the server exited with ${exitCode} on SIGTERM`);
  console.log(failures.length === 0 ? 'result:     PASS' : `result:     FAIL: ${failures.join('; ')}`);
  process.exitCode = failures.length === 0 ? 0 : 1;
} catch (error) {
  await server.stop();
  throw error;
}
