// The forum's one source of the current time, passed in so that tests set the time instead of waiting for it.

/** Milliseconds since the epoch, as Date.now(). */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
