// A bound on how many of one kind of task are under way at once: beyond it, a task is refused at once, never queued.

/** Thrown (as a rejection) when the gate is full; the caller answers "busy, try later". */
export class GateFullError extends Error {
  constructor(limit: number) {
    super(`${limit} tasks are already under way`);
    this.name = 'GateFullError';
  }
}

/**
 * Refusing rather than queueing keeps the wait of an admitted task bounded by `limit` tasks' work, and a flood costs
 * the server only the refusals.
 */
export class ConcurrencyGate {
  readonly limit: number;
  private active = 0;

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a gate needs a limit of at least 1, got ${limit}`);
    this.limit = limit;
  }

  /** Tasks admitted and not yet settled. */
  get inUse(): number {
    return this.active;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) throw new GateFullError(this.limit);
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
    }
  }
}
