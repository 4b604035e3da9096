// `npm run bench`, forum search: a large forum's topics in site search, and what searching and rebuilding them cost page serving.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { openDatabase, type ForumDatabase } from '../../src/db/database.js';
import type { DatabaseSchema } from '../../src/db/schema.js';
import { isoTime } from '../../src/db/values.js';
import { APPROVALS_BEFORE_TRUSTED } from '../../src/forum/pre-moderation.js';
import { createLogger } from '../../src/lib/logger.js';
import { addMember } from './add-member.js';
import { buildApp } from './build-app.js';
import { textGenerator } from './generated-text.js';
import { listen } from './listen.js';
import { load, type LoadResult } from './load.js';
import { ROOT } from './root.js';
import { startServer } from './server-process.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = 50;
const TOPICS = Number(process.env['BENCH_FORUM_TOPICS'] ?? 5_000);
const POSTS = Number(process.env['BENCH_FORUM_POSTS'] ?? 20_000);
const PAGE = '/un-in-kyrgyzstan/agencies/unodc/projects';
/** A normal page asked by 10 connections, each pausing 10 ms between requests: visitors, not a flood. */
const VISITORS = { connections: 10, seconds: SECONDS, pauseMs: 10, headers: { 'Accept-Encoding': 'br' } };
/** Forum changes timed in-process, one after another, each followed by the search that rebuilds the index. */
const CHANGES = 5;

const cell = (value: number, digits: number, width: number): string => value.toFixed(digits).padStart(width);
const load1 = (): string => cell(loadavg()[0]!, 1, 5);
const WIDTHS = [9, 7, 8, 9, 10, 5, 7];
const header = (title: string, columns: readonly string[]): string =>
  `${title.padEnd(60)} ${columns.map((name, index) => name.padStart(WIDTHS[index]!)).join(' ')}`;
function row(name: string, result: LoadResult): string {
  const refused = (100 * result.non2xx3xx) / Math.max(result.requests, 1);
  const searched = result.requestsPerSecond * (1 - refused / 100);
  const cells = [cell(result.requestsPerSecond, 0, 9), cell(result.p50Ms, 2, 7), cell(result.p99Ms, 2, 8), `${cell(refused, 1, 8)}%`, cell(searched, 0, 10)];
  return `${name.padEnd(60)} ${cells.join(' ')} ${load1()} ${String(result.errors).padStart(7)}`;
}
/** wrk counts a request unanswered after 2 s as a timeout, among its errors, and leaves it out of the percentiles. */
const plain = (name: string, result: LoadResult): string =>
  [
    name.padEnd(60),
    cell(result.requestsPerSecond, 0, 9),
    cell(result.p50Ms, 2, 7),
    cell(result.p99Ms, 2, 8),
    ''.padStart(20),
    load1(),
    String(result.errors).padStart(7),
  ].join(' ');

/** The categories of content/forum.yml, where the bench's topics are filed. */
function categorySlugs(): string[] {
  const yaml = readFileSync(path.join(ROOT, 'content', 'forum.yml'), 'utf8');
  return [...yaml.matchAll(/^ {2}- slug: (\S+)$/gm)].map((match) => match[1]!);
}

export interface SeededForum {
  /** Words of the posts, most frequent first (four letters or more), for queries that find topics. */
  readonly vocabulary: readonly string[];
  readonly authorId: number;
}

/**
 * TOPICS public topics with POSTS published posts between them, written straight into the tables in one transaction
 * (through the services, each post a commit flushed to disk, 20,000 posts took minutes). The text is the generated
 * site's (generated-text.ts), in Markdown as members write it: paragraphs, now and then emphasis, a link or a list.
 */
