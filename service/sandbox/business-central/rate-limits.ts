/**
 * BC online's per-user operational limits (FACTS §3 [V], operational-limits-online.md): 6,000 OData requests
 * per 5-minute sliding window (then 429), 5 requests processed at once with the rest queued (a full queue →
 * 429, a request queued longer than the queue timeout → 503). All of it is configurable so tests can reach it.
 */
import type { SandboxClock } from './clock.ts';
import { bcError } from './errors.ts';

export interface RateLimitSettings {
  windowMs: number;
  maxRequestsPerWindow: number;
  maxConcurrent: number;
  maxQueued: number;
  queueTimeoutMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  windowMs: 5 * 60_000,
  maxRequestsPerWindow: 6_000,
  maxConcurrent: 5,
  maxQueued: 95,
  queueTimeoutMs: 8 * 60_000,
};

export interface RateLimitStats {
  admitted: number;
  rejectedWindow: number;
  rejectedQueueFull: number;
  timedOutInQueue: number;
  inFlight: number;
  peakInFlight: number;
}

export interface RateLimits {
  /** Count a request against the user's sliding window, or throw 429 with Retry-After. */
  admit(user: string): void;
  /** Wait for a processing slot; the returned function frees it. */
  acquire(): Promise<() => void>;
  set(settings: Partial<RateLimitSettings>): void;
  settings(): RateLimitSettings;
  stats(): RateLimitStats;
  reset(): void;
}

export function createRateLimits(clock: SandboxClock, initial: Partial<RateLimitSettings> = {}): RateLimits {
  let cfg: RateLimitSettings = { ...DEFAULT_RATE_LIMITS, ...initial };
  const windows = new Map<string, number[]>();
  const queue: Array<{ grant: () => void; timer: ReturnType<typeof setTimeout> }> = [];
  const stats: RateLimitStats = { admitted: 0, rejectedWindow: 0, rejectedQueueFull: 0, timedOutInQueue: 0, inFlight: 0, peakInFlight: 0 };

  const release = (): void => {
    stats.inFlight -= 1;
    const next = queue.shift();
    if (next) {
      clearTimeout(next.timer);
      next.grant();
    }
  };
  const take = (): (() => void) => {
    stats.inFlight += 1;
    stats.peakInFlight = Math.max(stats.peakInFlight, stats.inFlight);
    let released = false;
    return () => {
      if (!released) {
        released = true;
        release();
      }
    };
  };

  return {
    admit(user) {
      const now = clock.now();
      const recent = (windows.get(user) ?? []).filter((t) => t > now - cfg.windowMs);
      if (recent.length >= cfg.maxRequestsPerWindow) {
        windows.set(user, recent);
        stats.rejectedWindow += 1;
        const retryAfterS = Math.max(1, Math.ceil(((recent[0] as number) + cfg.windowMs - now) / 1000));
        // [U] exact code and text of the throttling error.
        throw bcError(429, 'Application_TooManyRequests', `Too many requests reached.  Actual (${recent.length + 1}).  Maximum (${cfg.maxRequestsPerWindow}).`, {
          'retry-after': String(retryAfterS),
        });
      }
      recent.push(now);
      windows.set(user, recent);
      stats.admitted += 1;
    },
    acquire() {
      if (stats.inFlight < cfg.maxConcurrent) return Promise.resolve(take());
      if (queue.length >= cfg.maxQueued) {
        stats.rejectedQueueFull += 1;
        return Promise.reject(bcError(429, 'Application_TooManyRequests', 'Too many requests are queued for this user.', { 'retry-after': '1' }));
      }
      return new Promise((resolve, reject) => {
        const entry = {
          grant: () => resolve(take()),
          timer: setTimeout(() => {
            queue.splice(queue.indexOf(entry), 1);
            stats.timedOutInQueue += 1;
            reject(bcError(503, 'Internal_ServiceUnavailable', 'The request waited too long in the queue and was cancelled.'));
          }, cfg.queueTimeoutMs),
        };
        queue.push(entry);
      });
    },
    set(settings) {
      cfg = { ...cfg, ...settings };
    },
    settings: () => ({ ...cfg }),
    stats: () => ({ ...stats }),
    reset() {
      windows.clear();
    },
  };
}
