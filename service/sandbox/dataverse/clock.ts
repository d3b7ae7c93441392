/** The sandbox's time: real time plus an offset tests advance (token expiry, delta-token expiry, limit windows). */
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

/** Dataverse writes UTC datetimes with second precision and a `Z` (FACTS 4.1 #13). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
