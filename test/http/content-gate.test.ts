// The running server never publishes what the content check rejects: such a change is held back, logged once, and
// the last good version keeps serving, also across a restart.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import request from 'supertest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/lib/logger.js';
import { freshFixture } from '../helpers/test-app.js';

const ABOUT = (title: string, body: string): string =>
  `---\ntitle: ${title}\nlinkTitle: About\ndescription: The about page of the fixture site, with one heading to link to.\n` +
  `updated: 2007-08-16\n---\n\n## Who we are\n\n${body}\n`;

describe('a change that would bring in an error', () => {
  const fixture = freshFixture('small-site');
  let dataDir = '';
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'un-kg-data-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));
  const write = (file: string, text: string): void => writeFileSync(path.join(fixture.dir, file), text);
  const appOn = (log: string[] = []): App => {
    const logger = createLogger({ out: () => {}, err: (line) => log.push(line) });
    return createApp(loadConfig({ NODE_ENV: 'production', CONTENT_DIR: fixture.dir, DATA_DIR: dataDir, STATS: 'off', SITE_URL: 'https://un.example.org' }), {
      logger,
    });
  };

  it('is held back when it adds a broken link: the last good version serves, the problem is logged once, and the fix goes live', async () => {
    const log: string[] = [];
    const app = appOn(log);
    write('about.md', ABOUT('About, with a broken link', 'See [the report](/no-such-report).'));
    app.publisher.reload(['about.md']);
    assert.match((await request(app.handle).get('/about').expect(200)).text, /About the small site/);
    app.publisher.reload(['index.md']);
    const logged = log.filter((line) => line.includes('about.md:10: link to /no-such-report leads nowhere'));
    assert.equal(logged.length, 1, log.join('\n'));
    write('about.md', ABOUT('About, fixed', 'See [the section](/section).'));
    app.publisher.reload(['about.md']);
    assert.match((await request(app.handle).get('/about').expect(200)).text, /About, fixed/);
    assert.deepEqual(
      app.publisher.problems().filter((problem) => problem.severity === 'error'),
      [],
    );
  });

  it('goes live when it brings in only a warning, which is reported', async () => {
    const app = appOn();
    write('about.md', ABOUT('About', 'The about page.').replace('updated:', 'aliases: [/who-we-are]\nupdated:'));
    app.publisher.reload(['about.md']);
    // A menu item through an old address (an alias) works, by a redirect on every click: a warning, not an error.
    write('navigation.yml', 'primary:\n  - title: Section\n    url: /section\nsecondary:\n  - title: Who we are\n    url: /who-we-are\nfooter: []\n');
    app.publisher.reload(['navigation.yml']);
    assert.match((await request(app.handle).get('/about').expect(200)).text, /href="\/who-we-are"[^>]*>Who we are</);
    const warnings = app.publisher.problems().filter((problem) => problem.file === 'navigation.yml');
    assert.ok(
      warnings.some((problem) => problem.severity === 'warning' && /old address \(an alias\)/.test(problem.message)),
      JSON.stringify(app.publisher.problems()),
    );
  });

  it('is held back when it shows an image missing from public/', async () => {
    const app = appOn();
    write('about.md', ABOUT('About, with a missing photo', '![The UN House in Bishkek](/images/un-house.jpg)'));
    app.publisher.reload(['about.md']);
    assert.match((await request(app.handle).get('/about').expect(200)).text, /About the small site/);
    assert.ok(app.publisher.problems().some((problem) => problem.file === 'about.md' && /un-house\.jpg/.test(problem.message)));
  });

  it('goes live with every other file of the same save', async () => {
    const app = appOn();
    write('about.md', ABOUT('About, broken', 'See [nothing](/nothing).'));
    write(
      'section/child.md',
      '---\ntitle: Child, edited\ndescription: A child page of the section, edited in the same save.\nupdated: 2007-08-16\n---\nText.\n',
    );
    app.publisher.reload(['about.md', 'section/child.md']);
    assert.match((await request(app.handle).get('/section/child').expect(200)).text, /Child, edited/);
    assert.match((await request(app.handle).get('/about').expect(200)).text, /About the small site/);
  });

  it('holds back deleting a page that the menu and other pages link to, and lets it go once nothing does', async () => {
    const app = appOn();
    rmSync(path.join(fixture.dir, 'about.md'));
    app.publisher.reload(['about.md']);
    await request(app.handle).get('/about').expect(200);
    const problem = app.publisher.problems().find((each) => each.file === 'about.md');
    assert.match(problem?.message ?? '', /held back, because it would break (index\.md|navigation\.yml):\d+/);
    write(
      'index.md',
      '---\ntitle: Small site\ndescription: A fixture site with a home page and a section with a child.\nupdated: 2007-08-15\n---\n' +
        '\nGo to the [section](/section).\n',
    );
    write('navigation.yml', 'primary:\n  - title: Section\n    url: /section\n');
    app.publisher.reload(['index.md', 'navigation.yml']);
    // The held deletion is tried again with every reload, and now fits.
    await request(app.handle).get('/about').expect(404);
  });

  it('holds back draft: true on a page that is still in the menu', async () => {
    const app = appOn();
    write('about.md', ABOUT('About the small site', 'Still here.').replace('updated:', 'draft: true\nupdated:'));
    app.publisher.reload(['about.md']);
    await request(app.handle).get('/about').expect(200);
    assert.ok(app.publisher.problems().some((problem) => problem.file === 'about.md' && /is a draft/.test(problem.message)));
  });

  it('keeps serving the last good version of a broken page after a restart', async () => {
    const first = appOn();
    write('about.md', '---\ntitle: [unclosed\n---\n');
    first.publisher.reload(['about.md']);
    first.close();
    const second = appOn();
    try {
      assert.match((await request(second.handle).get('/about').expect(200)).text, /About the small site/);
      assert.ok(second.publisher.problems().some((problem) => problem.file === 'about.md' && problem.line === 2));
    } finally {
      second.close();
    }
  });

  it('gates a change made while the server was stopped, against the generation kept from before', async () => {
    appOn().close();
    write('about.md', ABOUT('About, edited while stopped', 'See [nowhere](/nowhere).'));
    const app = appOn();
    try {
      assert.match((await request(app.handle).get('/about').expect(200)).text, /About the small site/);
      write('about.md', ABOUT('About, edited and fixed', 'See [home](/).'));
      app.publisher.reload(['about.md']);
      assert.match((await request(app.handle).get('/about').expect(200)).text, /About, edited and fixed/);
    } finally {
      app.close();
    }
  });
});
