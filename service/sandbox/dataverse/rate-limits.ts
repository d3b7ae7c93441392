/**
 * Service protection API limits (FACTS §4 [V], api-limits.md), evaluated per user over a 300 s sliding window:
 * - 6,000 requests → 429 `0x80072322` "Number of requests exceeded the limit of 6000 over time window of 300 seconds.";
 * - 20 min (1,200,000 ms) combined execution time → 429 `0x80072321`;
 * - 52 concurrent requests → 429 `0x80072326` "Number of concurrent requests exceeded the limit of 52.".
 * Every 429 carries `Retry-After` in seconds. The messages embed the configured numbers, so a test with small
 * limits sees the same sentence with its own figures.
 * Execution time is approximated by the emulated latency of each request plus a nominal per-request cost
 * (`nominalExecutionMs`, default 0) — the emulator's own CPU time says nothing about Dataverse's.
 * [U] Retry-After after a window breach = seconds until enough of the window has slid by; after the
 * concurrency breach = `concurrencyRetryAfterSeconds` (default 1).
 */
import type { SandboxClock } from './clock.ts';
import { dvError } from './errors.ts';

export interface ServiceProtectionSettings {
  windowMs: number;
  maxRequestsPerWindow: number;
  maxExecutionMsPerWindow: number;
  maxConcurrent: number;
  nominalExecutionMs: number;
  concurrencyRetryAfterSeconds: number;
}

export const DEFAULT_SERVICE_PROTECTION: ServiceProtectionSettings = {
  windowMs: 300_000,
  maxRequestsPerWindow: 6_000,
  maxExecutionMsPerWindow: 1_200_000,
  maxConcurrent: 52,
  nominalExecutionMs: 0,
  concurrencyRetryAfterSeconds: 1,
};

export interface ServiceProtectionStats {
  admitted: number;
  rejectedRequests: number;
  rejectedExecutionTime: number;
  rejectedConcurrency: number;
  inFlight: number;
  peakInFlight: number;
}

export interface UserUsage {
  requestsInWindow: number;
  executionMsInWindow: number;
  inFlight: number;
}

export interface ServiceProtection {
  /** Admit a request for `user` or throw the 429; the returned function ends it with its execution time. */
  admit(user: string): (executionMs: number) => void;
  set(settings: Partial<ServiceProtectionSettings>): void;
  settings(): ServiceProtectionSettings;
  stats(): ServiceProtectionStats;
  usage(user: string): UserUsage;
  reset(): void;
}

interface Usage {
  starts: number[];
  executions: Array<{ at: number; ms: number }>;
  inFlight: number;
}

function retryAfter(seconds: number): Record<string, string> {
  return { 'retry-after': String(Math.max(1, Math.ceil(seconds))) };
}

export function createServiceProtection(clock: SandboxClock, initial: Partial<ServiceProtectionSettings> = {}): ServiceProtection {
  let cfg: ServiceProtectionSettings = { ...DEFAULT_SERVICE_PROTECTION, ...initial };
  const users = new Map<string, Usage>();
  const stats: ServiceProtectionStats = { admitted: 0, rejectedRequests: 0, rejectedExecutionTime: 0, rejectedConcurrency: 0, inFlight: 0, peakInFlight: 0 };

  const usageOf = (user: string): Usage => {
    const now = clock.now();
    const u = users.get(user) ?? { starts: [], executions: [], inFlight: 0 };
    // Both lists are in time order: drop what slid out of the window from the front.
    while (u.starts.length && (u.starts[0] as number) <= now - cfg.windowMs) u.starts.shift();
    while (u.executions.length && (u.executions[0] as { at: number }).at <= now - cfg.windowMs) u.executions.shift();
    users.set(user, u);
    return u;
  };

  return {
    admit(user) {
      const now = clock.now();
      const u = usageOf(user);
      if (u.inFlight >= cfg.maxConcurrent) {
        stats.rejectedConcurrency += 1;
        throw dvError(429, '0x80072326', `Number of concurrent requests exceeded the limit of ${cfg.maxConcurrent}.`, retryAfter(cfg.concurrencyRetryAfterSeconds));
      }
      if (u.starts.length >= cfg.maxRequestsPerWindow) {
        stats.rejectedRequests += 1;
        const freeAt = (u.starts[u.starts.length - cfg.maxRequestsPerWindow] as number) + cfg.windowMs;
        throw dvError(
          429,
          '0x80072322',
          `Number of requests exceeded the limit of ${cfg.maxRequestsPerWindow} over time window of ${cfg.windowMs / 1000} seconds.`,
          retryAfter((freeAt - now) / 1000),
        );
      }
      const spent = u.executions.reduce((n, e) => n + e.ms, 0);
      if (spent >= cfg.maxExecutionMsPerWindow) {
        stats.rejectedExecutionTime += 1;
        let over = spent - cfg.maxExecutionMsPerWindow;
        let freeAt = now;
        for (const e of u.executions) {
          freeAt = e.at + cfg.windowMs;
          over -= e.ms;
          if (over < 0) break;
        }
        throw dvError(
          429,
          '0x80072321',
          `Combined execution time of incoming requests exceeded limit of ${cfg.maxExecutionMsPerWindow.toLocaleString('en-US')} milliseconds over time window of ${cfg.windowMs / 1000} seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.`,
          retryAfter((freeAt - now) / 1000),
        );
      }
      u.starts.push(now);
      u.inFlight += 1;
      stats.admitted += 1;
      stats.inFlight += 1;
      stats.peakInFlight = Math.max(stats.peakInFlight, stats.inFlight);
      let done = false;
      return (executionMs) => {
        if (done) return;
        done = true;
        u.inFlight -= 1;
        stats.inFlight -= 1;
        u.executions.push({ at: clock.now(), ms: executionMs + cfg.nominalExecutionMs });
      };
    },
    set(settings) {
      cfg = { ...cfg, ...settings };
    },
    settings: () => ({ ...cfg }),
    stats: () => ({ ...stats }),
    usage(user) {
      const u = usageOf(user);
      return { requestsInWindow: u.starts.length, executionMsInWindow: u.executions.reduce((n, e) => n + e.ms, 0), inFlight: u.inFlight };
    },
    reset() {
      for (const u of users.values()) {
        u.starts = [];
        u.executions = [];
      }
    },
  };
}
