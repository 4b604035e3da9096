// Statistics under abuse, on both engines: bounded rows per day, no made-up referrers, one client's flood capped, /stats cheap.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { ForumDatabase } from '../../src/db/database.js';
import { toCount } from '../../src/db/values.js';
import { PageViewCounter } from '../../src/stats/page-view-counter.js';
import { statsDay } from '../../src/stats/stats-day.js';
import { CLIENT_VIEWS_PER_MINUTE, DAILY_NAMES, STATS_OTHER, SUMMARY_REFRESH_MS } from '../../src/stats/stats-limits.js';
import { captureLogs } from '../../scripts/lib/log-lines.js';
import { describeEachEngine } from '../helpers/engines.js';

const BROWSER = { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36' };
const PHONE = { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148' };
const NOON = Date.parse('2026-11-27T06:00:00.000Z');

/** A distinct IPv4 address for each index, so that the per-client limit never applies. */
const address = (index: number): string => `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;

/** Counts every query sent to the database: /stats must not send one per request. */
class QueryCounter implements KyselyPlugin {
  queries = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.queries += 1;
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

function counterOn(database: ForumDatabase, now: () => Date = () => new Date(NOON)): PageViewCounter {
  return new PageViewCounter({
    database: () => Promise.resolve(database),
    siteUrl: 'https://un.example.org',
    dataDir: ':memory:',
    logger: captureLogs().logger,
    now,
  });
}

async function referrerRows(database: ForumDatabase, day: string): Promise<{ name: string; views: number }[]> {
  const rows = await database.db.selectFrom('stats_counts').select(['name', 'views']).where('dimension', '=', 'referrer').where('day', '=', day).execute();
  return rows.map((row) => ({ name: row.name, views: toCount(row.views) }));
}

describeEachEngine('Statistics under abuse', (engine) => {
  it('keeps at most the day’s bound of referrer rows plus "other" after 10,000 distinct Referer hosts, with every view in a row', async () => {
    const database = await engine.open();
    const counter = counterOn(database);
    try {
      // Four writes of 2,500 made-up hosts each, one real referrer among them: the bound holds across writes too.
      for (let batch = 0; batch < 4; batch += 1) {
        for (let index = batch * 2500; index < (batch + 1) * 2500; index += 1) {
          counter.record('/mdg', { ...BROWSER, referer: `https://spam-${index}.example.net/` }, address(index));
          if (index % 100 === 0) counter.record('/mdg', { ...BROWSER, referer: 'https://www.google.com/search?q=un' }, address(100_000 + index));
        }
        await counter.flush();
      }
      const rows = await referrerRows(database, statsDay(new Date(NOON)));
      assert.ok(rows.length <= DAILY_NAMES.referrer + 1, `${rows.length} referrer rows`);
      assert.equal(
        rows.reduce((sum, row) => sum + row.views, 0),
        10_100,
      );
      assert.ok(rows.some((row) => row.name === STATS_OTHER));
      assert.deepEqual(
        rows.find((row) => row.name === 'google.com'),
        { name: 'google.com', views: 100 },
      );
      await counter.refresh();
      const summary = await counter.summary();
      assert.equal(summary?.topReferrers[0]?.name, 'google.com');
      assert.ok(!summary?.topReferrers.some((row) => row.name === STATS_OTHER));
    } finally {
      await counter.close();
      await database.close();
    }
  });

  it('keeps the bound and every view when two servers write the same day with new names at the same moment', async () => {
    const handles = await engine.openShared(2);
    const counters = handles.map((handle) => counterOn(handle));
    try {
      for (let round = 0; round < 3; round += 1) {
        counters.forEach((counter, server) => {
          for (let index = 0; index < 150; index += 1) {
            const client = 10_000 * server + 1000 * round + index;
            // Each server its own page and device, so that no row but the day's is written by both.
            const agent = server === 0 ? BROWSER : PHONE;
            counter.record(`/page-${server}`, { ...agent, referer: `https://s${server}-r${round}-${index}.example.net/` }, address(client));
          }
        });
        // PostgreSQL: truly at once, so the day's lock is what keeps the bound. SQLite: in turn, as two connections of
        // one process cannot wait for each other (engines.ts); its write transaction holds the whole file anyway.
        if (engine.engine === 'postgres') await Promise.all(counters.map((counter) => counter.flush()));
        else for (const counter of counters) await counter.flush();
      }
      const rows = await referrerRows(handles[0]!, statsDay(new Date(NOON)));
      assert.ok(rows.length <= DAILY_NAMES.referrer + 1, `${rows.length} referrer rows`);
      assert.equal(
        rows.reduce((sum, row) => sum + row.views, 0),
        900,
      );
    } finally {
      for (const counter of counters) await counter.close();
      for (const handle of handles) await handle.close();
    }
  });

  it('never keeps a Referer that is not a real host name', async () => {
    const database = await engine.open();
    const counter = counterOn(database);
    const garbage = [
      'https://<script>alert(1)</script>/',
      'http://127.0.0.1/admin',
      'http://[::1]:3000/',
      'http://localhost:3000/',
      'http://a_b.example.com/',
      'http://-dash-.example.com/',
      `http://${'a'.repeat(64)}.example.com/`,
      'http://example.123/',
      'http://com/',
      'http://xn--/',
      'https://exa"mple.com/',
      'not a url at all',
      'android-app://com.example.app/',
      'https://example.com\u0000.evil.net/',
    ];
    try {
      garbage.forEach((referer, index) => counter.record('/mdg', { ...BROWSER, referer }, address(index)));
      counter.record('/mdg', { ...BROWSER, referer: 'https://news.example.kg/article' }, address(999));
      await counter.flush();
      assert.deepEqual(await referrerRows(database, statsDay(new Date(NOON))), [{ name: 'news.example.kg', views: 1 }]);
      const summary = await counter.summary();
      assert.equal(summary?.totalViews, garbage.length + 1);
    } finally {
      await counter.close();
      await database.close();
    }
  });

  it('counts at most the per-minute limit of one client’s flood, an IPv6 /64 as one client, and forgets it the next minute', async () => {
    const database = await engine.open();
    let time = NOON;
    const counter = counterOn(database, () => new Date(time));
    try {
      for (let index = 0; index < 10_000; index += 1) counter.record('/mdg', BROWSER, '203.0.113.7');
      for (let index = 0; index < 1000; index += 1) counter.record('/mdg', BROWSER, `2001:db8:1:2::${index.toString(16)}`);
      counter.record('/mdg', BROWSER, '198.51.100.1');
      time += 60_000;
      counter.record('/mdg', BROWSER, '203.0.113.7');
      await counter.flush();
      const summary = await counter.summary();
      assert.equal(summary?.totalViews, 2 * CLIENT_VIEWS_PER_MINUTE + 2);
    } finally {
      await counter.close();
      await database.close();
    }
  });

  it('answers /stats from a copy read once, whoever asks and however often, and reads it again only when it is old', async () => {
    const database = await engine.open();
    const plugin = new QueryCounter();
    let time = NOON;
    const counted: ForumDatabase = { ...database, db: database.db.withPlugin(plugin) };
    const counter = counterOn(counted, () => new Date(time));
    try {
      counter.record('/mdg', BROWSER, address(1));
      assert.equal((await counter.summary())?.totalViews, 1);
      counter.record('/mdg', BROWSER, address(2));
      await counter.flush();
      plugin.queries = 0;
      for (let request = 0; request < 50; request += 1) assert.equal((await counter.summary())?.totalViews, 1);
      await counter.idle();
      assert.equal(plugin.queries, 0);

      // Once the copy is old, fifty requests are answered at once from it, and it is read again once, behind them.
      time += SUMMARY_REFRESH_MS;
      const stale = await Promise.all(Array.from({ length: 50 }, () => counter.summary()));
      assert.ok(stale.every((summary) => summary?.totalViews === 1));
      await counter.idle();
      const afterFifty = plugin.queries;
      plugin.queries = 0;
      await counter.refresh();
      assert.ok(plugin.queries > 0);
      assert.equal(afterFifty, plugin.queries);
      assert.equal((await counter.summary())?.totalViews, 2);
    } finally {
      await counter.close();
      await database.close();
    }
  });
});
