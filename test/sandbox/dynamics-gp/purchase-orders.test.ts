import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSbaHarness, trim, type SbaHarness } from './sba-harness.ts';

const POS = 'Purchasing/PurchaseOrders';

const officeLines = [
  { ItemNumber: 'ACCS-CRD-12WH', Quantity: 10, UnitCost: 6.5, SiteId: 'WAREHOUSE' },
  { ItemNumber: 'TONER-X1', NonInventory: true, ItemDescription: 'Toner cartridge X1', Quantity: 3, UnitCost: 79.99, SiteId: 'NORTH', InventoryAccount: '000-6100-30' },
];

async function admin(h: SbaHarness, method: 'POST' | 'PUT', path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await request(`${h.gp.url}/_sandbox/companies/TWO/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
}

describe('GP emulator: Purchasing/PurchaseOrders', () => {
  let h: SbaHarness;

  beforeAll(async () => {
    h = await startSbaHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  describe('create and read', () => {
    it('creates a New PO readable by PONUMBER, with GP dates: CREATDDT = MODIFDT = DOCDATE, only LSTEDTDT is today', async () => {
      const res = await h.call('POST', POS, { PONumber: 'prc-1001', VendorId: 'ADVANCED0001', DocumentDate: '2026-04-20', RequiredDate: '2026-05-15', ConfirmWith: 'PROCURIFY 1001', Lines: officeLines });
      expect(res.status).toBe(201);
      const read = await h.call('GET', `${POS}(PRC-1001)`);
      expect(read.payload).toMatchObject({
        PONumber: 'PRC-1001'.padEnd(17),
        PurchaseOrderType: 1,
        Status: 1,
        StatusName: 'New',
        TransactionState: 'Work',
        VendorName: 'Advanced Office Systems'.padEnd(65),
        PaymentTermsId: 'Net 30'.padEnd(21),
        Subtotal: 304.97,
        DocumentDate: '2026-04-20T00:00:00',
        CreatedDate: '2026-04-20T00:00:00',
        ModifiedDate: '2026-04-20T00:00:00',
        LastEditDate: '2026-05-04T00:00:00',
        LastModifiedDate: '2026-05-04T15:00:00.000',
      });
      const lines = read.payload.Lines as unknown as Array<Record<string, unknown>>;
      expect(lines.map((l) => [l.LineNumber, trim(l.ItemNumber), l.ExtendedCost, trim(l.InventoryAccount), trim(l.UofM), l.RequiredDate])).toEqual([
        [16384, 'ACCS-CRD-12WH', 65, '000-1300-00', 'Each', '2026-05-15T00:00:00'],
        [32768, 'TONER-X1', 239.97, '000-6100-30', 'Each', '2026-05-15T00:00:00'],
      ]);
      expect(typeof lines[1]!.InventoryAccountIndex).toBe('number');
    });

    it('is found by its external reference (ConfirmWith) and by LastModifiedDate — not by ModifiedDate, which is the document date', async () => {
      const byRef = await h.list(POS, { $filter: "ConfirmWith eq 'PROCURIFY 1001'" });
      expect(byRef.payload.map((p) => trim(p.PONumber))).toEqual(['PRC-1001']);
      const byRowTs = await h.list(POS, { $filter: 'LastModifiedDate ge 2026-05-04T14:00:00Z' });
      expect(byRowTs.payload.map((p) => trim(p.PONumber))).toContain('PRC-1001');
      const byModified = await h.list(POS, { $filter: 'ModifiedDate ge 2026-05-01' });
      expect(byModified.payload.map((p) => trim(p.PONumber))).not.toContain('PRC-1001');
    });

    it('refuses a duplicate PONUMBER in work (220, HTTP 409) and after it was voided into history', async () => {
      const dup = await h.call('POST', POS, { PONumber: 'PRC-1001', VendorId: 'ADVANCED0001', Lines: officeLines });
      expect(dup.status).toBe(409);
      expect(dup.error?.Code).toBe('eConnect.220');
      expect(dup.error?.Message).toMatch(/^Sql procedure error codes returned:\nError Number = 220 {2}Stored Procedure taPoHdr {2}Error Description = The PO Number \(PONUMBER\) already exists/);
      expect((await h.call('POST', POS, { PONumber: 'PRC-VOID', VendorId: 'ADVANCED0001', Lines: officeLines })).status).toBe(201);
      const voided = await h.call('DELETE', `${POS}(PRC-VOID)`);
      expect(voided.payload).toMatchObject({ TransactionState: 'History', Status: 6 });
      expect((await h.call('GET', `${POS}(PRC-VOID)`)).payload).toMatchObject({ TransactionState: 'History' });
      expect((await h.call('POST', POS, { PONumber: 'prc-void', VendorId: 'ADVANCED0001', Lines: officeLines })).error?.Code).toBe('eConnect.220');
      const historyPatch = await h.call('PATCH', `${POS}(PRC-VOID)`, { ConfirmWith: 'x' });
      expect(historyPatch).toMatchObject({ status: 409, error: { Code: 'eConnect.8249' } });
      expect(historyPatch.error?.Message).toContain('is in history (POP30100)');
    });
  });

  describe('next PO number', () => {
    it('assigns the next number, skipping used ones and keeping the width; a refused PO consumes none', async () => {
      const first = await h.call('POST', POS, { VendorId: 'ADVANCED0001', Lines: officeLines });
      expect(trim(first.payload.PONumber)).toBe('PO2004'); // PO2003 (the stored next number) is taken by a seeded PO
      expect((await admin(h, 'PUT', 'purchasing-setup', { nextPoNumber: 'PO0098' })).body).toEqual({ nextPoNumber: 'PO0098' });
      const refused = await h.call('POST', POS, { VendorId: 'NOSUCHVE0001', Lines: officeLines });
      expect(refused.error?.Code).toBe('eConnect.490');
      expect(h.gp.purchasing.nextPoNumber()).toBe('PO0098');
      const a = await h.call('POST', POS, { VendorId: 'ADVANCED0001', Lines: officeLines });
      const b = await h.call('POST', POS, { VendorId: 'ADVANCED0001', Lines: officeLines });
      expect([trim(a.payload.PONumber), trim(b.payload.PONumber)]).toEqual(['PO0098', 'PO0099']);
      expect(h.gp.purchasing.nextPoNumber()).toBe('PO0100');
      h.gp.purchasing.setNextPoNumber('PO9');
      const full = await h.call('POST', POS, { VendorId: 'ADVANCED0001', Lines: officeLines });
      expect(full).toMatchObject({ status: 400, error: { Code: 'NextNumberExhausted' } });
      h.gp.purchasing.setNextPoNumber('PO3000');
    });
  });

  describe('taPoHdr / taPoLine rules', () => {
    const line = (extra: Record<string, unknown>) => [{ ItemNumber: 'ACCS-CRD-12WH', Quantity: 1, UnitCost: 6.5, SiteId: 'WAREHOUSE', ...extra }];
    it.each([
      [{ VendorId: 'NOSUCHVE0001', Lines: line({}) }, 490, 'Vendor ID (VENDORID) does not exist in the Vendor Master Table - PM00200'],
      [{ VendorId: 'OLDPAPER0001', Lines: [] }, 5416, 'is inactive'],
      [{ VendorId: '', Lines: line({}) }, 209, 'Required fields are blank (VENDORID)'],
      [{ VendorId: 'ADVANCED0001', PurchaseOrderType: 5, Lines: line({}) }, 491, 'PO Type (POTYPE) must be 1'],
      [{ VendorId: 'ADVANCED0001', PurchaseOrderType: 2, Lines: line({}) }, 6341, 'drop-ship PO needs a Customer Number'],
      [{ VendorId: 'ADVANCED0001', CustomerId: 'AARONFIT0001', Lines: line({}) }, 374, 'only allowed on a drop-ship PO'],
      [{ VendorId: 'ADVANCED0001', BuyerId: 'NOBODY', Lines: line({}) }, 269, 'Buyer ID (BUYERID)'],
      [{ VendorId: 'ADVANCED0001', Subtotal: 1, Lines: line({}) }, 370, 'does not match the line item totals'],
      [{ VendorId: 'ADVANCED0001', Lines: line({ ItemNumber: 'ACCS-HDS-1EAR' }) }, 397, 'not assigned to Vendor ID (VENDORID) ADVANCED0001'],
      [{ VendorId: 'BEAUMONT0001', Lines: line({ ItemNumber: 'PHON-ATH-5000' }) }, 11751, 'PHON-ATH-5000 is inactive'],
      [{ VendorId: 'ADVANCED0001', Lines: line({ ItemNumber: 'NOSUCHITEM' }) }, 304, 'does not exist in the Item Master Table - IV00101'],
      [{ VendorId: 'ADVANCED0001', Lines: line({ ItemNumber: '' }) }, 396, 'both empty'],
      [{ VendorId: 'ADVANCED0001', Lines: line({ NonInventory: true, ItemNumber: 'ACCS-CRD-12WH' }) }, 5466, 'exists in the Item Master Table'],
      [{ VendorId: 'ADVANCED0001', Lines: line({ NonInventory: true, ItemNumber: '' }) }, 246, 'non-inventory line is empty'],
      [{ VendorId: 'ADVANCED0001', Lines: line({ SiteId: '' }) }, 254, 'Site ID (LOCNCODE) is empty'],
      [{ VendorId: 'ADVANCED0001', Lines: line({ SiteId: 'MOON' }) }, 256, 'Site ID (LOCNCODE) MOON does not exist'],
      [{ VendorId: 'ADVANCED0001', Lines: line({ UofM: 'Case' }) }, 4599, 'Unit of Measure (UOFM) Case'],
      [{ VendorId: 'ADVANCED0001', Lines: line({ InventoryAccount: '999-9999-99' }) }, 442, 'Inventory Account (ACTNUMST) 999-9999-99 does not exist'],
      [{ VendorId: 'ADVANCED0001', Lines: line({ InventoryAccountIndex: 99999 }) }, 443, 'Inventory Account Index (IVIVINDX) 99999'],
      [{ VendorId: 'ADVANCED0001', Lines: line({ InventoryAccount: '000-6190-30' }) }, 91052, 'is inactive'],
      [{ VendorId: 'ADVANCED0001', Lines: line({ UnitCost: 6.505 }) }, 6621, 'Unit Cost (UNITCOST) has more decimal places'],
      [{ VendorId: 'ADVANCED0001', Lines: line({ Quantity: -1 }) }, 91050, 'Quantity Ordered (QTYORDER) cannot be negative'],
    ])('refuses %j with eConnect error %i', async (payload, number, text) => {
      const res = await h.call('POST', POS, { PONumber: 'ERR-PO', ...payload });
      expect(res.status).toBe(400);
      expect(res.error?.Code).toBe(`eConnect.${number}`);
      expect(res.error?.Message).toContain(text);
      expect((await h.call('GET', `${POS}(ERR-PO)`)).status).toBe(404);
    });

    it.each([
      [{ PONumber: 'P'.repeat(18), VendorId: 'ADVANCED0001' }, 'PONumber (PONUMBER) is 18 characters long; GP accepts at most 17'],
      [{ VendorId: 'ADVANCED0001', Lines: [{ ItemNumber: 'I'.repeat(31) }] }, 'PurchaseOrder.Lines[0].ItemNumber (ITEMNMBR) is 31 characters long; GP accepts at most 30'],
      [{ VendorId: 'ADVANCED0001', Lines: [{ Quantity: '3' }] }, 'PurchaseOrder.Lines[0].Quantity (QTYORDER) must be a number'],
      [{ VendorId: 'ADVANCED0001', Lines: [{ InventoryAccountIndex: 'x' }] }, 'PurchaseOrder.Lines[0].InventoryAccountIndex (IVIVINDX) must be a positive integer'],
      [{ VendorId: 'ADVANCED0001', DocumentDate: '2026-05-04T10:00:00' }, 'PurchaseOrder.DocumentDate (DOCDATE) must be a date (YYYY-MM-DD) with no time of day'],
      [{ VendorId: 'ADVANCED0001', Status: 2 }, 'PurchaseOrder.Status is read-only'],
      [{ VendorId: 'ADVANCED0001', Reference: 'x' }, 'PurchaseOrder has no property "Reference"'],
    ])('refuses %j naming the field', async (payload, message) => {
      const res = await h.call('POST', POS, payload);
      expect(res.status).toBe(400);
      expect(res.error?.Code).toBe('ValidationFailed');
      expect(res.error?.Message).toContain(message);
    });

    it('accepts a Temporary vendor and a drop-ship PO for an existing customer', async () => {
      expect((await h.call('POST', POS, { PONumber: 'PRC-TEMP', VendorId: 'TEMPCONT0001', Lines: [{ ItemNumber: 'SVC-HOURS', NonInventory: true, Quantity: 8, UnitCost: 95, SiteId: 'WAREHOUSE' }] })).status).toBe(201);
      const drop = await h.call('POST', POS, { PONumber: 'PRC-DROP', PurchaseOrderType: 2, CustomerId: 'AARONFIT0001', VendorId: 'ADVANCED0001', Lines: officeLines.slice(0, 1) });
      expect(drop.payload).toMatchObject({ PurchaseOrderType: 2, CustomerId: 'AARONFIT0001'.padEnd(15) });
    });
  });

  describe('update only while New; a GP user releases, receives, closes', () => {
    it('PATCHes a New PO (lines replaced, subtotal recomputed), refuses it once released (8249) and refuses a void (3848)', async () => {
      expect((await h.call('POST', POS, { PONumber: 'PRC-2001', VendorId: 'ADVANCED0001', DocumentDate: '2026-04-28', Lines: officeLines })).status).toBe(201);
      h.gp.setClock({ advanceMs: 86_400_000 });
      const changed = await h.call('PATCH', `${POS}(PRC-2001)`, { Lines: [{ ItemNumber: 'ACCS-CRD-25BK', Quantity: 4, UnitCost: 9.75, SiteId: 'WAREHOUSE' }] });
      expect(changed.payload).toMatchObject({ Subtotal: 39, ModifiedDate: '2026-04-28T00:00:00', LastEditDate: '2026-05-05T00:00:00', LastModifiedDate: '2026-05-05T15:00:00.000' });
      expect((await h.call('PATCH', `${POS}(PRC-2001)`, { PONumber: 'PRC-2002' })).error?.Message).toContain('cannot be changed');
      expect((await admin(h, 'POST', 'purchase-orders/PRC-2001/release')).body).toMatchObject({ Status: 2, StatusName: 'Released' });
      const refused = await h.call('PATCH', `${POS}(PRC-2001)`, { ConfirmWith: 'late change' });
      expect(refused.status).toBe(409);
      expect(refused.error?.Code).toBe('eConnect.8249');
      expect(refused.error?.Message).toContain('has status 2 (Released); it can only be changed in status 1 New');
      const voidRefused = await h.call('DELETE', `${POS}(PRC-2001)`);
      expect(voidRefused).toMatchObject({ status: 409, error: { Code: 'eConnect.3848' } });
      expect(voidRefused.error?.Message).toContain('Stored Procedure taPopPoVoid');
      expect((await h.call('GET', `${POS}(PRC-2001)`)).payload).toMatchObject({ Status: 2, ConfirmWith: ''.padEnd(21) });
    });

    it('receives, closes and removes a completed PO into history; received POs cannot be canceled', async () => {
      expect((await admin(h, 'POST', 'purchase-orders/PRC-2001/receive', {})).body).toMatchObject({ Status: 4, StatusName: 'Received' });
      expect((await admin(h, 'POST', 'purchase-orders/PRC-2001/cancel')).body).toMatchObject({ Error: { Code: 'InvalidStatus' } });
      expect((await h.call('PATCH', `${POS}(PRC-2001)`, { ConfirmWith: 'x' })).error?.Code).toBe('eConnect.8249');
      expect((await admin(h, 'POST', 'purchase-orders/PRC-2001/close')).body).toMatchObject({ Status: 5 });
      expect((await admin(h, 'POST', 'purchase-orders/remove-completed')).body).toEqual({ removed: ['PRC-2001'] });
      expect((await h.call('GET', `${POS}(PRC-2001)`)).payload).toMatchObject({ TransactionState: 'History', Status: 5 });
      const lines = (await h.call('GET', `${POS}(PRC-2001)`)).payload.Lines as unknown as Array<Record<string, unknown>>;
      expect(lines[0]).toMatchObject({ QuantityReceived: 4, LineStatus: 5 });
    });

    it('refuses a receipt while the Purchasing period of the receipt date is closed, naming the period', async () => {
      expect((await h.call('POST', POS, { PONumber: 'PRC-3001', VendorId: 'ADVANCED0001', Lines: officeLines })).status).toBe(201);
      await admin(h, 'POST', 'purchase-orders/PRC-3001/release');
      const close = await request(`${h.gp.url}/_sandbox/companies/TWO/fiscal-periods/2026/5`, { method: 'PUT', body: JSON.stringify({ series: 'purchasing', closed: true }) });
      expect(close.statusCode).toBe(200);
      await close.body.dump();
      try {
        const refused = await admin(h, 'POST', 'purchase-orders/PRC-3001/receive', { date: '2026-05-05' });
        expect(refused.status).toBe(409);
        expect(refused.body).toMatchObject({ Error: { Code: 'PostingFailed' } });
        expect(JSON.stringify(refused.body)).toContain('May 2026 (period 5, 2026-05-01..2026-05-31) is closed for the Purchasing series');
        // eConnect never reads the calendar: a new PO dated in the closed period is still accepted.
        expect((await h.call('POST', POS, { PONumber: 'PRC-3002', VendorId: 'ADVANCED0001', DocumentDate: '2026-05-05', Lines: officeLines })).status).toBe(201);
        // The April receipt goes through.
        expect((await admin(h, 'POST', 'purchase-orders/PRC-3001/receive', { date: '2026-04-30' })).body).toMatchObject({ Status: 4 });
      } finally {
        h.gp.documents.setFiscalPeriod({ year: 2026, periodId: 5, series: 'purchasing', closed: false });
      }
    });
  });
});

describe('GP emulator: purchase orders with eConnect’s own update rule (patchableStatuses [1, 2, 3])', () => {
  it('lets a Released PO change (it becomes a Change Order) and still refuses a Received one', async () => {
    const h = await startSbaHarness({ purchasing: { patchableStatuses: [1, 2, 3] } });
    try {
      h.gp.purchasing.releasePurchaseOrder('PO2001');
      const changed = await h.call('PATCH', `${POS}(PO2001)`, { ConfirmWith: 'changed' });
      expect(changed.payload).toMatchObject({ Status: 3, StatusName: 'Change Order' });
      expect((await h.call('PATCH', `${POS}(PO2003)`, { ConfirmWith: 'x' })).error?.Code).toBe('eConnect.8249');
    } finally {
      await h.close();
    }
  });
});
