// Unit tests for watchTree: changes reported in nested, new and removed folders, and ignored names left out.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { watchTree, type TreeWatcher } from '../../src/lib/watch-tree.js';
import { eventually } from '../helpers/eventually.js';

describe('watchTree', () => {
  let root: string;
  let outside: string;
  let watcher: TreeWatcher | undefined;
  let seen: string[];
  let errors: unknown[];

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'watch-tree-'));
    outside = mkdtempSync(path.join(tmpdir(), 'watch-tree-outside-'));
    mkdirSync(path.join(root, 'section', 'deeper'), { recursive: true });
    mkdirSync(path.join(root, '.git'));
    writeFileSync(path.join(root, 'section', 'deeper', 'page.md'), 'one');
    seen = [];
    errors = [];
    watcher = watchTree(root, { onChange: (file) => seen.push(file), onError: (error) => errors.push(error), ignore: (name) => name.startsWith('.') });
  });
  afterEach(() => {
    watcher?.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  /** Waits until a path has been reported; fails only when the watcher seems to hang. */
  function reported(file: string): Promise<void> {
    return eventually(
      `${file} reported`,
      () => seen.includes(file),
      () => `saw ${JSON.stringify(seen)}`,
    );
  }

  it('reports a change to a file in a nested folder by its relative path', async () => {
    writeFileSync(path.join(root, 'section', 'deeper', 'page.md'), 'two');
    await reported('section/deeper/page.md');
  });

  it('watches a folder that appears, and reports the files that came with it', async () => {
    mkdirSync(path.join(outside, 'moved', 'inner'), { recursive: true });
    writeFileSync(path.join(outside, 'moved', 'inner', 'a.md'), 'a');
    renameSync(path.join(outside, 'moved'), path.join(root, 'moved'));
    await reported('moved/inner/a.md');
    writeFileSync(path.join(root, 'moved', 'inner', 'b.md'), 'b');
    await reported('moved/inner/b.md');
  });

  it('reports a folder that went away, so what was under it can be forgotten', async () => {
    renameSync(path.join(root, 'section'), path.join(outside, 'section'));
    await reported('section');
    assert.deepEqual(errors, []);
  });

  it('reports nothing under ignored names', async () => {
    writeFileSync(path.join(root, '.git', 'index'), 'x');
    writeFileSync(path.join(root, '.hidden.md'), 'x');
    writeFileSync(path.join(root, 'visible.md'), 'x');
    await reported('visible.md');
    assert.deepEqual(
      seen.filter((file) => file.includes('.git') || file.includes('.hidden')),
      [],
    );
  });

  it('reports a root folder that does not exist, rather than watching nothing in silence', () => {
    const missing: unknown[] = [];
    watchTree(path.join(outside, 'no-such-folder'), { onChange: () => {}, onError: (error) => missing.push(error) }).close();
    assert.equal(missing.length, 1);
  });
});
