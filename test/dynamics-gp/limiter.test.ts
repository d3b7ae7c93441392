import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../service/src/lib/limiter.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createLimiter', () => {
  it('never runs more than maxConcurrent at once and spaces starts by minSpacingMs, under 50 parallel calls', async () => {
    const limiter = createLimiter({ maxConcurrent: 3, minSpacingMs: 15 });
    let inFlight = 0;
    let peak = 0;
    const starts: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        limiter.run(async () => {
          starts.push(performance.now());
          inFlight += 1;
          peak = Math.max(peak, inFlight);
          await sleep(i % 2 === 0 ? 40 : 5);
          inFlight -= 1;
          return i;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    // performance.now() is the limiter's own clock: the gap is never below the configured spacing.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(15);
    const stats = limiter.stats();
    expect(stats).toMatchObject({ started: 50, completed: 50, inFlight: 0, queued: 0 });
    expect(stats.peakInFlight).toBeLessThanOrEqual(3);
    expect(stats.minObservedSpacingMs).toBeGreaterThanOrEqual(15);
  });

  it('starts calls in FIFO order', async () => {
    const limiter = createLimiter({ maxConcurrent: 1, minSpacingMs: 0 });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => limiter.run(async () => void order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('passes rejections through and frees the slot (also for synchronous throws)', async () => {
    const limiter = createLimiter({ maxConcurrent: 1, minSpacingMs: 0 });
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(
      limiter.run(() => {
        throw new Error('sync boom');
      }),
    ).rejects.toThrow('sync boom');
    await expect(limiter.run(async () => 'after')).resolves.toBe('after');
    expect(limiter.stats().inFlight).toBe(0);
  });

  it('waits without busy-looping: one timer, then the start', async () => {
    const limiter = createLimiter({ maxConcurrent: 2, minSpacingMs: 60 });
    const t0 = performance.now();
    await limiter.run(async () => undefined);
    await limiter.run(async () => undefined);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(60);
  });

  it('rejects nonsense limits', () => {
    expect(() => createLimiter({ maxConcurrent: 0, minSpacingMs: 0 })).toThrow(/maxConcurrent/);
    expect(() => createLimiter({ maxConcurrent: 1.5, minSpacingMs: 0 })).toThrow(/maxConcurrent/);
    expect(() => createLimiter({ maxConcurrent: 1, minSpacingMs: -1 })).toThrow(/minSpacingMs/);
  });
});
