/**
 * What a GP SQL server feels from an integration: how many requests run at once and how close together they
 * start. The seeds ask clients for 2–5 concurrent requests spaced 100–200 ms; the emulator enforces the
 * concurrency limit (503, or 429 + Retry-After) and counts both kinds of violation so tests can prove a client
 * polite. Only authenticated requests count — NTLM handshake legs never reach GP.
 */
import { SbaError } from './sba-error.ts';

export interface PolitenessOptions {
  maxConcurrent: number;
  minSpacingMs: number;
  /** Arrival jitter forgiven when judging spacing (the network and event loop move requests a little). */
  spacingToleranceMs: number;
  overLimitStatus: 503 | 429;
  retryAfterSeconds: number;
}

export interface PolitenessCounters {
  requests: number;
  inFlight: number;
  peakInFlight: number;
  concurrencyViolations: number;
  spacingViolations: number;
  /** Shortest gap between two consecutive authenticated arrivals (null before the second). */
  minObservedSpacingMs: number | null;
}

export interface PolitenessGate {
  /**
   * Call for an authenticated request, with the time it arrived (taken before any work on it, so the
   * emulator's own processing never counts against the client); `leave` once the response is finished.
   */
  enter(arrivedAt?: number): { ok: true; leave: () => void } | { ok: false; error: SbaError };
  counters(): PolitenessCounters;
  reset(): void;
  configure(change: Partial<PolitenessOptions>): PolitenessOptions;
}

export function createPolitenessGate(initial: PolitenessOptions, now: () => number = () => performance.now()): PolitenessGate {
  let opts = { ...initial };
  let inFlight = 0;
  let lastArrival: number | undefined;
  let c: Omit<PolitenessCounters, 'inFlight'> = fresh();

  function fresh() {
    return { requests: 0, peakInFlight: 0, concurrencyViolations: 0, spacingViolations: 0, minObservedSpacingMs: null };
  }

  return {
    enter(arrivedAt) {
      const at = arrivedAt ?? now();
      c.requests += 1;
      if (lastArrival !== undefined) {
        const gap = at - lastArrival;
        c.minObservedSpacingMs = c.minObservedSpacingMs === null ? gap : Math.min(c.minObservedSpacingMs, gap);
        if (gap < opts.minSpacingMs - opts.spacingToleranceMs) c.spacingViolations += 1;
      }
      lastArrival = at;
      if (inFlight >= opts.maxConcurrent) {
        c.concurrencyViolations += 1;
        const message = `Too many concurrent requests: at most ${opts.maxConcurrent} may run at once for this integration user`;
        const headers: Record<string, string> = { 'Retry-After': String(opts.retryAfterSeconds) };
        return { ok: false, error: new SbaError(opts.overLimitStatus, opts.overLimitStatus === 429 ? 'TooManyRequests' : 'ServiceUnavailable', message, headers) };
      }
      inFlight += 1;
      c.peakInFlight = Math.max(c.peakInFlight, inFlight);
      let left = false;
      return {
        ok: true,
        leave() {
          if (left) return;
          left = true;
          inFlight -= 1;
        },
      };
    },
    counters: () => ({ ...c, inFlight }),
    reset() {
      c = fresh();
      lastArrival = undefined;
    },
    configure(change) {
      opts = { ...opts, ...change };
      return { ...opts };
    },
  };
}
