// Work that may pause where it says so: run at once (scripts, tests) or a few milliseconds at a time (the server).
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * A computation written as a generator that yields wherever it may pause: between files, between pages, every few
 * dozen links. The same code then serves `npm run check`, which wants the answer at once, and the server, which must
 * go on answering requests while a change of a large page is read and checked.
 */
export type Steps<T> = Generator<undefined, T, undefined>;

/** Runs every step now, in this turn of the event loop. */
export function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The longest run of steps between two turns of the event loop. A request arriving meanwhile waits at most this
 * long (plus one step) for its turn, which keeps a page's answer within a few milliseconds while a change of a
 * 1 MB page is gated (about 5 ms of work in one piece) or 10,000 pages are laid out after start. Scheduling a turn
 * costs microseconds, so short slices slow the work itself by about one per cent; the background passes used 8 ms.
 */
const SLICE_MS = 2;

/** Runs the steps a slice at a time, with the event loop free in between; rejects with what a step throws. */
export async function runInSlices<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  let until = performance.now() + sliceMs;
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() >= until) {
      await nextTurn();
      until = performance.now() + sliceMs;
    }
  }
}

/** Items sorted between two pauses of sorting(), and merged between two pauses. */
const SORTED_PER_STEP = 512;

/**
 * A stable sort in steps: runs of a few hundred items sorted by Array.prototype.sort, then merged pairwise, pausing
 * every few hundred items. Sorting 10,000 pages' addresses in one piece held the serving thread 7–10 ms per change.
 */
export function* sorting<T>(items: readonly T[], compare: (a: T, b: T) => number): Steps<T[]> {
  let runs: T[][] = [];
  for (let start = 0; start < items.length; start += SORTED_PER_STEP) {
    runs.push(items.slice(start, start + SORTED_PER_STEP).sort(compare));
    yield;
  }
  while (runs.length > 1) {
    const merged: T[][] = [];
    for (let index = 0; index < runs.length; index += 2) {
      const right = runs[index + 1];
      merged.push(right ? yield* merging(runs[index]!, right, compare) : runs[index]!);
    }
    runs = merged;
  }
  return runs[0] ?? [];
}

/**
 * Two sorted runs as one, the left run's item first of two equal ones (which keeps the sort stable). Runs already in
 * order are joined without comparing their items: a site's files come nearly sorted, which Array.prototype.sort
 * (TimSort) finds in one pass, and a merge comparing every item made sorting them five times slower.
 */
function* merging<T>(left: readonly T[], right: readonly T[], compare: (a: T, b: T) => number): Steps<T[]> {
  if (left.length === 0 || right.length === 0 || compare(right[0]!, left[left.length - 1]!) >= 0) return [...left, ...right];
  const out: T[] = [];
  let l = 0;
  let r = 0;
  while (out.length < left.length + right.length) {
    const takeRight = l === left.length || (r < right.length && compare(right[r]!, left[l]!) < 0);
    out.push(takeRight ? right[r++]! : left[l++]!);
    if (out.length % SORTED_PER_STEP === 0) yield;
  }
  return out;
}
