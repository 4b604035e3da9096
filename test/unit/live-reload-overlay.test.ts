import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import vm from 'node:vm';
import { parseHTML } from 'linkedom';
import { ROOT } from '../helpers/test-app.js';

const CLIENT = readFileSync(path.join(ROOT, 'src', 'dev', 'live-reload-client.js'), 'utf8');

/** Runs the live-reload client in a document of its own, sends it one state, and returns the overlay's heading. */
function headingFor(errors: readonly string[]): string | null | undefined {
  const { document } = parseHTML('<!doctype html><html><head></head><body><h1>Page</h1></body></html>');
  let onState: ((event: { data: string }) => void) | undefined;
  class FakeEventSource {
    addEventListener(_type: string, listener: (event: { data: string }) => void): void {
      onState = listener;
    }
  }
  vm.runInNewContext(CLIENT, { document, location: { reload: () => undefined }, EventSource: FakeEventSource });
  assert.ok(onState, 'the client listens for state events');
  onState({ data: JSON.stringify({ errors }) });
  return document.querySelector('[role="alert"] h2')?.textContent;
}

describe('the development overlay heading', () => {
  it('counts one file with two errors as one file', () => {
    assert.equal(headingFor(['content/about.md:2: title is missing', 'content/about.md:4: draft must be true or false']), 'A content file has 2 errors');
  });
  it('says "an error" for one error in one file', () => {
    assert.equal(headingFor(['content/about.md:2: title is missing']), 'A content file has an error');
  });
  it('counts errors and files apart when several files have errors', () => {
    const errors = ['content/a.md:2: x', 'content/a.md:3: y: with a colon', 'content/news/b.md:1: z'];
    assert.equal(headingFor(errors), '3 errors in 2 content files');
  });
});
