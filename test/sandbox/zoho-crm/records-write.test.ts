/**
 * Writing records (record.json + v8 OAS examples [V]; FACTS §5.1 #4–6): per-record results inside the response
 * (201 all inserted, 200 all updated/upserted, 207 mixed, 400 all failed), Zoho's per-record errors naming the
 * field (MANDATORY_NOT_FOUND, INVALID_DATA with expected_data_type / maximum_length, DUPLICATE_DATA with the
 * existing record's id, RECORD_LOCKED), more than 100 records refused whole, upsert on duplicate_check_fields
 * inserting then updating, subform lines of a sales order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZohoCrmSandbox } from '../../../service/sandbox/zoho-crm/index.ts';
import { connect, startZoho, type ApiClient, type Body } from './helpers.ts';
import { expectValid, expectZohoError, writeResponse } from './oas.ts';

const items = (body: Body): Body[] => body.data as Body[];

describe('zoho crm emulator: writing records', () => {
  let zoho: ZohoCrmSandbox;
  let api: ApiClient;

  beforeAll(async () => {
    zoho = await startZoho();
    zoho.admin.createField('Accounts', { fieldLabel: 'GP Customer ID', dataType: 'text', length: 15, unique: true, external: true });
    api = await connect(zoho);
  });
  afterAll(async () => {
    expect(zoho.admin.internalErrors()).toEqual([]);
    await zoho.stop();
  });

  it('inserts records with 201 and per-record SUCCESS items', async () => {
    const res = await api.call('POST', 'Accounts', { body: { data: [{ Account_Name: 'Aaron Fitness', Phone: '+1 555 0100' }, { Account_Name: 'Blue Yonder Airlines' }], trigger: [] } });
    expect(res.status).toBe(201);
    expectValid(writeResponse(), res.body, 'insert');
    for (const item of items(res.body)) {
      expect(item).toMatchObject({ code: 'SUCCESS', message: 'record added', status: 'success' });
      expect(String((item.details as Body).id)).toMatch(/^\d{19}$/);
      expect((item.details as Body).Created_By).toEqual({ name: expect.any(String), id: expect.any(String) });
    }
    const id = String((items(res.body)[0]?.details as Body).id);
    expect(zoho.admin.getRecord('Accounts', id)).toMatchObject({ Account_Name: 'Aaron Fitness', Phone: '+1 555 0100' });
  });

  it('answers 207 for a mix and names the failing field with its JSON path', async () => {
    const res = await api.call('POST', 'Accounts', { body: { data: [{ Account_Name: 'Coho Winery' }, { Phone: '555' }] } });
    expect(res.status).toBe(207);
    expectValid(writeResponse(), res.body, 'mixed insert');
    expect(items(res.body)[0]?.code).toBe('SUCCESS');
    expect(items(res.body)[1]).toEqual({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Account_Name', json_path: '$.data[1].Account_Name' }, message: 'required field not found', status: 'error' });
  });

  it('answers 400 when every record fails, each with its own error', async () => {
    const before = zoho.admin.listRecords('Accounts').length;
    const res = await api.call('POST', 'Accounts', {
      body: {
        data: [
          { Account_Name: 'Typed', Employees: 'many' },
          { Account_Name: 'Long', Account_Site: 'x'.repeat(31) },
          { Account_Name: 'Pick', Account_Type: 'Friend' },
          { Account_Name: 'Unknown', Colour: 'blue' },
          { Account_Name: 'Orphan', Parent_Account: { id: '5725767000999999999' } },
          { Account_Name: 'Mail', Billing_Street: 1 },
        ],
      },
    });
    expect(res.status).toBe(400);
    expectValid(writeResponse(), res.body, 'all failed');
    const [typed, long, pick, unknown, orphan, street] = items(res.body);
    expect(typed).toEqual({ code: 'INVALID_DATA', details: { expected_data_type: 'integer', api_name: 'Employees', json_path: '$.data[0].Employees' }, message: 'invalid data', status: 'error' });
    expect(long).toEqual({ code: 'INVALID_DATA', details: { maximum_length: 30, api_name: 'Account_Site', json_path: '$.data[1].Account_Site' }, message: 'invalid data', status: 'error' });
    expect(pick?.details).toMatchObject({ api_name: 'Account_Type', json_path: '$.data[2].Account_Type', supported_values: expect.arrayContaining(['Customer']) });
    expect(unknown).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Colour', json_path: '$.data[3].Colour' } });
    expect(orphan).toEqual({ code: 'INVALID_DATA', details: { api_name: 'Parent_Account', json_path: '$.data[4].Parent_Account' }, message: 'the related id given seems to be invalid', status: 'error' });
    expect(street?.details).toMatchObject({ expected_data_type: 'text', api_name: 'Billing_Street' });
    expect(zoho.admin.listRecords('Accounts').length).toBe(before);
  });

  it('refuses more than 100 records per call whole', async () => {
    const before = zoho.admin.listRecords('Accounts').length;
    const data = Array.from({ length: 101 }, (_, i) => ({ Account_Name: `Bulk ${i}` }));
    for (const [method, path] of [['POST', 'Accounts'], ['PUT', 'Accounts'], ['POST', 'Accounts/upsert']] as const) {
      const res = await api.call(method, path, { body: { data } });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body).toEqual({ data: [{ code: 'LIMIT_EXCEEDED', details: { maximum_length: 100, api_name: 'data' }, message: 'count of records in your request exceeds the limit', status: 'error' }] });
    }
    expect((await api.call('POST', 'Accounts', { body: { data: data.slice(0, 100) } })).status).toBe(201);
    expect(zoho.admin.listRecords('Accounts').length).toBe(before + 100);
  });

  it('upserts on duplicate_check_fields: insert first, update the same record next', async () => {
    const first = await api.call('POST', 'Accounts/upsert', { body: { data: [{ Account_Name: 'Fourth Coffee', GP_Customer_ID: 'FOURTHCO0001', Phone: '555 0101' }], duplicate_check_fields: ['GP_Customer_ID'] } });
    expect(first.status).toBe(200);
    expectValid(writeResponse(), first.body, 'upsert insert');
    const inserted = items(first.body)[0] as Body;
    expect(inserted).toMatchObject({ code: 'SUCCESS', action: 'insert', duplicate_field: null, message: 'record added', status: 'success' });
    const id = (inserted.details as Body).id;

    const second = await api.call('POST', 'Accounts/upsert', {
      body: { data: [{ Account_Name: 'Fourth Coffee Roasters', GP_Customer_ID: 'FOURTHCO0001', Phone: '555 0199' }, { Account_Name: 'Graphic Design Institute', GP_Customer_ID: 'GRAPHICD0001' }], duplicate_check_fields: ['GP_Customer_ID'] },
    });
    expect(second.status).toBe(200);
    expect(items(second.body)[0]).toMatchObject({ action: 'update', duplicate_field: 'GP_Customer_ID', message: 'record updated', details: { id } });
    expect(items(second.body)[1]).toMatchObject({ action: 'insert' });
    expect(zoho.admin.getRecord('Accounts', String(id))).toMatchObject({ Account_Name: 'Fourth Coffee Roasters', Phone: '555 0199', GP_Customer_ID: 'FOURTHCO0001' });
  });

  it('upserts on the system duplicate-check field when none are given, and refuses fields that cannot be checked', async () => {
    const res = await api.call('POST', 'Accounts/upsert', { body: { data: [{ Account_Name: 'Aaron Fitness', Website: 'https://aaron.example.com' }] } });
    expect(items(res.body)[0]).toMatchObject({ action: 'update', duplicate_field: 'Account_Name' });
    const bad = await api.call('POST', 'Accounts/upsert', { body: { data: [{ Account_Name: 'X' }], duplicate_check_fields: ['Phone'] } });
    expect(bad.status).toBe(400);
    expectZohoError(bad.body, 'INVALID_DATA');
    expect(bad.body.details).toMatchObject({ api_name: 'duplicate_check_fields', json_path: '$.duplicate_check_fields[0]' });
  });

  it('refuses a duplicate unique value naming the existing record', async () => {
    const existing = zoho.admin.listRecords('Accounts').find((r) => r.GP_Customer_ID === 'FOURTHCO0001') as Body;
    const res = await api.call('POST', 'Accounts', { body: { data: [{ Account_Name: 'Copycat', GP_Customer_ID: 'fourthco0001' }] } });
    expect(res.status).toBe(400);
    const item = items(res.body)[0] as Body;
    expect(item).toMatchObject({ code: 'DUPLICATE_DATA', message: 'duplicate data', status: 'error' });
    expect(item.details).toMatchObject({ api_name: 'GP_Customer_ID', json_path: '$.data[0].GP_Customer_ID', id: existing.id, more_records: false, duplicate_record: { id: existing.id, module: { api_name: 'Accounts' } } });
  });

  it('updates by id (200), names a missing or unknown id, and moves Modified_Time', async () => {
    const target = zoho.admin.createRecord('Accounts', { Account_Name: 'Humongous Insurance' });
    zoho.admin.advanceClock(5_000);
    const res = await api.call('PUT', 'Accounts', { body: { data: [{ id: target.id, Phone: '555 0177' }, { Phone: '1' }, { id: '5725767000999999999', Phone: '2' }] } });
    expect(res.status).toBe(207);
    expect(items(res.body)[0]).toMatchObject({ code: 'SUCCESS', message: 'record updated', details: { id: target.id } });
    expect(items(res.body)[1]).toEqual({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'id', json_path: '$.data[1].id' }, message: 'required field not found', status: 'error' });
    expect(items(res.body)[2]).toEqual({ code: 'INVALID_DATA', details: { api_name: 'id', json_path: '$.data[2].id' }, message: 'the id given seems to be invalid', status: 'error' });
    const after = zoho.admin.getRecord('Accounts', String(target.id)) as Body;
    expect(after.Modified_Time).not.toBe(target.Modified_Time);
    expect(after.Created_Time).toBe(target.Created_Time);

    const single = await api.call('PUT', `Accounts/${String(target.id)}`, { body: { data: [{ Website: 'https://humongous.example.com' }] } });
    expect(single.status).toBe(200);
    const clear = await api.call('PUT', `Accounts/${String(target.id)}`, { body: { data: [{ Account_Name: null }] } });
    expect(items(clear.body)[0]).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Account_Name' } });
  });

  it('answers RECORD_LOCKED for a locked record', async () => {
    const target = zoho.admin.createRecord('Accounts', { Account_Name: 'Locked Ltd' });
    zoho.admin.lockRecord('Accounts', String(target.id));
    const res = await api.call('PUT', 'Accounts', { body: { data: [{ id: target.id, Phone: '1' }] } });
    expect(res.status).toBe(400);
    expect(items(res.body)[0]).toEqual({ code: 'RECORD_LOCKED', details: { api_name: 'id', json_path: '$.data[0].id', action: 'record_locking' }, message: 'Sorry, you cannot perform this operation as the record is locked.', status: 'error' });
  });

  it('writes a sales order with Ordered_Items lines and computes the totals', async () => {
    const account = zoho.admin.createRecord('Accounts', { Account_Name: 'Order Buyer' });
    const product = zoho.admin.createRecord('Products', { Product_Name: 'Widget', Unit_Price: 10 });
    const missingQty = await api.call('POST', 'Sales_Orders', { body: { data: [{ Subject: 'SO bad', Account_Name: { id: account.id }, Ordered_Items: [{ Product_Name: { id: product.id } }] }] } });
    expect(items(missingQty.body)[0]).toEqual({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Quantity', json_path: '$.data[0].Ordered_Items[0].Quantity' }, message: 'required field not found', status: 'error' });
    const ok = await api.call('POST', 'Sales_Orders', { body: { data: [{ Subject: 'SO good', Account_Name: { id: account.id }, Adjustment: 5, Ordered_Items: [{ Product_Name: { id: product.id }, Quantity: 3, List_Price: 10 }] }] } });
    expect(ok.status).toBe(201);
    const id = String((items(ok.body)[0]?.details as Body).id);
    const read = await api.call('GET', `Sales_Orders/${id}?fields=Subject,Grand_Total,Sub_Total,Ordered_Items,SO_Number`);
    const so = (read.body.data as Body[])[0] as Body;
    expect(so).toMatchObject({ Sub_Total: 30, Grand_Total: 35, SO_Number: expect.any(String) });
    expect((so.Ordered_Items as Body[])[0]).toMatchObject({ Product_Name: { name: 'Widget', id: product.id }, Quantity: 3, Total: 30, id: expect.stringMatching(/^\d{19}$/) });
  });

  it('answers top-level errors for a body without records and for malformed JSON', async () => {
    const noData = await api.call('POST', 'Accounts', { body: { trigger: [] } });
    expect(noData.status).toBe(400);
    expectZohoError(noData.body, 'MANDATORY_NOT_FOUND');
    const badJson = await api.call('POST', 'Accounts', { raw: '{"data": [' });
    expect(badJson.status).toBe(400);
    expectZohoError(badJson.body, 'INVALID_DATA');
    const badModule = await api.call('POST', 'Widgets', { body: { data: [{}] } });
    expect(badModule.status).toBe(400);
    expect(badModule.body).toEqual({ data: [{ code: 'INVALID_MODULE', details: { resource_path_index: 0 }, message: 'the module name given seems to be invalid', status: 'error' }] });
  });
});
