/**
 * Requests (`/api/v2/global/orders`), their lines (`/api/v3/order-items`, `/api/v2/global/order_items`) and
 * requisition create (`POST /api/v3/requisitions` → 201) through the published API (FACTS §6.1 #7–8), plus the
 * reference data the flows map from (locations, departments, account codes, accounts, currencies, the API user).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ITEM_STATUS, ORDER_STATUS, type ProcurifySandbox } from '../../../service/sandbox/procurify/index.ts';
import { connect, startProcurify, type Client } from './helpers.ts';
import { loadOas, type Oas } from './oas.ts';

const REQUISITION = {
  required_date: '2030-04-01',
  location_name: 'Chicago Plant',
  department_name: 'Production',
  line_items: [
    { item_name: 'Stretch film 18 in', vendor_name: 'Advanced Office Systems', account_code: '6100', unit_price: '23.40', quantity: '20', unit: 'Roll', currency_code: 'USD', custom_fields: [] },
    { item_name: 'Hex bolts M8 (box of 100)', vendor_name: 'Precision Bearings Co.', account_code: '5200', unit_price: '9.99', quantity: '3', unit: 'Box', currency_code: 'usd', custom_fields: [] },
  ],
};

describe('procurify emulator: requests, order items, reference data', () => {
  let sandbox: ProcurifySandbox;
  let api: Client;
  let oas: Oas;

  beforeAll(async () => {
    oas = loadOas();
    sandbox = await startProcurify();
    api = await connect(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('lists requests in the OAS shape and filters them by status, department and location', async () => {
    const all = await api.getAll('/api/v2/global/orders?page_size=3');
    for (const page of all.pages) expect(oas.errorsFor('PaginatedOrderReadList', page.body)).toEqual([]);
    expect(all.items).toHaveLength(8);
    const statuses = all.items.map((o) => o.status).sort();
    // pending, approved, denied; open, partly received and cancelled POs (purchased); paid and closed POs fully received.
    expect(statuses).toEqual([0, 1, 2, 3, 3, 3, 5, 5]);
    const pending = await api.get(`/api/v2/global/orders?status=${ORDER_STATUS.PENDING}`);
    expect(pending.body.data).toHaveLength(1);
    expect(pending.body.data[0].next_approver.email).toBe('sam.okafor@fabrikam-mfg.example');
    const chicago = sandbox.admin.lookup.location('Chicago Plant');
    const byLocation = await api.get(`/api/v2/global/orders?location=${chicago}`);
    expect(byLocation.body.data.every((o: { branch: { name: string } }) => o.branch.name === 'Chicago Plant')).toBe(true);
    expect(byLocation.body.data.length).toBeGreaterThan(0);
    const maintenance = sandbox.admin.lookup.department('Chicago Plant', 'Maintenance');
    expect((await api.get(`/api/v2/global/orders?department=${maintenance}`)).body.data.every((o: { department: { id: number } }) => o.department.id === maintenance)).toBe(true);
    expect((await api.get('/api/v2/global/orders?search=calipers')).body.data.map((o: { status: number }) => o.status)).toEqual([ORDER_STATUS.REJECTED]);
    const bad = await api.get('/api/v2/global/orders?status=9&department=abc&modified_date_0=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ modified_date: ['Enter a valid date.'], status: ['Select a valid choice. 9 is not one of the available choices.'], department: ['Select a valid choice. That choice is not one of the available choices.'] });
  });

  it('lists order items (v3 and v2) in the OAS shape with their status, PO and account filters', async () => {
    const v3 = await api.getAll('/api/v3/order-items');
    for (const page of v3.pages) expect(oas.errorsFor('PaginatedOrderItemList', page.body)).toEqual([]);
    const v2 = await api.get('/api/v2/global/order_items?page_size=100');
    expect(oas.errorsFor('PaginatedOrderItemList', v2.body)).toEqual([]);
    expect(v2.body.data.map((i: { id: number }) => i.id).sort()).toEqual(v3.items.map((i) => i.id).sort());
    const denied = await api.get(`/api/v3/order-items?status=${ITEM_STATUS.APPROVAL_DENIED}`);
    expect(denied.body.data.map((i: { name: string }) => i.name)).toEqual(['Digital caliper 0–6 in']);
    const purchased = await api.get('/api/v3/order-items?is_purchased=true&page_size=100');
    expect(purchased.body.data.every((i: { purchase_order: number | null }) => i.purchase_order !== null)).toBe(true);
    const steel = sandbox.admin.lookup.vendor('Midwest Steel Supply');
    const byVendor = await api.get(`/api/v3/order-items?po_vendor=${steel}`);
    expect(byVendor.body.data).toHaveLength(2);
    expect(byVendor.body.data.every((i: { vendor: string }) => i.vendor === 'Midwest Steel Supply')).toBe(true);
    const code = sandbox.admin.lookup.accountCode('6100');
    expect((await api.get(`/api/v3/order-items?account_code=${code}`)).body.data.every((i: { accountCode: string }) => i.accountCode === '6100')).toBe(true);
    expect((await api.get('/api/v3/order-items?status=42')).status).toBe(400);
  });

  it('creates a requisition by names (201 with its uuid), pending approval by the API user', async () => {
    const created = await api.send('POST', '/api/v3/requisitions', REQUISITION);
    expect(created.status).toBe(201);
    expect(oas.errorsFor('RequisitionReadSerializerSingle', created.body)).toEqual([]);
    const { uuid } = created.body.data;
    const listed = (await api.get('/api/v2/global/orders?status=0')).body.data.find((o: { uuid: string }) => o.uuid === uuid);
    expect(listed).toMatchObject({ status: 0, lineCount: 2, totalPrice: '497.97', department: { name: 'Production' }, branch: { name: 'Chicago Plant' }, user: { email: sandbox.apiUserEmail } });
    expect(listed.dateRequired).toBe(`2030-04-01T00:00:00Z`);
    const items = (await api.get(`/api/v3/order-items?orderNum=${listed.num}`)).body.data;
    expect(items.map((i: { name: string; quantity: string; price: string }) => [i.name, i.quantity, i.price])).toEqual(
      expect.arrayContaining([
        ['Stretch film 18 in', '20.00000', '23.40000000'],
        ['Hex bolts M8 (box of 100)', '3.00000', '9.99000000'],
      ]),
    );
  });

  it('refuses bad requisitions with field errors per line and writes nothing', async () => {
    const before = (await api.get('/api/v2/global/orders')).body.metadata.pagination.count;
    const missing = await api.send('POST', '/api/v3/requisitions', { location_name: 'Chicago Plant' });
    expect(missing.body).toEqual({ required_date: ['This field is required.'], department_name: ['This field is required.'], line_items: ['This field is required.'] });
    const bad = await api.send('POST', '/api/v3/requisitions', {
      ...REQUISITION,
      required_date: '01/04/2030',
      line_items: [REQUISITION.line_items[0], { ...REQUISITION.line_items[1], quantity: 'ten', unit: '' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ required_date: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'], line_items: [{}, { quantity: ['A valid number is required.'], unit: ['This field may not be blank.'] }] });
    const unknown = await api.send('POST', '/api/v3/requisitions', {
      ...REQUISITION,
      department_name: 'Quality',
      line_items: [{ ...REQUISITION.line_items[0], vendor_name: 'Nobody Inc.', account_code: '6999' }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.line_items[0]).toEqual({ vendor_name: [expect.stringContaining('Nobody Inc.')], account_code: [expect.stringContaining('6999')] });
    const wrongPlant = await api.send('POST', '/api/v3/requisitions', { ...REQUISITION, location_name: 'Boise Plant' });
    expect(Object.keys(wrongPlant.body)).toEqual(['location_name']);
    expect((await api.get('/api/v2/global/orders')).body.metadata.pagination.count).toBe(before);
  });

  it('serves locations, departments, account codes, accounts, currencies and the API user in their OAS shapes', async () => {
    const locations = await api.get('/api/v2/locations');
    expect(locations.body.data.map((l: { name: string }) => l.name)).toEqual(['Chicago Plant', 'Dallas Plant', 'Fargo Plant']);
    for (const location of locations.body.data) expect(oas.errorsFor('LocationView', location)).toEqual([]);
    expect(locations.body.data[2]).toMatchObject({ headquarter: true, locationTimezone: 'UTC', external_id: 'FARGO', department_count: 4 });
    const one = await api.get(`/api/v2/locations/${locations.body.data[0].id}`);
    expect(oas.errorsFor('LocationViewSerializerSingleRetrieve', one.body)).toEqual([]);
    sandbox.admin.configure({ locationListShape: 'oas-nested' });
    try {
      expect(oas.errorsFor('PaginatedLocationViewSerializerListList', (await api.get('/api/v2/locations')).body)).toEqual([]);
    } finally {
      sandbox.admin.configure({ locationListShape: 'flat' });
    }

    const departments = await api.getAll('/api/v3/departments');
    for (const page of departments.pages) expect(oas.errorsFor('PaginatedDepartmentReadList', page.body)).toEqual([]);
    expect(departments.items).toHaveLength(10);
    const chicago = sandbox.admin.lookup.location('Chicago Plant');
    expect((await api.get(`/api/v3/departments?branch=${chicago}`)).body.data.map((d: { external_id: string }) => d.external_id).sort()).toEqual(['200', '210', '220']);

    const codes = await api.get('/api/v3/account-codes');
    expect(oas.errorsFor('PaginatedAccountCodeReadList', codes.body)).toEqual([]);
    expect((await api.get('/api/v3/account-codes?active=false')).body.data.map((c: { code: string }) => c.code)).toEqual(['6999']);
    const accounts = await api.get(`/api/v3/accounts?department=${sandbox.admin.lookup.department('Fargo Plant', 'Production')}`);
    expect(oas.errorsFor('PaginatedChartOfAccountsAccountList', accounts.body)).toEqual([]);
    expect(accounts.body.metadata.pagination.count).toBe(7);

    expect(oas.errorsFor('PaginatedCurrencyList', (await api.get('/api/v2/currencies')).body)).toEqual([]);
    const me = await api.get('/api/v3/users/me');
    expect(oas.errorsFor('UserProfileMeSerializerSingle', me.body)).toEqual([]);
    expect(me.body.data.email).toBe(sandbox.apiUserEmail);
  });

  it('creates and updates departments and account codes with DRF validation', async () => {
    const fargo = sandbox.admin.lookup.location('Fargo Plant');
    const dept = await api.send('POST', '/api/v3/departments', { branch: fargo, name: 'Tooling', external_id: '130' });
    expect(dept.status).toBe(201);
    expect(oas.errorsFor('DepartmentReadSerializerSingleCreate', dept.body)).toEqual([]);
    expect((await api.send('POST', '/api/v3/departments', { branch: 999, name: '' })).body).toEqual({ branch: ['Invalid pk "999" - object does not exist.'], name: ['This field may not be blank.'] });
    const renamed = await api.send('PUT', `/api/v3/departments/${dept.body.data.id}`, { branch: fargo, name: 'Tooling & Dies', external_id: '130' });
    expect(oas.errorsFor('DepartmentReadSerializerSingleUpdate', renamed.body)).toEqual([]);
    expect(renamed.body.data.name).toBe('Tooling & Dies');

    const code = await api.send('POST', '/api/v3/account-codes', { code: '6400', description: 'Tooling', departments: [dept.body.data.id] });
    expect(code.status).toBe(201);
    expect(oas.errorsFor('AccountCodeReadSerializerSingleCreate', code.body)).toEqual([]);
    expect(code.body.data.applied_accounts_count).toBe(1);
    expect((await api.send('POST', '/api/v3/account-codes', { code: '6400', description: 'Again' })).body).toEqual({ code: ['account code with this code already exists.'] });
    const updated = await api.send('PUT', `/api/v3/account-codes/${code.body.data.id}`, { code: '6400', description: 'Tooling and dies', account_type: 2 });
    expect(oas.errorsFor('AccountCodeReadSerializerSingleUpdate', updated.body)).toEqual([]);
    expect(updated.body.data).toMatchObject({ description: 'Tooling and dies', account_type: 2 });
  });

  it('has a schema check that fails on invented or missing fields', () => {
    expect(oas.errorsFor('OptimizedVendor', { id: 1, name: 'x', email: [], type: 3, overall_score: null, invented: true }).join()).toMatch(/additional/);
    expect(oas.errorsFor('OptimizedVendor', { id: 1, email: [], type: 3, overall_score: null }).join()).toMatch(/name/);
  });
});