async function seedForum(database: ForumDatabase): Promise<SeededForum> {
  const text = textGenerator(2026);
  const slugs = categorySlugs();
  const authors: number[] = [];
  for (let index = 0; index < 40; index += 1)
    authors.push(await addMember(database, `bench-member-${index}`, 'member', { approvedPosts: APPROVALS_BEFORE_TRUSTED }));
  const counts = new Map<string, number>();
  const body = (names: readonly string[]): string => {
    const parts = [text.paragraph(names)];
    const roll = text.random();
    if (roll < 0.3) parts.push(`**${text.pick(names)}** ${text.sentence(names)} See [the report](https://www.undp.org/kyrgyzstan).`);
    else if (roll < 0.5) parts.push(`- ${text.sentence(names)}\n- ${text.sentence(names)}`);
    if (text.random() < 0.5) parts.push(text.paragraph(names));
    const markdown = parts.join('\n\n');
    for (const word of markdown.toLowerCase().match(/\p{L}{4,}/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
    return markdown;
  };
  let now = Date.UTC(2025, 0, 1);
  await database.db.transaction().execute(async (trx) => {
    for (let topic = 0; topic < TOPICS; topic += 1) {
      const names = text.pageNames();
      const title = text
        .sentence(names)
        .split(' ')
        .slice(0, 4 + Math.floor(text.random() * 6))
        .join(' ')
        .replace(/[.,;:]$/, '');
      const posts = Math.floor(POSTS / TOPICS) + (topic < POSTS % TOPICS ? 1 : 0);
      const started = isoTime(now);
      const { id } = await trx
        .insertInto('topics')
        .values({
          category_slug: slugs[topic % slugs.length]!,
          title,
          author_id: authors[topic % authors.length]!,
          created_at: started,
          last_post_at: started,
          changed_at: started,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      let last = 0;
      for (let post = 0; post < posts; post += 1) {
        now += 60_000;
        const at = isoTime(now);
        const author = authors[(topic + post) % authors.length]!;
        last = await insertVisiblePost(trx, { topicId: id, authorId: author, body: body(names), at });
      }
      const at = isoTime(now);
      await trx.updateTable('topics').set({ last_post_id: last, last_post_at: at, changed_at: at, post_count: posts }).where('id', '=', id).execute();
    }
  });
  return { vocabulary: [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([word]) => word), authorId: authors[0]! };
}

/** A published post written straight into the table, as seeding and changing the bench's forum both need; its id. */
async function insertVisiblePost(
  db: Kysely<DatabaseSchema>,
  post: { readonly topicId: number; readonly authorId: number; readonly body: string; readonly at: string },
): Promise<number> {
  const { id } = await db
    .insertInto('posts')
    .values({
      topic_id: post.topicId,
      author_id: post.authorId,
      body: post.body,
      body_sha256: null,
      created_at: post.at,
      edited_at: null,
      status: 'visible',
      published_at: post.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** One reply added to the first topic, as posting would: the forum's search version moves, so the next search rebuilds. */
async function changeForum(database: ForumDatabase, authorId: number, marker: string): Promise<void> {
  const at = isoTime(Date.now());
  const id = await insertVisiblePost(database.db, { topicId: 1, authorId, body: `A reply that names ${marker}.`, at });
  await database.db.updateTable('topics').set({ last_post_id: id, last_post_at: at, changed_at: at }).where('id', '=', 1).execute();
}

/** `count` search paths of one to three of the forum's words, drawn by Zipf's law, all different. */
function forumQueries(vocabulary: readonly string[], count: number): string[] {
  const text = textGenerator(7);
  const word = (): string => vocabulary[Math.min(vocabulary.length - 1, Math.floor(Math.exp(text.random() * Math.log(vocabulary.length))) - 1)]!;
  const seen = new Set<string>();
  while (seen.size < count) seen.add(Array.from({ length: text.random() < 0.5 ? 1 : text.random() < 0.7 ? 2 : 3 }, word).join('+'));
  return [...seen].map((query) => `/search?q=${encodeURI(query)}`);
}

/** A word of letters no post has: a marker for one change, found only once the index holds that change. */
const markerWord = (index: number): string => `zqx${String.fromCharCode(97 + (index % 26))}${String.fromCharCode(97 + Math.floor(index / 26))}marker`;

/** Asks `origin` for the marker until the forum's part of the results shows it: the change is then in the index. */
async function searchUntilFound(origin: string, marker: string): Promise<void> {
  for (;;) {
    const response = await fetch(`${origin}/search?q=${marker}`);
    const html = await response.text();
    if (response.status === 200 && html.includes('/forum/t/1"')) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface ChangeCost {
  /** From the change written to the search that shows it answered. */
  readonly wallMs: number;
  /** The serving thread's busy time meanwhile (event loop utilisation). */
  readonly busyMs: number;
  /** The longest the serving thread was held at once (event loop delay's maximum), waiting for a core included. */
  readonly longestMs: number;
  /** The longest garbage collection pause meanwhile, of this process's heap. */
  readonly gcMs: number;
}

/**
 * In this process, the app on the seeded forum, so that its serving thread can be watched: for each change, how long
 * that thread was busy and the longest it was held at once until a search showed the change (the index rebuilt).
 */
async function changeCosts(dataDir: string, database: ForumDatabase, authorId: number): Promise<ChangeCost[]> {
  const { app } = buildApp(
    { NODE_ENV: 'production', DATA_DIR: dataDir, STATS: 'off', SITE_URL: 'http://127.0.0.1' },
    { logger: createLogger({ silent: true }) },
  );
  const served = await listen(app.handle);
  try {
    await app.forum.ready();
    await searchUntilFound(served.origin, 'zqxwarmupmarker').catch(() => undefined);
    const costs: ChangeCost[] = [];
    const delay = monitorEventLoopDelay({ resolution: 1 });
    let gcMs = 0;
    const gc = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) gcMs = Math.max(gcMs, entry.duration);
    });
    gc.observe({ entryTypes: ['gc'] });
    for (let index = 0; index < CHANGES; index += 1) {
      const marker = markerWord(index);
      delay.reset();
      delay.enable();
      gcMs = 0;
      const before = performance.eventLoopUtilization();
      const started = performance.now();
      await changeForum(database, authorId, marker);
      await searchUntilFound(served.origin, marker);
      const wallMs = performance.now() - started;
      const busy = performance.eventLoopUtilization(before);
      delay.disable();
      costs.push({ wallMs, busyMs: busy.active, longestMs: delay.max / 1e6, gcMs });
    }
    gc.disconnect();
    return costs;
  } finally {
    app.close();
    await app.closed();
    await served.close();
  }
}

export async function benchForumSearch(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'un-kg-bench-forum-search-'));
  const database = await openDatabase({ dataDir });
  try {
    const seeding = performance.now();
    const { vocabulary, authorId } = await seedForum(database);
    const seeded = ((performance.now() - seeding) / 1000).toFixed(1);
    console.log(
      `\nforum search: ${TOPICS.toLocaleString('en')} topics, ${POSTS.toLocaleString('en')} posts (seeded in ${seeded} s), ` +
        `one server process (WORKERS=1), the site's own pages`,
    );
    // The first change: a marker found only in the warm-up, so the in-process app has an index before the timed changes.
    await changeForum(database, authorId, 'zqxwarmupmarker');
    const costs = await changeCosts(dataDir, database, authorId);
    const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
    const max = (values: readonly number[]): number => Math.max(0, ...values);
    console.log(
      `one forum change until a search shows it, ${CHANGES} changes (in-process):\n` +
        `  wall time mean ${mean(costs.map((cost) => cost.wallMs)).toFixed(0)} ms, max ${max(costs.map((cost) => cost.wallMs)).toFixed(0)} ms; ` +
        `serving thread busy mean ${mean(costs.map((cost) => cost.busyMs)).toFixed(0)} ms, max ${max(costs.map((cost) => cost.busyMs)).toFixed(0)} ms; ` +
        `longest single hold mean ${mean(costs.map((cost) => cost.longestMs)).toFixed(1)} ms, max ${max(costs.map((cost) => cost.longestMs)).toFixed(1)} ms ` +
        `(of which the longest GC pause: max ${max(costs.map((cost) => cost.gcMs)).toFixed(1)} ms); load average ${loadavg()[0]!.toFixed(1)}\n` +
        "  (the serving thread here also runs the bench: its polling search every 50 ms, and its heap's collections)",
    );

    const server = await startServer({ env: { WORKERS: '1', DATA_DIR: dataDir, STATS: 'off' } });
    try {
      await searchUntilFound(server.origin, markerWord(CHANGES - 1));
      const queries = forumQueries(vocabulary, 20_000);
      await load(server.origin + PAGE, { ...VISITORS, seconds: 2 });
      const alone = await load(server.origin + PAGE, VISITORS);
      const [during, flood] = await Promise.all([
        load(server.origin + PAGE, VISITORS),
        load(`${server.origin}/search`, { connections: CONNECTIONS, seconds: SECONDS, paths: queries }),
      ]);
      // The forum changing again and again, each change followed by searches, which rebuild the index for it.
      let stop = false;
      let changes = 0;
      const changing = (async (): Promise<void> => {
        while (!stop) {
          const marker = markerWord(100 + changes);
          await changeForum(database, authorId, marker);
          await searchUntilFound(server.origin, marker);
          changes += 1;
        }
      })();
      const whileChanging = await load(server.origin + PAGE, VISITORS);
      stop = true;
      await changing;
      console.log(header(`a normal page (${PAGE}), 10 connections pausing 10 ms`, ['r/s', 'p50 ms', 'p99 ms', 'refused', 'searched/s', 'load', 'errors']));
      console.log(plain('alone', alone));
      console.log(plain(`while ${CONNECTIONS} connections search words of the forum`, during));
      console.log(row('  the searches meanwhile (every query new)', flood));
      console.log(plain(`while the forum changes, each change searched (${changes} in ${SECONDS} s)`, whileChanging));
    } finally {
      await server.stop();
    }
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
