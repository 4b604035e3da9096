// `title: UN #1` is read as "UN": npm run check and the running server's report warn, with file and line and the fix.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { APP_PATHS, APP_PREFIXES } from '../../src/app-paths.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { formatProblem } from '../../src/content/problem.js';
import { createLogger } from '../../src/lib/logger.js';
import { checkContent } from '../../src/publish/check-content.js';
import { FIXTURES, freshFixture, ROOT } from '../helpers/test-app.js';

const CUT_TITLE = path.join(FIXTURES, 'content', 'editor-mistakes', 'front-matter', 'title-cut-by-comment.md');
const WARNING =
  'un-number-one.md:2: warning: the title is read as "UN": in YAML a " #" starts a comment, so "#1" is dropped; ' +
  'if it belongs to the text, put it in quotes: title: "UN #1" (if it is a comment, put it on a line of its own)';

describe('a title cut by a " #" comment', () => {
  const fixture = freshFixture('small-site');

  it('is a warning of npm run check, which still passes', () => {
    copyFileSync(CUT_TITLE, path.join(fixture.dir, 'un-number-one.md'));
    const problems = checkContent(fixture.dir, path.join(ROOT, 'public'), APP_PATHS, APP_PREFIXES).filter(
      (problem) => problem.file === 'un-number-one.md' && problem.line === 2,
    );
    assert.deepEqual(
      problems.map((problem) => formatProblem(problem)),
      [WARNING],
    );
  });

  it('is logged by the running server once, and the page is published with the title YAML read', async () => {
    const log: string[] = [];
    const logger = createLogger({ out: (line) => log.push(line), err: (line) => log.push(line) });
    const app = createApp(loadConfig({ NODE_ENV: 'test', CONTENT_DIR: fixture.dir, SITE_URL: 'https://un.example.org' }), { logger });
    copyFileSync(CUT_TITLE, path.join(fixture.dir, 'un-number-one.md'));
    app.publisher.reload(['un-number-one.md']);
    app.publisher.reload(['index.md']);
    assert.equal(log.filter((line) => line.includes(JSON.stringify(WARNING).slice(1, -1))).length, 1, log.join('\n'));
    assert.match((await request(app.handle).get('/un-number-one').expect(200)).text, /<h1[^>]*>UN<\/h1>/);
    app.close();
  });
});
