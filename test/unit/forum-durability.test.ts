// Durability: every write the forum acknowledged is found after its process is killed with SIGKILL mid-write.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../../src/db/database.js';
import { ROOT } from '../../scripts/lib/root.js';
import { entryPointArgs } from '../../scripts/lib/entry-point.js';

/** How many acknowledged registrations to wait for before the kill: enough that the kill lands during a write. */
const ACKNOWLEDGED = 25;

describe('forum writes and kill -9', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'forum-durable-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every registration acknowledged before the process was killed', async () => {
    const child = spawn(process.execPath, [...entryPointArgs('test/helpers/durable-writer.ts'), dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acknowledged: string[] = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const lines = createInterface({ input: child.stdout });
    const done = new Promise<void>((resolve) => lines.on('close', resolve));
    lines.on('line', (line) => {
      const name = /^committed (\S+)$/.exec(line)?.[1];
      if (!name) return;
      acknowledged.push(name);
      // Killed at once, with no warning: the next registration is somewhere between its first write and its commit.
      if (acknowledged.length === ACKNOWLEDGED) child.kill('SIGKILL');
    });
    assert.equal(await exited, 'SIGKILL');
    await done;
    assert.ok(acknowledged.length >= ACKNOWLEDGED);

    const database = await openDatabase({ dataDir: dir });
    try {
      const rows = await database.db.selectFrom('users').select('username').execute();
      const found = new Set(rows.map((row) => row.username));
      assert.deepEqual(
        acknowledged.filter((name) => !found.has(name)),
        [],
        'acknowledged but lost',
      );
    } finally {
      await database.close();
    }
  });
});
