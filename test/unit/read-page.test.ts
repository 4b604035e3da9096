// Unit tests for readPage: front matter and body read, and every fault in a file reported with its line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readPage } from '../../src/content/read-page.js';
import { ContentError } from '../../src/content/problem.js';

const page = (frontMatter: string, body = 'Body.\n'): Buffer => Buffer.from(`---\n${frontMatter}\n---\n\n${body}`);
/** The fields a page may have, as messages list them. */
const FIELDS = 'title, linkTitle, description, updated, date, draft, aliases, sitemap, weight, layout, publish, expires, review, menu and original';
const valid = 'title: A page\ndescription: A description long enough for search engines.\nupdated: 2007-08-15';

function problemOf(run: () => unknown): ContentError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ContentError, `expected a ContentError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the page to be refused');
}

describe('readPage', () => {
  it('reads front matter and renders the body', () => {
    const result = readPage('about/us.md', page(`${valid}\nlinkTitle: Us\naliases:\n  - /english/us.phtml`, '## Who we are\n\nText with a [link](/mdg).\n'));
    assert.equal(result.url, '/about/us');
    assert.equal(result.title, 'A page');
    assert.equal(result.linkTitle, 'Us');
    assert.deepEqual(result.aliases, ['/english/us.phtml']);
    assert.equal(result.updated.toISOString(), '2007-08-15T00:00:00.000Z');
    assert.match(result.bodyHtml, /<h2 id="who-we-are">Who we are<\/h2>/);
    assert.deepEqual(result.links, [{ href: '/mdg', line: 12 }]);
  });

  it('reads a file saved with a byte-order mark and Windows line endings, counting lines as the editor sees them', () => {
    const text = `\uFEFF---\r\n${valid.replace(/\n/g, '\r\n')}\r\n---  \r\n\r\nSee [the map](/map).\r\n`;
    const result = readPage('windows.md', Buffer.from(text));
    assert.equal(result.title, 'A page');
    assert.deepEqual(result.links, [{ href: '/map', line: 7 }]);
    assert.doesNotMatch(result.bodyHtml, /---|\uFEFF/);
  });

  it('ends the front matter only at a line that is exactly "---"', () => {
    const result = readPage('dashes.md', Buffer.from(`---\n${valid}\n---\nBody with Кыргызстан and\n---\n---- dashes.\n`));
    assert.match(result.bodyHtml, /Кыргызстан and<\/h2>/);
    assert.match(result.bodyHtml, /---- dashes/);
    const unclosed = problemOf(() => readPage('unclosed.md', Buffer.from(`---\n${valid}\n----\nBody\n`)));
    assert.match(unclosed.message, /not closed/);
  });

  it('renders the same body every time it is asked for, Cyrillic included', () => {
    const body = '## Кыргызстан\n\nОрганизация Объединённых Наций в Кыргызстане.\n';
    const result = readPage('ru.md', page(valid, body));
    const first = result.bodyHtml;
    assert.match(first, /<h2 id="[^"]+">Кыргызстан<\/h2>/);
    assert.equal(result.bodyHtml, first);
    assert.deepEqual(
      result.headings.map((heading) => heading.text),
      ['Кыргызстан'],
    );
  });

  it('uses the title as link title when none is given, and defaults the optional fields', () => {
    const result = readPage('x.md', page(valid));
    assert.equal(result.linkTitle, 'A page');
    assert.equal(result.draft, false);
    assert.equal(result.sitemap, true);
    assert.equal(result.layout, 'page');
  });

  it('reports a list item out of line with the one above it, on its line, saying how to line them up', () => {
    const error = problemOf(() => readPage('bad.md', page(`${valid}\naliases:\n  - /one\n - /two`)));
    assert.equal(error.file, 'bad.md');
    assert.equal(error.line, 7);
    assert.equal(error.message, 'this list item starts 1 space in and the one above it 2 spaces in: line up their "-"');
  });

  it('reports an unknown key on its own line, with the field it probably meant', () => {
    const error = problemOf(() => readPage('typo.md', page(`${valid}\ntittle: Oops`)));
    assert.equal(error.line, 5);
    assert.equal(error.message, `unknown field "tittle": did you mean title? The fields allowed here are ${FIELDS}`);
  });

  it('reports a missing title with the line to add, its title made from the file name', () => {
    const error = problemOf(() => readPage('untitled.md', page('description: A description long enough for search engines.\nupdated: 2007-08-15')));
    assert.equal(error.line, 2);
    assert.equal(error.message, 'title is missing: add a line title: Untitled');
  });

  it('reports a bad date on the line of the field, with what was written', () => {
    const error = problemOf(() => readPage('date.md', page('title: T\ndescription: A description long enough for search engines.\nupdated: last tuesday')));
    assert.equal(error.line, 4);
    assert.equal(error.message, 'updated must be a date written as YYYY-MM-DD, such as 2007-08-15 (you wrote "last tuesday")');
  });

  it('quotes a title read as a number without the comment written after it', () => {
    const error = problemOf(() =>
      readPage('year.md', page('title: 2006 # the year\ndescription: A description long enough for search engines.\nupdated: 2007-08-15')),
    );
    assert.equal(error.message, 'title must be text, but 2006 reads as a number: put it in quotes, title: "2006"');
  });

  it('reports every fault in the front matter at once, each on its line', () => {
    const error = problemOf(() => readPage('faults.md', page('title: T\ndescription: short\nupdated: soon\ntittle: Oops')));
    assert.deepEqual(
      error.toProblems().map((problem) => `${problem.line}: ${problem.message}`),
      [
        '3: description must be at least 20 characters: search engines show it under the title; it has 5',
        '4: updated must be a date written as YYYY-MM-DD, such as 2007-08-15 (you wrote "soon")',
        `5: unknown field "tittle": did you mean title? The fields allowed here are ${FIELDS}`,
      ],
    );
  });

  it('refuses an empty file', () => {
    assert.match(problemOf(() => readPage('empty.md', Buffer.alloc(0))).message, /empty/);
  });

  it('refuses a binary file named .md', () => {
    assert.match(problemOf(() => readPage('image.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]))).message, /not a text file/);
  });

  it('refuses a 5 MB file without parsing it', () => {
    const huge = Buffer.concat([page(valid), Buffer.alloc(5 * 1024 * 1024, 'a')]);
    assert.match(problemOf(() => readPage('huge.md', huge)).message, /5\.0 MB; a page may be at most 1 MB/);
  });

  it('refuses a file without front matter', () => {
    assert.match(problemOf(() => readPage('plain.md', Buffer.from('# Just Markdown\n'))).message, /must start with front matter/);
  });

  it('never runs JavaScript front matter', () => {
    const globals = globalThis as { __frontMatterRan?: boolean };
    delete globals.__frontMatterRan;
    const error = problemOf(() => readPage('js.md', Buffer.from("---js\n{ title: (globalThis.__frontMatterRan = true, 'x') }\n---\nBody\n")));
    assert.match(error.message, /plain "---"/);
    assert.equal(globals.__frontMatterRan, undefined);
  });
});
