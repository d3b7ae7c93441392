/**
 * A polite request limiter: at most `maxConcurrent` calls in flight and at least `minSpacingMs` between the
 * starts of consecutive calls, served strictly first-in first-out. Waiting uses one timer, never a busy loop.
 *
 * Used in front of systems that must not be hammered (Dynamics GP: 2–5 concurrent requests, 100–200 ms
 * apart — seeds 000/001). Limits held across replicas are the engine's business; this is per process.
 */

export interface LimiterClock {
  /** Monotonic milliseconds. */
  now(): number;
}

export interface LimiterOptions {
  maxConcurrent: number;
  minSpacingMs: number;
  clock?: LimiterClock;
}

export interface LimiterStats {
  maxConcurrent: number;
  minSpacingMs: number;
  inFlight: number;
  queued: number;
  started: number;
  completed: number;
  /** Highest number of calls in flight at once since creation. */
  peakInFlight: number;
  /** Shortest gap seen between two consecutive starts (null before the second start). */
  minObservedSpacingMs: number | null;
}

export interface Limiter {
  run<T>(fn: () => Promise<T>): Promise<T>;
  stats(): LimiterStats;
}

const monotonicClock: LimiterClock = { now: () => performance.now() };

export function createLimiter(opts: LimiterOptions): Limiter {
  const { maxConcurrent, minSpacingMs } = opts;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new RangeError(`maxConcurrent must be a positive integer, got ${String(maxConcurrent)}`);
  }
  if (!Number.isFinite(minSpacingMs) || minSpacingMs < 0) {
    throw new RangeError(`minSpacingMs must be a non-negative number of milliseconds, got ${String(minSpacingMs)}`);
  }
  const clock = opts.clock ?? monotonicClock;
  const queue: Array<() => void> = [];
  let inFlight = 0;
  let lastStartAt: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pumpScheduled = false;
  let started = 0;
  let completed = 0;
  let peakInFlight = 0;
  let minObservedSpacingMs: number | null = null;

  /**
   * Starts happen in their own macrotask (or timer callback), never in the middle of a caller's continuation:
   * a request is then on the wire right when its start is recorded, instead of after whatever synchronous work
   * the finishing caller does next — which would make the *next* start look early to the server.
   */
  function schedulePump(): void {
    if (pumpScheduled) return;
    pumpScheduled = true;
    setImmediate(() => {
      pumpScheduled = false;
      pump();
    });
  }

  function pump(): void {
    while (queue.length > 0 && inFlight < maxConcurrent) {
      const now = clock.now();
      const waitMs = lastStartAt === undefined ? 0 : lastStartAt + minSpacingMs - now;
      if (waitMs > 0) {
        // Timers may fire a fraction of a millisecond early; pump() re-checks the clock when they do.
        if (timer === undefined) {
          timer = setTimeout(() => {
            timer = undefined;
            pump();
          }, Math.ceil(waitMs));
        }
        return;
      }
      if (lastStartAt !== undefined) {
        const gap = now - lastStartAt;
        minObservedSpacingMs = minObservedSpacingMs === null ? gap : Math.min(minObservedSpacingMs, gap);
      }
      lastStartAt = now;
      inFlight += 1;
      started += 1;
      peakInFlight = Math.max(peakInFlight, inFlight);
      const start = queue.shift() as () => void;
      start();
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
            completed += 1;
            schedulePump();
          });
        });
        schedulePump();
      });
    },
    stats(): LimiterStats {
      return {
        maxConcurrent,
        minSpacingMs,
        inFlight,
        queued: queue.length,
        started,
        completed,
        peakInFlight,
        minObservedSpacingMs,
      };
    },
  };
}
