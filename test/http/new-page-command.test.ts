// `npm run new` as an editor runs it: the file appears, the preview serves it as a draft, and nothing is overwritten.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { freshFixture, ROOT, testApp } from '../helpers/test-app.js';
import { entryPointArgs } from '../../scripts/lib/entry-point.js';

function runNew(contentDir: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, CONTENT_DIR: contentDir, PORT: '3456' };
  // The test runner marks its own children; the command is not one of them.
  delete env['NODE_TEST_CONTEXT'];
  return spawnSync(process.execPath, [...entryPointArgs('scripts/new-page.ts'), ...args], { cwd: ROOT, env, encoding: 'utf8' });
}

describe('npm run new', () => {
  const fixture = freshFixture('small-site');

  it('creates the page, prints its address and how to preview it, and the preview shows it as a draft', async () => {
    const made = runNew(fixture.dir, 'page', 'section/new-child', 'A new child');
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /^Created .*section\/new-child\.md$/m);
    assert.match(made.stdout, /^Its address: \/section\/new-child$/m);
    assert.match(made.stdout, /npm run dev, then open http:\/\/localhost:3456\/section\/new-child/);

    const preview = testApp({ NODE_ENV: 'development', CONTENT_DIR: fixture.dir });
    try {
      const page = await request(preview.handle).get('/section/new-child').expect(200);
      assert.match(page.text, /class="draft-banner"/);
      assert.match(page.text, /<h1>A new child<\/h1>/);
    } finally {
      preview.close();
    }
    await request(testApp({ NODE_ENV: 'production', CONTENT_DIR: fixture.dir, STATS: 'off', DATA_DIR: ':memory:' }).handle)
      .get('/section/new-child')
      .expect(404);
  });

  it('refuses to overwrite a page, leaving it as it was', () => {
    const file = path.join(fixture.dir, 'about.md');
    const before = readFileSync(file, 'utf8');
    const refused = runNew(fixture.dir, 'page', 'about', 'About');
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /content\/about\.md already has the address \/about; edit that file, or choose another name/);
    assert.equal(readFileSync(file, 'utf8'), before);
  });

  it('shows the usage for bad arguments, and exits 2', () => {
    const bad = runNew(fixture.dir, 'post', 'A title');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /"post" is not something npm run new makes/);
    assert.match(bad.stderr, /Usage:\n {2}npm run new -- news "Title of the news item"/);
  });
});
