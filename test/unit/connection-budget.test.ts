// Whether PostgreSQL's max_connections leaves room for the servers' pools: the arithmetic, and the line logged at start.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectionBudget, readConnectionLimits, reportConnectionBudget } from '../../src/db/connection-budget.js';
import { createLogger } from '../../src/lib/logger.js';
import { describeEachEngine } from '../helpers/engines.js';

describe('the connection budget', () => {
  const defaults = { maxConnections: 100, superuserReserved: 3, reserved: 0 };

  it('counts every worker’s pool and leaves out the reserved connections', () => {
    assert.deepEqual(connectionBudget(defaults, { workers: 2, poolSize: 10 }), { perServer: 20, available: 97, servers: 4, tight: false });
    assert.deepEqual(connectionBudget({ ...defaults, reserved: 7 }, { workers: 4, poolSize: 10 }), { perServer: 40, available: 90, servers: 2, tight: false });
  });

  it('is tight when fewer than two servers fit, or not even one', () => {
    assert.equal(connectionBudget(defaults, { workers: 8, poolSize: 10 }).tight, true);
    assert.deepEqual(connectionBudget(defaults, { workers: 4, poolSize: 30 }), { perServer: 120, available: 97, servers: 0, tight: true });
  });
});

describeEachEngine('The line logged at start', (engine) => {
  it(
    engine.engine === 'postgres' ? 'warns with the settings, the figures and the fix when the pools may exceed max_connections' : 'says nothing on SQLite',
    async () => {
      const database = await engine.open();
      try {
        const lines: string[] = [];
        const logger = createLogger({ out: (text) => lines.push(text), err: (line) => lines.push(line) });
        const tight = await reportConnectionBudget(database, { workers: 4, poolSize: 1000 }, logger);
        const roomy = await reportConnectionBudget(database, { workers: 1, poolSize: 1 }, logger);
        logger.flush();
        if (engine.engine === 'sqlite') {
          assert.deepEqual([tight, roomy, lines], [undefined, undefined, []]);
          return;
        }
        const limits = await readConnectionLimits(database.db);
        assert.ok(limits.maxConnections > 0 && limits.superuserReserved >= 0 && limits.reserved >= 0, JSON.stringify(limits));
        const [warning, info] = lines.map((line) => JSON.parse(line) as { level: string; message: string; max_connections: number });
        assert.equal(warning?.level, 'warn');
        assert.match(warning?.message ?? '', /WORKERS \(4\) × DATABASE_POOL_SIZE \(1000\) = 4000 PostgreSQL connections; max_connections \(\d+\)/);
        assert.match(warning?.message ?? '', /enough for 0 servers\. Lower DATABASE_POOL_SIZE or WORKERS/);
        assert.equal(warning?.max_connections, limits.maxConnections);
        assert.equal(info?.level, 'info');
        assert.match(info?.message ?? '', /= 1 PostgreSQL connections; .*: enough for \d+ servers$/);
      } finally {
        await database.close();
      }
    },
  );
});
