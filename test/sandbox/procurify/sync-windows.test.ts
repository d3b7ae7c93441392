/**
 * The incremental pull a sync runs (FACTS §6.1 #3, #7, #8): day-granular `_0`/`_1` filters, inclusive at both
 * ends, in the tenant's time zone. A PO changed at 23:59 and one at 00:01 the next day fall on either side of a
 * day boundary; a client whose windows do not overlap by a day misses a change made late in the day it last
 * synced, and one that overlaps sees it (de-duplicating on uuid). Users act through the sandbox admin
 * (requisition → approval → PO), and the change shows up in the API's modified window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcurifySandbox, ProcurifyTenantAdmin } from '../../../service/sandbox/procurify/index.ts';
import { connect, startProcurify, type Client } from './helpers.ts';
import { loadOas, type Oas } from './oas.ts';

const START_MS = Date.parse('2025-03-10T09:00:00Z');

function purchase(admin: ProcurifyTenantAdmin, item: string, vendor: string): number {
  const requisition = admin.createRequisition({
    requesterId: admin.lookup.user('dana.reyes@fabrikam-mfg.example'),
    departmentId: admin.lookup.department('Fargo Plant', 'Production'),
    description: item,
    lines: [{ name: item, quantity: '2', price: '10.00', accountCodeId: admin.lookup.accountCode('5100'), vendorId: admin.lookup.vendor(vendor) }],
  });
  admin.approveRequisition(requisition.order.id);
  return admin.createPurchaseOrder({ requisitionId: requisition.order.id }).procurifyPO;
}

const numbers = (body: { data: Array<{ procurify_PO: number }> }): number[] => body.data.map((p) => p.procurify_PO).sort((a, b) => a - b);

describe('procurify emulator: day-granular sync windows (UTC tenant)', () => {
  let sandbox: ProcurifySandbox;
  let api: Client;
  let oas: Oas;
  let lateOn10th: number;
  let earlyOn11th: number;

  beforeAll(async () => {
    oas = loadOas();
    sandbox = await startProcurify({ now: () => START_MS, tenants: [{ seed: 'reference' }] });
    api = await connect(sandbox);
    sandbox.admin.advanceClockTo('2025-03-10T23:59:00Z');
    lateOn10th = purchase(sandbox.admin, 'Steel plate', 'Midwest Steel Supply');
    sandbox.admin.advanceClockTo('2025-03-11T00:01:00Z');
    earlyOn11th = purchase(sandbox.admin, 'Bearings', 'Precision Bearings Co.');
  });
  afterAll(() => sandbox.stop());

  it('puts 23:59 and 00:01 on their own days, both ends inclusive', async () => {
    const on10th = await api.get('/api/v2/purchase_orders/purchased/all?modified_date_0=2025-03-10&modified_date_1=2025-03-10');
    expect(oas.errorsFor('POWithListPurchaseOrderDocs', on10th.body)).toEqual([]);
    expect(numbers(on10th.body)).toEqual([lateOn10th]);
    expect(on10th.body.data[0].last_modified).toBe('2025-03-10T23:59:00Z');
    expect(numbers((await api.get('/api/v2/purchase_orders/purchased/all?modified_date_0=2025-03-11&modified_date_1=2025-03-11')).body)).toEqual([earlyOn11th]);
    expect(numbers((await api.get('/api/v2/purchase_orders/purchased/all?modified_date_0=2025-03-10&modified_date_1=2025-03-11')).body)).toEqual([lateOn10th, earlyOn11th]);
    expect(numbers((await api.get('/api/v2/purchase_orders/purchased/all?modified_date_0=2025-03-11')).body)).toEqual([earlyOn11th]);
    expect(numbers((await api.get('/api/v2/purchase_orders/purchased/all?modified_date_1=2025-03-10')).body)).toEqual([lateOn10th]);
    expect(numbers((await api.get('/api/v2/purchase_orders/purchased/all?date_0=2025-03-11&date_1=2025-03-11')).body)).toEqual([earlyOn11th]);
  });

  it('shows why windows must overlap by a day: a change late on the last synced day is missed without overlap', async () => {
    // First run, during the 11th: everything modified on the 11th.
    const first = await api.getAll('/api/v2/purchase_orders/purchased/all?modified_date_0=2025-03-11&modified_date_1=2025-03-11');
    const seen = new Map(first.items.map((p) => [p.uuid as string, p.last_modified as string]));
    // A buyer revises a PO late that day, after the run.
    sandbox.admin.advanceClockTo('2025-03-11T23:58:30Z');
    sandbox.admin.revisePurchaseOrder(earlyOn11th, { comment: 'Expedite' });
    // Next run on the 12th.
    sandbox.admin.advanceClockTo('2025-03-12T06:00:00Z');
    api = await connect(sandbox); // the last token is more than 24 h old
    const noOverlap = await api.getAll('/api/v2/purchase_orders/purchased/all?modified_date_0=2025-03-12&modified_date_1=2025-03-12');
    expect(noOverlap.items).toEqual([]);
    const overlap = await api.getAll('/api/v2/purchase_orders/purchased/all?modified_date_0=2025-03-11&modified_date_1=2025-03-12');
    const changed = overlap.items.filter((p) => seen.get(p.uuid as string) !== p.last_modified);
    expect(changed.map((p) => p.procurify_PO)).toEqual([earlyOn11th]);
    expect(changed[0]?.last_modified).toBe('2025-03-11T23:58:30Z');
    expect(changed[0]?.comment).toBe('Expedite');
  });

  it('moves order items and requests into the modified windows as users act', async () => {
    sandbox.admin.advanceClockTo('2025-03-13T14:00:00Z');
    const { order, items } = sandbox.admin.createRequisition({
      departmentId: sandbox.admin.lookup.department('Dallas Plant', 'Maintenance'),
      description: 'Grease cartridges',
      lines: [{ name: 'Lithium grease cartridge', quantity: '24', price: '4.15', accountCodeId: sandbox.admin.lookup.accountCode('5200'), vendorId: sandbox.admin.lookup.vendor('Precision Bearings Co.') }],
    });
    api = await connect(sandbox);
    const pending = await api.get('/api/v2/global/orders?modified_date_0=2025-03-13&modified_date_1=2025-03-13');
    expect(oas.errorsFor('PaginatedOrderReadList', pending.body)).toEqual([]);
    expect(pending.body.data.map((o: { uuid: string; status: number }) => [o.uuid, o.status])).toEqual([[order.uuid, 0]]);
    expect((await api.get('/api/v3/order-items?approved_datetime_0=2025-03-13')).body.data).toEqual([]);

    sandbox.admin.advanceClockTo('2025-03-14T10:00:00Z');
    sandbox.admin.approveRequisition(order.id);
    api = await connect(sandbox);
    const approvedItems = await api.get('/api/v3/order-items?approved_datetime_0=2025-03-14&approved_datetime_1=2025-03-14');
    expect(oas.errorsFor('PaginatedOrderItemList', approvedItems.body)).toEqual([]);
    expect(approvedItems.body.data.map((i: { id: number }) => i.id)).toEqual(items.map((i) => i.id));
    expect(approvedItems.body.data[0]).toMatchObject({ status: 0, approved_quantity: '24.00000', approved_price: '4.15000000', purchase_order: null });
    expect((await api.get('/api/v2/global/orders?status=1&modified_date_0=2025-03-14')).body.data.map((o: { uuid: string }) => o.uuid)).toEqual([order.uuid]);

    sandbox.admin.advanceClockTo('2025-03-15T16:30:00Z');
    const po = sandbox.admin.createPurchaseOrder({ requisitionId: order.id });
    api = await connect(sandbox);
    const window = await api.get('/api/v2/purchase_orders/purchased/open?modified_date_0=2025-03-15&modified_date_1=2025-03-15');
    expect(numbers(window.body)).toEqual([po.procurifyPO]);
    const line = (await api.get('/api/v3/order-items?po_created_date_0=2025-03-15&po_created_date_1=2025-03-15')).body.data;
    expect(line).toHaveLength(1);
    expect(line[0]).toMatchObject({ purchase_order: po.procurifyPO, PO: [po.procurifyPO], status: 2, accountCode: '5200', last_modified: '2025-03-15T16:30:00Z' });
    expect((await api.get('/api/v2/global/orders?modified_date_0=2025-03-15')).body.data[0]).toMatchObject({ uuid: order.uuid, status: 3, purchasedCount: 1 });
  });
});

describe('procurify emulator: day windows in the tenant time zone', () => {
  let sandbox: ProcurifySandbox;
  let api: Client;

  beforeAll(async () => {
    sandbox = await startProcurify({ now: () => START_MS, tenants: [{ seed: 'reference', timeZone: 'America/Chicago' }] });
    api = await connect(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('cuts days at local midnight and renders the local offset', async () => {
    sandbox.admin.advanceClockTo('2025-03-10T23:59:00Z');
    const a = purchase(sandbox.admin, 'Steel plate', 'Midwest Steel Supply');
    sandbox.admin.advanceClockTo('2025-03-11T00:01:00Z');
    const b = purchase(sandbox.admin, 'Bearings', 'Precision Bearings Co.');
    sandbox.admin.advanceClockTo('2025-03-11T05:00:00Z');
    const c = purchase(sandbox.admin, 'Gloves', 'Northern Safety Supply');
    // 23:59Z and 00:01Z on the UTC boundary are 18:59 and 19:01 on 10 March in Chicago (CDT, UTC-5); 05:00Z is 00:00 on the 11th.
    const on10th = await api.get('/api/v2/purchase_orders/purchased/all?modified_date_0=2025-03-10&modified_date_1=2025-03-10');
    expect(numbers(on10th.body)).toEqual([a, b]);
    expect(on10th.body.data.map((p: { last_modified: string }) => p.last_modified).sort()).toEqual(['2025-03-10T18:59:00-05:00', '2025-03-10T19:01:00-05:00']);
    expect(numbers((await api.get('/api/v2/purchase_orders/purchased/all?modified_date_0=2025-03-11&modified_date_1=2025-03-11')).body)).toEqual([c]);
    sandbox.admin.setTimeZone('UTC');
    expect(numbers((await api.get('/api/v2/purchase_orders/purchased/all?modified_date_0=2025-03-11&modified_date_1=2025-03-11')).body)).toEqual([b, c]);
  });
});
