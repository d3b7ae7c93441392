/**
 * The sandbox around the API: fault injection (status + Retry-After, dropped connections, a response lost after
 * the write committed, latency), call and credit counters, the demo org, and the HTTP admin surface a person
 * uses from a console (`/_sandbox/...`), which names the bad field when given bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZohoCrmSandbox } from '../../../service/sandbox/zoho-crm/index.ts';
import { connect, refreshAt, refreshParams, startZoho, type ApiClient, type Body } from './helpers.ts';
import { expectZohoError } from './oas.ts';

describe('zoho crm emulator: faults, counters, demo data and the HTTP admin', () => {
  let zoho: ZohoCrmSandbox;
  let api: ApiClient;

  beforeAll(async () => {
    zoho = await startZoho({ seed: 'demo' });
    api = await connect(zoho);
  });
  afterAll(async () => {
    expect(zoho.admin.internalErrors()).toEqual([]);
    await zoho.stop();
  });

  it('seeds a demo org in com with accounts, contacts, vendors, products, deals and a sales order', async () => {
    expect(zoho.admin.orgInfo().dc).toBe('com');
    const count = async (module: string) => Number((await api.call('GET', `${module}/actions/count`)).body.count);
    expect(await count('Accounts')).toBeGreaterThanOrEqual(3);
    expect(await count('Contacts')).toBeGreaterThanOrEqual(2);
    expect(await count('Vendors')).toBeGreaterThanOrEqual(2);
    expect(await count('Products')).toBeGreaterThanOrEqual(3);
    expect(await count('Deals')).toBeGreaterThanOrEqual(2);
    const orders = await api.call('GET', 'Sales_Orders?fields=Subject,Account_Name,Deal_Name,Ordered_Items,Grand_Total,Status');
    const order = (orders.body.data as Body[])[0] as Body;
    expect(order).toMatchObject({ Account_Name: { name: 'Contoso Pharmaceuticals' }, Deal_Name: { name: 'Contoso line retrofit' }, Status: 'Created' });
    expect((order.Ordered_Items as Body[]).length).toBe(2);
  });

  it('fails the next matching call with a status and Retry-After, leaving data alone', async () => {
    zoho.admin.faults.failNext({ status: 503, retryAfterSeconds: 7, match: 'GET /Accounts' });
    const failed = await api.call('GET', 'Accounts?fields=Account_Name');
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('7');
    expectZohoError(failed.body, 'INTERNAL_ERROR');
    expect((await api.call('GET', 'Accounts?fields=Account_Name')).status).toBe(200);
    zoho.admin.faults.failNext({ status: 429, match: 'GET /Accounts' });
    expectZohoError((await api.call('GET', 'Accounts?fields=Account_Name')).body, 'TOO_MANY_REQUESTS');
  });

  it('drops a connection, and loses a response after the write committed', async () => {
    zoho.admin.faults.dropNext({ match: 'GET /Vendors' });
    await expect(api.call('GET', 'Vendors?fields=Vendor_Name')).rejects.toThrow();
    const upsert = { data: [{ Account_Name: 'Lost Response Ltd', Phone: '555 0199' }], duplicate_check_fields: ['Account_Name'] };
    zoho.admin.faults.loseResponseNext({ match: 'POST /Accounts/upsert' });
    await expect(api.call('POST', 'Accounts/upsert', { body: upsert })).rejects.toThrow();
    expect(zoho.admin.listRecords('Accounts').filter((r) => r.Account_Name === 'Lost Response Ltd')).toHaveLength(1);
    // The client's retry of the upsert updates the committed record instead of duplicating it.
    const retry = await api.call('POST', 'Accounts/upsert', { body: upsert });
    expect((retry.body.data as Body[])[0]).toMatchObject({ action: 'update' });
    expect(zoho.admin.listRecords('Accounts').filter((r) => r.Account_Name === 'Lost Response Ltd')).toHaveLength(1);
  });

  it('injects faults and latency at the accounts server too', async () => {
    zoho.admin.faults.failNext({ status: 500, match: 'POST /oauth/v2/token@com' });
    expect((await refreshAt(zoho.urls().accountsUrl, refreshParams(zoho))).status).toBe(500);
    expect((await refreshAt(zoho.urls().accountsUrl, refreshParams(zoho))).status).toBe(200);
    zoho.admin.faults.setLatency(150, 'GET /Products');
    const started = Date.now();
    await api.call('GET', 'Products?fields=Product_Name');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    zoho.admin.faults.clear();
  });

  it('counts calls and credits per endpoint and refreshes per DC', async () => {
    zoho.admin.resetCounters();
    await api.call('GET', 'Deals?fields=Deal_Name');
    await api.call('GET', `Deals/${String(zoho.admin.listRecords('Deals')[0]?.id)}`);
    await refreshAt(zoho.urls().accountsUrl, refreshParams(zoho));
    const counters = zoho.admin.counters();
    expect(counters.calls.byLabel).toEqual({ 'GET /Deals': 1, 'GET /Deals/{id}': 1, 'POST /oauth/v2/token@com': 1 });
    expect(counters.credits.byLabel).toEqual({ 'GET /Deals': 1, 'GET /Deals/{id}': 1 });
    // connect + the two refreshes of the fault test (the faulted one never reached the token logic) + this one.
    expect(zoho.admin.oauth.stats().tokenRequests.com).toBe(3);
  });

  it('plays a CRM user over HTTP and names the bad field of bad input', async () => {
    const admin = `${zoho.apiUrl}/_sandbox`;
    const post = (path: string, body: unknown) => fetch(`${admin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const created = await post('/records/Vendors', { Vendor_Name: 'Console Vendor', City: 'Dayton' });
    expect(created.status).toBe(201);
    const vendor = (await created.json()) as Body;
    const patched = await fetch(`${admin}/records/Vendors/${String(vendor.id)}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ City: 'Columbus' }) });
    expect(((await patched.json()) as Body).City).toBe('Columbus');

    const badRecord = await post('/records/Vendors', { Vendor_Name: 'X', Email: 'not-an-email' });
    expect(badRecord.status).toBe(400);
    expect(((await badRecord.json()) as { error: Body }).error).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Email' } });
    const badClock = await post('/clock/advance', { ms: 'soon' });
    expect(badClock.status).toBe(400);
    expect(((await badClock.json()) as { error: Body }).error.message).toContain("'ms'");
    const badModule = await post('/records/Widgets', {});
    expect(((await badModule.json()) as { error: Body }).error.message).toContain('Widgets');

    expect((await post('/faults', { status: 502, match: 'GET /Leads' })).status).toBe(200);
    expect((await api.call('GET', 'Leads?fields=Last_Name')).status).toBe(502);
    const credits = (await (await post('/credits', { edition: 'standard', userLicenses: 4 })).json()) as Body;
    expect(credits).toMatchObject({ edition: 'standard', limit: 51_000 });
    const counters = (await (await fetch(`${admin}/counters`)).json()) as { calls: { byLabel: Record<string, number> }; oauth: { tokenRequests: Record<string, number> }; notifications: Body };
    expect(counters.calls.byLabel['GET /Leads']).toBe(1);
    expect(counters.oauth.tokenRequests.com).toBe(3);
    expect(counters.notifications).toMatchObject({ posts: 0, delivered: 0 });
  });
});
