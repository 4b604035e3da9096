// Unit tests for src/lib/steps.ts: work written as steps, run at once or a slice at a time between requests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runInSlices, runNow, sorting, type Steps } from '../../src/lib/steps.js';

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

describe('sorting in steps', () => {
  const byKey = (a: { key: number }, b: { key: number }): number => a.key - b.key;

  it('sorts as Array.prototype.sort does, equal items kept in their order, for every length around its runs', () => {
    for (const length of [0, 1, 2, 511, 512, 513, 1024, 1500, 5000]) {
      // Few distinct keys, so that stability shows: equal keys must keep their original order (by `at`).
      const items = Array.from({ length }, (_, at) => ({ key: (at * 7919) % 97, at }));
      const expected = [...items].sort(byKey);
      assert.deepEqual(runNow(sorting(items, byKey)), expected, `length ${length}`);
    }
  });

  it('pauses between runs and while merging, and leaves its input as it was', () => {
    const items = Array.from({ length: 5000 }, (_, at) => ({ key: 5000 - at }));
    const copy = [...items];
    const steps = sorting(items, byKey);
    let pauses = 0;
    for (let next = steps.next(); !next.done; next = steps.next()) pauses += 1;
    // 10 runs sorted, then four rounds of merging up to 5,000 items each, with a pause every 512 items merged.
    assert.ok(pauses >= 10 + 3 * Math.floor(4096 / 512), `only ${pauses} pauses`);
    assert.deepEqual(items, copy);
  });
});

describe('sorting in steps, input nearly in order', () => {
  it('joins runs already in order without comparing their items, and still sorts what is out of place', () => {
    const items = Array.from({ length: 5000 }, (_, at) => at);
    // One item out of place, in the last run: everything before it is joined, not merged.
    items[4999] = -1;
    let compares = 0;
    const sorted = runNow(
      sorting(items, (a, b) => {
        compares += 1;
        return a - b;
      }),
    );
    assert.deepEqual(sorted, [-1, ...Array.from({ length: 4999 }, (_, at) => at)]);
    // Sorting the runs costs about one compare an item (TimSort on sorted input); merging all of them would cost 5,000 a round.
    assert.ok(compares < 2 * 5000, `${compares} compares`);
  });
});
