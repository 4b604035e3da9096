import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readNavigation } from '../../src/content/navigation.js';
import { ContentError, formatProblem } from '../../src/content/problem.js';
import { readRemoved } from '../../src/content/removed-pages.js';
import { FIXTURES, ROOT } from '../helpers/test-app.js';

const MISTAKES = path.join(FIXTURES, 'content', 'editor-mistakes');

/** The problems of reading a fixture as navigation.yml or removed.yml, as `npm run check` prints them. */
function problemsOf(read: (text: string) => unknown, fixture: string): string[] {
  try {
    read(readFileSync(path.join(MISTAKES, fixture), 'utf8'));
    return [];
  } catch (error) {
    assert.ok(error instanceof ContentError, `expected a ContentError, got ${String(error)}`);
    return error.toProblems().map((problem) => formatProblem(problem));
  }
}

const menu = (fixture: string): string[] => problemsOf(readNavigation, `navigation/${fixture}`);
const removed = (fixture: string): string[] => problemsOf(readRemoved, `removed/${fixture}`);

describe('menu items are named by their position from 1, on the right line', () => {
  it('names the 6th item of secondary and points at its url', () => {
    assert.deepEqual(menu('url-without-slash.yml'), [
      'navigation.yml:19: the url of the 6th item of secondary must be a page address starting with /, such as /country-info, without spaces, ? or # ' +
        '(you wrote "procurement")',
    ]);
  });
  it('does not count the items of a list nested in an earlier item', () => {
    assert.deepEqual(menu('nested-list-before-the-item.yml'), [
      'navigation.yml:12: unknown field "children" in the 2nd item of secondary: the fields allowed here are title and url',
      'navigation.yml:24: the url of the 6th item of secondary must be a page address starting with /, such as /country-info, without spaces, ? or # ' +
        '(you wrote "procurement")',
    ]);
  });
  it("points a missing url at its own item, not at the next item's url", () => {
    assert.deepEqual(menu('item-without-url.yml'), ['navigation.yml:7: the 3rd item of primary has no url: add a line url: /page-address']);
  });
  it('reports a misspelt field of an item, and the url it lacks', () => {
    assert.deepEqual(menu('field-misspelt.yml'), [
      'navigation.yml:7: the 3rd item of primary has no url: add a line url: /page-address',
      'navigation.yml:8: unknown field "link" in the 3rd item of primary: the fields allowed here are title and url',
    ]);
  });
  it('shows how an item written as plain text is written as fields', () => {
    assert.deepEqual(menu('item-as-text.yml'), [
      'navigation.yml:7: the 3rd item of primary must be written as fields, like this:\n    - title: Contacts\n      url: /contacts',
    ]);
  });
  it('shows a row written on one line as a list', () => {
    assert.deepEqual(menu('row-not-a-list.yml'), [
      'navigation.yml:7: footer must be a list, with each item on its own line after "- ", like this:\n    footer:\n      - /stats',
    ]);
  });
  it('shows how to add a missing first row', () => {
    assert.deepEqual(menu('primary-missing.yml'), [
      'navigation.yml:2: primary is missing: add it, like this:\n    primary:\n      - title: Contacts\n        url: /contacts',
    ]);
  });
});

describe('YAML mistakes in navigation.yml', () => {
  it('tells to put a menu title with a colon in quotes', () => {
    assert.deepEqual(menu('title-with-colon.yml'), [
      'navigation.yml:7: the title contains ": ", which is read as the start of another field: put it in quotes, title: "UN Day 2006: 61 years"',
    ]);
  });
  it('names a url written twice in one item, and both lines', () => {
    assert.deepEqual(menu('url-written-twice.yml'), ['navigation.yml:9: url is written twice, on lines 8 and 9: keep only one of them']);
  });
  it('points at a tab used to indent', () => {
    assert.deepEqual(menu('tab-indent.yml'), [
      'navigation.yml:8: this line is indented with a tab: indent with spaces only, so replace the tab with spaces, lined up with the lines around it',
    ]);
  });
  it('says how far a field is out of line with the one above it', () => {
    assert.deepEqual(menu('item-indented-wrongly.yml'), ['navigation.yml:8: url starts 3 spaces in, but title above it 4 spaces in: line them up']);
  });
});

describe('the line of each menu item', () => {
  it("is the line of the item's url, for the check to point at", () => {
    const navigation = readNavigation(readFileSync(path.join(ROOT, 'content', 'navigation.yml'), 'utf8'));
    const text = readFileSync(path.join(ROOT, 'content', 'navigation.yml'), 'utf8').split('\n');
    for (const row of ['primary', 'secondary', 'footer'] as const) {
      for (const item of navigation[row]) assert.equal(text[item.line - 1]?.trim(), `url: ${item.url}`);
    }
    assert.equal(navigation.secondary[5]?.line, 28);
  });
});

describe('removed.yml', () => {
  it('names the entry whose address has capitals, and quotes it', () => {
    assert.deepEqual(removed('url-with-capitals.yml'), [
      'removed.yml:3: the url of the 2nd item must be a lowercase page address starting with /, such as /un-day-2004 (you wrote "/English/News.phtml")',
    ]);
  });
  it('asks the entry without an address for one', () => {
    assert.deepEqual(removed('url-missing.yml'), ['removed.yml:3: the 2nd item has no url: add a line url: /old-address']);
  });
  it('shows a single entry written without its dash as a list', () => {
    assert.deepEqual(removed('not-a-list.yml'), [
      'removed.yml:1: removed.yml must be a list, each item starting with "- ", like this:\n' +
        '    - url: /old-address\n      note: Why the page was taken down, and where to look instead.',
    ]);
  });
});
