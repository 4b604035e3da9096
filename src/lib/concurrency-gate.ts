// A bound on how many of one kind of task are under way at once: beyond it, a task is refused at once, never queued.

/**
 * Refusing rather than queueing keeps the wait of an admitted task bounded by `limit` tasks' work, and a flood costs
 * the server only the refusals. A refusal is a plain `undefined`, not an Error: under a flood the gate refuses
 * thousands of times a second, and building an Error (its stack trace) was 3% of the serving thread's time.
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

  /** The task's promise, or undefined (the task not started) when `limit` tasks are already under way. */
  tryRun<T>(task: () => Promise<T>): Promise<T> | undefined {
    if (this.active >= this.limit) return undefined;
    this.active += 1;
    let running: Promise<T>;
    try {
      running = task();
    } catch (error) {
      // A task that throws before returning its promise still gives its place back.
      this.active -= 1;
      throw error;
    }
    return running.finally(() => {
      this.active -= 1;
    });
  }
}
