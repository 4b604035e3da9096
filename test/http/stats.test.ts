// HTTP tests: usage statistics count views without personal data, survive restarts and faults, and show on /stats.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import request from 'supertest';
import type { App } from '../../src/app.js';
import { PageViewCounter } from '../../src/stats/page-view-counter.js';
import { DATABASE_FILE } from '../../src/stats/stats-database.js';
import { statsDay } from '../../src/stats/stats-day.js';
import type { Logger } from '../../src/lib/logger.js';
import { captureLogs, type LogLines } from '../../scripts/lib/log-lines.js';
import { startServer, type ServerProcess } from '../../scripts/lib/server-process.js';
import { html, testApp } from '../helpers/test-app.js';

const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';
const PAGES = ['/', '/country-info', '/joint-programming', '/news', '/un-gtg', '/un-day-2006', '/mdg', '/cca', '/undaf', '/un-in-kyrgyzstan/agencies/unodc'];

/** The app counting into dataDir; its log is kept for tests that read it. */
function statsApp(dataDir: string, logger: Logger = captureLogs().logger): App {
  return testApp({ DATA_DIR: dataDir }, { logger });
}

/** Whether an error line's message and reason match: statistics log their failures as message plus reason. */
const loggedError = (lines: LogLines, message: RegExp, reason: RegExp): boolean =>
  lines.atLevel('error').some((line) => message.test(String(line['message'])) && reason.test(String(line['reason'])));

async function browse(app: App, urls: readonly string[], headers: Record<string, string> = { 'User-Agent': BROWSER }): Promise<void> {
  for (const url of urls) await request(app.handle).get(url).set(headers).expect(200);
}

function count(dataDir: string, where = 'bot = 0'): number {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare(`SELECT COALESCE(SUM(views), 0) AS v FROM daily_views WHERE ${where}`).get() as { v: number }).v;
  } finally {
    db.close();
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
    app.close();

    const restarted = statsApp(dataDir);
    const again = html((await request(restarted.handle).get('/stats').expect(200)).text);
    assert.equal(again.querySelector('.stats-totals dd')?.textContent, '10');
    restarted.close();
  });

  it('closes for good: closing twice, or a request after closing, neither reopens the database nor loses what came before', async () => {
    const app = statsApp(dataDir);
    await browse(app, PAGES.slice(0, 3));
    app.close();
    app.close();
    assert.equal(count(dataDir), 3);
    rmSync(path.join(dataDir, DATABASE_FILE));
    await browse(app, PAGES.slice(0, 1));
    app.counter?.flush();
    assert.equal(existsSync(path.join(dataDir, DATABASE_FILE)), false);
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
    app.close();
  });

  it('stores no cookie, IP address or user agent: only path, day, referring host, device class and bot flag', async () => {
    const app = statsApp(dataDir);
    const response = await request(app.handle)
      .get('/mdg')
      .set('User-Agent', PHONE)
      .set('Referer', 'https://www.example.com/some/page?x=1')
      .set('X-Forwarded-For', '203.0.113.9')
      .expect(200);
    assert.equal(response.headers['set-cookie'], undefined);
    app.close();
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    const columns = (db.prepare('PRAGMA table_info(daily_views)').all() as { name: string }[]).map((column) => column.name);
    assert.deepEqual(columns, ['day', 'path', 'referrer_host', 'device', 'bot', 'views']);
    const rows = db.prepare('SELECT * FROM daily_views').all();
    db.close();
    assert.deepEqual(rows, [{ day: statsDay(new Date()), path: '/mdg', referrer_host: 'example.com', device: 'mobile', bot: 0, views: 1 }]);
  });

  it('counts bots apart and keeps them out of the totals', async () => {
    const app = statsApp(dataDir);
    await browse(app, ['/mdg'], { 'User-Agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' });
    await browse(app, ['/mdg']);
    const page = html((await request(app.handle).get('/stats').expect(200)).text);
    const figures = [...page.querySelectorAll('.stats-totals dd')].map((dd) => dd.textContent);
    assert.deepEqual(figures, ['1', '1', '1']);
    app.close();
    assert.equal(count(dataDir, 'bot = 1'), 1);
  });

  it('does not count visitors who send DNT: 1 or Sec-GPC: 1, nor assets, feeds or HEAD requests', async () => {
    const app = statsApp(dataDir);
    await browse(app, ['/mdg'], { 'User-Agent': BROWSER, DNT: '1' });
    await browse(app, ['/mdg'], { 'User-Agent': BROWSER, 'Sec-GPC': '1' });
    await browse(app, ['/favicon.svg', '/news.atom', '/sitemap.xml']);
    await request(app.handle).head('/mdg').set('User-Agent', BROWSER).expect(200);
    app.close();
    assert.equal(count(dataDir, '1 = 1'), 0);
  });

  it('creates the database on first start with versioned migrations', () => {
    statsApp(dataDir).close();
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    assert.equal(db.pragma('user_version', { simple: true }), 1);
    db.close();
  });

  it('pauses statistics, not the site, when the database file is corrupt, and says so clearly', async () => {
    writeFileSync(path.join(dataDir, DATABASE_FILE), 'this is not a database '.repeat(200));
    const { logger, lines } = captureLogs();
    const app = statsApp(dataDir, logger);
    await browse(app, PAGES);
    assert.ok(loggedError(lines, /statistics paused/, /not a readable SQLite database/), lines.text());
    const page = await request(app.handle).get('/stats').expect(503);
    assert.match(page.text, /Statistics are paused/);
    app.close();
  });

  it('counts a view on the day it is in Bishkek, turning at midnight there (18:00 UTC), not a moment late', () => {
    let now = new Date('2026-11-26T17:59:59.600Z');
    const counter = new PageViewCounter({ dataDir, siteUrl: 'https://un.example.org', logger: captureLogs().logger, now: () => now });
    counter.record('/mdg', { 'user-agent': BROWSER });
    now = new Date('2026-11-26T18:00:00.100Z');
    counter.record('/mdg', { 'user-agent': BROWSER });
    counter.record('/mdg', { 'user-agent': BROWSER });
    counter.close();
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    const rows = db.prepare('SELECT day, views FROM daily_views ORDER BY day').all();
    db.close();
    assert.deepEqual(rows, [
      { day: '2026-11-26', views: 1 },
      { day: '2026-11-27', views: 2 },
    ]);
  });

  it('keeps counts in memory while the database is locked, and writes them when the lock goes', () => {
    const { logger, lines } = captureLogs();
    const counter = new PageViewCounter({ dataDir, siteUrl: 'https://un.example.org', logger, retryMs: 0 });
    const locker = new Database(path.join(dataDir, DATABASE_FILE));
    locker.exec('BEGIN EXCLUSIVE');
    counter.record('/mdg', { 'user-agent': BROWSER });
    counter.flush();
    assert.ok(loggedError(lines, /statistics paused/, /locked/), lines.text());
    locker.exec('COMMIT');
    locker.close();
    counter.record('/mdg', { 'user-agent': BROWSER });
    counter.flush();
    counter.close();
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

  it('loses at most the last second on kill -9', async () => {
    const server = await start();
    await visit(server, 4);
    // Wait for the once-a-second write to happen (the event), not for a guessed length of time.
    while (count(dataDir) < 4) await new Promise((resolve) => setTimeout(resolve, 50));
    await visit(server, 3);
    await server.stop('SIGKILL');
    const kept = count(dataDir);
    assert.ok(kept >= 4 && kept <= 7, `${kept} views kept`);
  });
});
