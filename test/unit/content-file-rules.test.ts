import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { APP_PATHS } from '../../src/app-paths.js';
import { ContentStore } from '../../src/content/content-store.js';
import { formatProblem } from '../../src/content/problem.js';
import { checkContent } from '../../src/publish/check-content.js';
import { FIXTURES, ROOT } from '../helpers/test-app.js';

const FOLDER = path.join(FIXTURES, 'content', 'editor-mistakes', 'file-names');

describe('files under content/ with names that would leave a page out or unreachable', () => {
  const lines = checkContent(FOLDER, path.join(ROOT, 'public'), APP_PATHS).map((problem) => formatProblem(problem));
  const of = (file: string): string[] => lines.filter((line) => line.startsWith(`${file}:`));

  it('refuses a file name with a space and capitals, suggesting the lowercase hyphenated name', () => {
    assert.deepEqual(of('Country Info.md'), [
      'Country Info.md:1: the file name "Country Info.md" has a space and capital letters: ' +
        'a web address needs lowercase letters, digits and hyphens, so rename it to country-info.md',
    ]);
  });
  it('refuses a folder name with a space and capitals, naming the folder', () => {
    assert.deepEqual(of('About Us/index.md'), [
      'About Us/index.md:1: the folder name "About Us" has a space and capital letters: ' +
        'a web address needs lowercase letters, digits and hyphens, so rename the folder to about-us',
    ]);
  });
  it('refuses a character that has a meaning in web addresses', () => {
    assert.deepEqual(of('jobs&tenders.md'), [
      'jobs&tenders.md:1: the file name "jobs&tenders.md" has "&": a web address needs lowercase letters, digits and hyphens, so rename it to jobs-tenders.md',
    ]);
  });
  it('refuses a page saved as .markdown, .MD or .txt, saying to rename it to .md', () => {
    const why = 'this file is left out of the site: only files ending in .md (lowercase) become pages, so rename it to';
    assert.deepEqual(
      [...of('contacts.markdown'), ...of('procurement.MD'), ...of('jobs.txt')],
      [`contacts.markdown:1: ${why} contacts.md`, `procurement.MD:1: ${why} procurement.md`, `jobs.txt:1: ${why} jobs.md`],
    );
  });
  it('warns about a text file that is not a page, in case it was meant to be one', () => {
    assert.deepEqual(of('notes-to-self.txt'), [
      'notes-to-self.txt:1: warning: this file is left out of the site: only files ending in .md (lowercase) become pages; ' +
        'if it is meant to be one, rename it to notes-to-self.md',
    ]);
  });
  it('warns that a document in content/ is not published, and where it goes', () => {
    assert.deepEqual(of('annual-report.pdf'), [
      'annual-report.pdf:1: warning: this file is not published: content/ holds pages (.md files); put images and documents in public/ and link to them',
    ]);
  });
  it('refuses navigation.yaml, which the site would not read', () => {
    assert.deepEqual(of('navigation.yaml'), ['navigation.yaml:1: this file is not read: the site reads navigation.yml only, so rename it to navigation.yml']);
  });
  it('says nothing of other YAML files, nor of the files Windows leaves in folders', () => {
    assert.deepEqual([...of('forum-categories.yml'), ...of('Thumbs.db'), ...of('index.md'), ...of('navigation.yml')], []);
  });
});

describe('the content store, for the running server', () => {
  it('leaves out a page whose name makes an unreachable address, and a .markdown page, and keeps the rest', () => {
    const store = new ContentStore(FOLDER, { includeDrafts: false });
    store.loadAll();
    assert.deepEqual([...store.site().pages.keys()], ['/']);
    assert.equal(store.refresh('Country Info.md'), 'failed');
    assert.equal(store.refresh('contacts.markdown'), 'failed');
  });
  it('leaves out a file that is only warned about, and a YAML file it does not know, as ignored', () => {
    const store = new ContentStore(FOLDER, { includeDrafts: false });
    store.loadAll();
    assert.equal(store.refresh('notes-to-self.txt'), 'ignored');
    assert.equal(store.refresh('forum-categories.yml'), 'ignored');
    assert.deepEqual(
      store
        .problems()
        .filter((problem) => problem.severity === 'warning')
        .map((problem) => problem.file),
      ['annual-report.pdf', 'notes-to-self.txt'],
    );
  });
});
