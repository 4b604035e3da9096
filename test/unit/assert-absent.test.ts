// Unit tests: assertAbsent's failures are a line a person can read, whatever the size of the page.
import assert, { type AssertionError } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { assertAbsent } from '../helpers/assert-absent.js';

const page = parseHTML(`<!DOCTYPE html><html><body><main>${'<p class="para">Text of the page.</p>'.repeat(2000)}</main></body></html>`).document;

describe('assertAbsent', () => {
  it('passes when nothing matches', () => {
    assertAbsent(page, 'script');
  });

  it('fails naming the selector and quoting the start of what it found, not printing the whole document', () => {
    assert.throws(
      () => assertAbsent(page, 'main', 'no main here'),
      (error: AssertionError) => {
        // A failure is printed with its actual and expected values: the node as assert.equal's actual took 80 s to
        // describe for its message (this page, 2026-11-28), and the runner describes it again.
        assert.equal([error.actual, error.expected].filter((value) => typeof value === 'object' && value !== null).length, 0, 'no node carried');
        assert.match(error.message, /^expected no main \(no main here\), found <main><p class="para">/);
        assert.ok(error.message.length < 300, `${error.message.length} characters`);
        return true;
      },
    );
  });

  it('fails when there is nothing to look in, as when the row it should look in is missing', () => {
    assert.throws(() => assertAbsent(page.querySelectorAll('tr')[2], '.forum-marks'), /nothing to look for \.forum-marks in/);
  });
});
