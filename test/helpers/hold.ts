// A switch a test flips to make awaited work wait: while held, that work waits until the test releases it.

export interface Hold {
  hold(): void;
  release(): void;
  /** What the held work awaits: a promise while held, undefined when not (so unheld work takes no extra turn). */
  readonly passage: Promise<void> | undefined;
}

export function testHold(): Hold {
  let held: { promise: Promise<void>; resolve: () => void } | undefined;
  return {
    hold() {
      let resolve!: () => void;
      const promise = new Promise<void>((settle) => (resolve = settle));
      held = { promise, resolve };
    },
    release() {
      held?.resolve();
      held = undefined;
    },
    get passage() {
      return held?.promise;
    },
  };
}
