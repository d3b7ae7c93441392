/**
 * The one request budget every connector puts in front of a system's API, so the service never hammers a system
 * nor provokes a 429 by itself. Three limits, each optional but concurrency:
 * - `maxConcurrent` calls in flight (GP: 2–5, seeds 000/001; BC: 5 per user, FACTS §3 [V]);
 * - `minSpacingMs` between the starts of two calls (GP: 100–200 ms);
 * - at most `window.requests` calls in any sliding `window.ms` (BC: 6,000 per 5 minutes, FACTS §3 [V]).
 * Calls are served strictly first-in first-out, waiting on one timer, never a busy loop. After a 429 the whole
 * budget pauses until its Retry-After has passed (`pauseFor`): everyone waits, not just the caller who got it.
 *
 * Window accounting: a call occupies the window from its start until `window.ms` after its response arrived. The
 * server counts arrivals, which happen after our start and before our response, so any two calls the server sees
 * in one window were also inside one window here, whatever the latency.
 *
 * The budget is per process. `RequestBudget` is the small interface a budget shared across replicas (through
 * PostgreSQL) can implement later without touching the clients.
 */

export interface BudgetClock {
  /** Monotonic milliseconds. */
  now(): number;
}

export interface RequestBudgetOptions {
  maxConcurrent: number;
  /** Least time between two starts (default 0). */
  minSpacingMs?: number;
  /** Sliding-window count (absent: no window). */
  window?: { requests: number; ms: number };
  clock?: BudgetClock;
}

export interface RequestBudgetStats {
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
  /** Calls counted in the current window (in flight + completed within it); 0 without a window. */
  windowUsed: number;
  /** Times a call had to wait for the window (not merely for a concurrency slot). */
  windowWaits: number;
  /** Clock time until which every call waits (a 429's Retry-After); 0 when not paused. */
  pausedUntil: number;
}

export interface RequestBudget {
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Hold every call until `ms` from now (a 429's Retry-After). */
  pauseFor(ms: number): void;
  stats(): RequestBudgetStats;
}

const monotonicClock: BudgetClock = { now: () => performance.now() };

function checkOptions(opts: RequestBudgetOptions): void {
  if (!Number.isInteger(opts.maxConcurrent) || opts.maxConcurrent < 1) {
    throw new RangeError(`maxConcurrent must be a positive integer, got ${String(opts.maxConcurrent)}`);
  }
  const spacing = opts.minSpacingMs ?? 0;
  if (!Number.isFinite(spacing) || spacing < 0) throw new RangeError(`minSpacingMs must be a non-negative number of milliseconds, got ${String(spacing)}`);
  if (opts.window && (!Number.isInteger(opts.window.requests) || opts.window.requests < 1 || !(opts.window.ms > 0))) {
    throw new RangeError(`window must allow at least 1 request in a positive number of milliseconds`);
  }
}

export function createRequestBudget(opts: RequestBudgetOptions): RequestBudget {
  checkOptions(opts);
  const { maxConcurrent, window } = opts;
  const minSpacingMs = opts.minSpacingMs ?? 0;
  const clock = opts.clock ?? monotonicClock;
  const queue: Array<() => void> = [];
  /** Completion times still inside the window (oldest first). */
  const completedAt: number[] = [];
  let inFlight = 0;
  let lastStartAt: number | undefined;
  let pausedUntil = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pumpScheduled = false;
  let started = 0;
  let completed = 0;
  let peakInFlight = 0;
  let windowWaits = 0;
  let minObservedSpacingMs: number | null = null;

  const prune = (t: number): void => {
    if (!window) return;
    while (completedAt.length > 0 && (completedAt[0] as number) <= t - window.ms) completedAt.shift();
  };

  /**
   * Starts happen in their own macrotask (or timer callback), never in the middle of a caller's continuation: a
   * request is then on the wire right when its start is recorded, instead of after whatever synchronous work the
   * finishing caller does next — which would make the *next* start look early to the server.
   */
  function schedulePump(): void {
    if (pumpScheduled) return;
    pumpScheduled = true;
    setImmediate(() => {
      pumpScheduled = false;
      pump();
    });
  }

  function wakeAt(atMs: number): void {
    if (timer !== undefined) return;
    // Timers may fire a fraction of a millisecond early; pump() re-checks the clock when they do.
    timer = setTimeout(
      () => {
        timer = undefined;
        pump();
      },
      Math.max(1, Math.ceil(atMs - clock.now())),
    );
    // Not unref'd: a queued call is work the process still has to do (a CLI would otherwise exit mid-wait).
  }

  /** When the next call may start (now or later), or undefined when it must wait for a completion. */
  function nextStartAt(now: number): number | undefined {
    let at = Math.max(now, pausedUntil);
    if (lastStartAt !== undefined) at = Math.max(at, lastStartAt + minSpacingMs);
    if (window) {
      prune(now);
      if (completedAt.length + inFlight >= window.requests) {
        windowWaits += 1;
        // Nothing completed yet that could age out: a completion will pump again.
        if (completedAt.length === 0) return undefined;
        at = Math.max(at, (completedAt[0] as number) + window.ms);
      }
    }
    return at;
  }

  function pump(): void {
    while (queue.length > 0 && inFlight < maxConcurrent) {
      const now = clock.now();
      const at = nextStartAt(now);
      if (at === undefined) return;
      if (at > now) return wakeAt(at);
      if (lastStartAt !== undefined) {
        const gap = now - lastStartAt;
        minObservedSpacingMs = minObservedSpacingMs === null ? gap : Math.min(minObservedSpacingMs, gap);
      }
      lastStartAt = now;
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
            completed += 1;
            if (window) completedAt.push(clock.now());
            schedulePump();
          });
        });
        schedulePump();
      });
    },
    pauseFor(ms) {
      pausedUntil = Math.max(pausedUntil, clock.now() + ms);
    },
    stats() {
      const now = clock.now();
      prune(now);
      return {
        maxConcurrent,
        minSpacingMs,
        inFlight,
        queued: queue.length,
        started,
        completed,
        peakInFlight,
        minObservedSpacingMs,
        windowUsed: window ? completedAt.length + inFlight : 0,
        windowWaits,
        pausedUntil: pausedUntil > now ? pausedUntil : 0,
      };
    },
  };
}
