// Front-matter values that YAML cuts at " #": each is found at its line, with the fix in the editor's words.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { valuesCutByComments } from '../../src/content/yaml-comments.js';

/** The warnings of a front matter written as lines, with line 1 being the first field, as lines of the file less one. */
const warningsOf = (...lines: string[]): string[] => valuesCutByComments(lines, 1).map((fault) => `${fault.line}: ${fault.message}`);

describe('values cut by a " #" comment', () => {
  it('warns about title: UN #1, at its line, saying what YAML read and how to quote it', () => {
    assert.deepEqual(warningsOf('', 'title: UN #1', 'updated: 2026-11-20'), [
      '2: the title is read as "UN": in YAML a " #" starts a comment, so "#1" is dropped; ' +
        'if it belongs to the text, put it in quotes: title: "UN #1" (if it is a comment, put it on a line of its own)',
    ]);
  });

  it('says nothing of a quoted value, of "#" with no space before it, or of a comment on a line of its own', () => {
    assert.deepEqual(warningsOf('', 'title: "UN #1"', "linkTitle: 'UN #1'", 'description: Goal#1 of the MDGs', '# a comment', '  # another'), []);
  });

  it('warns about a list item and a nested field, and quotes a value holding a double quote with single quotes', () => {
    const found = warningsOf('', 'aliases:', '  - /old-page # from 2007', 'menu:', '  title: The "UN" #1');
    assert.equal(found.length, 2);
    assert.match(found[0]!, /^3: this item is read as "\/old-page".*put it in quotes: - "\/old-page # from 2007"/);
    assert.match(found[1]!, /^5: the title is read as "The "UN"".*put it in quotes: title: 'The "UN" #1'/);
  });

  it('skips the text of a block scalar, where " #" is text, and goes on after it', () => {
    assert.deepEqual(warningsOf('', 'description: >', '  Goals # and targets', '  of 2015', 'weight: 3 # third').length, 1);
    assert.match(warningsOf('', 'description: |-', '  A # B', 'weight: 3 # third')[0]!, /^4: the weight is read as "3"/);
  });

  it('says nothing of flow lists, whose comments YAML reads the same way but nobody writes by mistake', () => {
    assert.deepEqual(warningsOf('', 'aliases: [/a, /b] # old'), []);
  });
});
