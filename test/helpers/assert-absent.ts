// Asserting that a page has no element a selector matches, with a failure message a person can read.
import assert from 'node:assert/strict';

/**
 * How much of an element found is quoted. assert.equal(node, null) printed the whole linkedom node on failure, and
 * with it the document it belongs to: minutes of output for one failed check.
 */
const QUOTED_CHARACTERS = 200;

/** Fails, quoting the start of what was found, when `root` has an element matching `selector`, or when there is no root. */
export function assertAbsent(root: ParentNode | null | undefined, selector: string, why?: string): void {
  const because = why === undefined ? '' : ` (${why})`;
  if (!root) assert.fail(`nothing to look for ${selector} in${because}`);
  const found = root.querySelector(selector);
  if (found) assert.fail(`expected no ${selector}${because}, found ${found.outerHTML.slice(0, QUOTED_CHARACTERS)}`);
}
