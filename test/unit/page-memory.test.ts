// Unit tests: a page read from a file keeps none of the file's bytes once its body is rendered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readPage } from '../../src/content/read-page.js';
import type { Page } from '../../src/content/page.js';

// A full collection on demand, as `node --expose-gc` gives, without changing how the tests are run.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Reads a page from bytes of their own, renders its body, and hands back the page with a weak reference to the bytes. */
function readAndRender(): { page: Page; bytes: WeakRef<ArrayBuffer> } {
  // Larger than Buffer's 8 KB pool, so that the file's bytes are an ArrayBuffer of their own.
  const file = Buffer.from(
    `---\ntitle: A page\ndescription: A description long enough for search engines.\nupdated: 2007-08-15\n---\n\n${'Words. '.repeat(2000)}\n`,
  );
  const page = readPage('about/us.md', file);
  assert.match(page.bodyHtml, /Words\./);
  return { page, bytes: new WeakRef(file.buffer) };
}

describe('a page in memory', () => {
  it('keeps none of its file once its body is rendered (10,000 files were 56 MB kept for nothing)', async () => {
    const { page, bytes } = readAndRender();
    // A WeakRef holds its target until the end of the job that made it.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    assert.equal(bytes.deref(), undefined, 'the file read is still reachable from the page');
    assert.equal(page.title, 'A page');
  });
});
