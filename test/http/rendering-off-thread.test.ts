// HTTP tests: a large page is rendered on a thread while the server answers, and a thread that dies costs only its page.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import type { App } from '../../src/app.js';
import { bodyOf } from '../../src/content/page-body.js';
import { BodyPool, type BodyRequest, type ThreadBody } from '../../src/publish/body-pool.js';
import { buildApp } from '../../scripts/lib/build-app.js';
import { captureLogs, type LogLines } from '../../scripts/lib/log-lines.js';
import { manyLinks, pageFile, slowBody } from '../fixtures/hostile/hostile-content.js';
import { testHold } from '../helpers/hold.js';
import { freshFixture, testEnv } from '../helpers/test-app.js';

function appOn(dir: string, bodyPool: BodyPool): { app: App; log: LogLines } {
  const { logger, lines } = captureLogs();
  return { app: buildApp(testEnv({ CONTENT_DIR: dir }), { logger, bodyPool }).app, log: lines };
}

/** Settles once the pool has a body to render: the change's rendering is under way. */
async function rendering(pool: BodyPool): Promise<void> {
  while (pool.pending === 0) await new Promise((resolve) => setImmediate(resolve));
}

describe('a large page being rendered', () => {
  const fixture = freshFixture('small-site');

  it('does not hold up /healthz or other pages: they are answered before its rendering ends', async () => {
    const pool = new BodyPool({ threads: 1 });
    const { app } = appOn(fixture.dir, pool);
    try {
      await app.publisher.snapshot().ready;
      writeFileSync(path.join(fixture.dir, 'pasted.md'), pageFile(slowBody()));
      const events: string[] = [];
      const change = app.publisher.publishChanges(['pasted.md']).then((changes) => {
        events.push('published');
        return changes;
      });
      await rendering(pool);
      await request(app.handle).get('/healthz').expect(200);
      events.push('/healthz answered');
      await request(app.handle).get('/about').expect(200);
      events.push('/about answered');
      assert.deepEqual(await change, ['added']);
      // Rendered in this thread, the page would have held both answers until it was published.
      assert.deepEqual(events, ['/healthz answered', '/about answered', 'published']);
      const page = await request(app.handle).get('/pasted').expect(200);
      assert.match(page.text, /<em>a<\/em> <em>b<\/em> <code>c<\/code>/);
    } finally {
      app.close();
    }
  });
});

describe('a large page published', () => {
  const fixture = freshFixture('small-site');

  it('is laid out around its body, joined as bytes: the layout never holds the body as text, and the page served is whole', async () => {
    const { app } = appOn(fixture.dir, new BodyPool({ threads: 1 }));
    const { renderer } = app.publisher;
    const renderInLayout = renderer.renderInLayout.bind(renderer);
    let longest = 0;
    renderer.renderInLayout = (...args) => {
      const html = renderInLayout(...args);
      longest = Math.max(longest, html.length);
      return html;
    };
    try {
      await app.publisher.snapshot().ready;
      writeFileSync(path.join(fixture.dir, 'pasted.md'), pageFile(slowBody()));
      assert.deepEqual(await app.publisher.publishChanges(['pasted.md']), ['added']);
      // Laid out as one string, its 2.5 MB of HTML were written, encoded and hashed by the thread that answers.
      assert.ok(longest < 100_000, `a layout of ${longest} characters`);
      const page = await request(app.handle).get('/pasted').set('Accept-Encoding', 'identity').expect(200);
      assert.match(page.text, /^<!DOCTYPE html>[\s\S]*<h1>A pasted document<\/h1>[\s\S]*<em>a<\/em> <em>b<\/em> <code>c<\/code>[\s\S]*<\/html>\n$/);
      assert.doesNotMatch(page.text, /<!--body-/);
      const edition = app.publisher.snapshot().edition();
      assert.equal(page.text, renderer.renderPage(edition.context, edition.site.pages.get('/pasted')!), 'the page as one string would be');
      assert.equal(Number(page.headers['content-length']), Buffer.byteLength(page.text));
      // Its ETag still follows its content: another body, another ETag.
      writeFileSync(path.join(fixture.dir, 'pasted.md'), pageFile(`Another version, on Issyk-Kul.\n\n${slowBody()}`));
      await app.publisher.publishChanges(['pasted.md']);
      const again = await request(app.handle).get('/pasted').set('Accept-Encoding', 'identity').expect(200);
      assert.notEqual(again.headers['etag'], page.headers['etag']);
      assert.match(again.text, /Another version, on Issyk-Kul\./);
      // Its words for search, made and packed on its thread, are indexed.
      assert.match((await request(app.handle).get('/search?q=issyk-kul').expect(200)).text, /href="\/pasted"/);
    } finally {
      app.close();
    }
  });
});

