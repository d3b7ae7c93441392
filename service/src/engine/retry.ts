import { toConnectorError, type ConnectorError } from '../lib/errors.ts';

export interface RetryPolicy {
  /** Attempts in total, including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for in-line: the error is surfaced (parked / run fails). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; reason: string };

/**
 * Pure retry decision: only transient errors retry; the wait is full-jitter exponential backoff, but never
 * shorter than the server's Retry-After.
 */
export function decideRetry(
  err: ConnectorError,
  attempt: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): RetryDecision {
  if (err.category !== 'transient') return { retry: false, reason: `${err.category} errors are not retried` };
  if (attempt >= policy.maxAttempts) return { retry: false, reason: `gave up after ${attempt} attempts` };
  if (err.retryAfterMs !== undefined && err.retryAfterMs > policy.maxRetryAfterMs) {
    return { retry: false, reason: `server asked to wait ${Math.round(err.retryAfterMs / 1000)} s` };
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const backoff = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return { retry: true, waitMs: Math.max(backoff, err.retryAfterMs ?? 0) };
}

export interface RetryDeps {
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  onRetry?: (err: ConnectorError, attempt: number, waitMs: number) => void;
  signal?: AbortSignal;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Run fn, retrying transient ConnectorErrors per policy. Throws the last error (as a ConnectorError). */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY_POLICY, deps: RetryDeps = {}): Promise<T> {
  const wait = deps.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (raw) {
      const err = toConnectorError(raw);
      const decision = decideRetry(err, attempt, policy, deps.random);
      if (!decision.retry) throw err;
      deps.onRetry?.(err, attempt, decision.waitMs);
      await wait(decision.waitMs, deps.signal);
    }
  }
}
