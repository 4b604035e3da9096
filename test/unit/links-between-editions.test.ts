// The content check resolves a link against every edition: a Russian page may link to an English page, not to nowhere.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { APP_PATHS, APP_PREFIXES } from '../../src/app-paths.js';
import { formatProblem } from '../../src/content/problem.js';
import { checkContent } from '../../src/publish/check-content.js';
import { FIXTURES, ROOT } from '../helpers/test-app.js';

const FIXTURE = path.join(FIXTURES, 'content', 'links-between-editions');

function errors(): string[] {
  return checkContent(FIXTURE, path.join(ROOT, 'public'), APP_PATHS, APP_PREFIXES)
    .filter((problem) => problem.severity === 'error')
    .map((problem) => formatProblem(problem));
}

describe('links from one edition to another (npm run check)', () => {
  it('accepts a link from a Russian page to an English page, its #anchor and the English home page, and back', () => {
    const found = errors();
    for (const fine of ['ru/index.md:7', 'ru/unodc.md:9', 'index.md:7']) {
      assert.ok(!found.some((line) => line.startsWith(`${fine}:`)), `${fine} reported: ${found.join('\n')}`);
    }
  });

  it('still reports, with file and line, a link to an address no edition has, and an anchor the English page lacks', () => {
    assert.deepEqual(errors(), [
      'ru/unodc.md:11: link to /no-such-page-in-any-edition leads nowhere: there is no page /no-such-page-in-any-edition',
      'ru/unodc.md:13: link to /unodc#no-such-heading leads nowhere: unodc.md has no heading with the id "no-such-heading"',
    ]);
  });
});
