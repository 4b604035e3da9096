// npm run db -- migrate | status: migrations as a deploy step, safe when run by several machines at once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { openDatabase } from '../../src/db/database.js';
import { migrationNames, migrationStates } from '../../src/db/migrate.js';
import { ROOT } from '../../scripts/lib/root.js';
import { describeEachEngine, envFor, type FreshDatabase } from '../helpers/engines.js';
import { entryPointArgs } from '../../scripts/lib/entry-point.js';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs scripts/db.ts as `npm run db --` does, on the database `env` names. */
function db(args: readonly string[], env: Record<string, string>): Promise<Run> {
  const child = spawn(process.execPath, [...entryPointArgs('scripts/db.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', DATABASE_SCHEMA: '', NODE_ENV: 'production', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describeEachEngine('npm run db', (engine) => {
  let fresh: FreshDatabase;
  let env: Record<string, string>;
  before(() => {
    fresh = engine.fresh();
    env = envFor(fresh.options);
  });
  after(() => fresh.remove());

  it('lists every migration as not yet run on a new database, exits 3, and changes nothing', async () => {
    const status = await db(['status'], env);
    assert.equal(status.code, 3, status.stderr);
    for (const name of migrationNames()) assert.match(status.stdout, new RegExp(`^${name}  not yet run$`, 'm'));
    const database = await openDatabase({ ...fresh.options, migrate: false });
    try {
      const states = await migrationStates(database.db as Kysely<unknown>, database.engine, fresh.options.schema);
      assert.deepEqual(
        states.filter((state) => state.executedAt),
        [],
        'status migrated nothing',
      );
    } finally {
      await database.close();
    }
  });

  it('migrates once when two machines run it at the same moment, then lists every migration as run', async () => {
    const runs = await Promise.all([db(['migrate'], env), db(['migrate'], env)]);
    for (const run of runs) {
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /The database is at the newest migration\./);
    }
    const status = await db(['status'], env);
    assert.equal(status.code, 0, status.stderr);
    for (const name of migrationNames()) assert.match(status.stdout, new RegExp(`^${name}  ran \\d{4}-\\d\\d-\\d\\dT`, 'm'));
  });
});

describe('npm run db, used wrongly', () => {
  it('refuses an unknown command with its usage and exit code 2, before opening any database', async () => {
    const run = await db(['drop'], { DATA_DIR: ':memory:' });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /npm run db -- migrate/);
  });
});
