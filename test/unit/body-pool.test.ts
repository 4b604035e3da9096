// Unit tests: the threads that render page bodies, their errors (file and line), and a thread that dies.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { bodyOfFile } from '../../src/content/front-matter.js';
import { ContentError } from '../../src/content/problem.js';
import { readPage } from '../../src/content/read-page.js';
import { BodyPool, type BodyRequest } from '../../src/publish/body-pool.js';
import { amplifiedLinks, manyLinks, pageFile, slowBody } from '../fixtures/hostile/hostile-content.js';
import { eventually } from '../helpers/eventually.js';

/** The render request for a whole page file, as the server makes it. */
function requestFor(file: string, text: string): BodyRequest {
  const split = bodyOfFile(Buffer.from(text))!;
  return { file, source: split.body, bodyOffset: split.bodyOffset };
}

/** The ContentError a promise rejects with. */
async function refusal(promise: Promise<unknown>): Promise<ContentError> {
  const error = await promise.then(
    () => assert.fail('expected the render to fail'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof ContentError, String(error));
  return error;
}

/** A page file refused on a thread with the same file, line and message as when it is read in this thread. */
async function sameRefusal(pool: BodyPool, text: string): Promise<void> {
  const inThread = (() => {
    try {
      readPage('pasted.md', Buffer.from(text));
    } catch (error) {
      return error as ContentError;
    }
    return assert.fail('readPage accepted the page');
  })();
  const onThread = await refusal(pool.render(requestFor('pasted.md', text)));
  assert.equal(onThread.file, 'pasted.md');
  assert.equal(onThread.line, inThread.line);
  assert.equal(onThread.message, inThread.message);
}

describe('the body-rendering threads', () => {
  const pool = new BodyPool({ threads: 1 });
  after(() => pool.close());

  it('render a body into packed HTML, with headings and links at their body lines', async () => {
    const body = await pool.render({ file: 'about.md', source: Buffer.from('## Who we are\n\nSee [the team](/team).\n'), bodyOffset: 5 });
    assert.deepEqual(body.headings, [{ level: 2, id: 'who-we-are', text: 'Who we are' }]);
    assert.deepEqual(body.links, [{ href: '/team', line: 3 }]);
    assert.ok(body.packedHtml.length > 0 && body.htmlLength > 0);
  });

  it('refuse a body over the output bound with the same file and line as rendering in this thread', async () => {
    await sameRefusal(pool, pageFile(amplifiedLinks()));
  });

  it('refuse a body with more links than a page may have with the same file and line as rendering in this thread', async () => {
    await sameRefusal(pool, pageFile(manyLinks()));
  });
});

describe('a body-rendering thread that dies', () => {
  // A heap far too small for a large body: the thread runs out of memory, as it would on a hostile file.
  const pool = new BodyPool({ threads: 1, maxHeapMb: 32 });
  after(() => pool.close());

  it('fails only its page, with the file and the line the body starts on, and a new thread renders the next body', async () => {
    const text = pageFile(slowBody());
    const error = await refusal(pool.render(requestFor('pasted.md', text)));
    assert.equal(error.file, 'pasted.md');
    assert.equal(error.line, bodyOfFile(Buffer.from(text))!.bodyOffset + 1);
    assert.match(error.message, /could not be rendered .*more memory.*split it/);
    const next = await pool.render({ file: 'next.md', source: Buffer.from('A short page.'), bodyOffset: 5 });
    assert.ok(next.htmlLength > 0);
    assert.equal(pool.started, 2);
  });
});

describe('closing the body-rendering threads', () => {
  it('fails a body cut short by the close as closed, not as its page’s fault', async () => {
    const pool = new BodyPool({ threads: 1 });
    const rendering = pool.render(requestFor('large.md', pageFile(slowBody())));
    // The close comes while the thread is rendering (a 1 MB body takes it far longer than this turn of the loop).
    pool.close();
    const error = await rendering.then(
      () => assert.fail('expected the close to cut the render short'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof Error);
    assert.ok(!(error instanceof ContentError), `reported as the page's fault: ${String(error)}`);
    assert.match(error.message, /closed/);
  });
});

describe('a rendering thread left idle', () => {
  it('ends after idleMs, giving its heap back, and the next body starts a thread again', async () => {
    const pool = new BodyPool({ threads: 1, idleMs: 1 });
    try {
      await pool.render(requestFor('a.md', pageFile('First.')));
      assert.equal(pool.started, 1);
      await eventually('the idle thread to end', () => pool.alive === 0);
      const body = await pool.render(requestFor('b.md', pageFile('Second.')));
      assert.equal(pool.started, 2);
      assert.ok(body.packedHtml.length > 0, 'the second body is rendered');
    } finally {
      pool.close();
    }
  });

  it('stays while bodies keep coming within idleMs', async () => {
    const pool = new BodyPool({ threads: 1, idleMs: 60_000 });
    try {
      for (const name of ['a', 'b', 'c']) await pool.render(requestFor(`${name}.md`, pageFile(name)));
      assert.equal(pool.started, 1);
      assert.equal(pool.alive, 1);
    } finally {
      pool.close();
    }
  });
});
