// Unit tests for src/lib/steps.ts: work written as steps, run at once or a slice at a time between requests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runInSlices, runNow, type Steps } from '../../src/lib/steps.js';

function* counting(to: number, done: number[]): Steps<string> {
  for (let step = 1; step <= to; step += 1) {
    done.push(step);
    yield;
  }
  return 'finished';
}

describe('steps', () => {
  it('runNow runs every step in this turn and gives the result', () => {
    const done: number[] = [];
    assert.equal(runNow(counting(3, done)), 'finished');
    assert.deepEqual(done, [1, 2, 3]);
  });

  it('runInSlices lets the event loop turn between slices, however long the work', async () => {
    // Steps that go on until an immediate callback has run: if runInSlices never gave the event loop a turn, they
    // would never end (the test's timeout would say so).
    let turned = false;
    setImmediate(() => (turned = true));
    function* untilTurned(): Steps<number> {
      let steps = 0;
      while (!turned) {
        steps += 1;
        yield;
      }
      return steps;
    }
    assert.ok((await runInSlices(untilTurned())) > 0);
  });

  it('runInSlices gives the same result as runNow', async () => {
    const done: number[] = [];
    assert.equal(await runInSlices(counting(1000, done)), 'finished');
    assert.equal(done.length, 1000);
  });

  it('runInSlices rejects with what a step throws, and runs no step after it', async () => {
    const done: number[] = [];
    function* failing(): Steps<void> {
      done.push(1);
      yield;
      throw new Error('a step failed');
    }
    await assert.rejects(runInSlices(failing()), /a step failed/);
    assert.deepEqual(done, [1]);
  });
});
