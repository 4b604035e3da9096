// The sliding-window estimate of a rate (Cloudflare's): two fixed-window counts, the older one weighted by overlap.

export interface WindowCounts {
  /** Events in the previous fixed window. */
  readonly previous: number;
  /** Events in the current fixed window so far. */
  readonly current: number;
}

/**
 * Events in the last `windowMs`, estimated as if the previous window's events were spread evenly: a fixed window alone
 * would let twice the limit through around a window's edge; exact logs would cost a row per event.
 */
export function estimate(counts: WindowCounts, elapsedMs: number, windowMs: number): number {
  return (counts.previous * (windowMs - elapsedMs)) / windowMs + counts.current;
}

/**
 * How long until one more event fits under `limit` (the estimate at most limit - 1), given `elapsedMs` into the current
 * window and no further events: 0 when it fits now.
 */
export function waitMs(counts: WindowCounts, elapsedMs: number, windowMs: number, limit: number): number {
  const room = limit - 1;
  if (estimate(counts, elapsedMs, windowMs) <= room) return 0;
  if (counts.current <= room) {
    // Within this window: previous * (W - t) / W + current <= room.
    const t = windowMs * (1 - (room - counts.current) / counts.previous);
    return Math.max(0, t - elapsedMs);
  }
  // In the next window, where this window's count is the previous one and decays.
  const next = windowMs * (1 - room / counts.current);
  return windowMs - elapsedMs + next;
}
