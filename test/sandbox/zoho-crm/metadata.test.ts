/**
 * Module and field metadata (modules.json / fields.json v8 [V]): the standard modules with their fields, custom
 * modules and custom fields created through the settings API — API names derived from labels with no `__c` —
 * unique and external-id fields that writes then respect, lookups to custom modules, X-EXTERNAL addressing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZohoCrmSandbox } from '../../../service/sandbox/zoho-crm/index.ts';
import { connect, startZoho, type ApiClient, type Body } from './helpers.ts';
import { expectValid, oasValidator } from './oas.ts';

describe('zoho crm emulator: metadata, custom modules and fields', () => {
  let zoho: ZohoCrmSandbox;
  let api: ApiClient;

  beforeAll(async () => {
    zoho = await startZoho();
    api = await connect(zoho);
  });
  afterAll(async () => {
    expect(zoho.admin.internalErrors()).toEqual([]);
    await zoho.stop();
  });

  const fieldsOf = async (module: string): Promise<Body[]> => {
    const res = await api.call('GET', `settings/fields?module=${module}`);
    expect(res.status).toBe(200);
    return res.body.fields as Body[];
  };

  it('lists the standard modules the integration needs', async () => {
    const res = await api.call('GET', 'settings/modules');
    expect(res.status).toBe(200);
    const modules = res.body.modules as Body[];
    const validate = oasValidator('modules.json#/components/schemas/modules');
    for (const m of modules) expectValid(validate, m, `module ${String(m.api_name)}`);
    const apiNames = modules.filter((m) => m.api_supported).map((m) => m.api_name);
    expect(apiNames).toEqual(expect.arrayContaining(['Accounts', 'Contacts', 'Vendors', 'Deals', 'Sales_Orders', 'Products']));
    expect((await api.call('GET', 'settings/modules/Vendors')).body.modules).toEqual([expect.objectContaining({ api_name: 'Vendors', generated_type: 'default' })]);
  });

  it('describes fields with data_type, length, system_mandatory, custom_field, lookups', async () => {
    const fields = await fieldsOf('Accounts');
    const validate = oasValidator('fields.json#/components/schemas/fields');
    for (const f of fields) expectValid(validate, f, `field ${String(f.api_name)}`);
    const byName = new Map(fields.map((f) => [f.api_name, f]));
    expect(byName.get('Account_Name')).toMatchObject({ data_type: 'text', json_type: 'string', length: 200, system_mandatory: true, custom_field: false, unique: {} });
    expect(byName.get('Parent_Account')).toMatchObject({ data_type: 'lookup', json_type: 'jsonobject', lookup: { module: { api_name: 'Accounts' } } });
    expect(byName.get('Modified_Time')).toMatchObject({ data_type: 'datetime', read_only: true });
    for (const name of ['Billing_Street', 'Billing_City', 'Billing_State', 'Billing_Code', 'Billing_Country', 'Shipping_Street', 'Phone', 'Website', 'Account_Number']) expect(byName.has(name), name).toBe(true);
    const vendors = new Map((await fieldsOf('Vendors')).map((f) => [f.api_name, f]));
    for (const name of ['Vendor_Name', 'Email', 'Phone', 'Street', 'City', 'State', 'Zip_Code', 'Country', 'GL_Account']) expect(vendors.has(name), name).toBe(true);
    const orders = new Map((await fieldsOf('Sales_Orders')).map((f) => [f.api_name, f]));
    expect(orders.get('Ordered_Items')).toMatchObject({ data_type: 'subform', associated_module: { api_name: 'Ordered_Items' } });
    const missing = await api.call('GET', 'settings/fields');
    expect(missing.body).toEqual({ code: 'REQUIRED_PARAM_MISSING', details: { param_name: 'module' }, message: 'required param is missing', status: 'error' });
  });

  it('creates a custom module and custom fields through the settings API', async () => {
    const created = await api.call('POST', 'settings/modules', { body: { modules: [{ plural_label: 'GL Accounts', singular_label: 'GL Account', api_name: 'GL_Accounts' }] } });
    expect(created.status).toBe(201);
    expect(created.body.modules).toEqual([{ code: 'SUCCESS', details: { id: expect.stringMatching(/^\d{19}$/) }, message: 'module created successfully', status: 'success' }]);

    const fields = await api.call('POST', 'settings/fields?module=GL_Accounts', {
      body: { fields: [{ field_label: 'GL Account Number', data_type: 'text', length: 20, unique: { case_sensitive: false } }, { field_label: 'Account Category', data_type: 'picklist', pick_list_values: [{ display_value: 'Asset', actual_value: 'Asset' }, { display_value: 'Revenue', actual_value: 'Revenue' }] }] },
    });
    expect(fields.status).toBe(201);
    expect(fields.body.fields).toEqual([
      { code: 'SUCCESS', details: { id: expect.any(String) }, message: 'field created', status: 'success' },
      { code: 'SUCCESS', details: { id: expect.any(String) }, message: 'field created', status: 'success' },
    ]);
    const meta = new Map((await fieldsOf('GL_Accounts')).map((f) => [f.api_name, f]));
    expect(meta.get('Name')).toMatchObject({ system_mandatory: true });
    expect(meta.get('GL_Account_Number')).toMatchObject({ custom_field: true, data_type: 'text', length: 20, unique: { casesensitive: 'false' } });
    expect([...meta.keys()].some((k) => String(k).endsWith('__c'))).toBe(false);

    const insert = await api.call('POST', 'GL_Accounts', { body: { data: [{ Name: '4100 Sales', GL_Account_Number: '000-4100-00', Account_Category: 'Revenue' }, { Name: 'Dup', GL_Account_Number: '000-4100-00' }] } });
    expect(insert.status).toBe(207);
    expect((insert.body.data as Body[])[1]).toMatchObject({ code: 'DUPLICATE_DATA', details: { api_name: 'GL_Account_Number' } });
    const upsert = await api.call('POST', 'GL_Accounts/upsert', { body: { data: [{ Name: '4100 Sales', Account_Category: 'Asset' }] } });
    expect((upsert.body.data as Body[])[0]).toMatchObject({ action: 'update', duplicate_field: 'Name' });
  });

  it('refuses bad field definitions per item', async () => {
    const res = await api.call('POST', 'settings/fields?module=GL_Accounts', { body: { fields: [{ field_label: 'GL Account Number', data_type: 'text' }, { field_label: 'Weird', data_type: 'hologram' }] } });
    expect(res.status).toBe(400);
    const [dup, type] = res.body.fields as Body[];
    expect(dup).toMatchObject({ code: 'DUPLICATE_DATA', details: { api_name: 'field_label', json_path: '$.fields[0].field_label' }, status: 'error' });
    expect(type).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'data_type', json_path: '$.fields[1].data_type', supported_values: expect.arrayContaining(['text', 'lookup']) } });
  });

  it('adds external-id and lookup fields that writes and X-EXTERNAL reads honour', async () => {
    const ext = await api.call('POST', 'settings/fields?module=Vendors', { body: { fields: [{ field_label: 'GP Vendor ID', data_type: 'text', length: 15, unique: { case_sensitive: false }, external: { type: 'user', show: true } }] } });
    expect(ext.status).toBe(201);
    const vendorMeta = (await fieldsOf('Vendors')).find((f) => f.api_name === 'GP_Vendor_ID');
    expect(vendorMeta).toMatchObject({ custom_field: true, external: { show: true, type: 'user' } });
    const vendor = zoho.admin.createRecord('Vendors', { Vendor_Name: 'Fabrikam Supplies', GP_Vendor_ID: 'FABRIKAM0001' });
    const byExternal = await api.call('GET', 'Vendors/FABRIKAM0001', { headers: { 'X-EXTERNAL': 'Vendors.GP_Vendor_ID' } });
    expect(byExternal.status).toBe(200);
    expect((byExternal.body.data as Body[])[0]).toMatchObject({ id: vendor.id, Vendor_Name: 'Fabrikam Supplies' });

    const lookup = await api.call('POST', 'settings/fields?module=Deals', { body: { fields: [{ field_label: 'GL Account', data_type: 'lookup', lookup: { module: { api_name: 'GL_Accounts' } } }] } });
    expect(lookup.status).toBe(201);
    const gl = zoho.admin.listRecords('GL_Accounts')[0] as Body;
    const account = zoho.admin.createRecord('Accounts', { Account_Name: 'Deal Owner Co' });
    const deal = await api.call('POST', 'Deals', { body: { data: [{ Deal_Name: 'Tagged deal', Stage: 'Qualification', Closing_Date: '2026-06-30', Account_Name: { id: account.id }, GL_Account: { id: gl.id } }] } });
    expect(deal.status).toBe(201);
    const id = String(((deal.body.data as Body[])[0]?.details as Body).id);
    expect(((await api.call('GET', `Deals/${id}?fields=GL_Account`)).body.data as Body[])[0]?.GL_Account).toEqual({ name: '4100 Sales', id: gl.id });
  });

  it('enforces a custom field an admin made mandatory', async () => {
    zoho.admin.createField('Contacts', { fieldLabel: 'GP Customer ID', dataType: 'text', mandatory: true });
    const res = await api.call('POST', 'Contacts', { body: { data: [{ Last_Name: 'Needs Id' }] } });
    expect((res.body.data as Body[])[0]).toEqual({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'GP_Customer_ID', json_path: '$.data[0].GP_Customer_ID' }, message: 'required field not found', status: 'error' });
  });
});
