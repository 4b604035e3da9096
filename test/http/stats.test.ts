// HTTP tests: usage statistics count views without personal data, in the site's database, survive restarts and faults.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import request from 'supertest';
import type { App } from '../../src/app.js';
import { FORUM_DATABASE_FILE } from '../../src/db/database.js';
import { IMPORTED_SUFFIX, OLD_STATS_FILE } from '../../src/stats/import-stats-file.js';
import { statsDay } from '../../src/stats/stats-day.js';
import { CLIENT_VIEWS_PER_MINUTE, SUMMARY_REFRESH_MS } from '../../src/stats/stats-limits.js';
import type { Logger } from '../../src/lib/logger.js';
import { captureLogs, type LogLines } from '../../scripts/lib/log-lines.js';
import { startServer, type ServerProcess } from '../../scripts/lib/server-process.js';
import { eventually } from '../helpers/eventually.js';
import { html, testApp } from '../helpers/test-app.js';

const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';
const PAGES = ['/', '/country-info', '/joint-programming', '/news', '/un-gtg', '/un-day-2006', '/mdg', '/cca', '/undaf', '/un-in-kyrgyzstan/agencies/unodc'];

/** The app counting into dataDir's database; its log is kept for tests that read it. */
function statsApp(dataDir: string, logger: Logger = captureLogs().logger): App {
  return testApp({ DATA_DIR: dataDir }, { logger });
}

async function closeApp(app: App): Promise<void> {
  app.close();
  await app.closed();
}

/** Whether an error line's message and reason match: statistics log their failures as message plus reason. */
const loggedError = (lines: LogLines, message: RegExp, reason: RegExp): boolean =>
  lines.atLevel('error').some((line) => message.test(String(line['message'])) && reason.test(String(line['reason'])));

/** The dateModified values of a page's JSON-LD. */
function dateModified(text: string): string[] {
  return [...html(text).querySelectorAll('script[type="application/ld+json"]')].flatMap(
    (script) =>
      (JSON.parse(script.textContent ?? '{}') as { '@graph'?: { dateModified?: string }[] })['@graph']?.flatMap((node) => node.dateModified ?? []) ?? [],
  );
}

async function browse(app: App, urls: readonly string[], headers: Record<string, string> = { 'User-Agent': BROWSER }): Promise<void> {
  for (const url of urls) await request(app.handle).get(url).set(headers).expect(200);
}

