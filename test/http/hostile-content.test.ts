// HTTP tests: a pasted document made to exhaust the server is that page's problem only; the site keeps serving.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { APP_PATHS, APP_PREFIXES } from '../../src/app-paths.js';
import { formatProblem } from '../../src/content/problem.js';
import { captureLogs } from '../../scripts/lib/log-lines.js';
import { exportSite, exportTarget } from '../../src/export/export-site.js';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import { checkContent } from '../../src/publish/check-content.js';
import { amplifiedLinks, pageFile } from '../fixtures/hostile/hostile-content.js';
import { freshFixture, ROOT, testApp } from '../helpers/test-app.js';
import { entryPointArgs } from '../../scripts/lib/entry-point.js';

describe('a page whose HTML would be gigabytes', () => {
  const fixture = freshFixture('small-site');
  const write = (file: string, text: string): void => writeFileSync(path.join(fixture.dir, file), text);

  it('is left out at start, with its file and line, while every other page and /healthz answer', async () => {
    write('pasted.md', pageFile(amplifiedLinks()));
    const app = testApp({ CONTENT_DIR: fixture.dir });
    await app.publisher.snapshot().ready;
    await request(app.handle).get('/about').expect(200);
    await request(app.handle).get('/healthz').expect(200);
    await request(app.handle).get('/pasted').expect(404);
    const problems = app.publisher.problems().map((problem) => formatProblem(problem));
    assert.ok(
      problems.some((line) => line.startsWith('pasted.md:9: this page would become more than 8 MB of HTML')),
      problems.join('\n'),
    );
    app.close();
  });

  it('replacing a page in the running server keeps its last good version', async () => {
    const app = testApp({ CONTENT_DIR: fixture.dir });
    write('about.md', pageFile(amplifiedLinks()));
    assert.deepEqual(app.publisher.reload(['about.md']), ['failed']);
    await app.publisher.snapshot().ready;
    assert.match((await request(app.handle).get('/about').expect(200)).text, /About the small site/);
    app.close();
  });

  it('is named by npm run check with its file and line, not a stack', () => {
    write('pasted.md', pageFile(amplifiedLinks()));
    const run = spawnSync(process.execPath, [...entryPointArgs('scripts/check-content.ts'), fixture.dir], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /pasted\.md:9: this page would become more than 8 MB of HTML/);
    assert.doesNotMatch(`${run.stdout}${run.stderr}`, /\n\s+at /);
  });
});

describe('symbolic links in content/', () => {
  const fixture = freshFixture('small-site');
  const outsidePage = (): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'un-kg-outside-'));
    writeFileSync(path.join(dir, 'secret.md'), pageFile('A file from outside content/, which must never be published.'));
    return path.join(dir, 'secret.md');
  };
  const linkMessage = (problems: readonly string[], file: string): void =>
    assert.ok(
      problems.some((line) => line.startsWith(`${file}:1: this is a symbolic link`)),
      problems.join('\n'),
    );

  it('are refused at start, with a message, and never published nor listed in the sitemap', async () => {
    const target = outsidePage();
    symlinkSync(target, path.join(fixture.dir, 'linked.md'));
    const app = testApp({ CONTENT_DIR: fixture.dir });
    await request(app.handle).get('/linked').expect(404);
    assert.doesNotMatch((await request(app.handle).get('/sitemap-pages.xml').expect(200)).text, /linked/);
    linkMessage(
      app.publisher.problems().map((problem) => formatProblem(problem)),
      'linked.md',
    );
    app.close();
    rmSync(path.dirname(target), { recursive: true, force: true });
  });

  it('are refused the same way when the watcher reports one, and a link to /dev/zero is never read', async () => {
    const target = outsidePage();
    const app = testApp({ CONTENT_DIR: fixture.dir });
    symlinkSync(target, path.join(fixture.dir, 'linked.md'));
    symlinkSync('/dev/zero', path.join(fixture.dir, 'zero.md'));
    assert.deepEqual(app.publisher.reload(['linked.md', 'zero.md']), ['failed', 'failed']);
    await request(app.handle).get('/linked').expect(404);
    await request(app.handle).get('/zero').expect(404);
    assert.doesNotMatch((await request(app.handle).get('/sitemap-pages.xml').expect(200)).text, /linked/);
    const problems = app.publisher.problems().map((problem) => formatProblem(problem));
    linkMessage(problems, 'linked.md');
    linkMessage(problems, 'zero.md');
    app.close();
    rmSync(path.dirname(target), { recursive: true, force: true });
  });
});

