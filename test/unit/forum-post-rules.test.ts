// The rules of posting that need no database: titles, bodies, repeats, links, quotes, pre-moderation, who sees what, pages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { offsetOf, pageNumber, pageOfPosition, paged } from '../../src/forum/pages.js';
import { APPROVALS_BEFORE_TRUSTED, isUnderPreModeration, statusOfNewPost } from '../../src/forum/pre-moderation.js';
import { bodyHash, checkBody, checkTitle, normaliseBody, normaliseTitle } from '../../src/forum/post-text.js';
import { quoteMarkdown } from '../../src/forum/quote.js';
import { countLinks } from '../../src/forum/spam.js';
import { canSee } from '../../src/forum/visibility.js';

describe('topic titles', () => {
  it('are trimmed and must be 5 to 120 characters, counted as characters a person sees', () => {
    assert.equal(normaliseTitle('  Jobs in Bishkek \n'), 'Jobs in Bishkek');
    assert.equal(checkTitle('Jobs'), 'title-too-short');
    assert.equal(checkTitle('Jobs!'), undefined);
    assert.equal(checkTitle('x'.repeat(120)), undefined);
    assert.equal(checkTitle('x'.repeat(121)), 'title-too-long');
    assert.equal(checkTitle('🇰🇬'.repeat(60)), undefined, '120 code points, 240 UTF-16 units');
  });

  it('refuse control characters and bidirectional overrides', () => {
    assert.equal(checkTitle('Line one\nline two'), 'title-characters');
    assert.equal(checkTitle('Null\u0000byte'), 'title-characters');
    assert.equal(checkTitle('Read \u202eeurt si siht'), 'title-characters');
  });

  it('are stored in one Unicode form whatever the keyboard sent', () => {
    assert.equal(normaliseTitle('Кыргызстан и\u0306'), 'Кыргызстан й');
  });
});

describe('post bodies', () => {
  it('keep Markdown indentation but lose line-end differences, leading blank lines and trailing space', () => {
    assert.equal(normaliseBody('\r\n\r\n    code\r\nnext  \r\n\n'), '    code\nnext');
  });

  it('lose invisible control characters, which PostgreSQL would refuse (NUL) or nobody could find', () => {
    assert.equal(normaliseBody('a\u0000b\u0007c\td'), 'abc\td');
  });

  it('must be 1 to 20,000 characters', () => {
    assert.equal(checkBody(normaliseBody(' \n\t \n')), 'body-empty');
    assert.equal(checkBody('x'.repeat(20_000)), undefined);
    assert.equal(checkBody('x'.repeat(20_001)), 'body-too-long');
  });

  it('hash the same for the same text in other capitals or spacing, and differently for other text', () => {
    assert.equal(bodyHash('Buy   CHEAP\nwatches'), bodyHash('buy cheap watches'));
    assert.notEqual(bodyHash('buy cheap watches'), bodyHash('buy cheap clocks'));
    assert.match(bodyHash('x'), /^[0-9a-f]{64}$/);
  });
});

describe('countLinks', () => {
  it('counts addresses with a scheme, www. addresses, and protocol-relative link targets, each once', () => {
    assert.equal(countLinks('no links at un.org.kg here'), 0);
    assert.equal(countLinks('see https://www.un.org/en and http://example.com/a?b=c'), 2);
    assert.equal(countLinks('[text](https://a.example) and [more](//b.example) and www.c.example'), 3);
    assert.equal(countLinks('<https://a.example> [ref]: ftp://files.example/x'), 2);
    assert.equal(countLinks('[internal](/forum/post/4)'), 0);
  });
});

describe('quoteMarkdown', () => {
  it('quotes every line under the author, nesting an earlier quote, and leaves a blank line to reply in', () => {
    assert.equal(quoteMarkdown('aida', 'First line\n\n> older quote\nlast'), '> **aida** wrote:\n>\n> First line\n>\n> > older quote\n> last\n\n');
  });

  it('escapes Markdown in the name, so that a name never becomes emphasis or a link', () => {
    const quote = quoteMarkdown('a_b_c', 'hi');
    assert.ok(quote.startsWith('> **a\\_b\\_c** wrote:'));
    const html = new MarkdownIt().render(quoteMarkdown('[x](http://evil.example)', 'hi'));
    assert.ok(!html.includes('<a '), html);
  });
});

describe('pre-moderation', () => {
  it(`holds a member's posts until ${APPROVALS_BEFORE_TRUSTED} were approved, and never staff's`, () => {
    assert.equal(statusOfNewPost({ role: 'member', approvedPostCount: 0 }), 'held');
    assert.equal(statusOfNewPost({ role: 'member', approvedPostCount: APPROVALS_BEFORE_TRUSTED - 1 }), 'held');
    assert.equal(statusOfNewPost({ role: 'member', approvedPostCount: APPROVALS_BEFORE_TRUSTED }), 'visible');
    assert.equal(isUnderPreModeration({ role: 'moderator', approvedPostCount: 0 }), false);
    assert.equal(isUnderPreModeration({ role: 'administrator', approvedPostCount: 0 }), false);
  });
});

describe('canSee', () => {
  const author = { id: 1, role: 'member' } as const;
  const other = { id: 2, role: 'member' } as const;
  const moderator = { id: 3, role: 'moderator' } as const;

  it('shows visible posts to all, held ones to their author and staff, hidden and rejected ones to staff only', () => {
    const table = (['visible', 'held', 'hidden', 'rejected'] as const).map((status) => [
      status,
      [undefined, author, other, moderator].map((viewer) => canSee(viewer, { status, authorId: author.id })),
    ]);
    assert.deepEqual(table, [
      ['visible', [true, true, true, true]],
      ['held', [false, true, false, true]],
      ['hidden', [false, false, false, true]],
      ['rejected', [false, false, false, true]],
    ]);
  });
});

describe('pages', () => {
  it('number from 1, whatever the caller parsed, and count at least one page', () => {
    assert.deepEqual([pageNumber(0), pageNumber(-3), pageNumber(2.5), pageNumber(Number.NaN), pageNumber(4)], [1, 1, 1, 1, 4]);
    assert.equal(offsetOf(3, 20), 40);
    assert.equal(paged([], 1, 0, 20).pageCount, 1);
    assert.equal(paged([], 1, 41, 20).pageCount, 3);
    assert.deepEqual([pageOfPosition(0, 20), pageOfPosition(19, 20), pageOfPosition(20, 20)], [1, 1, 2]);
  });
});
