// Background work done a few milliseconds at a time, so requests are answered in between.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { runInSlices, type Steps } from './steps.js';

/**
 * Runs work on each item in turn, in slices of a couple of milliseconds with the event loop free in between
 * (runInSlices). The first slice starts after the current turn, never at once: start-up has its first request to
 * answer before background work. Stops early, resolving, when `cancelled` says a newer run took over.
 */
export async function inSlices<T>(items: Iterable<T>, work: (item: T) => void, cancelled: () => boolean = () => false): Promise<void> {
  await nextTurn();
  function* eachItem(): Steps<void> {
    for (const item of items) {
      if (cancelled()) return;
      work(item);
      yield;
    }
  }
  await runInSlices(eachItem());
}
