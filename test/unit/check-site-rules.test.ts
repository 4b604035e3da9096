// Cross-page rules of the content check: a menu item at a renamed page's old address, a folder without an index
// page, a link to a draft, and removed.yml entries written with a trailing slash.
import assert from 'node:assert/strict';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { APP_PATHS } from '../../src/app-paths.js';
import { formatProblem } from '../../src/content/problem.js';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import { checkContent } from '../../src/publish/check-content.js';
import { freshFixture, testApp } from '../helpers/test-app.js';

const PAGE = (title: string, extra = ''): string =>
  `---\ntitle: ${title}\ndescription: A page of the small fixture site, for the cross-page rules.\nupdated: 2007-08-16\n${extra}---\nText.\n`;

describe('cross-page rules', () => {
  const fixture = freshFixture('small-site');
  const write = (file: string, text: string): void => writeFileSync(path.join(fixture.dir, file), text);
  const lines = (): string[] => checkContent(fixture.dir, PROJECT_PATHS.public, APP_PATHS).map((problem) => formatProblem(problem));

  it('warns that a menu item points at a renamed page old address, naming the new one', () => {
    renameSync(path.join(fixture.dir, 'about.md'), path.join(fixture.dir, 'about-us.md'));
    write('about-us.md', PAGE('About us', 'aliases:\n  - /about\n'));
    write('index.md', PAGE('Small site'));
    assert.ok(
      lines().includes(
        'navigation.yml:6: warning: secondary navigation item "About" points to /about, ' +
          'which is now an old address (an alias) of /about-us: write url: /about-us',
      ),
      lines().join('\n'),
    );
  });

  it('warns once for a folder with pages but no index page', () => {
    mkdirSync(path.join(fixture.dir, 'reports'));
    write('reports/2006.md', PAGE('Report 2006'));
    write('reports/2007.md', PAGE('Report 2007'));
    const found = lines().filter((line) => line.includes('has no index page'));
    assert.deepEqual(found, [
      'reports/2006.md:1: warning: the folder reports/ has no index page, so /reports is 404 and breadcrumbs skip it: add reports/index.md (or reports.md)',
    ]);
  });

  it('refuses a page at the address of one the site makes itself, such as the forum', () => {
    write('forum.md', PAGE('Forum'));
    assert.ok(
      lines().includes('forum.md:1: /forum is an address the site answers itself (search, statistics, the forum, the sitemap or the feed): rename this file'),
    );
  });

  it('asks for no index page of a folder whose address the site answers itself', () => {
    mkdirSync(path.join(fixture.dir, 'forum'));
    write('forum/rules.md', PAGE('Forum rules'));
    assert.deepEqual(
      lines().filter((line) => line.includes('has no index page')),
      [],
    );
  });

  it('calls a link to a draft an error, saying it is a draft', () => {
    write('about.md', PAGE('About', 'linkTitle: About\n') + '\nSee [the draft](/section/draft).\n');
    assert.ok(lines().some((line) => /^about\.md:\d+: link to \/section\/draft leads nowhere: \/section\/draft is a draft/.test(line)));
  });

  it('answers 410 for a removed.yml address written with a trailing slash', async () => {
    write('removed.yml', '- url: /old-report/\n  note: The report was withdrawn.\n');
    const app = testApp({ CONTENT_DIR: fixture.dir });
    await request(app.handle).get('/old-report').expect(410);
    app.close();
  });
});
