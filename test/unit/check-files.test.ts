// The check of images and links that point at files of public/: missing files, public/ in the path, one error each.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { APP_PATHS } from '../../src/app-paths.js';
import { formatProblem } from '../../src/content/problem.js';
import { checkContent } from '../../src/publish/check-content.js';
import { FIXTURES } from '../helpers/test-app.js';

describe('checkContent on images and links to files of public/', () => {
  const publicDir = mkdtempSync(path.join(tmpdir(), 'un-kg-public-'));
  for (const file of ['images/osh.png', 'docs/annual-report-2006.pdf', 'docs/Annual Report 2006 summary.pdf']) {
    mkdirSync(path.dirname(path.join(publicDir, file)), { recursive: true });
    writeFileSync(path.join(publicDir, file), 'bytes');
  }
  after(() => rmSync(publicDir, { recursive: true, force: true }));
  const lines = checkContent(path.join(FIXTURES, 'content', 'missing-files'), publicDir, APP_PATHS).map((problem) => formatProblem(problem));
  const on = (line: number): string[] => lines.filter((each) => each.startsWith(`photos.md:${line}:`));

  it('accepts an image and links whose files are there, names with spaces included', () => {
    assert.deepEqual(on(7), []);
    assert.deepEqual(on(15), []);
  });

  it('reports an image whose file is missing, and where to put it', () => {
    assert.deepEqual(on(9), [
      'photos.md:9: image /images/bishkek.png: there is no file public/images/bishkek.png; put the file at public/images/bishkek.png, or correct the path',
    ]);
  });

  it('tells an editor who wrote public/ in the path to remove it', () => {
    assert.deepEqual(on(11), [
      'photos.md:11: image /public/images/osh.png: remove public/ from the path and write /images/osh.png, as files in public/ are served from the top',
    ]);
    assert.deepEqual(on(19), [
      'photos.md:19: link to /public/docs/annual-report-2006.pdf: ' +
        'remove public/ from the path and write /docs/annual-report-2006.pdf, as files in public/ are served from the top',
    ]);
  });

  it('names the file when only the capitals differ', () => {
    assert.deepEqual(on(13), [
      'photos.md:13: image /images/Osh.PNG: there is no file public/images/Osh.PNG; ' +
        'the file is public/images/osh.png: write its name exactly, capitals included',
    ]);
  });

  it('reports a link to a missing document once, as a missing file rather than a missing page', () => {
    assert.deepEqual(on(17), [
      'photos.md:17: link to /docs/annual-report-2005.pdf: there is no file public/docs/annual-report-2005.pdf; ' +
        'put the file at public/docs/annual-report-2005.pdf, or correct the path',
    ]);
  });

  it('suggests the file of the same name in another folder', () => {
    assert.deepEqual(on(21), [
      'photos.md:21: link to /annual-report-2006.pdf: there is no file public/annual-report-2006.pdf; ' +
        'did you mean /docs/annual-report-2006.pdf? Paths start with / and the folder under public/',
    ]);
  });

  it('leaves a link to a missing page to the page check', () => {
    assert.deepEqual(on(23), ['photos.md:23: link to /no-such-page leads nowhere: there is no page /no-such-page']);
  });
});
