import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../service/src/engine/engine.ts';
import { flowSchema } from '../../service/src/engine/flow.ts';
import type { ConnectionRuntime } from '../../service/src/engine/connections.ts';
import { createTransformRegistry } from '../../service/src/engine/transforms.ts';
import { silentLogger } from '../../service/src/lib/logger.ts';
import { storeEngines, type TestStore } from '../helpers/stores.ts';
import { createFakeFeed, createFakeWriter } from './fakes.ts';

const TRANSFORMS = createTransformRegistry();

const [pglite] = await storeEngines();

async function waitFor(fn: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('flow dependencies', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await pglite!.open();
  });
  afterAll(async () => {
    await store.close();
  });

  it('a scheduled run waits for its dependencies, and parked records replay once a dependency links them', async () => {
    const customers = flowSchema.parse({
      id: 'dep-customers',
      name: 'customers',
      source: { connection: 'erp', entity: 'customers' },
      target: { connection: 'crm', entity: 'Account', matchField: 'Ext__c' },
      matchKey: { source: 'number' },
      mapping: [{ target: 'Name', source: 'name' }],
      schedule: { intervalMs: 60_000 },
    });
    const orders = flowSchema.parse({
      id: 'dep-orders',
      name: 'orders',
      source: { connection: 'crm', entity: 'Order' },
      target: { connection: 'erp', entity: 'orders', matchField: 'ref' },
      matchKey: { source: 'OrderNumber' },
      mapping: [{ target: 'customer', source: 'AccountId', lookup: { flow: 'dep-customers', by: 'targetId', take: 'sourceId' }, required: true }],
      schedule: { intervalMs: 60_000 },
      dependsOn: ['dep-customers'],
    });
    const customerRows = [{ id: 'C1', modified: 1, data: { number: 'C1', name: 'Contoso' } }];
    const orderRows = [{ id: 'O1', modified: 1, data: { OrderNumber: '100', AccountId: 'T00001' } }];
    const customerFeed = createFakeFeed(customerRows);
    const orderFeed = createFakeFeed(orderRows);
    const accounts = createFakeWriter(10);
    const erpOrders = createFakeWriter(10);
    const runtime = (id: string): ConnectionRuntime => ({
      id,
      system: 'fake',
      feed: (entity) => (entity === 'customers' ? customerFeed.feed : orderFeed.feed),
      writer: (entity) => (entity === 'Account' ? accounts.writer : erpOrders.writer),
      test: async () => [],
      close: async () => {},
    });
    const engine = createEngine({
      store,
      flows: [customers, orders],
      logger: silentLogger(), transforms: TRANSFORMS,
      connections: { get: runtime, list: () => [] },
      sleep: async () => {},
    });

    expect(await engine.runOnce('dep-orders', 'schedule')).toMatchObject({ skipped: 'waiting', reason: 'waiting for dep-customers to finish a first run' });
    // A manual run is not held back: the order is parked (no Account linked to a customer yet).
    expect(await engine.runOnce('dep-orders', 'manual')).toMatchObject({ status: 'succeeded', stats: { parked: 1 } });

    // The customer flow links C1 to Account T00001; the parked order is replayed without anyone asking.
    expect(await engine.runOnce('dep-customers', 'schedule')).toMatchObject({ status: 'succeeded', stats: { created: 1 } });
    await waitFor(async () => (await store.parked.count({ flowId: 'dep-orders' })) === 0);
    expect(erpOrders.target.get('100')?.fields).toEqual({ customer: 'C1' });
    await engine.stop();
  });
});
