import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordLinkInput } from '../../service/src/store/types.ts';
import { storeEngines, type TestStore } from '../helpers/stores.ts';

const engines = await storeEngines();

function link(sourceId: string, overrides: Partial<RecordLinkInput> = {}): RecordLinkInput {
  return {
    flowId: 'sf-accounts-to-gp',
    sourceConnection: 'sf',
    sourceEntity: 'Account',
    sourceId,
    targetConnection: 'gp',
    targetEntity: 'Customer',
    targetId: `CUST-${sourceId}`,
    targetKey: `KEY-${sourceId}`,
    contentHash: `hash-${sourceId}`,
    sourceVersion: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

describe.each(engines)('record links on $name', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await engine.open();
  });
  afterAll(async () => {
    await store.close();
  });

  it('gets nothing for unknown ids and for an empty list', async () => {
    expect((await store.links.get('sf-accounts-to-gp', ['001A'])).size).toBe(0);
    expect((await store.links.get('sf-accounts-to-gp', [])).size).toBe(0);
    await expect(store.links.upsert([])).resolves.toBeUndefined();
  });

  it('upserts and gets by flow + source ids', async () => {
    await store.links.upsert([link('001A'), link('001B', { targetId: null })]);
    const found = await store.links.get('sf-accounts-to-gp', ['001A', '001B', '001C']);
    expect([...found.keys()].sort()).toEqual(['001A', '001B']);
    expect(found.get('001A')).toMatchObject({ ...link('001A') });
    expect(found.get('001A')?.updatedAt).toBeInstanceOf(Date);
    expect(found.get('001B')?.targetId).toBeNull();
    expect((await store.links.get('another-flow', ['001A'])).size).toBe(0);
  });

  it('updates an existing link in place; the last entry of a batch wins', async () => {
    await store.links.upsert([
      link('001B', { targetId: 'CUST-X', contentHash: 'h1' }),
      link('001B', { targetId: 'CUST-Y', contentHash: 'h2', sourceVersion: 'v2' }),
    ]);
    const found = await store.links.get('sf-accounts-to-gp', ['001B']);
    expect(found.get('001B')).toMatchObject({ targetId: 'CUST-Y', contentHash: 'h2', sourceVersion: 'v2' });
    const [row] = await store.queryRaw('select count(*)::int as n from record_links where source_id = $1', ['001B']);
    expect(row?.n).toBe(1);
  });

  it('keeps the same source id apart per flow, and finds links from either side', async () => {
    await store.links.upsert([
      link('001A', { flowId: 'sf-accounts-to-bc', targetConnection: 'bc', targetEntity: 'customer', targetId: 'BC-1' }),
      link('C-9', { flowId: 'gp-customers-to-sf', sourceConnection: 'gp', sourceEntity: 'Customer', targetConnection: 'sf', targetEntity: 'Account', targetId: '001A' }),
    ]);
    const bySource = await store.links.findBySource('sf', 'Account', '001A');
    expect(bySource.map((l) => l.flowId)).toEqual(['sf-accounts-to-bc', 'sf-accounts-to-gp']);
    expect(await store.links.findBySource('sf', 'Contact', '001A')).toEqual([]);

    const byTarget = await store.links.findByTarget('sf', 'Account', '001A');
    expect(byTarget).toHaveLength(1);
    expect(byTarget[0]).toMatchObject({ flowId: 'gp-customers-to-sf', sourceId: 'C-9' });
    expect((await store.links.findByTarget('gp', 'Customer', 'CUST-001A')).map((l) => l.sourceId)).toEqual(['001A']);
    expect(await store.links.findByTarget('gp', 'Customer', 'nope')).toEqual([]);
  });

  it('handles id lists larger than one statement allows', async () => {
    const many = Array.from({ length: 2500 }, (_, i) => link(`bulk-${i}`, { flowId: 'bulk' }));
    await store.links.upsert(many);
    const found = await store.links.get('bulk', many.map((l) => l.sourceId));
    expect(found.size).toBe(2500);
    expect(found.get('bulk-2499')?.targetKey).toBe('KEY-bulk-2499');
  });
});
