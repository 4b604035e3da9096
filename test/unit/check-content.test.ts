// Unit tests for checkContent: each kind of broken file reported with its line, and the shipped content clean.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { APP_PATHS } from '../../src/app-paths.js';
import { checkContent } from '../../src/publish/check-content.js';
import { formatProblem } from '../../src/content/problem.js';
import { FIXTURES, ROOT } from '../helpers/test-app.js';

describe('checkContent on a folder of broken files', () => {
  const problems = checkContent(path.join(FIXTURES, 'content', 'bad-input'), path.join(ROOT, 'public'), APP_PATHS);
  const lines = problems.map((problem) => formatProblem(problem));
  const find = (pattern: RegExp): string => {
    const line = lines.find((candidate) => pattern.test(candidate));
    assert.ok(line, `no problem matches ${pattern}; got:\n${lines.join('\n')}`);
    return line;
  };

  it('reports a YAML mistake with its line, saying how to fix it', () => {
    assert.equal(find(/^invalid-yaml\.md:/), 'invalid-yaml.md:7: this list item starts 1 space in and the one above it 2 spaces in: line up their "-"');
  });

  it('reports a binary file named .md', () => {
    find(/^binary\.md:1: this is not a text file/);
  });
  it('reports an empty file', () => {
    find(/^empty\.md:1: the file is empty/);
  });
  it('reports a missing title, with the line to add', () => {
    assert.equal(find(/^missing-title\.md:/), 'missing-title.md:2: title is missing: add a line title: Missing title');
  });
  it('reports an unknown key on its line, once, with the field it probably meant', () => {
    assert.deepEqual(
      lines.filter((line) => line.startsWith('unknown-key.md:')),
      [
        'unknown-key.md:5: unknown field "tittle": did you mean title? ' +
          'The fields allowed here are title, linkTitle, description, updated, date, draft, aliases, sitemap, weight, layout, ' +
          'publish, expires, review, menu and original',
      ],
    );
  });
  it('reports JavaScript front matter without running it', () => {
    find(/^javascript-front-matter\.md:1: front matter must open with a plain "---"/);
  });
  it('reports a duplicate URL', () => {
    find(/^duplicate-url\/index\.md:1: duplicate URL \/duplicate-url: duplicate-url\.md already has this address/);
  });
  it('reports a navigation entry that points to no page', () => {
    find(/^navigation\.yml:5: primary navigation item "Missing page" leads nowhere: there is no page \/not-a-page/);
  });
  it('reports a link to a missing page', () => {
    find(/^missing-link\.md:9: link to \/no-such-page leads nowhere/);
  });
  it('reports a link to a missing anchor', () => {
    find(/^missing-link\.md:11: link to \/missing-link#no-such-heading leads nowhere: missing-link\.md has no heading/);
  });
  it('accepts a link to an anchor that exists', () => {
    assert.equal(
      lines.some((line) => line.includes('#a-real-heading')),
      false,
    );
  });
  it('reports an image without alt text', () => {
    find(/^missing-link\.md:13: image \/images\/missing-alt\.png has no alt text/);
  });
  it('warns about a page no navigation reaches', () => {
    const problem = problems.find((candidate) => candidate.file === 'orphan.md');
    assert.equal(problem?.severity, 'warning');
  });
  it('still reads the good page', () => {
    assert.equal(
      lines.some((line) => line.startsWith('index.md')),
      false,
    );
  });
});

describe('checkContent on the shipped content', () => {
  it('finds no error and no warning', () => {
    const problems = checkContent(path.join(ROOT, 'content'), path.join(ROOT, 'public'), APP_PATHS);
    assert.deepEqual(
      problems.map((problem) => formatProblem(problem)),
      [],
    );
  });
});
