import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParkedInput } from '../../service/src/store/types.ts';
import { storeEngines, type TestStore } from '../helpers/stores.ts';

const engines = await storeEngines();

function entry(sourceId: string, overrides: Partial<ParkedInput> = {}): ParkedInput {
  return {
    flowId: 'sf-orders-to-gp',
    sourceId,
    sourceVersion: 'v1',
    category: 'validation',
    reason: 'Customer not found in GP',
    payload: { id: sourceId, fields: { Amount: 12.5, Lines: [1, 2] } },
    ...overrides,
  };
}

describe.each(engines)('parked records (error queue) on $name', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await engine.open();
  });
  afterAll(async () => {
    await store.close();
  });

  it('parks new records with attempts 1', async () => {
    await store.parked.park([entry('O1'), entry('O2', { category: 'conflict', reason: 'posted document' })]);
    await store.parked.park([]);
    const list = await store.parked.list({});
    expect(list.map((p) => p.sourceId)).toEqual(['O2', 'O1']);
    expect(list[1]).toEqual({
      ...entry('O1'),
      id: expect.any(Number),
      status: 'parked',
      attempts: 1,
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
    expect(await store.parked.count()).toBe(2);
  });

  it('re-parking updates the open row: attempts + 1 and the newest reason, version and payload', async () => {
    const [before] = await store.parked.list({ sourceId: 'O1' });
    await store.parked.park([entry('O1', { sourceVersion: 'v2', category: 'transient', reason: 'GP timed out', payload: { id: 'O1', retry: true } })]);
    await store.parked.park([entry('O1', { sourceVersion: 'v3' }), entry('O1', { sourceVersion: 'v4' })]);
    const rows = await store.parked.list({ sourceId: 'O1' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: before?.id, attempts: 4, sourceVersion: 'v4', category: 'validation', status: 'parked' });
    expect(rows[0]!.createdAt.getTime()).toBe(before!.createdAt.getTime());
    expect(await store.parked.count()).toBe(2);
  });

  it('lists with filters (flow, category, status, source id, ids) and a limit', async () => {
    await store.parked.park([entry('X1', { flowId: 'other-flow', category: 'auth' })]);
    expect((await store.parked.list({ flowId: 'other-flow' })).map((p) => p.sourceId)).toEqual(['X1']);
    expect((await store.parked.list({ category: 'conflict' })).map((p) => p.sourceId)).toEqual(['O2']);
    expect((await store.parked.list({ flowId: 'sf-orders-to-gp', category: 'auth' }))).toEqual([]);
    const all = await store.parked.list({});
    expect(all.map((p) => p.sourceId)).toEqual(['X1', 'O2', 'O1']);
    expect((await store.parked.list({ ids: [all[0]!.id, all[2]!.id] })).map((p) => p.sourceId)).toEqual(['X1', 'O1']);
    expect(await store.parked.list({ ids: [] })).toEqual([]);
    expect((await store.parked.list({ limit: 2 })).map((p) => p.sourceId)).toEqual(['X1', 'O2']);
    expect(await store.parked.count({ flowId: 'other-flow' })).toBe(1);
  });

  it('resolve closes open rows only, and a later park opens a fresh row', async () => {
    expect(await store.parked.resolve('sf-orders-to-gp', ['O1', 'O1', 'missing'])).toBe(1);
    expect(await store.parked.resolve('sf-orders-to-gp', ['O1'])).toBe(0);
    expect(await store.parked.resolve('sf-orders-to-gp', [])).toBe(0);
    expect(await store.parked.count({ flowId: 'sf-orders-to-gp' })).toBe(1);
    expect((await store.parked.list({ status: 'resolved' })).map((p) => [p.sourceId, p.attempts])).toEqual([['O1', 4]]);

    await store.parked.park([entry('O1', { sourceVersion: 'v9' })]);
    const rows = await store.parked.list({ sourceId: 'O1' });
    expect(rows.map((p) => [p.status, p.attempts, p.sourceVersion])).toEqual([
      ['parked', 1, 'v9'],
      ['resolved', 4, 'v4'],
    ]);
    expect((await store.parked.list({ sourceId: 'O1', status: 'parked' }))).toHaveLength(1);
  });

  it('the database itself refuses a second open row for one record', async () => {
    await expect(
      store.queryRaw(
        `insert into parked_records (flow_id, source_id, source_version, category, reason) values ('sf-orders-to-gp', 'O2', 'v1', 'validation', 'dup')`,
      ),
    ).rejects.toThrow(/parked_records_open_idx|duplicate key/);
  });

  it('a failing entry rolls back the whole park batch', async () => {
    const before = await store.parked.list({ sourceId: 'O2' });
    const bad = { ...entry('O2'), reason: null } as unknown as ParkedInput;
    await expect(store.parked.park([entry('O2', { reason: 'first' }), bad])).rejects.toThrow();
    expect(await store.parked.list({ sourceId: 'O2' })).toEqual(before);
  });
});