describe('a large page saved again while its body renders on its thread', () => {
  const fixture = freshFixture('small-site');

  it('publishes the version rendered there, never rendering the newer one in the thread that answers, then the newer one', async () => {
    const pool = new BodyPool({ threads: 1 });
    const { app } = appOn(fixture.dir, pool);
    const file = path.join(fixture.dir, 'pasted.md');
    try {
      await app.publisher.snapshot().ready;
      writeFileSync(file, pageFile(`Version one.\n\n${slowBody()}`));
      const first = app.publisher.publishChanges(['pasted.md']);
      await rendering(pool);
      // The editor saves again: read again to apply the change, this body was rendered in the answering thread.
      writeFileSync(file, pageFile(`Version two.\n\n${slowBody()}`));
      assert.deepEqual(await first, ['added']);
      assert.match((await request(app.handle).get('/pasted').expect(200)).text, /Version one\./);
      // The watcher's next change brings the newer version, rendered on its thread in turn.
      assert.deepEqual(await app.publisher.publishChanges(['pasted.md']), ['changed']);
      assert.match((await request(app.handle).get('/pasted').expect(200)).text, /Version two\./);
    } finally {
      app.close();
    }
  });
});

describe('a change bringing a page with 50,000 links', () => {
  const fixture = freshFixture('small-site');

  it('is refused on its thread with its file and line, so the thread that answers never checks them, and the page keeps its last good version', async () => {
    const pool = new BodyPool({ threads: 1 });
    const { app, log } = appOn(fixture.dir, pool);
    try {
      await app.publisher.snapshot().ready;
      writeFileSync(path.join(fixture.dir, 'about.md'), pageFile(manyLinks()));
      const events: string[] = [];
      const change = app.publisher.publishChanges(['about.md']).then((changes) => {
        events.push('published');
        return changes;
      });
      await rendering(pool);
      await request(app.handle).get('/healthz').expect(200);
      events.push('/healthz answered');
      // Checked here, its 50,000 links held every request for hundreds of milliseconds on each change.
      assert.deepEqual(await change, ['failed']);
      assert.deepEqual(events, ['/healthz answered', 'published']);
      const problems = log.atLevel('error').map((line) => String(line['problem']));
      assert.ok(
        problems.some((problem) => /^about\.md:1007: this page has more than 1000 links .*split it into smaller pages/.test(problem)),
        log.text(),
      );
      assert.match((await request(app.handle).get('/about').expect(200)).text, /About the small site/);
    } finally {
      app.close();
    }
  });
});

describe('a large page asked for before its thread has rendered it', () => {
  const fixture = freshFixture('small-site');

  it('answers 503 with Retry-After meanwhile instead of rendering it in the thread that answers, then the page', async () => {
    writeFileSync(path.join(fixture.dir, 'pasted.md'), pageFile(slowBody()));
    const pool = new BodyPool({ threads: 1 });
    const { app } = appOn(fixture.dir, pool);
    try {
      const events: string[] = [];
      const ready = app.publisher.snapshot().ready.then(() => events.push('rendered'));
      const waiting = await request(app.handle).get('/pasted').expect(503);
      events.push('503 answered');
      assert.equal(waiting.headers['retry-after'], '5');
      assert.equal(waiting.headers['cache-control'], 'no-store');
      await request(app.handle).get('/healthz').expect(200);
      await ready;
      assert.deepEqual(events, ['503 answered', 'rendered']);
      await request(app.handle).get('/pasted').expect(200);
    } finally {
      app.close();
    }
  });
});

describe('the news feed with a large news item not yet rendered on its thread', () => {
  const fixture = freshFixture('small-site');

  it('answers 503 with Retry-After meanwhile instead of rendering the item in the thread that answers, then the feed with its summary', async () => {
    mkdirSync(path.join(fixture.dir, 'news'));
    writeFileSync(path.join(fixture.dir, 'news', '2026-11-27-pasted.md'), pageFile(slowBody(), ['date: 2026-11-27']));
    const { app } = appOn(fixture.dir, new BodyPool({ threads: 1 }));
    try {
      const events: string[] = [];
      const ready = app.publisher.snapshot().ready.then(() => events.push('rendered'));
      // Made with the edition, the feed rendered the 1 MB body here while the server started.
      const waiting = await request(app.handle).get('/news.atom').expect(503);
      events.push('503 answered');
      assert.equal(waiting.headers['retry-after'], '5');
      await ready;
      assert.deepEqual(events, ['503 answered', 'rendered']);
      const feed = await request(app.handle).get('/news.atom').expect(200);
      // Its 2.5 MB of HTML are not unpacked and escaped into the feed: the summary and the link stand for them.
      assert.match(feed.text, /<title>A pasted document<\/title>[\s\S]*<summary>A page whose body came from a document nobody here wrote\.<\/summary>/);
      assert.doesNotMatch(feed.text, /<content/);
      assert.ok(feed.text.length < 10_000, `a feed of ${feed.text.length} characters`);
    } finally {
      app.close();
    }
  });
});

