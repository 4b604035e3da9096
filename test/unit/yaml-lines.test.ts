import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineOfPath, yamlLine } from '../../src/content/yaml-lines.js';

/** The 1-based line that lineOfPath finds, as an editor counts. */
const lineOf = (text: string, path: readonly PropertyKey[]): number => lineOfPath(text.split('\n'), path) + 1;

describe('lineOfPath', () => {
  const menus = [
    '# comment - with a dash',
    'primary:',
    '- title: Home', // a list at its field's own indent
    '  url: /',
    '-',
    '  title: About', // an item whose fields start below its dash
    '  url: /about',
    'footer:',
    '  -   title: Stats', // extra spaces after the dash
    '      url: /stats',
    '  - title: Forum',
    '    sub:',
    '      - /a',
    '      - /b',
    '    url: /forum',
  ].join('\n');

  it('finds a field of a list item written at its field’s own indent', () => {
    assert.equal(lineOf(menus, ['primary', 0, 'url']), 4);
  });
  it('finds a field of an item whose fields start below a bare dash', () => {
    assert.equal(lineOf(menus, ['primary', 1, 'url']), 7);
    assert.equal(lineOf(menus, ['primary', 1]), 5);
  });
  it('counts only the dashes of the list asked for, not those of a list nested in an item', () => {
    assert.equal(lineOf(menus, ['footer', 1, 'url']), 15);
    assert.equal(lineOf(menus, ['footer', 1, 'sub', 1]), 14);
  });
  it('finds a field after extra spaces following the dash', () => {
    assert.equal(lineOf(menus, ['footer', 0, 'url']), 10);
  });
  it('points a missing field at the deepest part of the path that is written', () => {
    assert.equal(lineOf(menus, ['footer', 0, 'note']), 9);
    assert.equal(lineOf(menus, ['footer', 7, 'url']), 8);
  });
  it('points a field missing at the top at the first field, past comments', () => {
    assert.equal(lineOf(menus, ['secondary']), 2);
  });
  it('does not take a field of a later item for one the asked item lacks', () => {
    assert.equal(lineOf('primary:\n  - title: A\n  - title: B\n    url: /b\n', ['primary', 0, 'url']), 2);
  });
});

describe('yamlLine', () => {
  it('reads the field, the value without its comment, and the value as written', () => {
    assert.deepEqual(yamlLine('  - url: /a  # the old one'), {
      indent: 2,
      dash: true,
      column: 4,
      key: 'url',
      value: '/a',
      written: '/a  # the old one',
      blank: false,
    });
  });
  it('keeps a "#" inside quotes as text', () => {
    assert.equal(yamlLine('title: "UN #1"').value, '"UN #1"');
  });
  it('takes a comment line for a blank one', () => {
    assert.equal(yamlLine('  # - title: x').blank, true);
  });
});
