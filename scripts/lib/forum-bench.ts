// The forum's figures for `npm run bench`: a topic page's throughput beside a content page's, and posting latency.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type DatabaseOptions } from '../../src/db/database.js';
import { MIN_FILL_MS } from '../../src/forum/form-stamps.js';
import { createForum } from '../../src/forum/forum.js';
import { APPROVALS_BEFORE_TRUSTED } from '../../src/forum/pre-moderation.js';
import { SESSION_COOKIE_NAME } from '../../src/forum/session-cookie.js';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import { addMember } from './add-member.js';
import { load, type LoadResult } from './load.js';
import { startServer } from './server-process.js';

/** One signed-in account of a poster, with a stamp for its forms and its own address (TRUST_PROXY=on). */
export interface Account {
  readonly cookie: string;
  readonly csrf: string;
  readonly stamp: string;
  readonly address: string;
}

/** Replies posted through the real form (POST /forum/t/{id}/reply) by members at once: 303s and their latency. */
export interface PostingFigures {
  readonly posts: number;
  readonly failures: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface ForumFigures extends PostingFigures {
  readonly content: LoadResult;
  readonly topic: LoadResult;
}

export interface ForumBenchOptions {
  readonly contentPage: string;
  readonly connections: number;
  readonly seconds: number;
  readonly posters: number;
  /** How long the posters post, at most. */
  readonly postingSeconds: number;
  /** The server's WORKERS: "auto", as the rest of the bench, or "1", the default. */
  readonly workers: string;
}

/**
 * Accounts per concurrent poster. A member may post LIMITS.postsPerAccount (10) times in 10 minutes: a poster moves to
 * its next account after 10 posts, so the run measures posting, not the limit's 429s.
 */
const ACCOUNTS_PER_POSTER = 40;
const POSTS_PER_ACCOUNT = 10;
const TOPICS = 5;

/** What the posters need: topics to reply to, signed-in accounts, and when their forms' stamps were issued. */
export interface PostingSeed {
  readonly topicIds: readonly number[];
  readonly accounts: readonly Account[];
  readonly seededAt: number;
}

/**
 * TOPICS topics in "general", the first with one full page of posts (20), written through the services on a clock
 * moved on as a member would post; then signed-in accounts for the posters, on the real clock.
 */
export async function seedPosting(options: DatabaseOptions, posters: number, accountsPerPoster = ACCOUNTS_PER_POSTER): Promise<PostingSeed> {
  const database = await openDatabase(options);
  try {
    let now = Date.now() - 24 * 60 * 60 * 1000;
    const isCategory = (slug: string): boolean => slug === 'general';
    const past = await createForum({ database, policy: PROJECT_PATHS.commonPasswords, isCategory, clock: () => now });
    const author = await addMember(database, 'bench-author', 'member', { approvedPosts: APPROVALS_BEFORE_TRUSTED });
    const client = past.clientKeys.forAddress('192.0.2.1');
    const form = (): { honeypot: string; stamp: string } => {
      const stamp = past.formStamps.issue(author);
      now += 90_000;
      return { honeypot: '', stamp };
    };
    const body = (index: number): string =>
      `Post ${index} of the bench. The **UNODC** office in Osh works on [drug control](https://www.unodc.org/) with the border services:\n\n` +
      '> a quoted line from an earlier post\n\n- a list item\n- another list item, with `code`\n\nA closing paragraph of a few more words.';
    const topicIds: number[] = [];
    for (let index = 0; index < TOPICS; index += 1) {
      const started = await past.topics.start({
        authorId: author,
        categorySlug: 'general',
        title: `Bench topic ${index + 1}`,
        body: body(100 + index),
        form: form(),
        client,
      });
      if (started.status !== 'created') throw new Error(`seeding a topic: ${JSON.stringify(started)}`);
      topicIds.push(started.topicId);
    }
    for (let index = 1; index < 20; index += 1) {
      const replied = await past.posts.reply({ authorId: author, topicId: topicIds[0]!, body: body(index), form: form(), client });
      if (replied.status !== 'created') throw new Error(`seeding a reply: ${JSON.stringify(replied)}`);
    }
    const present = await createForum({ database, policy: PROJECT_PATHS.commonPasswords, isCategory });
    const accounts: Account[] = [];
    for (let index = 0; index < posters * accountsPerPoster; index += 1) {
      const id = await addMember(database, `bench-poster-${index}`, 'member', { approvedPosts: APPROVALS_BEFORE_TRUSTED });
      const session = await present.sessions.start(id);
      const address = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
      accounts.push({ cookie: `${SESSION_COOKIE_NAME}=${session.token}`, csrf: session.csrfToken, stamp: present.formStamps.issue(id), address });
    }
    return { topicIds, accounts, seededAt: performance.now() };
  } finally {
    await database.close();
  }
}

export function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

/**
 * `posters` loops, each posting replies one after another through its accounts until time or accounts run out;
 * latencies of 303s. First waits, if need be, until the stamps are as old as a person's would be (the time trap).
 */
export async function postReplies(
  origin: string,
  seed: PostingSeed,
  options: { readonly posters: number; readonly postingSeconds: number },
): Promise<PostingFigures> {
  const wait = MIN_FILL_MS + 500 - (performance.now() - seed.seededAt);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const { topicIds, accounts } = seed;
  const accountsPerPoster = accounts.length / options.posters;
  const latencies: number[] = [];
  let failures = 0;
  let serial = 0;
  const started = performance.now();
  const deadline = started + options.postingSeconds * 1000;
  const poster = async (index: number): Promise<void> => {
    const mine = accounts.slice(index * accountsPerPoster, (index + 1) * accountsPerPoster);
    for (let count = 0; performance.now() < deadline && count < mine.length * POSTS_PER_ACCOUNT; count += 1) {
      const account = mine[Math.floor(count / POSTS_PER_ACCOUNT)]!;
      const topicId = topicIds[1 + (index % (topicIds.length - 1))]!;
      serial += 1;
      const form = new URLSearchParams({
        csrf: account.csrf,
        stamp: account.stamp,
        website: '',
        body: `Reply ${serial} from poster ${index}: a short answer.`,
      });
      const sent = performance.now();
      const response = await fetch(`${origin}/forum/t/${topicId}/reply`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Cookie: account.cookie,
          Origin: origin,
          'Sec-Fetch-Site': 'same-origin',
          'X-Forwarded-For': account.address,
        },
        body: form,
      });
      await response.arrayBuffer();
      if (response.status === 303) latencies.push(performance.now() - sent);
      else failures += 1;
    }
  };
  await Promise.all(Array.from({ length: options.posters }, (_, index) => poster(index)));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { posts: latencies.length, failures, seconds, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) };
}

/**
 * A server of its own (TRUST_PROXY=on, its data in a temporary folder): the content page and a topic page (20 posts, as
 * a reader gets it, brotli) one after the other, then the posters.
 */
export async function benchForum(options: ForumBenchOptions): Promise<ForumFigures> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'un-kg-bench-forum-'));
  try {
    const seed = await seedPosting({ dataDir }, options.posters);
    const { topicIds } = seed;
    const server = await startServer({ env: { WORKERS: options.workers, TRUST_PROXY: 'on', DATA_DIR: dataDir } });
    try {
      const headers = { 'Accept-Encoding': 'br' };
      const topicPage = `${server.origin}/forum/t/${topicIds[0]}`;
      for (const url of [server.origin + options.contentPage, topicPage]) await load(url, { connections: options.connections, seconds: 1, headers });
      const content = await load(server.origin + options.contentPage, { connections: options.connections, seconds: options.seconds, headers });
      const topic = await load(topicPage, { connections: options.connections, seconds: options.seconds, headers });
      const posting = await postReplies(server.origin, seed, options);
      return { content, topic, ...posting };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
