/**
 * At most one "Sync now" per record per window. Kept in this process: each replica enforces it on its own, and
 * the job queue dedupes what reaches the worker.
 */
export interface SyncRateLimiter {
  /** Take the record's slot, or learn how long ago it was taken and when it frees up. */
  tryAcquire(key: string): { ok: true; release(): void } | { ok: false; sinceMs: number; retryAfterMs: number };
}

export function createSyncRateLimiter(opts: { windowMs: number; now?: () => number; maxKeys?: number }): SyncRateLimiter {
  const now = opts.now ?? Date.now;
  const maxKeys = opts.maxKeys ?? 10_000;
  const lastAt = new Map<string, number>();

  function prune(t: number): void {
    for (const [key, at] of lastAt) if (t - at >= opts.windowMs) lastAt.delete(key);
  }

  return {
    tryAcquire(key) {
      const t = now();
      const at = lastAt.get(key);
      if (at !== undefined && t - at < opts.windowMs) return { ok: false, sinceMs: t - at, retryAfterMs: opts.windowMs - (t - at) };
      if (lastAt.size >= maxKeys) prune(t);
      lastAt.set(key, t);
      return {
        ok: true,
        release: () => {
          if (lastAt.get(key) === t) lastAt.delete(key);
        },
      };
    },
  };
}
