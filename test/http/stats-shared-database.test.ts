// Two app servers on one database, as behind a load balancer: /stats on either shows the views counted by both.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import request from 'supertest';
import type { App } from '../../src/app.js';
import { describeEachEngine } from '../helpers/engines.js';
import { html, testApp } from '../helpers/test-app.js';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';

async function browse(app: App, urls: readonly string[]): Promise<void> {
  for (const url of urls) await request(app.handle).get(url).set('User-Agent', BROWSER).expect(200);
}

describeEachEngine('Statistics of two servers on one database', (engine) => {
  it('sums the page views counted through both, on /stats of either', async () => {
    const fresh = engine.fresh();
    const { dataDir, databaseUrl, schema } = fresh.options;
    const env = { DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
    const first = testApp(env, { databaseSchema: schema });
    // One after the other, as engines.ts explains: two SQLite connections of one process must not migrate at once.
    await first.forum.ready();
    const second = testApp(env, { databaseSchema: schema });
    try {
      await browse(first, ['/mdg', '/cca']);
      await browse(second, ['/mdg', '/mdg', '/undaf']);
      // Each server writes its own counts, adding to the same rows. In turn: in one process, a SQLite connection waiting
      // for the other's lock would wait for a transaction that cannot go on meanwhile (servers are processes).
      await first.counter?.flush();
      await second.counter?.flush();
      for (const app of [first, second]) {
        const page = html((await request(app.handle).get('/stats').expect(200)).text);
        assert.equal(page.querySelector('.stats-totals dd')?.textContent, '5');
        const rows = [...page.querySelectorAll('#pages-heading ~ table tbody tr')].map((row) => [
          row.querySelector('a')?.getAttribute('href'),
          row.querySelector('td.numeric')?.textContent,
        ]);
        assert.deepEqual(rows, [
          ['/mdg', '3'],
          ['/cca', '1'],
          ['/undaf', '1'],
        ]);
      }
    } finally {
      for (const app of [first, second]) {
        app.close();
        await app.closed();
      }
      await fresh.remove();
    }
  });
});