/** Reads the site's database file as another process would. */
function query<T>(dataDir: string, sql: string): T[] {
  const db = new Database(path.join(dataDir, FORUM_DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/** People's views (or robots', with column bot_views) on every day, as written so far; 0 before the tables exist. */
function count(dataDir: string, column: 'views' | 'bot_views' = 'views'): number {
  if (!existsSync(path.join(dataDir, FORUM_DATABASE_FILE))) return 0;
  try {
    return query<{ v: number }>(dataDir, `SELECT COALESCE(SUM(${column}), 0) AS v FROM stats_days`)[0]!.v;
  } catch {
    return 0;
  }
}

describe('usage statistics', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'un-kg-stats-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('counts ten browsed pages, shows them on /stats, and keeps them across a restart', async () => {
    const app = statsApp(dataDir);
    await browse(app, PAGES);
    const page = html((await request(app.handle).get('/stats').expect(200)).text);
    assert.equal(page.querySelector('.stats-totals dd')?.textContent, '10');
    const topPages = [...page.querySelectorAll('#pages-heading ~ table tbody tr')];
    assert.equal(topPages.length, 10);
    await closeApp(app);

    const restarted = statsApp(dataDir);
    const again = html((await request(restarted.handle).get('/stats').expect(200)).text);
    assert.equal(again.querySelector('.stats-totals dd')?.textContent, '10');
    await closeApp(restarted);
  });

  it('closes for good: closing twice, or a request after closing, loses nothing and counts nothing more', async () => {
    const app = statsApp(dataDir);
    await browse(app, PAGES.slice(0, 3));
    app.close();
    app.close();
    await app.closed();
    assert.equal(count(dataDir), 3);
    await browse(app, PAGES.slice(0, 1));
    await app.counter?.flush();
    assert.equal(count(dataDir), 3);
  });

  it('draws views per day as an SVG chart with a table of the same figures beside it', async () => {
    const app = statsApp(dataDir);
    await browse(app, ['/mdg', '/mdg', '/cca']);
    const page = html((await request(app.handle).get('/stats').expect(200)).text);
    const svg = page.querySelector('svg[role="img"]');
    assert.ok(svg?.getAttribute('aria-labelledby'));
    assert.equal(svg?.querySelectorAll('rect.stats-chart__bar').length, 30);
    const rows = [...page.querySelectorAll('.stats-daily table tbody tr')];
    assert.equal(rows.length, 30);
    assert.equal(rows[0]?.querySelector('td')?.textContent, '3');
    assert.equal(page.querySelectorAll('script:not([type="application/ld+json"])').length, 0);
    await closeApp(app);
  });

  it('stores no cookie, IP address or user agent: only day, page, referring host, device class and robots apart', async () => {
    const app = statsApp(dataDir);
    const response = await request(app.handle)
      .get('/mdg')
      .set('User-Agent', PHONE)
      .set('Referer', 'https://www.example.com/some/page?x=1')
      .set('X-Forwarded-For', '203.0.113.9')
      .expect(200);
    assert.equal(response.headers['set-cookie'], undefined);
    await closeApp(app);
    const columns = (table: string): string[] => query<{ name: string }>(dataDir, `PRAGMA table_info(${table})`).map((column) => column.name);
    assert.deepEqual(columns('stats_days'), ['day', 'views', 'bot_views']);
    assert.deepEqual(columns('stats_counts'), ['dimension', 'day', 'name', 'views']);
    const today = statsDay(new Date());
    assert.deepEqual(query(dataDir, 'SELECT * FROM stats_days'), [{ day: today, views: 1, bot_views: 0 }]);
    assert.deepEqual(query(dataDir, 'SELECT * FROM stats_counts ORDER BY dimension'), [
      { dimension: 'device', day: today, name: 'mobile', views: 1 },
      { dimension: 'page', day: today, name: '/mdg', views: 1 },
      { dimension: 'referrer', day: today, name: 'example.com', views: 1 },
    ]);
  });

  it('counts bots apart and keeps them out of the totals', async () => {
    const app = statsApp(dataDir);
    await browse(app, ['/mdg'], { 'User-Agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' });
    await browse(app, ['/mdg']);
    const page = html((await request(app.handle).get('/stats').expect(200)).text);
    const figures = [...page.querySelectorAll('.stats-totals dd')].map((dd) => dd.textContent);
    assert.deepEqual(figures, ['1', '1', '1']);
    await closeApp(app);
    assert.equal(count(dataDir, 'bot_views'), 1);
  });

  it('does not count visitors who send DNT: 1 or Sec-GPC: 1, nor assets, feeds or HEAD requests', async () => {
    const app = statsApp(dataDir);
    await browse(app, ['/mdg'], { 'User-Agent': BROWSER, DNT: '1' });
    await browse(app, ['/mdg'], { 'User-Agent': BROWSER, 'Sec-GPC': '1' });
    await browse(app, ['/favicon.svg', '/news.atom', '/sitemap.xml']);
    await request(app.handle).head('/mdg').set('User-Agent', BROWSER).expect(200);
    await closeApp(app);
    assert.equal(count(dataDir) + count(dataDir, 'bot_views'), 0);
  });

  it('keeps its tables in the site’s database, made by the numbered migrations', async () => {
    await closeApp(statsApp(dataDir));
    assert.ok(!existsSync(path.join(dataDir, OLD_STATS_FILE)));
    const names = query<{ name: string }>(dataDir, 'SELECT name FROM kysely_migration ORDER BY name').map((row) => row.name);
    assert.ok(names.includes('003-statistics'), names.join());
  });

  it('pauses statistics, not the site, when the database file is corrupt, and says so clearly', async () => {
    writeFileSync(path.join(dataDir, FORUM_DATABASE_FILE), 'this is not a database '.repeat(200));
    const { logger, lines } = captureLogs();
    const app = statsApp(dataDir, logger);
    await browse(app, PAGES);
    const page = await request(app.handle).get('/stats').expect(503);
    assert.match(page.text, /Statistics are paused/);
    assert.ok(loggedError(lines, /statistics paused/, /not open/), lines.text());
    await closeApp(app);
  });

  it('adds an old stats.sqlite once, bounded and cleaned like new counts, then renames it', async () => {
    const old = new Database(path.join(dataDir, OLD_STATS_FILE));
    old.exec(`CREATE TABLE daily_views (day TEXT NOT NULL, path TEXT NOT NULL, referrer_host TEXT NOT NULL DEFAULT '', device TEXT NOT NULL,
      bot INTEGER NOT NULL, views INTEGER NOT NULL, PRIMARY KEY (day, path, referrer_host, device, bot)) WITHOUT ROWID`);
    const insert = old.prepare('INSERT INTO daily_views VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('2026-11-20', '/mdg', 'example.com', 'desktop', 0, 5);
    insert.run('2026-11-20', '/mdg', '<script>alert(1)</script>', 'mobile', 0, 2);
    insert.run('2026-11-21', '/cca', '', 'desktop', 1, 7);
    old.close();
    const copy = path.join(dataDir, 'copy.sqlite');
    copyFileSync(path.join(dataDir, OLD_STATS_FILE), copy);

    const { logger, lines } = captureLogs();
    const app = statsApp(dataDir, logger);
    await app.counter?.flush();
    assert.ok(
      lines.atLevel('info').some((line) => /added to the database/.test(String(line['message'])) && line['views'] === 14),
      lines.text(),
    );
    assert.ok(existsSync(path.join(dataDir, OLD_STATS_FILE + IMPORTED_SUFFIX)));
    assert.ok(!existsSync(path.join(dataDir, OLD_STATS_FILE)));
    await closeApp(app);
    assert.deepEqual(query(dataDir, 'SELECT day, views, bot_views FROM stats_days ORDER BY day'), [
      { day: '2026-11-20', views: 7, bot_views: 0 },
      { day: '2026-11-21', views: 0, bot_views: 7 },
    ]);
    assert.deepEqual(query(dataDir, "SELECT name, views FROM stats_counts WHERE dimension = 'referrer'"), [{ name: 'example.com', views: 5 }]);

    // The same file again (a restored backup, a second server with a copy): nothing is added twice.
    copyFileSync(copy, path.join(dataDir, OLD_STATS_FILE));
    const again = statsApp(dataDir);
    await again.counter?.flush();
    await closeApp(again);
    assert.equal(count(dataDir), 7);
    assert.ok(!existsSync(path.join(dataDir, OLD_STATS_FILE)));
  });

  it('counts at most 60 views a minute from one client, and shows no made-up referring site', async () => {
    const app = testApp({ DATA_DIR: dataDir, TRUST_PROXY: 'on' });
    for (let index = 0; index < CLIENT_VIEWS_PER_MINUTE + 20; index += 1) {
      await browse(app, ['/mdg'], { 'User-Agent': BROWSER, 'X-Forwarded-For': '203.0.113.9', Referer: `https://spam-${index}.example.net/` });
    }
    for (const referer of ['http://<img src=x onerror=alert(1)>/', 'http://127.0.0.1/', 'http://localhost/', 'http://a_b.example.com/']) {
      await browse(app, ['/cca'], { 'User-Agent': BROWSER, 'X-Forwarded-For': '198.51.100.4', Referer: referer });
    }
    const page = html((await request(app.handle).get('/stats').expect(200)).text);
    assert.equal(page.querySelector('.stats-totals dd')?.textContent, String(CLIENT_VIEWS_PER_MINUTE + 4));
    const sites = [...page.querySelectorAll('#referrers-heading ~ table tbody td:first-child')].map((cell) => cell.textContent ?? '');
    assert.equal(sites.length, 10);
    assert.ok(
      sites.every((site) => /^spam-\d+\.example\.net$/.test(site)),
      sites.join(),
    );
    await closeApp(app);
  });

  it('answers /stats from a copy of the figures, read again only once it is 5 seconds old', async () => {
    let time = Date.now();
    const app = testApp({ DATA_DIR: dataDir }, { clock: () => time });
    const total = async (): Promise<string | null | undefined> =>
      html((await request(app.handle).get('/stats').expect(200)).text).querySelector('.stats-totals dd')?.textContent;
    await browse(app, ['/mdg']);
    assert.equal(await total(), '1');
    await browse(app, ['/cca']);
    await app.counter?.flush();
    assert.equal(await total(), '1');
    time += SUMMARY_REFRESH_MS;
    await total();
    await app.counter?.idle();
    assert.equal(await total(), '2');
    await closeApp(app);
  });

  it('dates /stats by the last day its figures count, in Bishkek, and not at all while they are paused', async () => {
    // 20:00 UTC is already the next day in Bishkek (UTC+6): the figures run to 15 March, the UTC day is still the 14th.
    const time = Date.parse('2025-03-14T20:00:00Z');
    const app = testApp({ DATA_DIR: dataDir }, { clock: () => time });
    await browse(app, ['/mdg']);
    assert.deepEqual(dateModified((await request(app.handle).get('/stats').expect(200)).text), ['2025-03-15']);
    await closeApp(app);

    writeFileSync(path.join(dataDir, FORUM_DATABASE_FILE), 'this is not a database '.repeat(200));
    const paused = statsApp(dataDir);
    assert.deepEqual(dateModified((await request(paused.handle).get('/stats').expect(503)).text), [], 'no figures, so no date');
    await closeApp(paused);
  });

  it('keeps counts in memory while another process holds the database, and writes them when it lets go', async () => {
    const { logger, lines } = captureLogs();
    const app = statsApp(dataDir, logger);
    await app.counter?.flush();
    const locker = new Database(path.join(dataDir, FORUM_DATABASE_FILE));
    locker.exec('BEGIN IMMEDIATE');
    await browse(app, ['/mdg']);
    // A few writes that find the lock taken are tried again quietly; then the pause is logged, once.
    for (let attempt = 0; attempt < 10; attempt += 1) await app.counter?.flush();
    assert.ok(loggedError(lines, /statistics paused/, /locked/), lines.text());
    assert.equal(lines.atLevel('error').length, 1, lines.text());
    locker.exec('COMMIT');
    locker.close();
    await browse(app, ['/mdg']);
    await app.counter?.flush();
    assert.ok(
      lines.atLevel('info').some((line) => line['message'] === 'statistics resumed'),
      lines.text(),
    );
    await closeApp(app);
    assert.equal(count(dataDir), 2);
  });
});

describe('statistics across process ends', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'un-kg-stats-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  // readStdout: the server picks its own port and says which, so no other test's server can answer in its place.
  const start = (): Promise<ServerProcess> => startServer({ source: true, readStdout: true, env: { DATA_DIR: dataDir } });
  const visit = async (server: ServerProcess, times: number): Promise<void> => {
    for (let index = 0; index < times; index += 1) await (await fetch(`${server.origin}/mdg`, { headers: { 'User-Agent': BROWSER } })).arrayBuffer();
  };

  it('flushes on SIGTERM', async () => {
    const server = await start();
    await visit(server, 5);
    assert.equal(await server.stop('SIGTERM'), 0);
    assert.equal(count(dataDir), 5);
  });

  it('sums on /stats the views that two server processes count into one SQLite file', async () => {
    const servers = await Promise.all([start(), start()]);
    try {
      await Promise.all([visit(servers[0], 5), visit(servers[1], 7)]);
      // Each writes its own counts within a second: wait for both writes (the event), then ask either.
      await eventually(
        'both servers wrote their 12 views',
        () => count(dataDir) >= 12,
        () => `${count(dataDir)} written`,
      );
      for (const server of servers) {
        const page = html(await (await fetch(`${server.origin}/stats`)).text());
        assert.equal(page.querySelector('.stats-totals dd')?.textContent, '12');
      }
    } finally {
      for (const server of servers) assert.equal(await server.stop('SIGTERM'), 0);
    }
    assert.equal(count(dataDir), 12);
  });

  it('loses at most the last second on kill -9', async () => {
    const server = await start();
    await visit(server, 4);
    // Wait for the once-a-second write to happen (the event), not for a guessed length of time.
    await eventually(
      'the server wrote its 4 views',
      () => count(dataDir) >= 4,
      () => `${count(dataDir)} written`,
    );
    await visit(server, 3);
    await server.stop('SIGKILL');
    const kept = count(dataDir);
    assert.ok(kept >= 4 && kept <= 7, `${kept} views kept`);
  });
});
