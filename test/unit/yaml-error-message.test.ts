import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseYaml } from '../../src/content/parse-yaml.js';
import { explainYamlError } from '../../src/content/yaml-error-message.js';

/** What an editor is told for a YAML text that cannot be read, as "line: message". */
function toldFor(text: string): string {
  try {
    parseYaml(text);
  } catch (error) {
    const fault = explainYamlError(error, text.split('\n'), 1);
    assert.ok(fault, 'a js-yaml error is always explained');
    return `${fault.line}: ${fault.message}`;
  }
  assert.fail('expected the YAML to be refused');
}

describe('explainYamlError', () => {
  it('asks for a space after a list dash', () => {
    assert.equal(toldFor('title: A\naliases:\n-/x\n'), '3: put a space after the "-" of a list item: - /x');
  });
  it('asks for the colon after a field name', () => {
    assert.equal(
      toldFor('title: A\ndescription The UN in Kyrgyzstan\nupdated: 2026-11-27\n'),
      '2: put a colon after the field name: description: The UN in Kyrgyzstan',
    );
  });
  it('names a field written twice inside one menu item, and not a field of the item before', () => {
    assert.equal(
      toldFor('primary:\n  - title: A\n    url: /a\n  - title: B\n    url: /b\n    url: /c\n'),
      '6: url is written twice, on lines 5 and 6: keep only one of them',
    );
  });
  it('tells how to close a list opened with "[" and never closed, on the line that opens it', () => {
    assert.equal(
      toldFor('title: A\naliases: [/a, /b\nupdated: 2026-11-27\n'),
      '2: the aliases opens a "[" that is never closed: if it is a list, end it with "]"; if it is text, put it in quotes, aliases: "[/a, /b"',
    );
  });
  it('puts a value starting with "@" in quotes', () => {
    assert.equal(
      toldFor('title: @UNinKG on Twitter\n'),
      '1: the title starts with "@", which has a meaning of its own at the start of a value: put it in quotes, title: "@UNinKG on Twitter"',
    );
  });
  it('uses single quotes for a value that has double quotes in it', () => {
    assert.equal(
      toldFor('description: "Delivering as One" in Kyrgyzstan\n'),
      '1: the description starts with a quote mark but goes on after the closing one: put it in the other kind of quotes, ' +
        `description: '"Delivering as One" in Kyrgyzstan'`,
    );
  });
  it('does not blame a valid list written in brackets for a fault further down', () => {
    assert.equal(
      toldFor('aliases: [/a, /b]\ntitle: A\n description: x\n'),
      '3: description starts 1 space in, but title above it at the left edge: line them up',
    );
  });
  it('does not take a value going on over two lines for a field without its colon', () => {
    assert.equal(
      toldFor('description: A long description\n  that goes on below\ntitle: A\n description: x\n'),
      '4: description starts 1 space in, but title above it at the left edge: line them up',
    );
  });
  it('explains nothing that js-yaml did not throw', () => {
    assert.equal(explainYamlError(new Error('disk full'), [], 1), undefined);
  });
});
