/**
 * Procurify publishes no rate limits (FACTS §6: "Not found: documented rate limits"); the OAS only warns that very
 * large requests may time out. The limiter is therefore off by default and, when set, behaves like DRF's
 * SimpleRateThrottle per API client: a sliding window of N requests; past it, 429 with
 * `{"detail":"Request was throttled. Expected available in <n> seconds."}` and `Retry-After: <n>` (DRF's text and
 * header), the wait computed as DRF does (time until the oldest request leaves the window).
 */
import type { SandboxClock } from './clock.ts';
import { detailError } from './errors.ts';

export interface RateLimiter {
  admit(clientKey: string, limit: { requests: number; windowMs: number } | null): void;
  rejected(): number;
  reset(): void;
}

export function createRateLimiter(clock: SandboxClock): RateLimiter {
  const history = new Map<string, number[]>();
  let rejected = 0;
  return {
    admit(clientKey, limit) {
      if (limit === null) return;
      const now = clock.now();
      const recent = (history.get(clientKey) ?? []).filter((t) => t > now - limit.windowMs);
      history.set(clientKey, recent);
      if (recent.length >= limit.requests) {
        rejected += 1;
        const oldest = recent[0] as number;
        const waitS = Math.max(1, Math.ceil((limit.windowMs - (now - oldest)) / 1000));
        throw detailError(429, `Request was throttled. Expected available in ${waitS} second${waitS === 1 ? '' : 's'}.`, { 'retry-after': String(waitS) });
      }
      recent.push(now);
    },
    rejected: () => rejected,
    reset() {
      history.clear();
      rejected = 0;
    },
  };
}
