// Two app servers (processes) on one PostgreSQL behind nginx (deploy/nginx-several-servers.conf): one site, whichever
// server answers; a server killed under load or a database restart costs no failed page and no acknowledged write.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { openDatabase, type ForumDatabase } from '../../src/db/database.js';
import { exportSite } from '../../src/export/export-site.js';
import { createForum } from '../../src/forum/forum.js';
import { MIN_FILL_MS } from '../../src/forum/form-stamps.js';
import { APPROVALS_BEFORE_TRUSTED } from '../../src/forum/pre-moderation.js';
import type { ClientKey } from '../../src/forum/client-key.js';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import { freePort } from '../../scripts/lib/listen.js';
import { ROOT } from '../../scripts/lib/root.js';
import { nginxAvailable, startNginx, type RunningNginx } from '../../scripts/lib/nginx.js';
import { startServer, type ServerProcess } from '../../scripts/lib/server-process.js';
import { postgresBin, startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.js';
import { Visitor } from '../helpers/forum-web.js';
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

/** Waits, polling, until `condition` holds; fails after `tries` polls rather than hanging. */
async function until(condition: () => boolean, what: string, tries = 600): Promise<void> {
  for (let attempt = 0; !condition(); attempt += 1) {
    if (attempt === tries) assert.fail(`gave up waiting: ${what}`);
    await delay(50);
  }
}

/** As until(), for a condition that must ask something to know. */
async function untilAsync(condition: () => Promise<boolean>, what: string, tries = 200): Promise<void> {
  for (let attempt = 0; !(await condition()); attempt += 1) {
    if (attempt === tries) assert.fail(`gave up waiting: ${what}`);
    await delay(50);
  }
}

/** A member's topic written through the forum's services, as the posting form will once it exists (see the README). */
async function startTopic(database: ForumDatabase, username: string): Promise<void> {
  let now = Date.now() - MIN_FILL_MS - 1000;
  const forum = await createForum({ database, policy: PROJECT_PATHS.commonPasswords, clock: () => now, isCategory: (slug) => slug === 'general' });
  const member = await forum.accounts.findByUsername(username);
  assert.ok(member);
  await database.db.updateTable('users').set({ approved_post_count: APPROVALS_BEFORE_TRUSTED }).where('id', '=', member.id).execute();
  const stamp = forum.formStamps.issue(member.id);
  now = Date.now();
  const body = 'A question about the joint programmes, asked once and read through every server.';
  const form = { honeypot: '', stamp };
  const result = await forum.topics.start({ authorId: member.id, categorySlug: 'general', title: 'Seen through both', body, form, client: 'e2e' as ClientKey });
  assert.equal(result.status, 'created', JSON.stringify(result));
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
    await untilAsync(async () => {
      pages.splice(0, pages.length, await served(serverA), await served(serverB));
      return pages.every((page) => page.text.includes('plan the next programme cycle'));
    }, 'both servers serving the change');
    assert.notEqual(pages[0]!.etag, before);
    assert.equal(pages[0]!.etag, pages[1]!.etag);
  });

  it('registers through one server, logs in through the other and through nginx, and shows a post through both', async () => {
    assert.equal((await new Visitor(serverA.origin).register('Cholpon')).status, 303);
    const onB = new Visitor(serverB.origin);
    assert.equal((await onB.login('Cholpon')).status, 303);
    assert.match((await onB.get('/forum/account')).text, /Cholpon/);
    const throughNginx = new Visitor(nginx.origin);
    assert.equal((await throughNginx.login('Cholpon')).status, 303);
    assert.match((await throughNginx.get('/forum/account')).text, /Cholpon/);

    await startTopic(direct, 'Cholpon');
    for (const server of [serverA, serverB]) {
      const home = await new Visitor(server.origin).get('/forum');
      const general = [...html(home.text).querySelectorAll('.forum-category')].find((each) => /General/.test(each.textContent ?? ''));
      assert.match(general?.textContent ?? '', /1 topic\b/, server.origin);
      assert.match(general?.textContent ?? '', /Seen through both/, server.origin);
    }
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
