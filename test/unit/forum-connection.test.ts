// The forum as the site holds it: a database that will not open is logged once and tried again, and close() closes it.
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { DatabaseOpenError, openDatabase, type ForumDatabase } from '../../src/db/database.js';
import { ForumConnection } from '../../src/forum/forum-connection.js';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import { captureLogs } from '../../scripts/lib/log-lines.js';

describe('ForumConnection', () => {
  it('opens in the background, and the forum is ready for requests', async () => {
    const connection = new ForumConnection({
      open: () => openDatabase({ dataDir: ':memory:' }),
      commonPasswords: PROJECT_PATHS.commonPasswords,
      logger: captureLogs().logger,
    });
    const open = await connection.ready();
    assert.ok(open);
    assert.ok(open.forum.accounts && open.formTokens);
    await connection.close();
  });

  it('answers undefined while the database cannot be opened, logs that once, and tries again until it can', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { logger, lines } = captureLogs();
    let attempts = 0;
    const open = async (): Promise<ForumDatabase> => {
      attempts += 1;
      if (attempts <= 2) throw new DatabaseOpenError("cannot open the forum's database at /full/disk/forum.sqlite: disk full");
      return openDatabase({ dataDir: ':memory:' });
    };
    const connection = new ForumConnection({ open, commonPasswords: PROJECT_PATHS.commonPasswords, logger, retryMs: 30_000 });
    assert.equal(await connection.ready(), undefined);
    assert.equal(await connection.ready(), undefined, 'a request does not wait for the next try');
    t.mock.timers.tick(30_000);
    assert.equal(await connection.ready(), undefined, 'the second try fails too');
    t.mock.timers.tick(30_000);
    assert.ok(await connection.ready(), 'the third try opens it');
    assert.equal(attempts, 3);
    const errors = lines.atLevel('error');
    assert.equal(errors.length, 1, lines.text());
    assert.match(String(errors[0]?.['error']), /disk full/);
    assert.equal(lines.withMessage("the forum's database is open again; the forum is back").length, 1);
    await connection.close();
  });

  it('tries again after 1 s, then waits twice as long each time, up to retryMs', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let attempts = 0;
    const open = (): Promise<ForumDatabase> => {
      attempts += 1;
      return Promise.reject(new DatabaseOpenError("cannot open the forum's database at db.internal:5432/un_kg: connection refused"));
    };
    const connection = new ForumConnection({ open, commonPasswords: PROJECT_PATHS.commonPasswords, logger: captureLogs().logger, retryMs: 5000 });
    await connection.ready();
    const triesAfter = async (ms: number): Promise<number> => {
      t.mock.timers.tick(ms);
      await connection.ready();
      return attempts;
    };
    assert.equal(await triesAfter(999), 1, 'not before a second');
    assert.equal(await triesAfter(1), 2, 'after 1 s');
    assert.equal(await triesAfter(1999), 2);
    assert.equal(await triesAfter(1), 3, 'then after 2 s');
    assert.equal(await triesAfter(4000), 4, 'then after 4 s');
    assert.equal(await triesAfter(4999), 4, 'then no longer than retryMs');
    assert.equal(await triesAfter(1), 5);
    await connection.close();
  });

  it('closes the database, and stops trying again once closed', async () => {
    const closed = mock.fn();
    const connection = new ForumConnection({
      open: async () => {
        const database = await openDatabase({ dataDir: ':memory:' });
        return { ...database, close: async () => (closed(), database.close()) };
      },
      commonPasswords: PROJECT_PATHS.commonPasswords,
      logger: captureLogs().logger,
    });
    await connection.close();
    assert.equal(closed.mock.callCount(), 1);
    assert.equal(await connection.ready(), undefined);
  });
});
