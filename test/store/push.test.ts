/**
 * Push state in the store, on both engines: a connection's subscriptions are replaced as a whole, receipts count a
 * record version once, old receipts are pruned; and an upgrade moves the Business Central subscription ids that
 * used to live among the cursors into push_subscriptions (migration 0002), so installed subscriptions are kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushSubscriptionState } from '../../service/src/store/types.ts';
import { storeEngines, type TestStore } from '../helpers/stores.ts';

const engines = await storeEngines();

const row = (key: string, over: Partial<PushSubscriptionState> = {}): PushSubscriptionState => ({
  key,
  entity: key,
  externalId: `sub-${key}`,
  expiresAt: new Date('2030-01-01T00:00:00.000Z'),
  lastRenewedAt: new Date('2026-01-01T00:00:00.000Z'),
  lastError: null,
  state: { resource: `/api/${key}` },
  ...over,
});

describe.each(engines)('push state on $name', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await engine.open();
  });
  afterAll(async () => {
    await store.close();
  });

  it('replaces a connection\'s subscriptions as a whole, leaving other connections alone', async () => {
    await store.push.replaceSubscriptions('bc', [row('items'), row('customers')]);
    await store.push.replaceSubscriptions('other', [row('items')]);
    expect(await store.push.subscriptions('bc')).toEqual([row('customers'), row('items')]);
    await store.push.replaceSubscriptions('bc', [row('items', { lastError: 'renewal refused', externalId: null, expiresAt: null })]);
    expect(await store.push.subscriptions('bc')).toEqual([row('items', { lastError: 'renewal refused', externalId: null, expiresAt: null })]);
    await store.push.replaceSubscriptions('bc', []);
    expect(await store.push.subscriptions('bc')).toEqual([]);
    expect(await store.push.subscriptions('other')).toEqual([row('items')]);
  });

  it('records each (connection, entity, record, version) once, also within one call', async () => {
    const r = (recordId: string, version: string, connectionId = 'bc') => ({ connectionId, entity: 'customers', recordId, version });
    expect(await store.push.recordReceipts([r('C1', 'v1'), r('C1', 'v1'), r('C2', 'v1')])).toEqual([r('C1', 'v1'), r('C2', 'v1')]);
    expect(await store.push.recordReceipts([r('C1', 'v1'), r('C1', 'v2'), r('C1', 'v1', 'other')])).toEqual([r('C1', 'v2'), r('C1', 'v1', 'other')]);
    expect(await store.push.recordReceipts([])).toEqual([]);
  });

  it('prunes receipts older than a moment, and only those', async () => {
    expect(await store.push.pruneReceipts(new Date(Date.now() - 60_000))).toBe(0);
    expect(await store.push.pruneReceipts(new Date(Date.now() + 60_000))).toBe(4);
    expect(await store.push.recordReceipts([{ connectionId: 'bc', entity: 'customers', recordId: 'C1', version: 'v1' }])).toHaveLength(1);
  });
});

describe.each(engines)('upgrade of Business Central subscription ids on $name', (engine) => {
  let store: TestStore;
  afterAll(async () => {
    await store?.close();
  });

  it('moves bc-subscription:<connection>:<set> cursors into push_subscriptions and keeps the flows\' cursors', async () => {
    store = await engine.open({ durable: true });
    const old = (set: string, id: string) => ({
      subscriptionId: id,
      resource: `/api/v2.0/companies(9c2f4b1a-6d3e-4f8a-b5c7-1e2d3f4a5b6c)/${set}`,
      notificationUrl: 'https://mlc.example.com/webhooks/business-central/bc-main',
      expirationDateTime: '2026-12-09T06:03:00Z',
    });
    await store.cursors.set('bc-subscription:bc-main:customers', old('customers', 'sub-c'));
    await store.cursors.set('bc-subscription:bc-main:customerPaymentJournals', old('customerPaymentJournals', 'sub-p'));
    await store.cursors.set('bc-subscription:bc-main:items', null);
    await store.cursors.set('bc-customers-to-sf-accounts', { since: '2026-01-01T00:00:00Z', idsAtSince: [] });
    // As a store written before the migration: forget that 0002 ran, so the next open runs it.
    const migrations = store.kind === 'pglite' ? 'drizzle.__drizzle_migrations' : '__drizzle_migrations';
    await store.queryRaw(`delete from ${migrations} where created_at = (select max(created_at) from ${migrations})`);
    store = await store.reopen({ secretKey: store.secretKey });

    expect(await store.push.subscriptions('bc-main')).toEqual([
      { key: 'customerPaymentJournals', entity: 'customerPayments', externalId: 'sub-p', expiresAt: new Date('2026-12-09T06:03:00Z'), lastRenewedAt: null, lastError: null, state: old('customerPaymentJournals', 'sub-p') },
      { key: 'customers', entity: 'customers', externalId: 'sub-c', expiresAt: new Date('2026-12-09T06:03:00Z'), lastRenewedAt: null, lastError: null, state: old('customers', 'sub-c') },
    ]);
    expect(await store.cursors.get('bc-subscription:bc-main:customers')).toBeNull();
    expect(await store.cursors.get('bc-subscription:bc-main:items')).toBeNull();
    expect(await store.cursors.get('bc-customers-to-sf-accounts')).toEqual({ since: '2026-01-01T00:00:00Z', idsAtSince: [] });
  });
});
