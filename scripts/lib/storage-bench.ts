// The forum's storage measured on each engine: posting latency (services, and the form over HTTP), and the forum's pages.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type DatabaseOptions } from '../../src/db/database.js';
import type { ClientKey } from '../../src/forum/client-key.js';
import { MIN_FILL_MS } from '../../src/forum/form-stamps.js';
import { createForum } from '../../src/forum/forum.js';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import { percentile, postReplies, seedPosting, type PostingFigures } from './forum-bench.js';
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
  /** Replies through the real form (POST /forum/t/{id}/reply) from `posters` members at once, on one server process. */
  readonly httpPosting: PostingFigures;
  /** GET /forum, whose category figures are read from the database at each request. */
  readonly forumHome: LoadResult;
  /** GET of a topic's page, when this build serves topic pages; undefined otherwise. */
  readonly topicPage: LoadResult | undefined;
}

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

export interface StorageBenchOptions {
  readonly connections: number;
  readonly seconds: number;
  /** Topics timed through the services. */
  readonly topics: number;
  /** Members posting replies through the form at once, and for how long at most. */
  readonly posters: number;
  readonly postingSeconds: number;
}

/** Members' accounts per poster: 10 posts each (the per-account limit), 100 a poster, more than a few seconds allow. */
const ACCOUNTS_PER_POSTER = 10;

/**
 * Posting latency through the services; then one server process (WORKERS=1, TRUST_PROXY=on so that each member posts
 * from an address of their own) on the engine: its pages under `connections` connections for `seconds`, then members
 * posting replies through the form at once.
 */
export async function measureStorage(engine: StorageEngine, options: StorageBenchOptions): Promise<StorageResult> {
  const posting = await timePosting(engine.options, options.topics);
  const seed = await seedPosting(engine.options, options.posters, ACCOUNTS_PER_POSTER);
  const server = await startServer({ env: { ...engine.env, STATS: 'off', TRUST_PROXY: 'on' } });
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
    const httpPosting = await postReplies(server.origin, seed, options);
    return { postingP50Ms: posting.p50, postingP99Ms: posting.p99, httpPosting, forumHome, topicPage };
  } finally {
    await server.stop();
  }
}
