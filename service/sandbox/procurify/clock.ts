/**
 * The sandbox's time: a base time source plus an offset that tests move forward (24 h token expiry, day
 * boundaries of the date filters, last_modified stamps). Never moves backwards, so expiry stays monotonic.
 */
export interface SandboxClock {
  now(): number;
  advance(ms: number): void;
  /** Move to an absolute instant (ms since epoch), which must not be in the sandbox's past. */
  advanceTo(ms: number): void;
}

export function createSandboxClock(base: () => number = Date.now): SandboxClock {
  let offsetMs = 0;
  const now = (): number => base() + offsetMs;
  const advance = (ms: number): void => {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance needs a non-negative number of milliseconds, got ${ms}`);
    offsetMs += ms;
  };
  return {
    now,
    advance,
    advanceTo(ms) {
      const delta = ms - now();
      if (!Number.isFinite(ms) || delta < 0) throw new RangeError(`advanceTo needs an instant not before the sandbox's now (${new Date(now()).toISOString()}), got ${ms}`);
      advance(delta);
    },
  };
}
