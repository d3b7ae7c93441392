import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createRequestBudget } from '../../service/src/lib/http/request-budget.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createRequestBudget: concurrency and spacing', () => {
  it('never runs more than maxConcurrent at once and spaces starts by minSpacingMs, under 50 parallel calls', async () => {
    const budget = createRequestBudget({ maxConcurrent: 3, minSpacingMs: 15 });
    let inFlight = 0;
    let peak = 0;
    const starts: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        budget.run(async () => {
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
    // performance.now() is the budget's own clock: the gap is never below the configured spacing.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(15);
    const stats = budget.stats();
    expect(stats).toMatchObject({ started: 50, completed: 50, inFlight: 0, queued: 0 });
    expect(stats.peakInFlight).toBeLessThanOrEqual(3);
    expect(stats.minObservedSpacingMs).toBeGreaterThanOrEqual(15);
  });

  it('starts calls in FIFO order', async () => {
    const budget = createRequestBudget({ maxConcurrent: 1, minSpacingMs: 0 });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => budget.run(async () => void order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('passes rejections through and frees the slot (also for synchronous throws)', async () => {
    const budget = createRequestBudget({ maxConcurrent: 1, minSpacingMs: 0 });
    await expect(budget.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(
      budget.run(() => {
        throw new Error('sync boom');
      }),
    ).rejects.toThrow('sync boom');
    await expect(budget.run(async () => 'after')).resolves.toBe('after');
    expect(budget.stats().inFlight).toBe(0);
  });

  it('waits without busy-looping: one timer, then the start', async () => {
    const budget = createRequestBudget({ maxConcurrent: 2, minSpacingMs: 60 });
    const t0 = performance.now();
    await budget.run(async () => undefined);
    await budget.run(async () => undefined);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(60);
  });

  it('rejects nonsense limits', () => {
    expect(() => createRequestBudget({ maxConcurrent: 0, minSpacingMs: 0 })).toThrow(/maxConcurrent/);
    expect(() => createRequestBudget({ maxConcurrent: 1.5, minSpacingMs: 0 })).toThrow(/maxConcurrent/);
    expect(() => createRequestBudget({ maxConcurrent: 1, minSpacingMs: -1 })).toThrow(/minSpacingMs/);
  });
});

describe('createRequestBudget: sliding window and pauses', () => {
  it('never has more than window.requests calls in one window, counting a call until window.ms after it completed', async () => {
    const budget = createRequestBudget({ maxConcurrent: 5, window: { requests: 4, ms: 120 } });
    const starts: number[] = [];
    const ends: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, () =>
        budget.run(async () => {
          starts.push(performance.now());
          await sleep(5);
          ends.push(performance.now());
        }),
      ),
    );
    // Any window.requests + 1 consecutive starts span more than the window (measured from the earlier completion).
    for (let i = 4; i < starts.length; i++) expect(starts[i]! - ends[i - 4]!).toBeGreaterThanOrEqual(120);
    expect(budget.stats()).toMatchObject({ started: 10, completed: 10, inFlight: 0 });
    expect(budget.stats().windowWaits).toBeGreaterThan(0);
  });

  it('holds every call after pauseFor until the pause has passed', async () => {
    const budget = createRequestBudget({ maxConcurrent: 2 });
    const t0 = performance.now();
    budget.pauseFor(80);
    expect(budget.stats().pausedUntil).toBeGreaterThan(t0);
    const started: number[] = [];
    await Promise.all([1, 2, 3].map(() => budget.run(async () => void started.push(performance.now()))));
    expect(Math.min(...started) - t0).toBeGreaterThanOrEqual(79);
    expect(budget.stats().pausedUntil).toBe(0);
  });

  it('rejects a window that allows nothing', () => {
    expect(() => createRequestBudget({ maxConcurrent: 1, window: { requests: 0, ms: 1000 } })).toThrow(/window/);
  });
});

describe('createRequestBudget: a waiting call is pending work', () => {
  it('keeps a process alive while a call waits for its start (a CLI does not exit mid-wait)', async () => {
    const script = [
      "const { createRequestBudget } = await import('./service/src/lib/http/request-budget.ts');",
      'const budget = createRequestBudget({ maxConcurrent: 1, minSpacingMs: 300 });',
      'await budget.run(async () => undefined);',
      "await budget.run(async () => console.log('second call ran'));",
    ].join('\n');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 30_000 });
    expect(stdout).toContain('second call ran');
  });
});
