import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../service/src/store/types.ts';
import { storeEngines, type TestStore } from '../helpers/stores.ts';

const engines = await storeEngines();
const LEASE_MS = 60_000;
const SHORT_LEASE_MS = 50;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function ids(jobs: Job[]): string[] {
  return jobs.map((j) => j.id);
}

describe.each(engines)('jobs on $name', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await engine.open();
  });
  afterAll(async () => {
    await store.close();
  });

  it('enqueue inserts new ids only and leaves existing jobs untouched', async () => {
    expect(await store.jobs.enqueue([])).toEqual([]);
    expect(await store.jobs.enqueue([
      { id: 'f:1:v1', kind: 'write', payload: { n: 1 } },
      { id: 'f:2:v1', kind: 'write', payload: [1, 'two'] },
    ])).toEqual(['f:1:v1', 'f:2:v1']);
    expect(await store.jobs.enqueue([
      { id: 'f:1:v1', kind: 'other', payload: { n: 'changed' } },
      { id: 'f:3:v1', kind: 'write', payload: null },
    ])).toEqual(['f:3:v1']);
    const job = await store.jobs.get('f:1:v1');
    expect(job).toMatchObject({ kind: 'write', payload: { n: 1 }, status: 'queued', attempts: 0, lastError: null, lockedUntil: null });
    expect(job?.runAfter).toBeInstanceOf(Date);
    expect(job?.createdAt).toBeInstanceOf(Date);
    expect(await store.jobs.get('missing')).toBeUndefined();
    expect(await store.jobs.counts()).toEqual({ queued: 3, running: 0, done: 0, failed: 0 });
  });

  it('claims due jobs of the requested kinds, oldest first, leasing them', async () => {
    await store.jobs.enqueue([
      { id: 'later', kind: 'write', payload: null, runAfter: new Date(Date.now() + 3_600_000) },
      { id: 'mail:1', kind: 'mail', payload: null, runAfter: new Date(Date.now() - 3_600_000) },
    ]);
    expect(await store.jobs.claim([], 10, LEASE_MS)).toEqual([]);
    expect(await store.jobs.claim(['write'], 0, LEASE_MS)).toEqual([]);

    const claimed = await store.jobs.claim(['write'], 2, LEASE_MS);
    expect(ids(claimed)).toEqual(['f:1:v1', 'f:2:v1']);
    for (const job of claimed) {
      expect(job).toMatchObject({ status: 'running', attempts: 1 });
      const leaseMs = job.lockedUntil!.getTime() - Date.now();
      expect(leaseMs).toBeGreaterThan(LEASE_MS - 10_000);
      expect(leaseMs).toBeLessThanOrEqual(LEASE_MS + 1_000);
    }
    expect(ids(await store.jobs.claim(['write', 'mail'], 10, LEASE_MS))).toEqual(['mail:1', 'f:3:v1']);
    // Everything due is leased now; the future job is not due.
    expect(await store.jobs.claim(['write', 'mail'], 10, LEASE_MS)).toEqual([]);
    expect(await store.jobs.counts()).toEqual({ queued: 1, running: 4, done: 0, failed: 0 });
  });

  it('complete, retry and fail move jobs between states', async () => {
    await store.jobs.complete(['f:1:v1', 'mail:1']);
    await store.jobs.complete([]);
    expect(await store.jobs.get('f:1:v1')).toMatchObject({ status: 'done', lockedUntil: null, attempts: 1 });

    const soon = new Date(Date.now() + 150);
    await store.jobs.retry('f:2:v1', soon, 'transient: 503 from GP');
    expect(await store.jobs.get('f:2:v1')).toMatchObject({ status: 'queued', runAfter: soon, lastError: 'transient: 503 from GP', lockedUntil: null });
    expect(await store.jobs.claim(['write'], 10, LEASE_MS)).toEqual([]);
    await sleep(200);
    const [again] = await store.jobs.claim(['write'], 10, LEASE_MS);
    expect(again).toMatchObject({ id: 'f:2:v1', attempts: 2, status: 'running', lastError: 'transient: 503 from GP' });

    await store.jobs.fail('f:3:v1', 'validation: bad payload');
    expect(await store.jobs.get('f:3:v1')).toMatchObject({ status: 'failed', lastError: 'validation: bad payload', lockedUntil: null });
    expect(await store.jobs.counts()).toEqual({ queued: 1, running: 1, done: 2, failed: 1 });
    await expect(store.jobs.retry('missing', new Date(), 'x')).rejects.toThrow(/job "missing"/);
    await expect(store.jobs.fail('missing', 'x')).rejects.toThrow(/job "missing"/);
  });

  it('a running job whose lease expired can be claimed again (crash recovery)', async () => {
    await store.jobs.enqueue([{ id: 'lease:1', kind: 'lease', payload: { x: 1 } }]);
    const [first] = await store.jobs.claim(['lease'], 1, SHORT_LEASE_MS);
    expect(first).toMatchObject({ id: 'lease:1', attempts: 1 });
    expect(await store.jobs.claim(['lease'], 1, SHORT_LEASE_MS)).toEqual([]);
    await sleep(SHORT_LEASE_MS * 3);
    const [second] = await store.jobs.claim(['lease'], 1, LEASE_MS);
    expect(second).toMatchObject({ id: 'lease:1', attempts: 2, status: 'running' });
    expect(second!.lockedUntil!.getTime()).toBeGreaterThan(first!.lockedUntil!.getTime());
  });

  it('refuses a non-positive lease', async () => {
    await expect(store.jobs.claim(['lease'], 1, 0)).rejects.toThrow(/leaseMs/);
  });
});

describe.each(engines.filter((e) => e.name === 'postgres'))('jobs under concurrency on $name', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await engine.open();
  });
  afterAll(async () => {
    await store.close();
  });

  it('SKIP LOCKED: a claimer passes over rows another open transaction has locked instead of waiting', async () => {
    await store.jobs.enqueue(Array.from({ length: 4 }, (_, i) => ({ id: `c:${i}`, kind: 'c', payload: i })));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let firstClaim: Job[] = [];
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = store.transaction(async (tx) => {
      firstClaim = await tx.jobs.claim(['c'], 2, LEASE_MS);
      locked();
      await held;
    });
    await isLocked;
    // Without SKIP LOCKED this claim would block on c:0 / c:1 until the holder commits (never: it waits for us).
    const timeout = sleep(5_000).then(() => 'blocked' as const);
    const second = await Promise.race([store.jobs.claim(['c'], 2, LEASE_MS), timeout]);
    release();
    await holder;
    expect(second).not.toBe('blocked');
    expect(ids(firstClaim)).toEqual(['c:0', 'c:1']);
    expect(ids(second as Job[])).toEqual(['c:2', 'c:3']);
  });

  it('concurrent claimers get disjoint jobs and together take each job exactly once', async () => {
    const total = 60;
    await store.jobs.enqueue(Array.from({ length: total }, (_, i) => ({ id: `p:${String(i).padStart(3, '0')}`, kind: 'p', payload: i })));
    const claimers = Array.from({ length: 6 }, async () => {
      const mine: string[] = [];
      for (;;) {
        const batch = await store.jobs.claim(['p'], 4, LEASE_MS);
        if (batch.length === 0) return mine;
        mine.push(...ids(batch));
      }
    });
    const results = await Promise.all(claimers);
    const all = results.flat();
    expect(all).toHaveLength(total);
    expect(new Set(all).size).toBe(total);
    const [row] = await store.queryRaw(`select count(*)::int as n, max(attempts) as max from jobs where kind = 'p'`);
    expect(row).toEqual({ n: total, max: 1 });
  });
});
