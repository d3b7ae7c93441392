/**
 * Writes into Business Central from the Salesforce flows under BC's failure modes: a create whose response was
 * lost (no second customer), a record a BC user edits between our read and our PATCH (stale etag), a 429 with
 * Retry-After; and a BC connection without a notificationUrl (no webhooks: polling only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BC_CUSTOMERS_TO_SF_ACCOUNTS, SF_ACCOUNTS_TO_BC_CUSTOMERS } from '../../../service/src/flows/bc-salesforce/flow-ids.ts';
import { startBcHarness, waitFor, type BcHarness } from './harness.ts';

describe('writes into Business Central', () => {
  let h: BcHarness;
  beforeAll(async () => {
    h = await startBcHarness({ webhooks: false });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const customers = (number: string) => h.bc.admin.listRecords('customers').filter((c) => c.number === number);
  const audit = (sourceId: unknown) => h.store.audit.query({ flowId: SF_ACCOUNTS_TO_BC_CUSTOMERS, recordId: String(sourceId) });

  it('never makes a second customer when a create is retried after its response was lost', async () => {
    h.bc.admin.faults.loseResponseNext({ match: 'POST $batch' });
    const account = h.sf.records.create('Account', { Name: 'Lost Response Ltd', BC_Customer_Number__c: 'd-1' });
    await h.runUntil(SF_ACCOUNTS_TO_BC_CUSTOMERS, () => customers('D-1').length > 0);
    expect(customers('D-1')).toHaveLength(1);
    expect(customers('D-1')[0]).toMatchObject({ displayName: 'Lost Response Ltd' });
    // The retried write found the customer its first attempt made: linked, and no create twice.
    const link = (await h.store.links.get(SF_ACCOUNTS_TO_BC_CUSTOMERS, [String(account.Id)])).get(String(account.Id));
    expect(link).toMatchObject({ targetId: customers('D-1')[0]?.id, targetKey: 'D-1' });
    expect((await audit(account.Id)).filter((e) => e.outcome === 'created' || e.outcome === 'updated')).toHaveLength(1);
    // The same Account again, as a replayed change: still one customer.
    await h.service.engine.syncRecords(SF_ACCOUNTS_TO_BC_CUSTOMERS, [String(account.Id)], 'test');
    expect(customers('D-1')).toHaveLength(1);
  });

  it('resolves a stale etag: a BC user edits the customer between our read and our PATCH', async () => {
    const account = h.sf.records.create('Account', { Name: 'Etag Works', BC_Customer_Number__c: 'd-2' });
    await h.runUntil(SF_ACCOUNTS_TO_BC_CUSTOMERS, () => customers('D-2').length === 1);
    const id = String(customers('D-2')[0]?.id);

    h.bc.admin.faults.setLatency(400, 'POST $batch');
    const batches = () => h.bc.admin.counters().byLabel['POST $batch'] ?? 0;
    const seen = batches();
    const patches = () => h.bc.admin.counters().byLabel['PATCH companies()/customers()'] ?? 0;
    const patchesBefore = patches();
    h.sf.records.update('Account', String(account.Id), { Name: 'Etag Works Inc.' });
    const running = h.runUntil(SF_ACCOUNTS_TO_BC_CUSTOMERS, () => customers('D-2')[0]?.displayName === 'Etag Works Inc.');
    // Our PATCH (If-Match: the etag we read) is in flight: a BC user saves the card first.
    await waitFor(() => batches() > seen);
    h.bc.admin.updateRecord('customers', id, { creditLimit: 2500 });
    await running;
    h.bc.admin.faults.clear();
    expect(customers('D-2')).toHaveLength(1);
    expect(customers('D-2')[0]).toMatchObject({ displayName: 'Etag Works Inc.', creditLimit: 2500 });
    // The $batch PATCH met 409 Request_EntityChanged; the writer re-read the customer and patched it on its own.
    expect(patches() - patchesBefore).toBe(1);
    expect((await audit(account.Id)).some((e) => e.outcome === 'updated')).toBe(true);
  });

  it('honours a 429 and its Retry-After, then writes', async () => {
    h.sleeps.length = 0;
    h.bc.admin.faults.failNext({ status: 429, retryAfterSeconds: 1, match: 'GET companies()/customers' });
    const started = Date.now();
    h.sf.records.create('Account', { Name: 'Throttled Co', BC_Customer_Number__c: 'd-3' });
    await h.runUntil(SF_ACCOUNTS_TO_BC_CUSTOMERS, () => customers('D-3').length === 1);
    expect(h.sleeps.some((ms) => ms >= 1_000)).toBe(true);
    // The client held every BC request until Retry-After had passed (not only the engine's shortened sleep).
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(h.bc.admin.counters().byLabel['GET companies()/customers']).toBeGreaterThanOrEqual(2);
  });

  it('without a notificationUrl: no subscriptions, the webhook route answers 404, and the poll finds changes', async () => {
    expect(await h.service.push.upkeep('bc')).toBeUndefined();
    expect(h.bc.admin.subscriptions.list()).toHaveLength(0);
    const res = await fetch(h.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"value":[]}' });
    expect(res.status).toBe(404);
    const account = h.sf.records.findByField('Account', 'BC_Customer_Number__c', 'd-3')[0] as Record<string, unknown>;
    const id = String(customers('D-3')[0]?.id);
    h.bc.admin.updateRecord('customers', id, { creditLimit: 900 });
    expect(await h.run(BC_CUSTOMERS_TO_SF_ACCOUNTS)).toMatchObject({ status: 'succeeded' });
    expect(h.sf.records.get('Account', String(account.Id))).toMatchObject({ ERP_Credit_Limit__c: 900, BC_Customer_Id__c: id });
  });
});
