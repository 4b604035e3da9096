// Two app servers (processes) on one PostgreSQL behind nginx (deploy/nginx-several-servers.conf): one site, whichever
// server answers; a server killed under load or a database restart costs no failed page and no acknowledged write.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { Response } from 'supertest';
import { openDatabase, type ForumDatabase } from '../../src/db/database.js';
import { exportSite } from '../../src/export/export-site.js';
import { MIN_FILL_MS } from '../../src/forum/form-stamps.js';
import { freePort } from '../../scripts/lib/listen.js';
import { ROOT } from '../../scripts/lib/root.js';
import { nginxAvailable, startNginx, type RunningNginx } from '../../scripts/lib/nginx.js';
import { startServer, type ServerProcess } from '../../scripts/lib/server-process.js';
import { postgresBin, startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.js';
import { hiddenFields, Visitor } from '../helpers/forum-web.js';
import { addMember, PASSWORD } from '../helpers/forum.js';
import { eventually } from '../helpers/eventually.js';
import { html, testApp } from '../helpers/test-app.js';

const PROJECT_CONTENT = path.join(ROOT, 'content');

function skipReason(): string | undefined {
  if (!postgresBin() && process.env['REQUIRE_POSTGRES'] !== '1') return 'PostgreSQL is not installed (apt-get install -y postgresql)';
  if (!nginxAvailable() && process.env['REQUIRE_NGINX'] !== '1') return 'nginx is not installed (apt-get install -y nginx libnginx-mod-http-brotli-static)';
  return undefined;
}

/** GETs `paths` in turn, from `workers` loops, until stop() is called; every answer that is not 200 is kept with its reason. */
function readLoad(origin: string, paths: readonly string[], workers: number) {
  let running = true;
  let sent = 0;
  const failures: string[] = [];
  const loops = Array.from({ length: workers }, async (_, worker) => {
    for (let index = worker; running; index += 1) {
      const url = origin + paths[index % paths.length]!;
      try {
        const response = await fetch(url, { redirect: 'manual' });
        await response.arrayBuffer();
        if (response.status !== 200) failures.push(`${response.status} ${url}`);
      } catch (error) {
        failures.push(`${(error as Error).message} ${url}`);
      }
      sent += 1;
    }
  });
  return {
    failures,
    sent: () => sent,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Waits, polling, until `condition` holds; fails only when it seems to hang (30 s and 10 s bounds were a machine's speed). */
function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  return eventually(what, condition);
}

/** Between getting a posting form and sending it, beyond MIN_FILL_MS: the stamp's milliseconds are whole, the timer's are not. */
const FILL_MARGIN_MS = 100;

/**
 * Opens a posting form's page, waits as long as the time trap asks of a person (MIN_FILL_MS on the clock the servers
 * share with this test: the stamp was issued before the page arrived), then sends the form with its hidden fields.
 */
async function fillInTime(visitor: Visitor, page: string, fields: Record<string, string>): Promise<Response> {
  const form = await visitor.get(page);
  assert.equal(form.status, 200, `${page} shows its form`);
  await delay(MIN_FILL_MS + FILL_MARGIN_MS);
  return visitor.post(page, { ...hiddenFields(form.text, page), ...fields });
}

/** The topic and post a posting form's 303 leads to (/forum/t/ID…#post-ID). */
function postedAt(response: Response): { topicId: number; postId: number } {
  assert.equal(response.status, 303, response.text.slice(0, 300));
  const match = /^\/forum\/t\/(\d+)[^#]*#post-(\d+)$/.exec(String(response.headers['location']));
  assert.ok(match, `a post's address: ${response.headers['location']}`);
  return { topicId: Number(match[1]), postId: Number(match[2]) };
}

/** An iPad's Safari: a browser (so counted), and a device class that only the statistics test sends. */
const TABLET = 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

/** /stats's tables as name → views: pages by title, referring sites by host, devices by class. */
function statsRows(text: string): Map<string, string> {
  const rows = [...html(text).querySelectorAll('.stats-table tbody tr')].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? ''));
  return new Map(rows.filter((cells) => cells.length === 2).map(([name, views]) => [name!, views!]));
}

describe('two app servers on one PostgreSQL behind nginx', { skip: skipReason() }, () => {
  // A PostgreSQL of this test's own, since the test stops and starts it: the shared test cluster is never disturbed.
  let postgres: PrivatePostgres;
  let direct: ForumDatabase;
  let dist: string;
  /** Each server's own folders: DATA_DIR, and its own copy of content/, as on separate machines. */
  const serverDirs: { data: string; content: string }[] = [];
  let serverA: ServerProcess;
  let serverB: ServerProcess;
  let nginx: RunningNginx;

  before(async () => {
    postgres = await startPrivatePostgres();
    dist = mkdtempSync(path.join(tmpdir(), 'un-kg-several-export-'));
    const exporter = testApp();
    await exportSite(exporter, dist);
    exporter.close();
    // nginx's address first: it is the site's address (SITE_URL) that the servers check forms against.
    const port = await freePort();
    const env = { DATABASE_URL: postgres.url, TRUST_PROXY: 'on', SITE_URL: `http://127.0.0.1:${port}` };
    // Both start at once, as after a deploy: each migrates the new database at start, under PostgreSQL's advisory lock.
    const start = (name: string): Promise<ServerProcess> => {
      const dirs = { data: mkdtempSync(path.join(tmpdir(), `un-kg-server-${name}-`)), content: mkdtempSync(path.join(tmpdir(), `un-kg-content-${name}-`)) };
      cpSync(PROJECT_CONTENT, dirs.content, { recursive: true });
      serverDirs.push(dirs);
      return startServer({ source: true, readStdout: true, env: { ...env, DATA_DIR: dirs.data, CONTENT_DIR: dirs.content } });
    };
    [serverA, serverB] = await Promise.all([start('a'), start('b')]);
    nginx = await startNginx({ dist, app: [serverA, serverB].map((server) => server.origin.replace('http://', '')), port, workers: 1 });
    direct = await openDatabase({ dataDir: ':memory:', databaseUrl: postgres.url, poolSize: 1 });
  });

  after(async () => {
    await nginx?.stop();
    await Promise.all([serverA, serverB].map((server) => server?.stop('SIGKILL')));
    await direct?.close();
    await postgres?.remove();
    for (const dir of [dist, ...serverDirs.flatMap((dirs) => [dirs.data, dirs.content])]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the same bytes for the same page from both servers (equal ETags)', async () => {
    for (const url of ['/', '/country-info', '/un-in-kyrgyzstan/agencies/unodc', '/news']) {
      const [a, b] = await Promise.all([fetch(serverA.origin + url), fetch(serverB.origin + url)]);
      assert.equal(a.status, 200, url);
      assert.ok(a.headers.get('etag'), `${url} has an ETag`);
      assert.equal(a.headers.get('etag'), b.headers.get('etag'), url);
      assert.equal(await a.text(), await b.text(), url);
    }
  });

  it('takes a deployed content change on each server with SIGHUP, and serves it with equal ETags again', async () => {
    const url = '/country-info';
    const before = (await fetch(serverA.origin + url)).headers.get('etag');
    // A deploy: the same new text written into each server's own copy of content/, then SIGHUP to each.
    const added = '\nThe UN team in Kyrgyzstan met in Bishkek to plan the next programme cycle.\n';
    for (const dirs of serverDirs) appendFileSync(path.join(dirs.content, 'country-info.md'), added);
    for (const server of [serverA, serverB]) server.kill('SIGHUP');
    const served = async (server: ServerProcess) => {
      const response = await fetch(server.origin + url);
      return { etag: response.headers.get('etag'), text: await response.text() };
    };
    const pages: { etag: string | null; text: string }[] = [];
    await until(async () => {
      pages.splice(0, pages.length, await served(serverA), await served(serverB));
      return pages.every((page) => page.text.includes('plan the next programme cycle'));
    }, 'both servers serving the change');
    assert.notEqual(pages[0]!.etag, before);
    assert.equal(pages[0]!.etag, pages[1]!.etag);
  });

  it('registers through one server, logs in through the other and through nginx, posts and replies through both, and shows both everywhere', async () => {
    assert.equal((await new Visitor(serverA.origin).register('Cholpon')).status, 303);
    const onB = new Visitor(serverB.origin);
    assert.equal((await onB.login('Cholpon')).status, 303);
    assert.match((await onB.get('/forum/account')).text, /Cholpon/);
    const throughNginx = new Visitor(nginx.origin);
    assert.equal((await throughNginx.login('Cholpon')).status, 303);
    assert.match((await throughNginx.get('/forum/account')).text, /Cholpon/);
    // A new member's first posts wait for a moderator, who approves them from the queue page, here through nginx.
    // The moderator's account is made as `npm run forum -- create-admin` would: straight in the database.
    await addMember(direct, 'Aida', 'moderator');
    const moderator = new Visitor(nginx.origin);
    assert.equal((await moderator.login('Aida', PASSWORD)).status, 303);
    const approve = async (postId: number): Promise<void> => {
      const response = await moderator.submit('/forum/moderation', {}, `/forum/moderation/post/${postId}/approve`);
      assert.equal(response.status, 303, response.text.slice(0, 300));
    };

    const title = 'Seen through both';
    const question = 'A question about the joint programmes, asked through one server and read through every server.';
    const topic = postedAt(await fillInTime(onB, '/forum/c/general/new', { title, body: question }));
    await approve(topic.postId);
    const onA = new Visitor(serverA.origin);
    assert.equal((await onA.login('Cholpon')).status, 303);
    const answer = 'An answer written through the other server, a minute later.';
    const reply = postedAt(await fillInTime(onA, `/forum/t/${topic.topicId}/reply`, { body: answer }));
    assert.equal(reply.topicId, topic.topicId);
    await approve(reply.postId);

    // Read as a reader would, only now: a reader's copy of a page may be kept for a few seconds (reader-pages.ts).
    for (const origin of [serverA.origin, serverB.origin, nginx.origin]) {
      const page = await new Visitor(origin).get(`/forum/t/${topic.topicId}`);
      assert.equal(page.status, 200, origin);
      const posts = [...html(page.text).querySelectorAll(`#post-${topic.postId}, #post-${reply.postId}`)].map((post) => post.textContent ?? '');
      assert.equal(posts.length, 2, origin);
      assert.match(posts[0]!, /asked through one server/, origin);
      assert.match(posts[1]!, /written through the other server/, origin);
      const home = await new Visitor(origin).get('/forum');
      const general = [...html(home.text).querySelectorAll('.forum-category')].find((each) => /General/.test(each.textContent ?? ''));
      assert.match(general?.textContent ?? '', /1 topic\b/, origin);
      assert.match(general?.textContent ?? '', new RegExp(title), origin);
    }
  });

  it('sums the page views counted by both servers on /stats of either, and through nginx', async () => {
    // Each view from an address of its own (TRUST_PROXY=on), well within the 60 views a minute one client may add.
    const referrer = 'https://partners.example.net/programmes';
    const sent = [
      [serverA, 3],
      [serverB, 4],
    ] as const;
    let client = 0;
    for (const [server, views] of sent) {
      for (let view = 0; view < views; view += 1) {
        client += 1;
        const headers = { 'User-Agent': TABLET, Referer: referrer, 'X-Forwarded-For': `203.0.113.${client}` };
        const response = await fetch(`${server.origin}/country-info`, { headers });
        await response.arrayBuffer();
        assert.equal(response.status, 200);
      }
    }
    // Each server writes its counts once a second, and /stats reads them again at most every 5 s: wait until it shows them.
    const expected = String(sent.reduce((sum, [, views]) => sum + views, 0));
    const shown = new Map<string, Map<string, string>>();
    await until(async () => {
      for (const origin of [serverA.origin, serverB.origin, nginx.origin]) shown.set(origin, statsRows(await (await fetch(`${origin}/stats`)).text()));
      return [...shown.values()].every((rows) => rows.get('Tablet') === expected && rows.get('partners.example.net') === expected);
    }, `/stats showing ${expected} views everywhere`);
  });

  it('keeps serving pages while PostgreSQL restarts under load, answers writes 503 meanwhile, and loses no acknowledged write', async () => {
    const pages = readLoad(nginx.origin, ['/search?q=osh', '/country-info', '/forum/privacy'], 2);
    const appPages = [readLoad(serverA.origin, ['/country-info', '/search?q=undp'], 1), readLoad(serverB.origin, ['/', '/news'], 1)];
    const acknowledged: string[] = [];
    const statuses: number[] = [];
    let writing = true;
    let writes = 0;
    // Registrations straight to each server, each visitor from an address of its own (the limit is per address).
    const writers = [serverA, serverB].map(async (server, writer) => {
      for (let index = 0; writing; index += 1) {
        const name = `Writer${writer}x${index}`;
        const response = await new Visitor(server.origin).register(name);
        statuses.push(response.status);
        if (response.status === 303) acknowledged.push(name);
        writes += 1;
      }
    });
    await until(() => acknowledged.length >= 2, 'writes before the restart');
    // An operator's restart, in two steps so that the servers meet the database both stopping and stopped.
    await postgres.stop();
    const stoppedAt = statuses.length;
    await until(() => statuses.slice(stoppedAt).filter((status) => status === 503).length >= 2, 'writes refused with 503 while the database is down');
    await postgres.start();
    const restoredAt = acknowledged.length;
    await until(() => acknowledged.length >= restoredAt + 2, 'writes accepted again after the restart');
    writing = false;
    await Promise.all(writers);
    for (const load of [pages, ...appPages]) await load.stop();

    assert.ok(writes > 0);
    assert.deepEqual([...new Set(statuses)].sort(), [303, 503], 'writes were accepted or refused with 503, never 500');
    for (const load of [pages, ...appPages]) assert.deepEqual(load.failures, [], 'no page failed while the database restarted');
    const stored = await direct.db.selectFrom('users').select('username').where('username', 'in', acknowledged).execute();
    assert.equal(stored.length, acknowledged.length, 'every acknowledged registration is in the database');
  });

  it('routes every GET to the other server when one is killed under load, with no failed request', async () => {
    const load = readLoad(nginx.origin, ['/forum', '/search?q=osh', '/healthz', '/forum/privacy', '/forum/login'], 4);
    await until(() => load.sent() >= 40, 'requests before the kill');
    serverA.kill('SIGKILL');
    await serverA.exited;
    const atKill = load.sent();
    await until(() => load.sent() >= atKill + 120, 'requests after the kill');
    await load.stop();
    assert.deepEqual(load.failures, [], 'no GET failed');
    const served = await fetch(`${nginx.origin}/forum/privacy`);
    assert.equal(served.status, 200, 'the surviving server answers');
    assert.equal(serverB.process.exitCode, null);
  });
});
