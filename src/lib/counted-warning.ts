// A warning for events that come in floods (refused searches): the first logged at once, then one line a while with a count.
import type { Logger } from './logger.js';

/**
 * Returns note(), to call at each event. A line each was a write to stderr each, which also flushed the buffered
 * request log: at a thousand refusals a second that was most of what a refusal cost. The count says how many there
 * were since the line before, so nothing is hidden.
 */
export function countedWarning(logger: Logger, message: string, intervalMs: number, now: () => number = Date.now): () => void {
  let last = Number.NEGATIVE_INFINITY;
  let count = 0;
  return () => {
    count += 1;
    const at = now();
    if (at - last < intervalMs) return;
    logger.warn(message, { count, seconds: Number.isFinite(last) ? Math.round((at - last) / 1000) : 0 });
    last = at;
    count = 0;
  };
}
