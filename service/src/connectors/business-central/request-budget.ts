/**
 * Keeps this client inside BC's per-user limits so it never provokes a 429 by itself (FACTS §3 [V]):
 * at most `maxConcurrent` requests in flight, and at most `requestsPerWindow` in any sliding window.
 *
 * A request occupies the window from the moment it starts until `windowMs` after its response arrived. The
 * server counts arrivals, which happen after our start and before our response, so any two requests the server
 * sees in one window were also inside one window here: the budget holds whatever the network latency.
 * After a 429 the whole budget pauses until Retry-After has passed.
 */

export interface RequestBudgetOptions {
  maxConcurrent: number;
  requestsPerWindow: number;
  windowMs: number;
  now?: () => number;
}

export interface RequestBudgetStats {
  inFlight: number;
  queued: number;
  /** Requests counted in the current window (in flight + completed within it). */
  windowUsed: number;
  peakInFlight: number;
  started: number;
  /** Times a request had to wait for the window (not merely for a concurrency slot). */
  windowWaits: number;
  pausedUntil: number;
}

export interface RequestBudget {
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Hold every request until `ms` from now (a 429's Retry-After). */
  pauseFor(ms: number): void;
  stats(): RequestBudgetStats;
}

export function createRequestBudget(opts: RequestBudgetOptions): RequestBudget {
  const now = opts.now ?? Date.now;
  const queue: Array<() => void> = [];
  const completedAt: number[] = [];
  let inFlight = 0;
  let peakInFlight = 0;
  let started = 0;
  let windowWaits = 0;
  let pausedUntil = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const prune = (t: number): void => {
    while (completedAt.length > 0 && (completedAt[0] as number) <= t - opts.windowMs) completedAt.shift();
  };

  function wake(atMs: number): void {
    if (timer !== undefined) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        pump();
      },
      Math.max(1, Math.ceil(atMs - now())),
    );
    timer.unref?.();
  }

  function pump(): void {
    while (queue.length > 0 && inFlight < opts.maxConcurrent) {
      const t = now();
      if (t < pausedUntil) return wake(pausedUntil);
      prune(t);
      if (completedAt.length + inFlight >= opts.requestsPerWindow) {
        windowWaits += 1;
        // Nothing completed yet that could age out: a completion will pump again.
        if (completedAt.length > 0) wake((completedAt[0] as number) + opts.windowMs);
        return;
      }
      inFlight += 1;
      started += 1;
      peakInFlight = Math.max(peakInFlight, inFlight);
      (queue.shift() as () => void)();
    }
  }

  return {
    run<T>(fn: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push(() => {
          let result: Promise<T>;
          try {
            result = fn();
          } catch (err) {
            result = Promise.reject(err);
          }
          result.then(resolve, reject).finally(() => {
            inFlight -= 1;
            completedAt.push(now());
            pump();
          });
        });
        pump();
      });
    },
    pauseFor(ms) {
      pausedUntil = Math.max(pausedUntil, now() + ms);
    },
    stats() {
      prune(now());
      return { inFlight, queued: queue.length, windowUsed: completedAt.length + inFlight, peakInFlight, started, windowWaits, pausedUntil };
    },
  };
}
