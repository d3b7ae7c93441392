/**
 * Purchase orders through the published API (FACTS §6.1 #3–6): list by role/status with the OAS envelope and
 * counts, paging until `next` is null, detail by PO number and UUID, the v3 revise / close / reopen, and the
 * errors for bad paths, filters and pages. Every body is checked against the OAS schema of its operation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PO_STATE, type ProcurifySandbox } from '../../../service/sandbox/procurify/index.ts';
import { connect, startProcurify, type Client } from './helpers.ts';
import { loadOas, type Oas } from './oas.ts';

describe('procurify emulator: purchase orders', () => {
  let sandbox: ProcurifySandbox;
  let api: Client;
  let oas: Oas;

  beforeAll(async () => {
    oas = loadOas();
    sandbox = await startProcurify();
    api = await connect(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('lists purchased/all in the OAS shape, with counts per role and status', async () => {
    const res = await api.get('/api/v2/purchase_orders/purchased/all');
    expect(res.status).toBe(200);
    expect(oas.errorsFor('POWithListPurchaseOrderDocs', res.body)).toEqual([]);
    const states = (res.body.data as Array<{ state: number }>).map((po) => po.state).sort();
    expect(states).toEqual([PO_STATE.PURCHASED, PO_STATE.PURCHASED, PO_STATE.CANCELLED, PO_STATE.CLOSED, PO_STATE.PAID].sort());
    expect(res.body.metadata.counts.purchased).toEqual({ all: 5, open: 1, partial: 1, closed: 1, cancelled: 1, page: 1 });
    expect(res.body.metadata.counts.receivable).toEqual({ all: 2, open: 1, partial: 1, closed: 0, cancelled: 0, page: 0 });
    const po = res.body.data[0];
    expect(po.procurify_PO).toEqual(expect.any(Number));
    expect(po.last_modified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z$/);
    expect(po.discount).toEqual({ type: 'amount', value: 0 });
  });

  it('selects by status path: each PO under exactly the status its state and receipts give it', async () => {
    const byStatus: Record<string, number[]> = {};
    for (const status of ['open', 'partial', 'closed', 'cancelled', 'paid']) {
      const res = await api.get(`/api/v2/purchase_orders/purchased/${status}`);
      expect(res.status).toBe(200);
      byStatus[status] = (res.body.data as Array<{ procurify_PO: number }>).map((p) => p.procurify_PO);
    }
    const all = Object.values(byStatus).flat();
    expect(new Set(all).size).toBe(5);
    const partial = await api.get(`/api/v2/purchase_orders/${byStatus.partial?.[0]}`);
    expect(partial.body.data.fulfilment_status).toBe('partial');
    const receivable = await api.get('/api/v2/purchase_orders/receivable/all');
    expect((receivable.body.data as Array<{ procurify_PO: number }>).map((p) => p.procurify_PO).sort()).toEqual([...(byStatus.open ?? []), ...(byStatus.partial ?? [])].sort());
  });

  it('pages with absolute next/previous URLs until next is null, keeping the other parameters', async () => {
    const { items, pages } = await api.getAll('/api/v2/purchase_orders/purchased/all?page_size=2&order_by=procurify_PO');
    expect(pages).toHaveLength(3);
    expect(items.map((p) => p.procurify_PO)).toEqual([...items.map((p) => p.procurify_PO as number)].sort((a, b) => a - b));
    expect(new Set(items.map((p) => p.uuid)).size).toBe(5);
    const [first, second, last] = pages;
    expect(first?.body.metadata.pagination).toMatchObject({ count: 5, page_size: 2, num_pages: 3, current_page: 1, previous: null });
    expect(first?.body.metadata.pagination.next).toBe(`${sandbox.baseUrl}/api/v2/purchase_orders/purchased/all?order_by=procurify_PO&page=2&page_size=2`);
    expect(second?.body.metadata.pagination.previous).toBe(`${sandbox.baseUrl}/api/v2/purchase_orders/purchased/all?order_by=procurify_PO&page_size=2`);
    expect(last?.body.metadata.pagination.next).toBeNull();
    for (const page of pages) expect(oas.errorsFor('POWithListPurchaseOrderDocs', page.body)).toEqual([]);
  });

  it('serves 10 per page by default, cuts page_size to the maximum, and answers a page past the end with 404', async () => {
    const all = await api.get('/api/v2/global/orders');
    expect(all.body.metadata.pagination.page_size).toBe(10);
    sandbox.admin.configure({ maxPageSize: 25 });
    try {
      const capped = await api.get('/api/v3/accounts?page_size=1000');
      expect(capped.body.metadata.pagination).toMatchObject({ page_size: 25, count: 70, num_pages: 3 });
      expect(capped.body.data).toHaveLength(25);
    } finally {
      sandbox.admin.configure({ maxPageSize: 100 });
    }
    const garbage = await api.get('/api/v2/purchase_orders/purchased/all?page_size=abc');
    expect(garbage.body.metadata.pagination.page_size).toBe(10);
    for (const page of ['2', '0', 'x']) {
      const res = await api.get(`/api/v2/purchase_orders/purchased/all?page=${page}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ detail: 'Invalid page.' });
    }
  });

  it('fetches one PO with its items by procurify_PO and by UUID', async () => {
    const list = await api.get('/api/v2/purchase_orders/purchased/partial');
    const { procurify_PO: number, uuid } = list.body.data[0];
    const byNumber = await api.get(`/api/v2/purchase_orders/${number}`);
    const byUuid = await api.get(`/api/v2/purchase_orders/${uuid}/`);
    expect(byNumber.status).toBe(200);
    expect(oas.errorsFor('ApiNestedEditDeletePurchaseOrderDetail', byNumber.body)).toEqual([]);
    expect(byUuid.body).toEqual(byNumber.body);
    const detail = byNumber.body.data;
    expect(detail.item_count).toBe(2);
    expect(detail.order_items).toHaveLength(2);
    const line = detail.order_items[0];
    expect(line.account.account_code.code).toBe('5200');
    expect(line.account.department.name).toBe('Maintenance');
    expect(line.account.department.branch.name).toBe('Chicago Plant');
    expect(line.purchase_order).toBe(number);
    expect(Number(detail.subtotal)).toBeCloseTo(50 * 6.8 + 8 * 42, 2);
    expect((await api.get('/api/v2/purchase_orders/999999')).status).toBe(404);
    expect((await api.get('/api/v2/purchase_orders/00000000-0000-4000-8000-000000000000')).body).toEqual({ detail: 'Not found.' });
  });

  it('refuses a role or status outside the OAS enums (404 by default, 400 naming the segment when configured)', async () => {
    for (const path of ['/api/v2/purchase_orders/purchased/pending', '/api/v2/purchase_orders/approved/all']) {
      const res = await api.get(path);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ detail: 'Not found.' });
    }
    sandbox.admin.configure({ invalidPoPathStatus: 400 });
    try {
      const res = await api.get('/api/v2/purchase_orders/purchased/pending');
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ status: ['"pending" is not a valid choice.'] });
    } finally {
      sandbox.admin.configure({ invalidPoPathStatus: 404 });
    }
  });

  it('refuses malformed filter values with django-filter errors, all at once', async () => {
    const res = await api.get('/api/v2/purchase_orders/purchased/all?modified_date_0=2025-02-30&date_1=03/01/2025&pref_vendor=999');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      modified_date: ['Enter a valid date.'],
      date: ['Enter a valid date.'],
      pref_vendor: ['Select a valid choice. That choice is not one of the available choices.'],
    });
    sandbox.admin.configure({ filterErrorKey: 'parameter' });
    try {
      expect((await api.get('/api/v2/purchase_orders/purchased/all?modified_date_1=2025-1-5')).body).toEqual({ modified_date_1: ['Enter a valid date.'] });
    } finally {
      sandbox.admin.configure({ filterErrorKey: 'filter' });
    }
    const empty = await api.get('/api/v2/purchase_orders/purchased/all?modified_date_0=');
    expect(empty.status).toBe(200);
  });

  it('filters by preferred vendor', async () => {
    const vendorId = sandbox.admin.lookup.vendor('Midwest Steel Supply');
    const res = await api.get(`/api/v2/purchase_orders/purchased/all?pref_vendor=${vendorId}`);
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0].pref_vendor.id).toBe(vendorId);
    expect(res.body.data[0].vendor_name).toBe('Midwest Steel Supply');
  });

  it('revises a PO with PUT (version checked), then closes and reopens it', async () => {
    const open = (await api.get('/api/v2/purchase_orders/purchased/open')).body.data[0];
    const detail = (await api.get(`/api/v2/purchase_orders/${open.procurify_PO}`)).body.data;
    const revision = {
      version: detail.version,
      order_items: detail.order_items.map((i: Record<string, unknown>) => ({ id: i.id, name: i.name, sku: i.sku, unit: i.unit, quantity: '45', price: i.price, custom_fields: [] })),
      buyer_name: detail.buyer_name,
      buyer_contact: detail.buyer_contact,
      buyer_addressLineOne: detail.buyer_addressLineOne,
      buyer_postalCode: detail.buyer_postalCode,
      buyer_city: detail.buyer_city,
      buyer_state_province: detail.buyer_state_province,
      buyer_country: detail.buyer_country,
      buyer_address: detail.buyer_address.id,
      receiver_name: detail.receiver_name,
      receiver_contact: detail.receiver_contact,
      receiver_addressLineOne: detail.receiver_addressLineOne,
      receiver_postalCode: detail.receiver_postalCode,
      receiver_city: detail.receiver_city,
      receiver_state_province: detail.receiver_state_province,
      receiver_country: detail.receiver_country,
      receiver_address: detail.receiver_address.id,
      promise_date: '2030-01-15T00:00:00Z',
      discount: { type: 'percentage', value: '5' },
      tax: { type: 'amount', value: '0' },
      comment: 'Quantity raised to 45',
    };
    const updated = await api.send('PUT', `/api/v3/purchase-orders/${open.procurify_PO}`, revision);
    expect(updated.status).toBe(200);
    expect(oas.errorsFor('PurchaseOrderUpdateSerializerSingle', updated.body)).toEqual([]);
    expect(updated.body.data.version).toBe(detail.version + 1);
    expect(updated.body.data.order_items.every((i: { quantity: string }) => i.quantity === '45.00000')).toBe(true);
    const stale = await api.send('PUT', `/api/v3/purchase-orders/${open.procurify_PO}`, revision);
    expect(stale.status).toBe(400);
    expect(Object.keys(stale.body)).toEqual(['version']);
    const missing = await api.send('PUT', `/api/v3/purchase-orders/${open.procurify_PO}`, { version: detail.version + 1 });
    expect(missing.status).toBe(400);
    expect(missing.body.order_items).toEqual(['This field is required.']);
    expect(missing.body.promise_date).toEqual(['This field is required.']);
    const after = (await api.get(`/api/v2/purchase_orders/${open.procurify_PO}`)).body.data;
    expect(after.comment).toBe('Quantity raised to 45');
    expect(after.discount).toEqual({ type: 'percentage', value: 5 });
    expect(Date.parse(after.last_modified)).toBeGreaterThanOrEqual(Date.parse(detail.last_modified));

    const closed = await api.send('POST', `/api/v3/purchase-orders/${open.procurify_PO}/close`);
    expect(closed.status).toBe(200);
    expect(oas.errorsFor('PurchaseOrderReadDocsSerializerSingle', closed.body)).toEqual([]);
    expect(closed.body.data.state).toBe(PO_STATE.CLOSED);
    const twice = await api.send('POST', `/api/v3/purchase-orders/${open.procurify_PO}/close`);
    expect(twice.status).toBe(400);
    expect(typeof twice.body.detail).toBe('string');
    const reopened = await api.send('POST', `/api/v3/purchase-orders/${open.procurify_PO}/reopen`);
    expect(reopened.status).toBe(200);
    expect(reopened.text).toBe('');
    expect((await api.get(`/api/v2/purchase_orders/${open.procurify_PO}`)).body.data).toMatchObject({ state: PO_STATE.REOPENED, closed_date: null });
  });

  it('answers an unknown URL with Django’s HTML 404, a wrong method with DRF’s 405, a non-JSON body with 415', async () => {
    const unknown = await api.get('/api/v3/purchase_orders');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^text\/html/);
    const wrongMethod = await api.send('DELETE', '/api/v2/purchase_orders/purchased/all');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body).toEqual({ detail: 'Method "DELETE" not allowed.' });
    const po = (await api.get('/api/v2/purchase_orders/purchased/all')).body.data[0].procurify_PO;
    const xml = await fetch(`${sandbox.baseUrl}/api/v3/purchase-orders/${po}`, { method: 'PUT', headers: { authorization: `Bearer ${api.token}`, 'x-procurify-client': 'api', 'content-type': 'text/plain' }, body: 'x' });
    expect(xml.status).toBe(415);
    const broken = await fetch(`${sandbox.baseUrl}/api/v3/purchase-orders/${po}`, { method: 'PUT', headers: { authorization: `Bearer ${api.token}`, 'x-procurify-client': 'api', 'content-type': 'application/json' }, body: '{' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { detail: string }).detail).toMatch(/^JSON parse error/);
    const notEmulated = await api.get('/api/v3/purchase-orders/billing-history');
    expect(notEmulated.status).toBe(501);
    expect((await api.get('/api/v2/purchase_orders/purchased/all?format=json')).status).toBe(200);
    expect((await api.get('/api/v2/purchase_orders/purchased/all?format=csv')).status).toBe(501);
  });
});
