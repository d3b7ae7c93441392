/**
 * Reading records (record.json + v8 OAS [V]; FACTS §5.1 #7, #8, #12): `fields` required, 204 with no body on an
 * empty list, page / per_page with info.more_records, page_token beyond 2,000 records (and bound to the request,
 * expiring), sort_by / sort_order, If-Modified-Since, single-record GET with lookups as {name, id} and
 * offset date-times.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZohoCrmSandbox } from '../../../service/sandbox/zoho-crm/index.ts';
import { connect, DAY_MS, startZoho, type ApiClient, type Body } from './helpers.ts';
import { expectValid, expectZohoError, oasValidator } from './oas.ts';

const ZOHO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

describe('zoho crm emulator: reading records', () => {
  let zoho: ZohoCrmSandbox;
  let api: ApiClient;
  const listShape = () => oasValidator('record.json#/components/schemas/Response_Wrapper');

  beforeAll(async () => {
    zoho = await startZoho({ creditCosts: {} });
    api = await connect(zoho);
  });
  afterAll(async () => {
    expect(zoho.admin.internalErrors()).toEqual([]);
    await zoho.stop();
  });

  it('requires fields on a list GET and answers 204 with no body when the module is empty', async () => {
    const missing = await api.call('GET', 'Vendors');
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ code: 'REQUIRED_PARAM_MISSING', details: { param_name: 'fields' }, message: 'required param is missing', status: 'error' });
    const empty = await api.call('GET', 'Vendors?fields=Vendor_Name');
    expect(empty.status).toBe(204);
    expect(empty.text).toBe('');
  });

  it('refuses more than 50 fields and unknown field names', async () => {
    const many = Array.from({ length: 51 }, () => 'Vendor_Name').join(',');
    const tooMany = await api.call('GET', `Vendors?fields=${many}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual({ code: 'LIMIT_EXCEEDED', details: { limit: 50, param_name: 'fields' }, message: 'limit exceeded', status: 'error' });
    const unknown = await api.call('GET', 'Vendors?fields=Vendor_Name,No_Such_Field');
    expect(unknown.status).toBe(400);
    expectZohoError(unknown.body, 'INVALID_DATA');
    expect(unknown.body.details).toEqual({ param_name: 'fields' });
  });

  it('returns id plus the requested fields, lookups as {name, id}, times with an offset', async () => {
    const account = zoho.admin.createRecord('Accounts', { Account_Name: 'Lookup Target Inc', Billing_City: 'Denver' });
    const contact = zoho.admin.createRecord('Contacts', { Last_Name: 'Okafor', First_Name: 'Ada', Account_Name: { id: account.id } });
    const res = await api.call('GET', 'Contacts?fields=Full_Name,Account_Name,Modified_Time');
    expect(res.status).toBe(200);
    expectValid(listShape(), res.body, 'GET Contacts');
    const row = (res.body.data as Body[]).find((r) => r.id === contact.id) as Body;
    expect(Object.keys(row).sort()).toEqual(['Account_Name', 'Full_Name', 'Modified_Time', 'id']);
    expect(row.Account_Name).toEqual({ name: 'Lookup Target Inc', id: account.id });
    expect(row.Full_Name).toBe('Ada Okafor');
    expect(String(row.Modified_Time)).toMatch(ZOHO_DATETIME);
    expect(String(row.id)).toMatch(/^\d{18,19}$/);

    const one = await api.call('GET', `Contacts/${String(contact.id)}`);
    expect(one.status).toBe(200);
    const full = (one.body.data as Body[])[0] as Body;
    expect(full).toMatchObject({ Last_Name: 'Okafor', Email: null, Account_Name: { name: 'Lookup Target Inc', id: account.id } });
    expect(full.Owner).toMatchObject({ name: expect.any(String), id: expect.stringMatching(/^\d{19}$/), email: expect.any(String) });
    expect((await api.call('GET', 'Contacts/5725767000999999999')).status).toBe(204);
  });

  it('pages with page / per_page and info.more_records', async () => {
    for (let i = 0; i < 450; i += 1) zoho.admin.createRecord('Products', { Product_Name: `Part ${String(i).padStart(4, '0')}` });
    const seen = new Set<string>();
    for (let page = 1; ; page += 1) {
      const res = await api.call('GET', `Products?fields=Product_Name&per_page=200&page=${page}`);
      expect(res.status).toBe(200);
      expectValid(listShape(), res.body, `GET Products page ${page}`);
      const info = res.body.info as Body;
      expect(info).toMatchObject({ per_page: 200, page, sort_by: 'id', sort_order: 'desc', count: (res.body.data as Body[]).length });
      for (const r of res.body.data as Body[]) seen.add(String(r.id));
      if (!info.more_records) {
        expect(info.next_page_token).toBeNull();
        expect(page).toBe(3);
        break;
      }
      expect(info.next_page_token).toBeTypeOf('string');
    }
    expect(seen.size).toBe(450);
  });

  it('refuses page × per_page beyond 2,000 without page_token', async () => {
    const res = await api.call('GET', 'Products?fields=Product_Name&per_page=200&page=11');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'DISCRETE_PAGINATION_LIMIT_EXCEEDED', details: { limit: 2000 }, message: 'You can only get the first 2000 records without using page_token param', status: 'error' });
  });

  it('walks past 2,000 records with page_token, without losing or repeating records written meanwhile', async () => {
    for (let i = 0; i < 1_700; i += 1) zoho.admin.createRecord('Products', { Product_Name: `Bulk ${i}` });
    const ids: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const query: string = token ? `&page_token=${token}` : '';
      const res = await api.call('GET', `Products?fields=Product_Name&per_page=200&sort_order=asc${query}`);
      expect(res.status, res.text).toBe(200);
      pages += 1;
      ids.push(...(res.body.data as Body[]).map((r) => String(r.id)));
      const info = res.body.info as Body;
      token = info.next_page_token as string | null;
      if (token) expect(String(info.page_token_expiry)).toMatch(ZOHO_DATETIME);
      // A user adds a product while the client pages (ascending by id: it lands after the cursor).
      if (pages === 3) zoho.admin.createRecord('Products', { Product_Name: 'Added mid-walk' });
    } while (token);
    expect(ids.length).toBe(2_151);
    expect(new Set(ids).size).toBe(2_151);
  });

  it('binds a page_token to its request and expires it', async () => {
    const first = await api.call('GET', 'Products?fields=Product_Name&per_page=100');
    const token = String((first.body.info as Body).next_page_token);
    const altered = await api.call('GET', `Products?fields=Product_Name&per_page=50&page_token=${token}`);
    expect(altered.status).toBe(400);
    expect(altered.body).toEqual({ code: 'TOKEN_BOUND_DATA_MISMATCH', details: { param_name: 'page_token' }, message: 'The page_token given seems to be invalid or input param is added or altered or deleted', status: 'error' });
    zoho.admin.advanceClock(DAY_MS + 1);
    api = await connect(zoho);
    const expired = await api.call('GET', `Products?fields=Product_Name&per_page=100&page_token=${token}`);
    expect(expired.status).toBe(400);
    expect(expired.body).toEqual({ code: 'EXPIRED_VALUE', details: { api_name: 'page_token', json_path: '$.query.page_token' }, message: 'Page token expired', status: 'error' });
  });

  it('sorts by Modified_Time and refuses other sort_by values', async () => {
    const a = zoho.admin.createRecord('Vendors', { Vendor_Name: 'Sort A' });
    zoho.admin.advanceClock(2_000);
    const b = zoho.admin.createRecord('Vendors', { Vendor_Name: 'Sort B' });
    zoho.admin.advanceClock(2_000);
    zoho.admin.updateRecord('Vendors', String(a.id), { Phone: '555 0100' });
    const res = await api.call('GET', 'Vendors?fields=Vendor_Name&sort_by=Modified_Time&sort_order=asc');
    expect((res.body.data as Body[]).map((r) => r.Vendor_Name)).toEqual(['Sort B', 'Sort A']);
    expect(res.body.info).toMatchObject({ sort_by: 'Modified_Time', sort_order: 'asc' });
    const bad = await api.call('GET', 'Vendors?fields=Vendor_Name&sort_by=Vendor_Name');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual({ param_name: 'sort_by', supported_values: ['id', 'Created_Time', 'Modified_Time'] });
    expect(b.id).toBeTypeOf('string');
  });

  it('filters on If-Modified-Since and answers 304 when nothing changed after it', async () => {
    const v = zoho.admin.createRecord('Vendors', { Vendor_Name: 'Changed Later' });
    const since = String(v.Modified_Time);
    expect((await api.call('GET', 'Vendors?fields=Vendor_Name', { headers: { 'If-Modified-Since': since } })).status).toBe(304);
    zoho.admin.advanceClock(1_000);
    zoho.admin.updateRecord('Vendors', String(v.id), { City: 'Toledo' });
    const res = await api.call('GET', 'Vendors?fields=Vendor_Name,City', { headers: { 'If-Modified-Since': since } });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([{ Vendor_Name: 'Changed Later', City: 'Toledo', id: v.id }]);
    const bad = await api.call('GET', 'Vendors?fields=Vendor_Name', { headers: { 'If-Modified-Since': 'yesterday' } });
    expect(bad.status).toBe(400);
  });

  it('answers INVALID_MODULE for an unknown module and INVALID_URL_PATTERN for an unknown path', async () => {
    const mod = await api.call('GET', 'Widgets?fields=Name');
    expect(mod.status).toBe(400);
    expect(mod.body).toEqual({ code: 'INVALID_MODULE', details: { resource_path_index: 0 }, message: 'the module name given seems to be invalid', status: 'error' });
    const url = await api.call('GET', 'Accounts/not-an-id/extra');
    expect(url.status).toBe(404);
    expectZohoError(url.body, 'INVALID_URL_PATTERN');
  });
});
