// Waiting in a test for something that happens on its own (a write once a second, a file watcher's report).
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * How long a wait may last before it counts as a hang. Only a hang should fail it: the things waited for take
 * milliseconds to a second or two, and several seconds on a loaded shared machine, so no machine is too slow for it.
 */
export const HANG_BOUND_MS = 120_000;

/**
 * Asks `check` again every few milliseconds until it answers true; fails, saying what was awaited (and `seen()`, if
 * given), once HANG_BOUND_MS has passed. For things with no event to wait for, such as another process's write.
 */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, seen?: () => string): Promise<void> {
  const deadline = Date.now() + HANG_BOUND_MS;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`${what}: not within ${HANG_BOUND_MS / 1000} s${seen ? `; ${seen()}` : ''}`);
    await delay(20);
  }
}
