// Unit tests for ContentStore: reading, refreshing, breaking and recovering pages in a fixture folder.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ContentStore } from '../../src/content/content-store.js';
import { freshFixture } from '../helpers/test-app.js';

describe('ContentStore', () => {
  const fixture = freshFixture('small-site');

  const write = (file: string, text: string): void => writeFileSync(path.join(fixture.dir, file), text);

  it('reads every page and the navigation', () => {
    const store = new ContentStore(fixture.dir, { includeDrafts: false });
    store.loadAll();
    assert.deepEqual([...store.site().pages.keys()].sort(), ['/', '/about', '/section', '/section/child']);
    assert.equal(store.site().navigation.primary[0]?.url, '/section');
    assert.deepEqual(store.problems(), []);
  });

  it('includes drafts only when asked to', () => {
    const store = new ContentStore(fixture.dir, { includeDrafts: true });
    store.loadAll();
    assert.ok(store.site().pages.has('/section/draft'));
  });

  it('forgets every page under a folder that was deleted or moved away', () => {
    const store = new ContentStore(fixture.dir, { includeDrafts: true });
    store.loadAll();
    rmSync(path.join(fixture.dir, 'section'), { recursive: true });
    assert.equal(store.refresh('section'), 'removed');
    assert.deepEqual([...store.site().pages.keys()].sort(), ['/', '/about']);
    assert.equal(store.refresh('section'), 'ignored');
  });

  it('forgets the pages of a deleted folder reported file by file, then the folder, and the warning of a file in it', () => {
    write('section/report.pdf', '%PDF-1.4');
    const store = new ContentStore(fixture.dir, { includeDrafts: true });
    store.loadAll();
    assert.ok(store.problems().some((problem) => problem.file === 'section/report.pdf'));
    rmSync(path.join(fixture.dir, 'section'), { recursive: true });
    assert.deepEqual(store.apply(['section/child.md', 'section/report.pdf', 'section/draft.md', 'section']).changes, [
      'removed',
      'ignored',
      'removed',
      'removed',
    ]);
    assert.deepEqual([...store.site().pages.keys()].sort(), ['/', '/about']);
    assert.deepEqual(store.problems(), []);
  });

  it('keeps the last good version of a page that breaks, and reports the break by file and line', () => {
    const store = new ContentStore(fixture.dir, { includeDrafts: false });
    store.loadAll();
    write('about.md', '---\ntitle: About\ndescription: [unclosed\n---\nBody\n');
    assert.equal(store.refresh('about.md'), 'failed');
    assert.equal(store.site().pages.get('/about')?.title, 'About the small site');
    const [problem] = store.problems();
    assert.equal(problem?.file, 'about.md');
    assert.equal(problem?.line, 3);
  });

  it('brings a fixed page back and clears its problem', () => {
    const store = new ContentStore(fixture.dir, { includeDrafts: false });
    store.loadAll();
    write('about.md', '---\ntitle: [\n---\n');
    store.refresh('about.md');
    write('about.md', '---\ntitle: About, fixed\ndescription: The about page again, with a good front matter.\nupdated: 2007-08-17\n---\nBody\n');
    assert.equal(store.refresh('about.md'), 'changed');
    assert.equal(store.site().pages.get('/about')?.title, 'About, fixed');
    assert.deepEqual(store.problems(), []);
  });

  it('leaves a new broken page absent', () => {
    const store = new ContentStore(fixture.dir, { includeDrafts: false });
    store.loadAll();
    write('new.md', '---\ntitle: New\n---\n');
    assert.equal(store.refresh('new.md'), 'failed');
    assert.equal(store.site().pages.has('/new'), false);
    const [description, updated] = store.problems().map((problem) => `${problem.file}:${problem.line}: ${problem.message}`);
    const example = 'One or two sentences on what the page says, which search engines show under its title.';
    assert.equal(description, `new.md:2: description is missing: add a line description: ${example}`);
    assert.match(updated ?? '', /^new\.md:2: updated is missing: add a line updated: \d{4}-\d{2}-\d{2}$/);
  });

  it('forgets a page deleted while running', () => {
    const store = new ContentStore(fixture.dir, { includeDrafts: false });
    store.loadAll();
    rmSync(path.join(fixture.dir, 'about.md'));
    assert.equal(store.refresh('about.md'), 'removed');
    assert.equal(store.site().pages.has('/about'), false);
    assert.equal(store.site().redirects.has('/english/about.phtml'), false);
  });
});

describe('ContentStore applying a change in steps', () => {
  const fixture = freshFixture('small-site');
  const gate = () => ({ routes: new Set<string>() });
  const write = (file: string, text: string): void => writeFileSync(path.join(fixture.dir, file), text);
  const manyLinksPage = (count: number, title: string): string =>
    `---\ntitle: ${title}\ndescription: A page of many links to check.\nupdated: 2007-08-15\n---\n\n${'- [about](/about) and [gone](/gone)\n'.repeat(count)}`;

  it('pauses between pieces of a few dozen links while it gates a page of a thousand, and takes the change as apply() does', () => {
    write('links.md', manyLinksPage(500, 'Many links'));
    const store = new ContentStore(fixture.dir, { includeDrafts: false, gate });
    store.loadAll();
    write('links.md', manyLinksPage(500, 'Many links, again'));
    const steps = store.applying(['links.md']);
    let pauses = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) pauses += 1;
    // 1,000 links checked in the live version and 1,000 in the new one, a pause every 64 at least.
    assert.ok(pauses >= (2 * 1000) / 64, `paused ${pauses} times, ${JSON.stringify(next.value)}`);
    assert.deepEqual(next.value.changes, ['changed']);
    assert.equal(store.site().pages.get('/links')?.title, 'Many links, again');
  });

  it('keeps the live site as it was until the last step', () => {
    const store = new ContentStore(fixture.dir, { includeDrafts: false, gate });
    store.loadAll();
    write('about.md', '---\ntitle: About, changed\ndescription: The about page, changed.\nupdated: 2007-08-16\n---\n\n## Who we are\n\nBody\n');
    const steps = store.applying(['about.md']);
    for (let next = steps.next(); !next.done; next = steps.next()) assert.equal(store.site().pages.get('/about')?.title, 'About the small site');
    assert.equal(store.site().pages.get('/about')?.title, 'About, changed');
  });
});
