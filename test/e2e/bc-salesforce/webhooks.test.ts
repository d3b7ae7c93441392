/**
 * The BC webhook route and subscription upkeep on the real service: handshake, forged notifications, redelivery,
 * renewal before the silent 3-day expiry, recreation after BC deleted a subscription, lost notifications caught
 * up by the lastModifiedDateTime poll, and the upkeep schedule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BC_CUSTOMERS_TO_SF_ACCOUNTS, SF_ACCOUNTS_TO_BC_CUSTOMERS } from '../../../service/src/flows/bc-salesforce/flow-ids.ts';
import { createPushService } from '../../../service/src/engine/push.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import { CLIENT_STATE, startBcHarness, waitFor, type BcHarness } from './harness.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('BC webhooks on the service', () => {
  let h: BcHarness;
  // The BC emulator's clock starts 2.5 days behind: subscriptions made now expire in half a day of real time.
  const clock = { offsetMs: -2.5 * DAY_MS };
  let customer: { id: string; number: string };
  let account: Record<string, unknown>;

  beforeAll(async () => {
    h = await startBcHarness({ bcNow: () => Date.now() + clock.offsetMs });
    account = h.sf.records.create('Account', { Name: 'Fabrikam Webhooks', BC_Customer_Number__c: 'W-1' });
    await h.runUntil(SF_ACCOUNTS_TO_BC_CUSTOMERS, () => h.bc.admin.listRecords('customers').length === 1);
    customer = h.bc.admin.listRecords('customers')[0] as { id: string; number: string };
  });
  afterAll(async () => {
    await h?.stop();
  });

  const post = (body: unknown, url = h.webhookUrl) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const item = (over: Record<string, unknown> = {}) => ({
    subscriptionId: 'sub-1',
    clientState: CLIENT_STATE,
    expirationDateTime: new Date(Date.now() + DAY_MS).toISOString(),
    resource: `api/v2.0/companies(${h.bc.companyId})/customers(${customer.id})`,
    changeType: 'updated',
    lastModifiedDateTime: '2026-03-01T10:00:00Z',
    ...over,
  });

  it('answers the validation handshake with the token as plain text, without the API key', async () => {
    const res = await fetch(`${h.webhookUrl}?validationToken=${encodeURIComponent('tok en/42')}`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('tok en/42');
    // The subscriptions BC made through that same handshake, one per watched entity set.
    const { catchUp } = (await h.service.push.upkeep('bc')) ?? { catchUp: [] };
    expect(catchUp.sort()).toEqual(['customerPayments', 'customers', 'items', 'salesInvoices', 'salesOrders']);
    expect(h.bc.admin.subscriptions.list().every((s) => s.notificationUrl === h.webhookUrl)).toBe(true);
    expect(await h.workJobs()).toBeGreaterThan(0);
    expect(h.sf.records.get('Account', String(account.Id))).toMatchObject({ BC_Customer_Id__c: customer.id });
  });

  it('rejects a forged clientState with a 4xx and queues nothing, even next to a genuine item', async () => {
    const res = await post({ value: [item(), item({ clientState: 'forged-state-0123456789abcdef' })] });
    expect(res.status).toBe(401);
    expect(await h.workJobs()).toBe(0);
    const unknown = await post({ value: [item()] }, h.webhookUrl.replace(/\/bc$/, '/nope'));
    expect(unknown.status).toBe(404);
  });

  it('queues one sync per changed record and version, however often BC delivers it', async () => {
    h.bc.admin.updateRecord('customers', customer.id, { creditLimit: 5000 });
    const stamp = String(h.bc.admin.getRecord('customers', customer.id)?.lastModifiedDateTime);
    expect((await post({ value: [item({ lastModifiedDateTime: stamp })] })).status).toBe(202);
    expect((await post({ value: [item({ lastModifiedDateTime: stamp })] })).status).toBe(202);
    expect(await h.workJobs()).toBe(1);
    expect(h.sf.records.get('Account', String(account.Id))).toMatchObject({ ERP_Credit_Limit__c: 5000 });
  });

  it('answers 503 (BC retries, the subscription stays) when the job queue is unavailable', async () => {
    // The job queue is down: the transaction that records receipts and jobs fails.
    const broken = createPushService({
      connections: h.service.connections,
      engine: h.service.engine,
      store: { ...h.store, transaction: () => Promise.reject(new Error('queue down')) },
      logger: silentLogger(),
    });
    const res = await broken.receive('bc', { method: 'POST', query: {}, headers: {}, body: JSON.stringify({ value: [item({ lastModifiedDateTime: '2026-03-01T11:00:00Z' })] }) });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('renews subscriptions before they expire, and recreates one BC deleted (then polls the gap)', async () => {
    const before = new Map(h.bc.admin.subscriptions.list().map((s) => [s.subscriptionId, Date.parse(s.expirationDateTime)]));
    clock.offsetMs = 0; // 2.5 days later: half a day left
    const renewed = await h.service.push.upkeep('bc');
    expect(renewed?.health.map((x) => x.action)).toEqual(['renewed', 'renewed', 'renewed', 'renewed', 'renewed']);
    for (const s of h.bc.admin.subscriptions.list()) expect(Date.parse(s.expirationDateTime) - (before.get(s.subscriptionId) ?? 0)).toBeGreaterThan(2 * DAY_MS);

    const victim = h.bc.admin.subscriptions.list().find((s) => s.resource.endsWith('/customers'));
    expect(h.bc.admin.subscriptions.remove(String(victim?.subscriptionId))).toBe(true);
    h.bc.admin.updateRecord('customers', customer.id, { creditLimit: 7000 }); // nobody is subscribed: never notified
    await h.bc.admin.notifications.flush();
    const recreated = await h.service.push.upkeep('bc');
    expect(recreated?.health.find((x) => x.entity === 'customers')?.action).toBe('recreated');
    expect(recreated?.catchUp).toEqual(['customers']);
    await h.workJobs();
    expect(h.sf.records.get('Account', String(account.Id))).toMatchObject({ ERP_Credit_Limit__c: 7000 });
  });

  it('catches up lost notifications with the lastModifiedDateTime poll', async () => {
    h.bc.admin.notifications.dropNext(1);
    h.bc.admin.updateRecord('customers', customer.id, { blocked: 'Invoice' });
    await h.deliverAndWork();
    expect(h.bc.admin.notifications.stats().dropped).toBe(1);
    expect(h.sf.records.get('Account', String(account.Id))).toMatchObject({ ERP_On_Hold__c: false });
    const run = await h.run(BC_CUSTOMERS_TO_SF_ACCOUNTS);
    expect(run).toMatchObject({ status: 'succeeded' });
    expect(h.sf.records.get('Account', String(account.Id))).toMatchObject({ ERP_On_Hold__c: true });
  });

  it('keeps subscriptions up on the engine schedule once started, and stores their state', async () => {
    const victim = h.bc.admin.subscriptions.list().find((s) => s.resource.endsWith('/items'));
    h.bc.admin.subscriptions.remove(String(victim?.subscriptionId));
    // The engine's first upkeep tick queues this hour's upkeep job; its worker runs it (and the flows' schedules).
    h.service.engine.start();
    // Done once the upkeep recorded what it did: the stored items subscription is one BC holds.
    const itemsInBc = async () => {
      const row = (await h.service.push.subscriptions('bc')).find((r) => r.key === 'items');
      return h.bc.admin.subscriptions.list().some((s) => s.resource.endsWith('/items') && s.subscriptionId === row?.externalId);
    };
    await waitFor(itemsInBc, 30_000);
    expect(h.bc.admin.subscriptions.list()).toHaveLength(5);
    const stored = await h.service.push.subscriptions('bc');
    expect(stored.map((r) => r.key).sort()).toEqual(['customerPaymentJournals', 'customers', 'items', 'salesInvoices', 'salesOrders']);
    const items = stored.find((r) => r.key === 'items');
    expect(items).toMatchObject({ entity: 'items', externalId: expect.any(String), lastError: null, lastRenewedAt: expect.any(Date) });
    expect(h.bc.admin.subscriptions.list().map((s) => s.subscriptionId)).toContain(items?.externalId);
  });
});