describe('a page whose rendering thread dies', () => {
  const fixture = freshFixture('small-site');

  it('is reported with its file and line, keeps its last good version, and the next change gets a new thread', async () => {
    // A heap too small for the large body: its thread runs out of memory, as on a hostile file.
    const pool = new BodyPool({ threads: 1, maxHeapMb: 32 });
    const { app, log } = appOn(fixture.dir, pool);
    try {
      const about = path.join(fixture.dir, 'about.md');
      writeFileSync(about, pageFile(slowBody()));
      assert.deepEqual(await app.publisher.publishChanges(['about.md']), ['failed']);
      const problems = log.atLevel('error').map((line) => String(line['problem']));
      assert.ok(
        problems.some((problem) => /^about\.md:\d+: this page could not be rendered \(it needed more memory/.test(problem)),
        log.text(),
      );
      await request(app.handle).get('/healthz').expect(200);
      assert.match((await request(app.handle).get('/about').expect(200)).text, /About the small site/);

      writeFileSync(about, pageFile('## Who we are\n\nA page again.'));
      assert.deepEqual(await app.publisher.publishChanges(['about.md']), ['changed']);
      assert.match((await request(app.handle).get('/about').expect(200)).text, /A page again/);
      assert.equal(pool.started, 2);
    } finally {
      app.close();
    }
  });
});

describe('a page that cannot be rendered on its thread as the server starts', () => {
  const fixture = freshFixture('small-site');

  it('is logged once, with its file, and the rest of the site serves and is found by search', async () => {
    writeFileSync(path.join(fixture.dir, 'about.md'), pageFile(slowBody()));
    // A heap too small for the large body: its thread runs out of memory, as on a hostile file.
    const { app, log } = appOn(fixture.dir, new BodyPool({ threads: 1, maxHeapMb: 32 }));
    try {
      await app.publisher.snapshot().ready;
      await request(app.handle).get('/section').expect(200);
      const aboutErrors = log.atLevel('error').filter((line) => line['file'] === 'about.md');
      assert.equal(aboutErrors.length, 1, log.text());
      assert.equal(aboutErrors[0]!['message'], 'page failed to render');
      // One page that cannot be rendered left the whole index empty before.
      assert.match((await request(app.handle).get('/search?q=section').expect(200)).text, /href="\/section"/);
    } finally {
      app.close();
    }
  });
});

describe('a change under way when the server closes', () => {
  const fixture = freshFixture('small-site');

  it('is left for the next start, with nothing logged as an error, though its rendering threads closed under it', async () => {
    const pool = new BodyPool({ threads: 1 });
    const { app, log } = appOn(fixture.dir, pool);
    await app.publisher.snapshot().ready;
    writeFileSync(path.join(fixture.dir, 'pasted.md'), pageFile(slowBody()));
    const change = app.publisher.publishChanges(['pasted.md']);
    const after = app.publisher.publishChanges(['about.md']);
    await rendering(pool);
    app.close();
    assert.deepEqual(await change, ['ignored']);
    assert.deepEqual(await after, ['ignored']);
    // Let what the closed threads reject settle and be logged, if anything logs it.
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(log.atLevel('error'), []);
  });
});

/** A pool whose renders of one file wait while the test holds them: its page stays unrendered as long as the test likes. */
class HoldingPool extends BodyPool {
  readonly held = testHold();

  constructor(private readonly file: string) {
    super({ threads: 1 });
  }

  override async render(request: BodyRequest): Promise<ThreadBody> {
    if (request.file === this.file) await this.held.passage;
    return super.render(request);
  }
}

describe('a change taking away an address soon after start, before a large page linking there is rendered', () => {
  const fixture = freshFixture('small-site');

  it('waits for that page to be rendered on its thread, not in the thread that answers, and is held back for the links it would break', async () => {
    writeFileSync(path.join(fixture.dir, 'pasted.md'), pageFile(slowBody()));
    const pool = new HoldingPool('pasted.md');
    pool.held.hold();
    const { app } = appOn(fixture.dir, pool);
    try {
      rmSync(path.join(fixture.dir, 'about.md'));
      const events: string[] = [];
      const change = app.publisher.publishChanges(['about.md']).then((changes) => {
        events.push('change applied');
        return changes;
      });
      // Every other body is rendered on the thread meanwhile; the change must not go on without the large one's links.
      await request(app.handle).get('/healthz').expect(200);
      await request(app.handle).get('/section').expect(200);
      events.push('large page released');
      pool.held.release();
      assert.deepEqual(await change, ['held']);
      assert.deepEqual(events, ['large page released', 'change applied']);
      const pasted = app.publisher.snapshot().editions[0]!.site.pages.get('/pasted')!;
      // Only its thread lays a large body out as bytes: rendered in this thread, it would have none.
      assert.ok(bodyOf(pasted)?.laidOut(), 'the large page was rendered in the thread that answers');
      await request(app.handle).get('/about').expect(200);
    } finally {
      app.close();
    }
  });
});
