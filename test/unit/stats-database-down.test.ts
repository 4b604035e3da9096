// A database that goes away pauses statistics, on both engines: counts wait in memory, one log line, all written on return.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { PageViewCounter } from '../../src/stats/page-view-counter.js';
import { captureLogs } from '../../scripts/lib/log-lines.js';
import { describeEachEngine } from '../helpers/engines.js';

const BROWSER = { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36' };

/** Every query fails while `down` is set, as when the server is unreachable: the pool's own error, at the query. */
class Outage implements KyselyPlugin {
  down = false;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.down) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

describeEachEngine('Statistics while the database is down', (engine) => {
  it('keeps counting in memory, says so once, answers /stats as paused, and writes everything when the database is back', async () => {
    const database = await engine.open();
    const outage = new Outage();
    const { logger, lines } = captureLogs();
    const counter = new PageViewCounter({
      database: () => Promise.resolve({ ...database, db: database.db.withPlugin(outage) }),
      siteUrl: 'https://un.example.org',
      dataDir: ':memory:',
      logger,
    });
    try {
      await counter.flush();
      outage.down = true;
      for (let second = 0; second < 5; second += 1) {
        for (let index = 0; index < 20; index += 1) counter.record(`/page-${index}`, BROWSER, `10.0.${second}.${index}`);
        await counter.flush();
      }
      assert.equal(await counter.summary(), undefined);
      assert.equal(counter.state.ok, false);
      const paused = lines.atLevel('error').filter((line) => /statistics paused/.test(String(line['message'])));
      assert.deepEqual(
        paused.map((line) => line['during']),
        ['write', 'read'],
      );

      outage.down = false;
      await counter.refresh();
      assert.equal(counter.state.ok, true);
      assert.equal((await counter.summary())?.totalViews, 100);
      assert.ok(lines.atLevel('info').some((line) => line['message'] === 'statistics resumed'));
    } finally {
      await counter.close();
      await database.close();
    }
  });
});
