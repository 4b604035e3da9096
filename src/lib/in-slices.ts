// Background work done a few milliseconds at a time, so requests are answered in between.

/**
 * Long enough that scheduling costs nothing (a step is 0.5–2 ms of work), short enough that a request arriving
 * while a 10,000-page site renders waits at most a few milliseconds for its turn.
 */
const SLICE_MS = 8;

/**
 * Runs work on each item in turn, in slices of about 8 ms with the event loop free in between. The first slice
 * starts after the current turn, never at once: start-up has its first request to answer before background work.
 * Stops early, resolving, when `cancelled` says a newer run took over.
 */
export function inSlices<T>(items: Iterable<T>, work: (item: T) => void, cancelled: () => boolean = () => false): Promise<void> {
  const iterator = items[Symbol.iterator]();
  return new Promise((resolve, reject) => {
    const slice = (): void => {
      const until = performance.now() + SLICE_MS;
      try {
        do {
          if (cancelled()) return resolve();
          const next = iterator.next();
          if (next.done) return resolve();
          work(next.value);
        } while (performance.now() < until);
      } catch (error) {
        return reject(error instanceof Error ? error : new Error(String(error)));
      }
      setImmediate(slice);
    };
    setImmediate(slice);
  });
}