describe('a page or an alias at an address the app answers itself', () => {
  const fixture = freshFixture('small-site');
  const write = (file: string, text: string): void => writeFileSync(path.join(fixture.dir, file), text);
  const aliases = ['/search', '/sitemap.xml', '/assets/css/site.css', '/forum/login', '/forum/t/1', '/stats/'];
  const takeOver = (): void => {
    write('healthz.md', pageFile('A page that would answer instead of the health check.'));
    write('about.md', pageFile('About, with old addresses the app answers.', ['aliases:', ...aliases.map((alias) => `  - ${alias}`)]));
  };

  it('is an error of the check, at its file and line', () => {
    takeOver();
    const lines = checkContent(fixture.dir, PROJECT_PATHS.public, APP_PATHS, APP_PREFIXES).map((problem) => formatProblem(problem));
    const found = (pattern: RegExp): void =>
      assert.ok(
        lines.some((line) => pattern.test(line)),
        `${String(pattern)} in\n${lines.join('\n')}`,
      );
    found(/^healthz\.md:1: \/healthz is an address the site answers itself.*: rename this file$/);
    found(/^about\.md:6: alias \/search cannot be an old address/);
    found(/^about\.md:7: alias \/sitemap\.xml cannot be an old address/);
    found(/^about\.md:8: alias \/assets\/css\/site\.css cannot be an old address: \/assets\/css\/site\.css is below \/assets\//);
    found(/^about\.md:9: alias \/forum\/login cannot be an old address/);
    found(/^about\.md:10: alias \/forum\/t\/1 cannot be an old address: \/forum\/t\/1 is below \/forum\//);
    found(/^about\.md:11: alias \/stats\/ cannot be an old address/);
  });

  it('never replaces the route, even when published as the server starts', async () => {
    takeOver();
    const app = testApp({ CONTENT_DIR: fixture.dir });
    assert.match((await request(app.handle).get('/healthz').expect(200)).text, /"status":"ok"/);
    await request(app.handle).get('/search').expect(200);
    assert.match((await request(app.handle).get('/sitemap-pages.xml').expect(200)).text, /<urlset/);
    app.close();
  });

  it('is held back when the running server sees it, and the page keeps its last good version', async () => {
    const app = testApp({ CONTENT_DIR: fixture.dir });
    takeOver();
    assert.deepEqual(app.publisher.reload(['healthz.md', 'about.md']), ['held', 'held']);
    assert.match((await request(app.handle).get('/about').expect(200)).text, /About the small site/);
    app.close();
  });
});

describe('the export, given addresses that climb out of its folder', () => {
  const fixture = freshFixture('small-site');

  it('refuses a removed page whose address has ".." in the check, and writes nothing outside the folder', async () => {
    const outer = mkdtempSync(path.join(tmpdir(), 'un-kg-export-'));
    const dist = path.join(outer, 'dist');
    writeFileSync(path.join(fixture.dir, 'removed.yml'), '- url: /../../escaped\n  note: Gone.\n');
    const lines = checkContent(fixture.dir, PROJECT_PATHS.public, APP_PATHS, APP_PREFIXES).map((problem) => formatProblem(problem));
    assert.ok(
      lines.some((line) => /^removed\.yml:1: .*must not contain "\." or "\.\." between slashes/.test(line)),
      lines.join('\n'),
    );
    const app = testApp({ CONTENT_DIR: fixture.dir });
    await exportSite(app, dist);
    assert.equal(existsSync(path.join(outer, 'escaped.html')), false);
    assert.equal(existsSync(path.join(dist, 'index.html')), true);
    app.close();
    rmSync(outer, { recursive: true, force: true });
  });

  it('never writes a path that resolves outside the output folder', () => {
    assert.equal(exportTarget('/tmp/dist', '_gone/old.html'), path.resolve('/tmp/dist/_gone/old.html'));
    assert.throws(() => exportTarget('/tmp/dist', '_gone/../../escaped.html'), /outside the export folder/);
    assert.throws(() => exportTarget('/tmp/dist', '../dist-other/x.html'), /outside the export folder/);
  });
});

describe('a page that fails to render in the background pass', () => {
  const fixture = freshFixture('small-site');

  it('is logged with its file, and the pass goes on: the generation is ready and the other pages serve', async () => {
    const { logger, lines } = captureLogs();
    const app = testApp({ CONTENT_DIR: fixture.dir }, { logger });
    const { renderer } = app.publisher;
    const renderPage = renderer.renderPage.bind(renderer);
    renderer.renderPage = (context, page) => {
      if (page.url === '/about') throw new Error('the template failed on this page');
      return renderPage(context, page);
    };
    app.publisher.reload();
    // Rejected before: the process then ended on an unhandled rejection.
    await app.publisher.snapshot().ready;
    await request(app.handle).get('/section').expect(200);
    assert.ok(lines.atLevel('error').some((line) => line['message'] === 'page failed to render' && line['file'] === 'about.md'));
    app.close();
  });
});
