// HTTP tests: content that changes, breaks and recovers while the app runs; drafts; the development live reload.
import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import type { App } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { watchContent } from '../../src/watch-content.js';
import { buildApp } from '../../scripts/lib/build-app.js';
import { captureLogs, type LogLines } from '../../scripts/lib/log-lines.js';
import { eventually } from '../helpers/eventually.js';
import { freshFixture, serveApp, testEnv } from '../helpers/test-app.js';

/** The app on a content folder, its config (for a watcher beside it) and its log. */
function appOn(dir: string, nodeEnv = 'test'): { app: App; config: Config; log: LogLines } {
  const { logger, lines } = captureLogs();
  return { ...buildApp(testEnv({ NODE_ENV: nodeEnv, CONTENT_DIR: dir }), { logger }), log: lines };
}

describe('a content file that breaks while the server runs', () => {
  const fixture = freshFixture('small-site');
  const write = (file: string, text: string): void => writeFileSync(path.join(fixture.dir, file), text);

  it('keeps serving every page, keeps the broken page at its last good version, logs file and line, and recovers', async () => {
    const { app, log } = appOn(fixture.dir);
    write('about.md', '---\ntitle: About\ndescription: About: a colon that YAML cannot read\nupdated: 2007-08-15\n---\n');
    app.publisher.reload(['about.md']);

    await request(app.handle).get('/').expect(200);
    await request(app.handle).get('/section/child').expect(200);
    const kept = await request(app.handle).get('/about').expect(200);
    assert.match(kept.text, /About the small site/);
    assert.ok(
      log
        .atLevel('error')
        .some((line) =>
          String(line['problem']).startsWith('about.md:3: the description contains ": ", which is read as the start of another field: put it in quotes'),
        ),
      log.text(),
    );

    write(
      'about.md',
      '---\ntitle: About again\ndescription: The about page is fixed and comes back with its new title.\nupdated: 2007-08-20\n---\n## Who we are\n',
    );
    app.publisher.reload(['about.md']);
    assert.match((await request(app.handle).get('/about').expect(200)).text, /About again/);
  });

  it('leaves a new broken page absent and everything else serving', async () => {
    const { app } = appOn(fixture.dir);
    write('new.md', '\u0000\u0001binary');
    app.publisher.reload(['new.md']);
    await request(app.handle).get('/new').expect(404);
    await request(app.handle).get('/about').expect(200);
  });

  it('survives a 5 MB file and reports it', async () => {
    const { app } = appOn(fixture.dir);
    write('huge.md', `---\ntitle: Huge\n---\n${'a'.repeat(5 * 1024 * 1024)}`);
    app.publisher.reload(['huge.md']);
    await request(app.handle).get('/').expect(200);
    await request(app.handle).get('/huge').expect(404);
    assert.ok(app.publisher.problems().some((problem) => problem.file === 'huge.md' && /5\.0 MB/.test(problem.message)));
  });

  it('takes a page deleted while running out of the site', async () => {
    const { app } = appOn(fixture.dir);
    rmSync(path.join(fixture.dir, 'section', 'child.md'));
    app.publisher.reload(['section/child.md']);
    await request(app.handle).get('/section/child').expect(404);
    const section = await request(app.handle).get('/section').expect(200);
    assert.doesNotMatch(section.text, /\/section\/child/);
  });

  it('answers 410 Gone, not 404, for a deleted page whose address removed.yml lists, and 200 when it is back', async () => {
    const { app } = appOn(fixture.dir);
    write('removed.yml', '- url: /about\n  note: The about page was folded into the home page.\n');
    app.publisher.reload(['removed.yml']);
    await request(app.handle).get('/about').expect(200);
    // The home page and the menu link to /about: those links go first, or the deletion would be held back.
    write(
      'index.md',
      '---\ntitle: Small site\ndescription: A fixture site with a home page and a section with a child.\nupdated: 2007-08-15\n---\n' +
        '\nGo to the [section](/section).\n',
    );
    write('navigation.yml', 'primary:\n  - title: Section\n    url: /section\n');
    app.publisher.reload(['index.md', 'navigation.yml']);
    rmSync(path.join(fixture.dir, 'about.md'));
    app.publisher.reload(['about.md']);
    const gone = await request(app.handle).get('/about').expect(410);
    assert.match(gone.text, /folded into the home page/);
    write('about.md', '---\ntitle: About, restored\ndescription: The about page is back at its old address after all.\nupdated: 2007-08-22\n---\nBack.\n');
    app.publisher.reload(['about.md']);
    assert.match((await request(app.handle).get('/about').expect(200)).text, /About, restored/);
    assert.equal(app.publisher.snapshot().edition().gone.has('/about'), false);
  });

  it('picks up a saved change through the file watcher, without a restart', async () => {
    const { app, config } = appOn(fixture.dir);
    let changed!: () => void;
    const seen = new Promise<void>((resolve) => {
      changed = resolve;
    });
    const watcher = watchContent(config, app, () => changed());
    try {
      write(
        'about.md',
        '---\ntitle: About, watched\ndescription: The watcher saw this change and the page shows it.\nupdated: 2007-08-21\n---\n## Who we are\n',
      );
      await Promise.race([seen, new Promise((_, reject) => setTimeout(() => reject(new Error('watcher saw nothing in 30 s')), 30_000))]);
      assert.match((await request(app.handle).get('/about').expect(200)).text, /About, watched/);
    } finally {
      watcher.close();
    }
  });

  it('takes a whole section out when its folder is moved away, and back when it returns', async () => {
    const { app, config } = appOn(fixture.dir);
    const away = mkdtempSync(path.join(tmpdir(), 'section-away-'));
    const watcher = watchContent(config, app);
    const until = (url: string, status: number): Promise<void> =>
      eventually(`${url} answers ${status}`, async () => (await request(app.handle).get(url)).status === status);
    try {
      renameSync(path.join(fixture.dir, 'section'), path.join(away, 'section'));
      await until('/section/child', 404);
      // Decided in the same reload: the menu and the home page link to /section, so its deletion is held back.
      await request(app.handle).get('/section').expect(200);
      assert.ok(app.publisher.problems().some((problem) => problem.file === 'section/index.md' && /held back/.test(problem.message)));
      renameSync(path.join(away, 'section'), path.join(fixture.dir, 'section'));
      await until('/section/child', 200);
      await until('/section', 200);
    } finally {
      watcher.close();
      rmSync(away, { recursive: true, force: true });
    }
  });
});

