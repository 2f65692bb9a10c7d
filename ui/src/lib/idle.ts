// Automatic log-out on shared terminals: the deadline moves with every input.

export interface IdleClock {
  /** Milliseconds left, or 0 when the session should end. */
  remaining(now: number): number;
  touch(now: number): void;
}

export function idleClock(minutes: number, start: number): IdleClock {
  const limit = Math.max(1, minutes) * 60_000;
  let last = start;
  return {
    remaining: (now) => Math.max(0, last + limit - now),
    touch: (now) => {
      last = Math.max(last, now);
    },
  };
}

/** How long before the automatic log-out the person is warned and offered 「延長」. */
export const WARNING_MS = 60_000;

/** Whether the warning shows: the last minute before the log-out. */
export function warns(clock: IdleClock, now: number): boolean {
  const left = clock.remaining(now);
  return left > 0 && left <= WARNING_MS;
}
