/** The retry decision is pure: only transient errors retry, with full-jitter backoff, never sooner than Retry-After. */
import { describe, expect, it } from 'vitest';
import { decideRetry, DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from '../../service/src/engine/retry.ts';
import { ConnectorError } from '../../service/src/lib/errors.ts';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 };
const transient = (retryAfterMs?: number) => new ConnectorError('transient', 'busy', { retryAfterMs });

describe('decideRetry', () => {
  it('never retries validation, auth or conflict errors', () => {
    for (const category of ['validation', 'auth', 'conflict'] as const) {
      expect(decideRetry(new ConnectorError(category, 'no'), 1, policy)).toEqual({ retry: false, reason: `${category} errors are not retried` });
    }
  });

  it('backs off exponentially with full jitter between half and all of the ceiling, capped', () => {
    expect(decideRetry(transient(), 1, policy, () => 0)).toEqual({ retry: true, waitMs: 50 });
    expect(decideRetry(transient(), 1, policy, () => 1)).toEqual({ retry: true, waitMs: 100 });
    expect(decideRetry(transient(), 3, policy, () => 1)).toEqual({ retry: true, waitMs: 400 });
    // attempt 3 of 4 is the last retry; the ceiling (1,000 ms) caps long runs.
    expect(decideRetry(transient(), 3, { ...policy, maxAttempts: 10 }, () => 0.5)).toEqual({ retry: true, waitMs: 300 });
    expect(decideRetry(transient(), 8, { ...policy, maxAttempts: 10 }, () => 1)).toEqual({ retry: true, waitMs: 1_000 });
  });

  it('waits at least the server\'s Retry-After, and gives up on one longer than it will wait', () => {
    expect(decideRetry(transient(2_000), 1, policy, () => 0)).toEqual({ retry: true, waitMs: 2_000 });
    expect(decideRetry(transient(6_000), 1, policy)).toEqual({ retry: false, reason: 'server asked to wait 6 s' });
  });

  it('stops after maxAttempts', () => {
    expect(decideRetry(transient(), 4, policy)).toEqual({ retry: false, reason: 'gave up after 4 attempts' });
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBeGreaterThan(1);
  });
});

describe('withRetry', () => {
  it('retries transient failures with the decided waits and returns the first success', async () => {
    const waits: number[] = [];
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw transient(calls === 2 ? 700 : undefined);
        return 'done';
      },
      policy,
      { sleep: async (ms) => void waits.push(ms), random: () => 1 },
    );
    expect(value).toBe('done');
    expect(waits).toEqual([100, 700]);
  });

  it('throws the last error as a ConnectorError (anything unknown counts as transient)', async () => {
    const waits: number[] = [];
    const err = await withRetry(() => Promise.reject(new Error('socket hang up')), policy, { sleep: async (ms) => void waits.push(ms), random: () => 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err).toMatchObject({ category: 'transient', message: 'socket hang up' });
    expect(waits).toHaveLength(3);
  });
});
