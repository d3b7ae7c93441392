/** The sandbox's time: real time plus an offset tests can advance (subscription expiry, token expiry, windows). */
export interface SandboxClock {
  now(): number;
  advance(ms: number): void;
}

export function createSandboxClock(base: () => number = Date.now): SandboxClock {
  let offsetMs = 0;
  return {
    now: () => base() + offsetMs,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance needs a non-negative number of milliseconds, got ${ms}`);
      offsetMs += ms;
    },
  };
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
