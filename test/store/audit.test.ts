import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventInput } from '../../service/src/store/types.ts';
import { storeEngines, type TestStore } from '../helpers/stores.ts';

const engines = await storeEngines();

describe.each(engines)('audit on $name', (engine) => {
  let store: TestStore;
  let midpoint: Date;
  beforeAll(async () => {
    store = await engine.open();
    const first: AuditEventInput[] = [
      { flowId: 'f1', runId: 'r1', outcome: 'run_started' },
      { flowId: 'f1', runId: 'r1', sourceId: 'S1', sourceVersion: 'v1', targetId: 'T1', contentHash: 'h1', outcome: 'created', requestIds: ['req-1', 'req-2'], details: { fields: ['Name'], count: 2, nested: { ok: true } } },
      { flowId: 'f1', runId: 'r1', sourceId: 'S2', targetId: 'T2', outcome: 'parked', errorCategory: 'validation', message: 'GL account missing' },
    ];
    await store.audit.append(first);
    // The second batch is written at least 20 ms after the newest event of the first one.
    const [newest] = await store.audit.query({ limit: 1 });
    midpoint = new Date(newest!.at.getTime() + 10);
    await new Promise((r) => setTimeout(r, 20));
    await store.audit.append([
      { flowId: 'f2', runId: 'r2', sourceId: 'T1', targetId: 'S9', outcome: 'updated' },
      { flowId: 'f1', runId: 'r3', sourceId: 'S1', sourceVersion: 'v2', targetId: 'T1', outcome: 'unchanged' },
      { flowId: null, runId: null, outcome: 'replay_requested', message: 'admin replayed 2' },
    ]);
  });
  afterAll(async () => {
    await store.close();
  });

  it('returns every field, with defaults for the optional ones, newest first', async () => {
    const all = await store.audit.query({});
    expect(all.map((e) => e.outcome)).toEqual(['replay_requested', 'unchanged', 'updated', 'parked', 'created', 'run_started']);
    expect(all.every((e, i) => i === 0 || e.id < all[i - 1]!.id)).toBe(true);
    const created = all.find((e) => e.outcome === 'created')!;
    expect(created).toEqual({
      id: created.id,
      at: expect.any(Date),
      flowId: 'f1',
      runId: 'r1',
      sourceId: 'S1',
      sourceVersion: 'v1',
      targetId: 'T1',
      contentHash: 'h1',
      outcome: 'created',
      errorCategory: null,
      message: null,
      requestIds: ['req-1', 'req-2'],
      details: { fields: ['Name'], count: 2, nested: { ok: true } },
    });
    const started = all.find((e) => e.outcome === 'run_started')!;
    expect(started).toMatchObject({ sourceId: null, targetId: null, requestIds: [], details: {} });
  });

  it('filters by flow, run, outcome and ANDs them', async () => {
    expect((await store.audit.query({ flowId: 'f1' })).map((e) => e.outcome)).toEqual(['unchanged', 'parked', 'created', 'run_started']);
    expect((await store.audit.query({ runId: 'r1', outcome: 'parked' })).map((e) => e.message)).toEqual(['GL account missing']);
    expect(await store.audit.query({ flowId: 'f2', outcome: 'created' })).toEqual([]);
  });

  it('matches recordId against the source id or the target id', async () => {
    expect((await store.audit.query({ recordId: 'T1' })).map((e) => e.outcome)).toEqual(['unchanged', 'updated', 'created']);
    expect((await store.audit.query({ recordId: 'T1', flowId: 'f2' })).map((e) => e.outcome)).toEqual(['updated']);
    expect((await store.audit.query({ recordId: 'S9' })).map((e) => e.flowId)).toEqual(['f2']);
  });

  it('filters by time range (inclusive) and pages with beforeId + limit', async () => {
    const later = await store.audit.query({ from: midpoint });
    expect(later.map((e) => e.outcome)).toEqual(['replay_requested', 'unchanged', 'updated']);
    const earlier = await store.audit.query({ to: midpoint });
    expect(earlier.map((e) => e.outcome)).toEqual(['parked', 'created', 'run_started']);
    const exact = later[2]!;
    expect((await store.audit.query({ from: exact.at, to: exact.at })).map((e) => e.id)).toContain(exact.id);

    const page1 = await store.audit.query({ limit: 2 });
    const page2 = await store.audit.query({ limit: 2, beforeId: page1[1]!.id });
    const page3 = await store.audit.query({ limit: 2, beforeId: page2[1]!.id });
    expect([...page1, ...page2, ...page3].map((e) => e.outcome)).toEqual(['replay_requested', 'unchanged', 'updated', 'parked', 'created', 'run_started']);
  });

  it('defaults to 100 rows and caps the limit at 1000', async () => {
    await store.audit.append(Array.from({ length: 1100 }, (_, i) => ({ flowId: 'bulk', runId: 'rb', sourceId: `B${i}`, outcome: 'unchanged' as const })));
    expect(await store.audit.query({ flowId: 'bulk' })).toHaveLength(100);
    expect(await store.audit.query({ flowId: 'bulk', limit: 5000 })).toHaveLength(1000);
    expect(await store.audit.query({ flowId: 'bulk', limit: 0 })).toHaveLength(1);
    expect((await store.audit.query({ flowId: 'bulk', limit: 1 }))[0]?.sourceId).toBe('B1099');
  });
});
