// Work that may pause where it says so: run at once (scripts, tests) or a few milliseconds at a time (the server).

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
      await new Promise<void>((resolve) => setImmediate(resolve));
      until = performance.now() + sliceMs;
    }
  }
}
