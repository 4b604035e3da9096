// Unit tests: the last good copy of the content kept under DATA_DIR, written in the background after each change.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { hashOf } from '../../src/content/content-store.js';
import { openLastGood } from '../../src/publish/last-good-files.js';
import { eventually } from '../helpers/eventually.js';

/** The manifest.json under a DATA_DIR (one content folder's generation), or undefined before the first write. */
function manifestUnder(dataDir: string): { files: Record<string, string> } | undefined {
  const [generation] = readdirSync(path.join(dataDir, 'last-good'));
  const file = path.join(dataDir, 'last-good', generation!, 'manifest.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { files: Record<string, string> }) : undefined;
}

describe('the last good copy written in the background', () => {
  it('writes the manifest of the newest change once its writes settle, with no temporary file left', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'un-kg-last-good-'));
    const errors: unknown[] = [];
    const kept = openLastGood(dataDir, '/content-of-this-test', (error) => errors.push(error))!;
    try {
      const first = Buffer.from('---\ntitle: One\n---\n');
      const second = Buffer.from('---\ntitle: Two\n---\n');
      kept.save('about.md', first, hashOf(first));
      kept.save('about.md', second, hashOf(second));
      await eventually('the manifest naming the second version', () => manifestUnder(dataDir)?.files['about.md'] === hashOf(second));
      const generation = path.join(dataDir, 'last-good', readdirSync(path.join(dataDir, 'last-good'))[0]!);
      assert.deepEqual(
        readdirSync(generation).filter((name) => name.endsWith('.tmp')),
        [],
      );
      assert.deepEqual(kept.read('about.md'), second);
      assert.deepEqual(errors, []);
    } finally {
      kept.flush();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the last good manifest made a thousand files at a time', () => {
  it('is the JSON a single JSON.stringify would write, whatever characters the file names hold', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'un-kg-last-good-'));
    const contentDir = '/content "quoted" \\ here';
    const kept = openLastGood(dataDir, contentDir, (error) => assert.fail(String(error)))!;
    try {
      // More than two steps' worth, so that a file lost or written twice between steps would show.
      const files: Record<string, string> = {};
      for (let index = 0; index < 2500; index += 1) {
        const name = index % 3 === 0 ? `новости/стр-${index}.md` : index % 3 === 1 ? `quote"and\\slash-${index}.md` : `page-${index}.md`;
        const bytes = Buffer.from(`---\ntitle: Page ${index}\n---\n`);
        kept.save(name, bytes, hashOf(bytes));
        files[name] = hashOf(bytes);
      }
      await eventually('the manifest naming every file', () => Object.keys(manifestUnder(dataDir)?.files ?? {}).length === 2500);
      const [generation] = readdirSync(path.join(dataDir, 'last-good'));
      const text = readFileSync(path.join(dataDir, 'last-good', generation!, 'manifest.json'), 'utf8');
      assert.equal(text, JSON.stringify({ contentDir, files }));
    } finally {
      kept.flush();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
