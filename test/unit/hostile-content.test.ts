// Unit tests: pasted documents made to stall or exhaust the server are refused or read in time linear in their size.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPage } from '../../src/content/check-site.js';
import { MAX_OUTLINE_ITEMS, renderMarkdown } from '../../src/content/markdown.js';
import { EMPTY_NAVIGATION } from '../../src/content/navigation.js';
import { ContentError } from '../../src/content/problem.js';
import { readPage } from '../../src/content/read-page.js';
import { buildSite } from '../../src/content/site.js';
import { amplifiedLinks, manyLinks, pageFile, repeatedHeadings, selfAnchorLinks, unknownFields } from '../fixtures/hostile/hostile-content.js';

// Linear work on these inputs takes well under a second; the quadratic work they once caused took minutes. The
// limit only catches the second: it is a hundred times what linear work needs, so no machine is too slow for it.
const QUADRATIC = { timeout: 60_000 };

function refusal(run: () => unknown): ContentError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ContentError, `expected a ContentError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the page to be refused');
}

describe('hostile content', () => {
  it('refuses a page whose links would write gigabytes of HTML, naming the line where the output ran over', () => {
    const error = refusal(() => readPage('pasted.md', Buffer.from(pageFile(amplifiedLinks())), {}));
    assert.equal(error.file, 'pasted.md');
    // The front matter takes lines 1-5, then a blank line, the definition on line 7, a blank line, and the uses.
    assert.equal(error.line, 9);
    assert.match(error.message, /HTML/);
    assert.match(error.message, /MB/);
  });

  it('refuses a page with more links than a page may have when it is read, at the line of the first one over', () => {
    // Each changed page's links are checked in the thread that answers requests: 50,000 held it for hundreds of ms.
    const error = refusal(() => readPage('pasted.md', Buffer.from(pageFile(manyLinks())), {}));
    assert.equal(error.file, 'pasted.md');
    // The front matter takes lines 1-5, then a blank line, then one link a line.
    assert.equal(error.line, 6 + MAX_OUTLINE_ITEMS + 1);
    assert.match(error.message, /more than 1000 links .*split it into smaller pages/);
  });

  it('refuses a page with more headings than a page may have, at the line of the first one over', () => {
    const error = refusal(() => readPage('pasted.md', Buffer.from(pageFile(repeatedHeadings())), {}).headings);
    // Each heading takes two lines: "## Annex" and a blank line.
    assert.equal(error.line, 6 + 2 * MAX_OUTLINE_ITEMS + 1);
    assert.match(error.message, /more than 1000 headings/);
  });

  it('renders a page with as many links as a page may have', () => {
    const page = readPage('links.md', Buffer.from(pageFile(manyLinks(MAX_OUTLINE_ITEMS))));
    assert.equal(page.links.length, MAX_OUTLINE_ITEMS);
  });

  it('renders a long page of ordinary markup, which writes a few times its size, without refusing it', () => {
    const body = `${'- "quoted" & <escaped>\n'.repeat(20_000)}\n${'| a | b |\n|---|---|\n'.repeat(100)}`;
    const page = readPage('long.md', Buffer.from(pageFile(body)));
    assert.ok(page.bodyHtml.length > body.length * 2);
  });

  it('gives repeated identical headings distinct ids in time linear in their number', QUADRATIC, () => {
    const { headings } = renderMarkdown(repeatedHeadings());
    assert.equal(headings.length, 60_000);
    assert.equal(headings[0]!.id, 'annex');
    assert.equal(headings[1]!.id, 'annex-1');
    assert.equal(headings.at(-1)!.id, 'annex-59999');
    assert.equal(new Set(headings.map((heading) => heading.id)).size, headings.length);
  });

  it('skips an id that a heading of the page already has when numbering a repeated heading', () => {
    const ids = renderMarkdown('## Annex\n\n## Annex 1\n\n## Annex\n\n## Annex\n').headings.map((heading) => heading.id);
    assert.deepEqual(ids, ['annex', 'annex-1', 'annex-2', 'annex-3']);
  });

  it('checks the links of a page to its own headings reading each heading once, however many links there are', () => {
    // Counted, not timed: a search of every heading for every link read half a million headings here (1,000 × 1,000 / 2); the set reads each once.
    const page = readPage('parts.md', Buffer.from(pageFile(selfAnchorLinks(MAX_OUTLINE_ITEMS))));
    let reads = 0;
    const headings = new Proxy(page.headings, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const watched = new Proxy(page, { get: (target, key) => (key === 'headings' ? headings : (Reflect.get(target, key) as unknown)) });
    const site = buildSite({ pages: [watched], navigation: EMPTY_NAVIGATION, removed: [], includeDrafts: false, now: Date.now() });
    assert.equal(watched.links.length, MAX_OUTLINE_ITEMS);
    const problems = checkPage(site, watched, { routes: new Set() }).map(({ problem }) => problem.message);
    assert.deepEqual(problems, [], 'every link finds its heading');
    assert.ok(reads <= MAX_OUTLINE_ITEMS, `${reads} reads of ${MAX_OUTLINE_ITEMS} headings`);
  });

  it('reports thousands of unknown front-matter fields, each at its line, in time linear in their number', QUADRATIC, () => {
    const error = refusal(() => readPage('fields.md', Buffer.from(pageFile('Body.', unknownFields()))));
    assert.equal(error.line, 5);
    assert.match(error.message, /unknown field "field0"/);
    assert.equal(error.more.length, 19_999);
    assert.equal(error.more.at(-1)!.line, 5 + 19_999);
  });
});
