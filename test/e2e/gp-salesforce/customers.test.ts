import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY, FLOW_ID, startHarness, succeeded, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

function byNumber(h: Harness): Map<string, Record<string, unknown>> {
  return new Map(h.accounts().map((a) => [a.GP_Customer_Number__c as string, a]));
}

describe('GP customers → Salesforce Accounts, end to end against the emulators', () => {
  it('first sync creates every Account; a second run writes nothing; one changed customer updates exactly one Account', async () => {
    h = await startHarness({ gp: { syntheticCustomers: 300 } });
    const gpCount = h.gp.company().table('RM00101').size;
    const first = succeeded(await h.run());
    expect(first.status).toBe('succeeded');
    expect(first.stats.created).toBe(gpCount);
    const accounts = byNumber(h);
    expect(accounts.size).toBe(gpCount);
    const aaron = accounts.get('AARONFIT0001')!;
    expect(aaron.Name).toBe('Aaron Fitz Electrical');
    expect(String(aaron.Name)).not.toMatch(/\s$/); // GP pads char(N); the connector trims
    expect(h.sf.counters.get('composite.upsert')).toBe(Math.ceil(gpCount / 200));

    const callsBefore = h.sf.counters.get('composite.upsert');
    const second = succeeded(await h.run());
    expect(second.stats).toMatchObject({ created: 0, updated: 0, parked: 0 });
    expect(h.sf.counters.get('composite.upsert')).toBe(callsBefore);

    h.gp.editCustomer('AARONFIT0001', { Name: 'Aaron Fitz Electrical Ltd' });
    const third = succeeded(await h.run());
    expect(third.stats).toMatchObject({ created: 0, updated: 1, parked: 0 });
    expect(h.sf.counters.get('composite.upsert')).toBe(callsBefore + 1);
    expect(byNumber(h).get('AARONFIT0001')!.Name).toBe('Aaron Fitz Electrical Ltd');
    expect(h.accounts()).toHaveLength(gpCount);

    const audit = await h.store.audit.query({ flowId: FLOW_ID, recordId: 'AARONFIT0001' });
    expect(audit.map((e) => e.outcome)).toEqual(['updated', 'created']);
  });

  it('does not miss a customer changed on a ModifiedDate boundary (same local day, lower id than the cursor)', async () => {
    h = await startHarness();
    succeeded(await h.run());
    const cursor = (await h.store.cursors.get(FLOW_ID)) as { watermark: string; afterId: string };
    expect(cursor.afterId > 'AARONFIT0001').toBe(true);
    // Later the same GP day a user edits a customer whose id sorts before the cursor's last id: ModifiedDate
    // equals the watermark (date-only), so a strict (date, id) keyset would skip it.
    h.gp.setClock({ advanceMs: 60_000 });
    h.gp.editCustomer('AARONFIT0001', { City: 'Toronto' });
    const run = succeeded(await h.run());
    expect(run.stats.updated).toBe(1);
    expect(byNumber(h).get('AARONFIT0001')!.BillingCity).toBe('Toronto');

    // Across local midnight: the GP server's local date and the UTC DEX_ROW_TS disagree; the overlap covers it.
    h.gp.setClock({ advanceMs: 24 * 3_600_000 });
    h.gp.editCustomer('CONTOSOL0001', { City: 'Aurora West' });
    expect(succeeded(await h.run()).stats.updated).toBe(1);
    expect(byNumber(h).get('CONTOSOL0001')!.BillingCity).toBe('Aurora West');
  });

  it('a wrong GP password is an auth failure: nothing written, cursor unchanged', async () => {
    h = await startHarness({ gpPassword: 'not-the-password' });
    const r = succeeded(await h.run());
    expect(r.status).toBe('failed');
    expect(r.error?.category).toBe('auth');
    expect(r.error?.message).not.toContain('not-the-password');
    expect(h.sf.counters.get('composite.upsert')).toBe(0);
    expect(h.accounts()).toHaveLength(0);
    expect(await h.store.cursors.get(FLOW_ID)).toBeNull();
    const [failed] = await h.store.audit.query({ flowId: FLOW_ID, outcome: 'run_failed' });
    expect(failed?.errorCategory).toBe('auth');
  });

  it('re-authenticates once when the Salesforce session expires mid-run, with no duplicates', async () => {
    h = await startHarness({ gp: { syntheticCustomers: 500 } });
    const gpCount = h.gp.company().table('RM00101').size;
    let expired = false;
    h.sf.records.onChange(() => {
      if (!expired) {
        expired = true;
        h!.sf.sessions.expireAll(); // after the first batch lands
      }
    });
    const tokensBefore = h.sf.sessions.issuedCount();
    const r = succeeded(await h.run());
    expect(r.status).toBe('succeeded');
    expect(h.sf.sessions.issuedCount() - tokensBefore).toBe(2); // the first sign-in, then exactly one re-auth
    const numbers = h.accounts().map((a) => a.GP_Customer_Number__c);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toHaveLength(gpCount);
  });

  it('honours 429 + Retry-After from Salesforce and 503 + Retry-After from GP', async () => {
    h = await startHarness();
    h.sf.faults.failNext({ status: 429, retryAfterSeconds: 3, endpoint: 'composite.upsert' });
    h.gp.injectFault({ kind: 'status', status: 503, retryAfterSeconds: 2, pathIncludes: 'Customers' });
    const r = succeeded(await h.run());
    expect(r.status).toBe('succeeded');
    expect(h.sleeps.some((ms) => ms >= 2_000)).toBe(true);
    expect(h.sleeps.some((ms) => ms >= 3_000)).toBe(true);
    expect(h.accounts().length).toBe(h.gp.company().table('RM00101').size);
  });

  it('parks only the record Salesforce rejects, and replay succeeds once the cause is fixed', async () => {
    h = await startHarness();
    const removeRule = h.sf.rules.add({
      name: 'no-contoso',
      sobject: 'Account',
      when: (rec) => String(rec.Name ?? '').startsWith('Contoso'),
      message: 'Accounts named Contoso need a region first',
    });
    const r = succeeded(await h.run());
    const total = h.gp.company().table('RM00101').size;
    expect(r.stats).toMatchObject({ created: total - 1, parked: 1 });
    const parked = await h.store.parked.list({ flowId: FLOW_ID, status: 'parked' });
    expect(parked).toEqual([expect.objectContaining({ sourceId: 'CONTOSOL0001', category: 'validation' })]);
    expect(parked[0]!.reason).toContain('FIELD_CUSTOM_VALIDATION_EXCEPTION');

    // A poll of the same version does not retry it...
    expect(succeeded(await h.run()).stats.parked).toBe(0);
    expect(await h.store.parked.count({ flowId: FLOW_ID })).toBe(1);

    // ...replay does, once the admin has fixed the cause.
    removeRule();
    const res = await h.service.app.request('/api/errors/replay', {
      method: 'POST',
      headers: { 'X-API-Key': API_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ flowId: FLOW_ID }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ replayed: 1, results: [{ sourceId: 'CONTOSOL0001', outcome: 'created' }] });
    expect(await h.store.parked.count({ flowId: FLOW_ID })).toBe(0);
    expect(h.accounts()).toHaveLength(total);
  });
});