describe('drafts', () => {
  const fixture = freshFixture('small-site');

  it('are absent in production: no page and no list entry', async () => {
    const { app } = appOn(fixture.dir, 'production');
    await request(app.handle).get('/section/draft').expect(404);
    assert.doesNotMatch((await request(app.handle).get('/section').expect(200)).text, /A draft page/);
  });

  it('show in development, marked as drafts', async () => {
    const { app } = appOn(fixture.dir, 'development');
    try {
      assert.match((await request(app.handle).get('/section/draft').expect(200)).text, /class="draft-banner"/);
      assert.match((await request(app.handle).get('/section').expect(200)).text, /A draft page/);
    } finally {
      app.close();
    }
  });
});

describe('live reload', () => {
  const fixture = freshFixture('small-site');

  it('is served and linked in development, with the same strict CSP', async () => {
    const { app } = appOn(fixture.dir, 'development');
    try {
      const page = await request(app.handle).get('/about').expect(200);
      assert.match(page.text, /<script src="\/__dev\/live-reload\.js" defer><\/script>/);
      assert.doesNotMatch(page.headers['content-security-policy'] ?? '', /unsafe/);
      await request(app.handle)
        .get('/__dev/live-reload.js')
        .expect(200)
        .expect('Content-Type', /javascript/);
    } finally {
      app.close();
    }
  });

  it('is neither served nor linked in production', async () => {
    const { app } = appOn(fixture.dir, 'production');
    assert.doesNotMatch((await request(app.handle).get('/about').expect(200)).text, /__dev/);
    await request(app.handle).get('/__dev/live-reload.js').expect(404);
    await request(app.handle).get('/__dev/events').expect(404);
  });

  it('streams the errors with file and line, then an all-clear when the file is fixed', async () => {
    const { app } = appOn(fixture.dir, 'development');
    const server = await serveApp(app);
    const events: string[] = [];
    const controller = new AbortController();
    try {
      const response = await fetch(`${server.origin}/__dev/events`, { signal: controller.signal });
      const reader = response.body!.getReader();
      const next = async (): Promise<{ errors: string[] }> => {
        for (;;) {
          const complete = events.join('').split('\n\n');
          if (complete.length > 1) {
            const [first = ''] = complete;
            events.splice(0, events.length, complete.slice(1).join('\n\n'));
            return JSON.parse(first.split('data: ')[1] ?? '{}') as { errors: string[] };
          }
          const { value } = await reader.read();
          events.push(new TextDecoder().decode(value));
        }
      };
      assert.deepEqual((await next()).errors, []);
      writeFileSync(path.join(fixture.dir, 'about.md'), '---\ntitle: About\ndescription: "unclosed\n---\n');
      app.publisher.reload(['about.md']);
      const broken = await next();
      assert.equal(broken.errors.length, 1);
      assert.match(
        broken.errors[0] ?? '',
        /about\.md:3: the description opens a quote \("\) that is never closed: add one at the end, description: "unclosed"$/,
      );
      writeFileSync(
        path.join(fixture.dir, 'about.md'),
        '---\ntitle: About\ndescription: The about page, fixed again after the broken save.\nupdated: 2007-08-15\n---\n## Who we are\n',
      );
      app.publisher.reload(['about.md']);
      assert.deepEqual((await next()).errors, []);
    } finally {
      controller.abort();
      await server.close();
    }
  });
});
