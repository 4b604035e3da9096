// `node --expose-gc --import tsx scripts/lib/search-memory.ts [site dir]`: the heap one TermIndex of the 10,000-page site holds.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { EMPTY_NAVIGATION } from '../../src/content/navigation.js';
import { readPage } from '../../src/content/read-page.js';
import { buildSite } from '../../src/content/site.js';
import { searchDocumentOf } from '../../src/search/search-index.js';
import { TermIndex, type SearchDocument } from '../../src/search/term-index.js';
import { ROOT } from './root.js';

/**
 * `npm run scale` measures the whole process, where the serving, search and rendering threads share one RSS. This
 * builds the search thread's index alone, from documents serialised as they cross to that thread, and reports the
 * memory it holds once garbage is collected (in its heap, and outside it: postings, packed texts), and how long
 * indexing took.
 */
const siteDir = path.resolve(process.argv[2] ?? path.join(ROOT, 'test-output', 'site-10000'));
if (!existsSync(path.join(siteDir, 'navigation.yml')))
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'gen-pages.ts'), '10000', siteDir], { stdio: 'inherit' });
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

/** The heap and what typed arrays and Buffers hold outside it, in MB, once garbage is collected. */
const usedMb = (): { heap: number; outside: number } => {
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heap: heapUsed / 2 ** 20, outside: arrayBuffers / 2 ** 20 };
};

/** The site's documents in messages of 64, serialised as postMessage sends them: outside the heap until indexed. */
function messages(): Buffer[] {
  const files = readdirSync(siteDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.md'));
  const pages = files.map((file) => readPage(file, readFileSync(path.join(siteDir, file))));
  const site = buildSite({ pages, navigation: EMPTY_NAVIGATION, removed: [], includeDrafts: false, now: Date.now() });
  const documents = [...site.pages.values()].map(searchDocumentOf);
  return Array.from({ length: Math.ceil(documents.length / 64) }, (_, n) => serialize(documents.slice(n * 64, n * 64 + 64)));
}

const batches = messages();
const before = usedMb();
const startedAt = process.cpuUsage();
const index = new TermIndex('en');
let pages = 0;
// Taken from the list one by one, so that each message is garbage once indexed, as on the search thread.
for (let batch = batches.shift(); batch; batch = batches.shift()) {
  const documents = deserialize(batch) as SearchDocument[];
  index.put(documents, false);
  pages += documents.length;
}
const used = process.cpuUsage(startedAt);
const after = usedMb();
console.log(
  `${pages} pages indexed in ${((used.user + used.system) / 1e6).toFixed(1)} s CPU; the index holds ` +
    `${(after.heap - before.heap).toFixed(1)} MB of heap and ${(after.outside - before.outside).toFixed(1)} MB outside it`,
);
// Kept reachable until measured.
index.query({ words: ['osh'], offset: 0, limit: 10 });
