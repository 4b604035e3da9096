import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import type { App } from '../../src/app.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { formatProblem } from '../../src/content/problem.js';
import { createLogger } from '../../src/lib/logger.js';
import { FIXTURES, freshFixture } from '../helpers/test-app.js';

const MISTAKES = path.join(FIXTURES, 'content', 'editor-mistakes');

function appOn(dir: string, log: string[]): App {
  const logger = createLogger({ out: () => {}, err: (line) => log.push(line) });
  return createApp(loadConfig({ NODE_ENV: 'test', CONTENT_DIR: dir, SITE_URL: 'https://un.example.org' }), { logger });
}

describe('the running server and an editor’s mistake in one file', () => {
  const fixture = freshFixture('small-site');
  /** Saves a fixture of editor-mistakes/ as a file of the running site, and tells the server, as the watcher would. */
  const save = (app: App, fixtureFile: string, as: string): void => {
    mkdirSync(path.dirname(path.join(fixture.dir, as)), { recursive: true });
    writeFileSync(path.join(fixture.dir, as), readFileSync(path.join(MISTAKES, fixtureFile)));
    app.publisher.reload([as]);
  };
  const problemsOf = (app: App, file: string): string[] =>
    app.publisher
      .problems()
      .filter((problem) => problem.file === file)
      .map((problem) => formatProblem(problem));

  it('keeps serving the last good page when its updated date is impossible, and logs the reason once with file and line', async () => {
    const log: string[] = [];
    const app = appOn(fixture.dir, log);
    save(app, 'front-matter/updated-impossible-date.md', 'about.md');
    const page = await request(app.handle).get('/about').expect(200);
    assert.match(page.text, /About the small site/);
    const message = 'about.md:4: updated must be a real date, and 2026-02-30 is not: February 2026 has 28 days';
    assert.deepEqual(problemsOf(app, 'about.md'), [message]);
    assert.equal(log.filter((line) => line.includes(JSON.stringify(message))).length, 1, log.join('\n'));
  });

  it('keeps serving the last good page when a "# heading" is added to it', async () => {
    const app = appOn(fixture.dir, []);
    save(app, 'body/heading-level-one.md', 'about.md');
    assert.match((await request(app.handle).get('/about').expect(200)).text, /About the small site/);
    assert.deepEqual(problemsOf(app, 'about.md'), [
      'about.md:7: "# Country info" would be a second top heading: the title is the page\'s heading, so start sections at ## ' +
        '(## Country info), or delete this line if it repeats the title',
    ]);
  });

  it('does not publish a news item without a date', async () => {
    const app = appOn(fixture.dir, []);
    save(app, 'news/2026-11-20-item-without-date.md', 'news/2026-11-20-item-without-date.md');
    await request(app.handle).get('/news/2026-11-20-item-without-date').expect(404);
    assert.deepEqual(
      problemsOf(app, 'news/2026-11-20-item-without-date.md').map((line) => line.replace(/\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')),
      ['news/2026-11-20-item-without-date.md:2: date is missing: a news item needs the day of the event, so add a line date: YYYY-MM-DD'],
    );
  });

  it('does not publish a page whose file name has a space, and reports a .markdown page instead of ignoring it', async () => {
    const app = appOn(fixture.dir, []);
    save(app, 'file-names/Country Info.md', 'Country Info.md');
    save(app, 'file-names/contacts.markdown', 'contacts.markdown');
    await request(app.handle).get('/country%20info').expect(404);
    assert.equal(app.publisher.snapshot().edition().site.pages.has('/country info'), false);
    assert.deepEqual(problemsOf(app, 'Country Info.md'), [
      'Country Info.md:1: the file name "Country Info.md" has a space and capital letters: ' +
        'a web address needs lowercase letters, digits and hyphens, so rename it to country-info.md',
    ]);
    assert.deepEqual(problemsOf(app, 'contacts.markdown'), [
      'contacts.markdown:1: this file is left out of the site: only files ending in .md (lowercase) become pages, so rename it to contacts.md',
    ]);
    assert.ok(app.publisher.errorLines(path.dirname(fixture.dir)).some((line) => line.endsWith('rename it to contacts.md')));
  });
});
