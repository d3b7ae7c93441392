/**
 * Search and deleted records (v8 search docs and OAS [V]): criteria with and / or, `equals` behaving like
 * `contains` on text, `in`, numeric comparisons, email / word search, 204 when nothing matches (also for records
 * the index has not caught up with), INVALID_QUERY and EXPECTED_PARAM_MISSING; DELETE ?ids= with per-record
 * results and GET /{module}/deleted listing the recycle bin, then permanent deletions without names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZohoCrmSandbox } from '../../../service/sandbox/zoho-crm/index.ts';
import { connect, startZoho, type ApiClient, type Body } from './helpers.ts';
import { expectValid, expectZohoError, oasValidator } from './oas.ts';

const names = (body: Body, key = 'Vendor_Name'): unknown[] => ((body.data as Body[]) ?? []).map((r) => r[key]).sort();

describe('zoho crm emulator: search and deleted records', () => {
  let zoho: ZohoCrmSandbox;
  let api: ApiClient;

  beforeAll(async () => {
    zoho = await startZoho();
    zoho.admin.createField('Vendors', { fieldLabel: 'GP Vendor ID', dataType: 'text', length: 15, unique: true });
    zoho.admin.createField('Vendors', { fieldLabel: 'Open Balance', dataType: 'currency' });
    zoho.admin.createRecord('Vendors', { Vendor_Name: 'Acme Steel', GP_Vendor_ID: 'V100', Open_Balance: 1200, City: 'Cleveland', Email: 'ap@acme.example.com' });
    zoho.admin.createRecord('Vendors', { Vendor_Name: 'Acme Steel East', GP_Vendor_ID: 'V1000', Open_Balance: 80, City: 'Boston' });
    zoho.admin.createRecord('Vendors', { Vendor_Name: 'Blue Packaging', GP_Vendor_ID: 'V200', Open_Balance: 0, City: 'Portland', Email: 'sales@bluepack.example.com' });
    api = await connect(zoho);
  });
  afterAll(async () => {
    expect(zoho.admin.internalErrors()).toEqual([]);
    await zoho.stop();
  });

  it('searches by criteria, equals behaving like contains on text', async () => {
    const res = await api.call('GET', `Vendors/search?criteria=${encodeURIComponent('(GP_Vendor_ID:equals:V100)')}`);
    expect(res.status).toBe(200);
    expectValid(oasValidator('record.json#/components/schemas/Response_Wrapper'), res.body, 'search');
    // The docs' warning made real: equals matches V100 and V1000.
    expect(names(res.body)).toEqual(['Acme Steel', 'Acme Steel East']);
    expect(res.body.info).toMatchObject({ count: 2, page: 1, per_page: 200, more_records: false });
    const exact = await api.call('GET', `Vendors/search?criteria=${encodeURIComponent('((GP_Vendor_ID:equals:V100) and (City:starts_with:Cle))')}`);
    expect(names(exact.body)).toEqual(['Acme Steel']);
    const doubled = await api.call('GET', `Vendors/search?criteria=${encodeURIComponent('((GP_Vendor_ID:equals:V200))')}`);
    expect(names(doubled.body)).toEqual(['Blue Packaging']);
  });

  it('supports or, in and numeric comparisons', async () => {
    const or = await api.call('GET', `Vendors/search?criteria=${encodeURIComponent('((City:equals:Boston) or (City:equals:Portland))')}`);
    expect(names(or.body)).toEqual(['Acme Steel East', 'Blue Packaging']);
    const inList = await api.call('GET', `Vendors/search?criteria=${encodeURIComponent('(GP_Vendor_ID:in:V200,V1000)')}`);
    expect(names(inList.body)).toEqual(['Acme Steel East', 'Blue Packaging']);
    const gt = await api.call('GET', `Vendors/search?criteria=${encodeURIComponent('(Open_Balance:greater_than:100)')}&fields=Vendor_Name,Open_Balance`);
    expect(gt.body.data).toEqual([{ Vendor_Name: 'Acme Steel', Open_Balance: 1200, id: expect.any(String) }]);
  });

  it('searches by email and word, and answers 204 when nothing matches', async () => {
    expect(names((await api.call('GET', 'Vendors/search?email=bluepack.example.com')).body)).toEqual(['Blue Packaging']);
    expect(names((await api.call('GET', 'Vendors/search?word=steel')).body)).toEqual(['Acme Steel', 'Acme Steel East']);
    const none = await api.call('GET', `Vendors/search?criteria=${encodeURIComponent('(City:equals:Nowhere)')}`);
    expect(none.status).toBe(204);
    expect(none.text).toBe('');
  });

  it('refuses malformed criteria, unsupported operators and a search with no parameter', async () => {
    const malformed = await api.call('GET', `Vendors/search?criteria=${encodeURIComponent('(City:equals:Boston')}`);
    expect(malformed.status).toBe(400);
    expectZohoError(malformed.body, 'INVALID_QUERY');
    const operator = await api.call('GET', `Vendors/search?criteria=${encodeURIComponent('(City:greater_than:A)')}`);
    expectZohoError(operator.body, 'INVALID_QUERY');
    expect(operator.body.details).toMatchObject({ operator: 'greater_than' });
    const nothing = await api.call('GET', 'Vendors/search');
    expect(nothing.status).toBe(400);
    expect(nothing.body).toMatchObject({ code: 'EXPECTED_PARAM_MISSING', details: { param_names: ['criteria', 'email', 'phone', 'word'] }, status: 'error' });
  });

  it('counts records with the same filters', async () => {
    expect((await api.call('GET', 'Vendors/actions/count')).body).toEqual({ count: '3' });
    expect((await api.call('GET', `Vendors/actions/count?criteria=${encodeURIComponent('(City:equals:Boston)')}`)).body).toEqual({ count: '1' });
  });

  it('hides records from search until the index catches up (settings.searchIndexDelayMs)', async () => {
    zoho.admin.setBehaviour({ searchIndexDelayMs: 60_000 });
    try {
      zoho.admin.createRecord('Vendors', { Vendor_Name: 'Fresh Supplies', City: 'Reno' });
      const criteria = encodeURIComponent('(City:equals:Reno)');
      expect((await api.call('GET', `Vendors/search?criteria=${criteria}`)).status).toBe(204);
      zoho.admin.advanceClock(60_000);
      expect(names((await api.call('GET', `Vendors/search?criteria=${criteria}`)).body)).toEqual(['Fresh Supplies']);
    } finally {
      zoho.admin.setBehaviour({ searchIndexDelayMs: 0 });
    }
  });

  it('deletes with per-record results and lists the recycle bin, then permanent deletions', async () => {
    const a = zoho.admin.createRecord('Contacts', { Last_Name: 'Gone One' });
    const b = zoho.admin.createRecord('Contacts', { Last_Name: 'Gone Two' });
    expect((await api.call('GET', 'Contacts/deleted')).status).toBe(204);

    const missing = await api.call('DELETE', 'Contacts');
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ code: 'REQUIRED_PARAM_MISSING', details: { param_name: 'ids' }, message: 'One of the expected parameter is missing', status: 'error' });

    const res = await api.call('DELETE', `Contacts?ids=${String(a.id)},${String(b.id)},5725767000999999999`);
    expect(res.status).toBe(207);
    expect(res.body.data).toEqual([
      { code: 'SUCCESS', details: { id: a.id }, message: 'record deleted', status: 'success' },
      { code: 'SUCCESS', details: { id: b.id }, message: 'record deleted', status: 'success' },
      { code: 'INVALID_DATA', details: { id: '5725767000999999999' }, message: 'record not deleted', status: 'error' },
    ]);
    expect((await api.call('GET', `Contacts/${String(a.id)}`)).status).toBe(204);

    const deleted = await api.call('GET', 'Contacts/deleted?type=recycle');
    expect(deleted.status).toBe(200);
    expectValid(oasValidator('record.json#/components/schemas/Deleted_Records_Wrapper'), deleted.body, 'deleted');
    expect((deleted.body.data as Body[]).map((d) => d.display_name).sort()).toEqual(['Gone One', 'Gone Two']);
    expect((deleted.body.data as Body[])[0]).toMatchObject({ type: 'recycle', deleted_by: { name: expect.any(String), id: expect.any(String) }, deleted_time: expect.stringMatching(/[+-]\d{2}:\d{2}$/) });

    expect(zoho.admin.emptyRecycleBin('Contacts')).toBe(2);
    expect((await api.call('GET', 'Contacts/deleted?type=recycle')).status).toBe(204);
    const permanent = await api.call('GET', 'Contacts/deleted?type=permanent');
    expectValid(oasValidator('record.json#/components/schemas/Deleted_Records_Wrapper'), permanent.body, 'permanent');
    expect((permanent.body.data as Body[])[0]).toMatchObject({ type: 'permanent', display_name: null, deleted_by: null, created_by: null });
    expect((await api.call('GET', 'Contacts/deleted?type=trash')).body.code).toBe('PATTERN_NOT_MATCHED');
  });
});
