import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFlow } from '../../service/src/engine/runner.ts';
import { flowSchema } from '../../service/src/engine/flow.ts';
import { createTransformRegistry } from '../../service/src/engine/transforms.ts';
import { silentLogger } from '../../service/src/lib/logger.ts';
import { storeEngines, type TestStore } from '../helpers/stores.ts';
import { createFakeFeed, createFakeWriter } from './fakes.ts';

const TRANSFORMS = createTransformRegistry();

const [pglite] = await storeEngines();

const flow = flowSchema.parse({
  id: 'orders-flow',
  name: 'orders',
  source: { connection: 'crm', entity: 'Order', include: [{ entity: 'OrderItem', parentField: 'OrderId', as: 'lines' }] },
  target: { connection: 'erp', entity: 'salesOrders', matchField: 'externalDocumentNumber' },
  matchKey: { source: 'OrderNumber' },
  mapping: [
    { target: 'customerNumber', source: 'AccountId', lookup: { flow: 'customers-flow', by: 'targetId', take: 'sourceId', describe: 'ERP customer' }, required: true },
    {
      target: 'lines',
      source: 'lines',
      required: true,
      each: [
        { target: 'itemNumber', source: 'Product2Id', lookup: { flow: 'items-flow', by: 'sourceId', take: 'targetKey', describe: 'ERP item' } },
        { target: 'quantity', source: 'Quantity', transforms: ['number'] },
      ],
    },
  ],
  schedule: { intervalMs: 60_000 },
});

describe('link lookups and included child records', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await pglite!.open();
  });
  afterAll(async () => {
    await store.close();
  });

  it('parks an order whose customer or item is not linked yet, naming it, and writes it once the links exist', async () => {
    const { feed } = createFakeFeed([{ id: '801A', modified: 1, data: { OrderNumber: '00000100', AccountId: '001A' } }]);
    const { writer, target } = createFakeWriter(10);
    const children = new Map([['801A', [{ Product2Id: '01tX', Quantity: '2' }, { Product2Id: '01tY', Quantity: 1 }]]]);
    const related = async (entity: string, parentField: string, ids: string[]) => {
      expect([entity, parentField]).toEqual(['OrderItem', 'OrderId']);
      return new Map(ids.filter((id) => children.has(id)).map((id) => [id, children.get(id)!]));
    };
    const deps = { store, feed, writer, logger: silentLogger(), transforms: TRANSFORMS, related, sleep: async () => {} };

    const first = await runFlow(flow, deps);
    expect(first.stats).toMatchObject({ parked: 1, created: 0 });
    const [parked] = await store.parked.list({ flowId: flow.id });
    expect(parked?.reason).toContain('customerNumber: no ERP customer for AccountId "001A" yet (flow customers-flow has not linked it)');
    expect(parked?.reason).toContain('lines[0].itemNumber: no ERP item for Product2Id "01tX"');

    const link = (flowId: string, sourceId: string, targetId: string, targetKey: string) => ({
      flowId, sourceConnection: 's', sourceEntity: 'e', sourceId, targetConnection: 't', targetEntity: 'e', targetId, targetKey, contentHash: 'h', sourceVersion: '1',
    });
    await store.links.upsert([
      link('customers-flow', 'CUST001', '001A', '001A'),
      link('items-flow', '01tX', 'item-x', 'ITEM-X'),
      link('items-flow', '01tY', 'item-y', 'ITEM-Y'),
    ]);
    await store.cursors.set(flow.id, null);
    await store.parked.resolve(flow.id, ['801A']);
    const second = await runFlow(flow, deps);
    expect(second.stats).toMatchObject({ created: 1, parked: 0 });
    expect(target.get('00000100')?.fields).toEqual({
      customerNumber: 'CUST001',
      lines: [
        { itemNumber: 'ITEM-X', quantity: 2 },
        { itemNumber: 'ITEM-Y', quantity: 1 },
      ],
    });
  });
});
