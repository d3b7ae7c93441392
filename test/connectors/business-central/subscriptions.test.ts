/**
 * Webhook subscriptions end to end: the manager against the emulator, the emulator posting to a local receiver
 * that runs the connector's push face. The emulator's notification delay is long, so deliveries happen
 * only when a test flushes them (deterministic, no real waits).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BcClient } from '../../../service/src/connectors/business-central/client.ts';
import { createBcFeed } from '../../../service/src/connectors/business-central/feeds/last-modified-feed.ts';
import { createSubscriptionManager, type SubscriptionManager, type SubscriptionStore } from '../../../service/src/connectors/business-central/subscriptions.ts';
import type { PushFace, PushReceipt } from '../../../service/src/engine/connector.ts';
import { answerValidation, createBcPushFace } from '../../../service/src/connectors/business-central/webhook.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import type { BcSandbox } from '../../../service/sandbox/business-central/index.ts';
import { bcClient, startBc, startReceiver, type Receiver } from './helpers.ts';

const CLIENT_STATE = 'bc-webhook-shared-secret-0123456789';
const DAY_MS = 86_400_000;

function memoryStore(): SubscriptionStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: async (k) => data.get(k) ?? null, set: async (k, v) => void data.set(k, structuredClone(v)) };
}

describe('business central webhook subscriptions', () => {
  let sandbox: BcSandbox;
  let receiver: Receiver;
  let client: BcClient;
  let manager: SubscriptionManager;
  let face: PushFace;
  const store = memoryStore();
  /** What each verified notification asked for: records to fetch, entities to poll. */
  const batches: Array<Pick<PushReceipt, 'changes' | 'catchUp'>> = [];
  /** Status the receiver answers notifications with, once each, before falling back to the handler. */
  const scripted: number[] = [];

  const validations = () => receiver.requests.filter((r) => r.url.includes('validationToken=')).length;
  const notificationPosts = () => receiver.requests.filter((r) => !r.url.includes('validationToken='));

  beforeAll(async () => {
    sandbox = await startBc({ seed: 'demo', notificationDelayMs: 600_000, collectionThreshold: 5, handshakeTimeoutMs: 300, notificationRetryDelaysMs: [600_000] });
    receiver = await startReceiver(async ({ method, query, body }) => {
      const status = query.validationToken === undefined ? scripted.shift() : undefined;
      if (status !== undefined) return { status, headers: {}, body: '' };
      const { response, changes, catchUp } = await face.receive({ method, query, headers: {}, body });
      if (query.validationToken === undefined && response.status === 202) batches.push({ changes, catchUp });
      return response;
    });
    client = bcClient(sandbox, { notificationUrl: receiver.url, clientState: CLIENT_STATE });
    face = createBcPushFace({ client, notificationUrl: receiver.url, clientState: CLIENT_STATE, companyId: sandbox.companyId, entities: [], logger: silentLogger() });
    manager = createSubscriptionManager(
      client,
      store,
      { notificationUrl: receiver.url, clientState: CLIENT_STATE, companyId: sandbox.companyId, entities: ['customers', 'items', 'salesOrders', 'salesInvoices', 'customerPayments'] },
      { logger: silentLogger(), now: () => sandbox.admin.now() },
    );
  });
  afterAll(async () => {
    await receiver.close();
    await sandbox.stop();
  });

  it('creates one subscription per entity after a validation handshake, and asks for a catch-up poll', async () => {
    const result = await manager.ensure();
    expect(result.health.map((h) => [h.entity, h.action, h.ok])).toEqual([
      ['customers', 'created', true],
      ['items', 'created', true],
      ['salesOrders', 'created', true],
      ['salesInvoices', 'created', true],
      ['customerPayments', 'created', true],
    ]);
    expect(result.catchUp).toHaveLength(5);
    expect(validations()).toBe(5);
    expect(sandbox.admin.subscriptions.list().map((s) => s.resource.split('/').at(-1)).sort()).toEqual(['customerPaymentJournals', 'customers', 'items', 'salesInvoices', 'salesOrders']);
    expect(store.data.size).toBe(5);
    expect((await manager.ensure()).health.every((h) => h.action === 'unchanged')).toBe(true);
  });

  it('gets no subscription when the handshake fails (wrong echo, error status, too slow)', async () => {
    const count = sandbox.admin.subscriptions.list().length;
    const bad = await startReceiver(async ({ query }) => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: `not-${query.validationToken ?? ''}` }));
    const refusing = await startReceiver(async () => ({ status: 404, headers: { 'content-type': 'text/plain' }, body: 'no such route' }));
    const slow = await startReceiver(async ({ query }) => {
      await new Promise((r) => setTimeout(r, 600));
      return { status: 200, headers: { 'content-type': 'text/plain' }, body: query.validationToken ?? '' };
    });
    try {
      for (const url of [bad.url, refusing.url, slow.url]) {
        const m = createSubscriptionManager(
          bcClient(sandbox),
          memoryStore(),
          { notificationUrl: url, clientState: CLIENT_STATE, companyId: sandbox.companyId, entities: ['items'] },
          { logger: silentLogger() },
        );
        const [h] = (await m.ensure()).health;
        expect(h).toMatchObject({ ok: false, action: 'failed' });
        expect(h?.message).toContain('could not be validated');
      }
      expect(sandbox.admin.subscriptions.list()).toHaveLength(count);
    } finally {
      await bad.close();
      await refusing.close();
      await slow.close();
    }
  });

  it('turns notifications into records to fetch', async () => {
    const customer = sandbox.admin.listRecords('customers')[0] as { id: string };
    sandbox.admin.updateRecord('customers', customer.id, { city: 'Savannah' });
    batches.length = 0;
    await sandbox.admin.notifications.flush();
    expect(batches).toHaveLength(1);
    expect(batches[0]?.changes).toEqual([expect.objectContaining({ entity: 'customers', id: customer.id, op: 'upsert', version: expect.stringMatching(/^\d{4}-/) })]);
    expect(sandbox.admin.notifications.stats().delivered).toBeGreaterThan(0);
  });

  it('rejects a forged clientState and enqueues nothing, even next to a genuine item', async () => {
    const good = { subscriptionId: 'x', clientState: CLIENT_STATE, expirationDateTime: '2030-01-01T00:00:00Z', resource: `api/v2.0/companies(${sandbox.companyId})/items(26814998-936a-401c-81c1-0e848a64971d)`, changeType: 'updated', lastModifiedDateTime: '2025-01-01T00:00:00Z' };
    batches.length = 0;
    const forged = await fetch(receiver.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: [{ ...good, clientState: 'guess' }] }) });
    expect(forged.status).toBe(401);
    const mixed = await fetch(receiver.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: [good, { ...good, clientState: `${CLIENT_STATE}x` }] }) });
    expect(mixed.status).toBe(401);
    expect(batches).toHaveLength(0);
    const genuine = await fetch(receiver.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: [good] }) });
    expect(genuine.status).toBe(202);
    expect(batches).toHaveLength(1);
  });

  it('renews subscriptions well before the 3-day expiry, repeating the handshake', async () => {
    sandbox.admin.advanceClock(1 * DAY_MS);
    expect((await manager.ensure()).health.every((h) => h.action === 'unchanged')).toBe(true);
    const before = validations();
    sandbox.admin.advanceClock(1.5 * DAY_MS);
    const { health, catchUp } = await manager.ensure();
    expect(health.every((h) => h.action === 'renewed' && h.ok)).toBe(true);
    expect(catchUp).toEqual([]);
    expect(validations() - before).toBe(5);
    for (const h of health) expect(Date.parse(String(h.expirationDateTime)) - sandbox.admin.now()).toBeGreaterThan(2.9 * DAY_MS);
  });

  it('recreates a subscription BC deleted after the receiver answered 404, and polls to catch up', async () => {
    const item = sandbox.admin.listRecords('items')[0] as { id: string };
    sandbox.admin.updateRecord('items', item.id, { displayName: 'Renamed desk' });
    scripted.push(404);
    await sandbox.admin.notifications.flush();
    expect(sandbox.admin.notifications.stats().subscriptionsDeleted).toBe(1);
    expect(sandbox.admin.subscriptions.list().some((s) => s.resource.endsWith('/items'))).toBe(false);

    const { health, catchUp } = await manager.ensure();
    expect(health.find((h) => h.entity === 'items')).toMatchObject({ action: 'recreated', ok: true });
    expect(health.filter((h) => h.action === 'unchanged')).toHaveLength(4);
    expect(catchUp).toEqual(['items']);
  });

  it('keeps a subscription whose receiver answered 503, and redelivers', async () => {
    const item = sandbox.admin.listRecords('items')[0] as { id: string };
    sandbox.admin.updateRecord('items', item.id, { displayName: 'Renamed again' });
    scripted.push(503);
    batches.length = 0;
    await sandbox.admin.notifications.flush();
    expect(batches).toHaveLength(0);
    await sandbox.admin.notifications.flush(); // the scheduled retry, now
    expect(batches).toHaveLength(1);
    expect(sandbox.admin.subscriptions.list().some((s) => s.resource.endsWith('/items'))).toBe(true);
  });

  it('turns a collection notification (more than the threshold of changes) into a catch-up poll', async () => {
    for (let i = 0; i < 6; i++) sandbox.admin.createRecord('items', { number: `BULK-${i}`, displayName: `bulk ${i}` });
    batches.length = 0;
    await sandbox.admin.notifications.flush();
    const posted = JSON.parse(notificationPosts().at(-1)?.body ?? '{}') as { value: Array<{ changeType: string; resource: string }> };
    expect(posted.value).toHaveLength(1);
    expect(posted.value[0]?.changeType).toBe('collection');
    expect(batches[0]).toEqual({ changes: [], catchUp: ['items'] });
    const feed = createBcFeed(client, 'items', { overlapMs: 0 });
    const page = await feed.read(null, { pageSize: 100 });
    expect(page.changes.filter((c) => String(c.data.number).startsWith('BULK-'))).toHaveLength(6);
  });

  it('loses nothing when notifications are lost: the lastModifiedDateTime poll catches up', async () => {
    const feed = createBcFeed(client, 'customers', { overlapMs: 0 });
    let cursor = null as Awaited<ReturnType<typeof feed.read>>['cursor'] | null;
    for (let more = true; more; ) {
      const page = await feed.read(cursor, { pageSize: 100 });
      cursor = page.cursor;
      more = page.hasMore;
    }
    const customer = sandbox.admin.listRecords('customers')[1] as { id: string };
    sandbox.admin.advanceClock(1_000);
    sandbox.admin.updateRecord('customers', customer.id, { city: 'Missed City' });
    sandbox.admin.notifications.dropNext(1);
    batches.length = 0;
    await sandbox.admin.notifications.flush();
    expect(batches).toHaveLength(0);
    expect(sandbox.admin.notifications.stats().dropped).toBe(1);
    const caught = await feed.read(cursor, { pageSize: 100 });
    expect(caught.changes.map((c) => [c.id, c.data.city])).toEqual([[customer.id, 'Missed City']]);
  });

  it('hears nothing from an expired subscription, and recreates all of them afterwards', async () => {
    sandbox.admin.advanceClock(3 * DAY_MS + 1_000);
    const customer = sandbox.admin.listRecords('customers')[0] as { id: string };
    sandbox.admin.updateRecord('customers', customer.id, { city: 'Silent' });
    batches.length = 0;
    await sandbox.admin.notifications.flush();
    expect(batches).toHaveLength(0);
    const { health, catchUp } = await manager.ensure();
    expect(health.every((h) => h.action === 'recreated' && h.ok)).toBe(true);
    expect(catchUp).toHaveLength(5);
  });

  it('answers the validation handshake as plain text, exactly the token', async () => {
    const res = answerValidation({ validationToken: 'abc123' });
    expect(res).toEqual({ status: 200, headers: expect.objectContaining({ 'content-type': 'text/plain; charset=utf-8' }), body: 'abc123' });
    expect(answerValidation({})).toBeUndefined();
    expect((await face.receive({ method: 'POST', query: { validationToken: 'abc123' }, headers: {}, body: undefined })).response.body).toBe('abc123');
  });
});
