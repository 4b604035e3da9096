// The forum's storage measured on each engine: posting latency, and the forum's pages served from the database.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type DatabaseOptions } from '../../src/db/database.js';
import type { ClientKey } from '../../src/forum/client-key.js';
import { MIN_FILL_MS } from '../../src/forum/form-stamps.js';
import { createForum } from '../../src/forum/forum.js';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import { load, type LoadResult } from './load.js';
import { startServer } from './server-process.js';

/** One engine to measure: how a server and the bench open its database, and how to remove what the bench wrote. */
export interface StorageEngine {
  readonly name: string;
  readonly env: Record<string, string>;
  readonly options: DatabaseOptions;
  remove(): Promise<void>;
}

export function sqliteEngine(): StorageEngine {
  const dir = mkdtempSync(path.join(tmpdir(), 'un-kg-bench-sqlite-'));
  return { name: 'SQLite', env: { DATA_DIR: dir }, options: { dataDir: dir }, remove: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) };
}

/** A schema of its own in the database `url` names, dropped afterwards. */
export function postgresEngine(url: string): StorageEngine {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'un-kg-bench-pg-'));
  const options = { dataDir, databaseUrl: url, schema };
  return {
    name: 'PostgreSQL',
    env: { DATA_DIR: dataDir, DATABASE_URL: url, DATABASE_SCHEMA: schema },
    options,
    async remove() {
      const database = await openDatabase({ ...options, migrate: false });
      await database.db.schema.dropSchema(schema).ifExists().cascade().execute();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface StorageResult {
  /** Milliseconds per new topic (its first post), written one after another through the forum's services. */
  readonly postingP50Ms: number;
  readonly postingP99Ms: number;
  /** GET /forum, whose category figures are read from the database at each request. */
  readonly forumHome: LoadResult;
  /** GET of a topic's page, when this build serves topic pages; undefined otherwise. */
  readonly topicPage: LoadResult | undefined;
}

const percentile = (sorted: readonly number[], share: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? Number.NaN;

/**
 * Writes `topics` topics as one administrator (never held for moderation), on a clock moved three minutes a post so that
 * no posting limit refuses one; each is timed from the call to its commit.
 */
async function timePosting(options: DatabaseOptions, topics: number): Promise<{ p50: number; p99: number; firstTopic: number }> {
  const database = await openDatabase(options);
  try {
    let now = Date.now();
    const forum = await createForum({ database, policy: PROJECT_PATHS.commonPasswords, clock: () => now, isCategory: (slug) => slug === 'general' });
    const created = await forum.accounts.createAdmin('BenchAdmin', 'a bench password long enough to pass');
    if (created.status !== 'created') throw new Error(`could not create the bench's administrator: ${created.status}`);
    const times: number[] = [];
    let firstTopic = 0;
    for (let index = 0; index < topics; index += 1) {
      const stamp = forum.formStamps.issue(created.member.id);
      now += Math.max(MIN_FILL_MS, 3 * 60 * 1000);
      const started = performance.now();
      const result = await forum.topics.start({
        authorId: created.member.id,
        categorySlug: 'general',
        title: `Benchmark topic number ${index + 1}`,
        body: `The body of benchmark topic number ${index + 1}, written to time one post.`,
        form: { honeypot: '', stamp },
        client: 'bench' as ClientKey,
      });
      times.push(performance.now() - started);
      if (result.status !== 'created') throw new Error(`topic ${index + 1} was refused: ${JSON.stringify(result)}`);
      if (index === 0) firstTopic = result.topicId;
    }
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), firstTopic };
  } finally {
    await database.close();
  }
}

/** Posting latency, then one server process (WORKERS=1) on the engine under `connections` connections for `seconds`. */
export async function measureStorage(engine: StorageEngine, options: { connections: number; seconds: number; topics: number }): Promise<StorageResult> {
  const posting = await timePosting(engine.options, options.topics);
  const server = await startServer({ env: { ...engine.env, STATS: 'off' } });
  try {
    const run = async (url: string): Promise<LoadResult> => {
      await load(url, { connections: options.connections, seconds: 1 });
      return load(url, { connections: options.connections, seconds: options.seconds });
    };
    const forumHome = await run(`${server.origin}/forum`);
    // Topic pages come with the forum's posting pages; measured as soon as this build serves them.
    // At the address the topic's page ends up at, should its address redirect to a longer one.
    const topic = await fetch(`${server.origin}/forum/t/${posting.firstTopic}`);
    await topic.arrayBuffer();
    const topicPage = topic.status === 200 ? await run(topic.url) : undefined;
    return { postingP50Ms: posting.p50, postingP99Ms: posting.p99, forumHome, topicPage };
  } finally {
    await server.stop();
  }
}
