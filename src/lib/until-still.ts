// Waiting for work that may grow while it is awaited: a chain of changes, a queue of batches.

/** Settles once the promise `current()` gives has settled and is still the current one: work queued meanwhile is awaited too. */
export async function untilStill(current: () => Promise<unknown>): Promise<void> {
  let awaited: Promise<unknown>;
  do {
    awaited = current();
    await awaited;
  } while (awaited !== current());
}
