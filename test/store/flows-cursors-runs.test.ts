import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeEngines, type TestStore } from '../helpers/stores.ts';

const engines = await storeEngines();

describe.each(engines)('flows, cursors and runs on $name', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await engine.open();
  });
  afterAll(async () => {
    await store.close();
  });

  it('flows: unknown is undefined, then the last setEnabled wins', async () => {
    expect(await store.flows.isEnabled('gp-customers')).toBeUndefined();
    await store.flows.setEnabled('gp-customers', true);
    expect(await store.flows.isEnabled('gp-customers')).toBe(true);
    await store.flows.setEnabled('gp-customers', false);
    expect(await store.flows.isEnabled('gp-customers')).toBe(false);
    expect(await store.flows.isEnabled('other')).toBeUndefined();
  });

  it('cursors: null when unset, JSON round-trip, overwrite, stored as real jsonb', async () => {
    expect(await store.cursors.get('f1')).toBeNull();
    const cursor = { watermark: '2026-01-02T03:04:05.000Z', idsAtWatermark: ['A1', 'A2'], page: 3, done: false, extra: null };
    await store.cursors.set('f1', cursor);
    expect(await store.cursors.get<typeof cursor>('f1')).toEqual(cursor);
    await store.cursors.set('f1', { replayId: 'AAAAAAAAAAE=' });
    expect(await store.cursors.get('f1')).toEqual({ replayId: 'AAAAAAAAAAE=' });
    await store.cursors.set('f2', 'plain string');
    expect(await store.cursors.get('f2')).toBe('plain string');
    // A double-encoded value (a JSON string holding JSON text) would make the cursor unqueryable in SQL.
    const rows = await store.queryRaw('select flow_id, jsonb_typeof(value) as t from cursors order by flow_id');
    expect(rows).toEqual([
      { flow_id: 'f1', t: 'object' },
      { flow_id: 'f2', t: 'string' },
    ]);
  });

  it('runs: start, finish, list newest first with filter and limit', async () => {
    await store.runs.start({ id: 'r1', flowId: 'fa', trigger: 'schedule' });
    await new Promise((r) => setTimeout(r, 5));
    await store.runs.start({ id: 'r2', flowId: 'fb', trigger: 'manual' });
    await new Promise((r) => setTimeout(r, 5));
    await store.runs.start({ id: 'r3', flowId: 'fa', trigger: 'webhook' });

    let [r1] = await store.runs.list({ flowId: 'fa', limit: 10 }).then((l) => l.filter((r) => r.id === 'r1'));
    expect(r1).toMatchObject({ status: 'running', finishedAt: null, stats: {}, error: null, trigger: 'schedule' });
    expect(r1?.startedAt).toBeInstanceOf(Date);

    await store.runs.finish('r1', 'succeeded', { read: 10, written: 7, unchanged: 3 });
    await store.runs.finish('r2', 'failed', { read: 1 }, 'auth: INVALID_SESSION_ID');
    [r1] = await store.runs.list({ flowId: 'fa' }).then((l) => l.filter((r) => r.id === 'r1'));
    expect(r1).toMatchObject({ status: 'succeeded', stats: { read: 10, written: 7, unchanged: 3 }, error: null });
    expect(r1!.finishedAt!.getTime()).toBeGreaterThanOrEqual(r1!.startedAt.getTime());

    expect((await store.runs.list({})).map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
    expect((await store.runs.list({ flowId: 'fa' })).map((r) => r.id)).toEqual(['r3', 'r1']);
    expect((await store.runs.list({ limit: 1 })).map((r) => r.id)).toEqual(['r3']);
    expect((await store.runs.list({ flowId: 'fb' }))[0]).toMatchObject({ status: 'failed', error: 'auth: INVALID_SESSION_ID' });
    await expect(store.runs.finish('nope', 'failed', {})).rejects.toThrow(/run "nope"/);
    await expect(store.runs.start({ id: 'r1', flowId: 'fa', trigger: 'again' })).rejects.toThrow();
  });

  it('ping answers', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
});
