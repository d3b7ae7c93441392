import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRetry } from '../../../service/src/engine/retry.ts';
import type { WriteItem, WriteResult } from '../../../service/src/engine/types.ts';
import { createMasterDataWriter } from '../../../service/src/connectors/business-central/writers/master-data-writer.ts';
import { createSalesDocumentWriter } from '../../../service/src/connectors/business-central/writers/sales-document-writer.ts';
import type { ConnectorError } from '../../../service/src/lib/errors.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import type { BcSandbox } from '../../../service/sandbox/business-central/index.ts';
import { bcClient, startBc } from './helpers.ts';

const logger = silentLogger();
const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1_000 };

function okResult(r: WriteResult | undefined): { targetId: string; created: boolean } {
  if (!r?.ok) throw new Error(`expected ok, got ${r ? r.error.message : 'nothing'}`);
  return r;
}
function errResult(r: WriteResult | undefined): ConnectorError {
  if (!r || r.ok) throw new Error('expected an error result');
  return r.error;
}

function order(key: string, lines: Array<[string, number, number?]>, customerNumber = 'ACME'): WriteItem {
  return {
    sourceId: `801${key}`,
    key,
    fields: {
      customerNumber,
      orderDate: '2025-03-01',
      salesOrderLines: lines.map(([item, quantity, unitPrice]) => ({ lineObjectNumber: item, quantity, ...(unitPrice === undefined ? {} : { unitPrice }) })),
    },
  };
}

describe('business central writers', () => {
  let sandbox: BcSandbox;
  beforeAll(async () => {
    sandbox = await startBc();
    sandbox.admin.createRecord('customers', { number: 'ACME', displayName: 'Acme Corp' });
    sandbox.admin.createRecord('items', { number: 'WIDGET', displayName: 'Widget', unitPrice: 10 });
    sandbox.admin.createRecord('items', { number: 'GADGET', displayName: 'Gadget', unitPrice: 25 });
  });
  afterAll(() => sandbox.stop());

  const customersNumbered = (n: string) => sandbox.admin.listRecords('customers').filter((c) => c.number === n);
  const ordersKeyed = (k: string) => sandbox.admin.listRecords('salesOrders').filter((o) => o.externalDocumentNumber === k);

  describe('customers and items (matched on number)', () => {
    it('creates, then leaves unchanged records alone, then patches what changed', async () => {
      const writer = createMasterDataWriter(bcClient(sandbox), 'customers', { logger });
      const items: WriteItem[] = [
        { sourceId: '001A', key: 'sf-100', fields: { displayName: 'Hundred Inc', city: 'Boston', email: null } },
        { sourceId: '001B', key: 'SF-200', fields: { displayName: 'Two Hundred LLC', country: 'us' } },
      ];
      const created = await writer.write(items);
      expect(created.map((r) => okResult(r).created)).toEqual([true, true]);
      expect(customersNumbered('SF-100')).toHaveLength(1);
      expect(customersNumbered('SF-200')[0]?.country).toBe('US');

      sandbox.admin.resetCounters();
      const again = await writer.write(items);
      expect(again.map((r) => okResult(r).created)).toEqual([false, false]);
      expect(sandbox.admin.counters().byLabel['POST $batch']).toBeUndefined();

      const changed = await writer.write([{ ...items[0], fields: { displayName: 'Hundred Inc', city: 'Cambridge' } } as WriteItem]);
      expect(okResult(changed[0]).targetId).toBe(customersNumbered('SF-100')[0]?.id);
      expect(customersNumbered('SF-100')[0]?.city).toBe('Cambridge');
    });

    it('never makes a second customer when a create is retried after its response was lost', async () => {
      const writer = createMasterDataWriter(bcClient(sandbox), 'customers', { logger });
      const item: WriteItem = { sourceId: '001C', key: 'LOST-1', fields: { displayName: 'Lost Response Ltd' } };
      sandbox.admin.faults.loseResponseNext({ match: 'POST $batch' });
      let attempts = 0;
      const results = await withRetry(
        () => {
          attempts++;
          return writer.write([item]);
        },
        FAST_RETRY,
        { sleep: async () => {} },
      );
      expect(attempts).toBe(2);
      expect(okResult(results[0]).created).toBe(false);
      expect(customersNumbered('LOST-1')).toHaveLength(1);
    });

    it('writes two source records with the same number in order, and names fields BC will not take', async () => {
      const writer = createMasterDataWriter(bcClient(sandbox), 'items', { logger });
      const results = await writer.write([
        { sourceId: '01tA', key: 'DUO', fields: { displayName: 'first' } },
        { sourceId: '01tB', key: 'DUO', fields: { displayName: 'second' } },
        { sourceId: '01tC', key: 'BAD', fields: { displayName: 'bad', colour: 'red', inventory: 4 } },
      ]);
      expect(okResult(results[0]).created).toBe(true);
      expect(okResult(results[1]).created).toBe(false);
      expect(sandbox.admin.listRecords('items').filter((i) => i.number === 'DUO')).toMatchObject([{ displayName: 'second' }]);
      const bad = errResult(results[2]);
      expect(bad.category).toBe('validation');
      expect(bad.fields).toEqual(['colour', 'inventory']);
    });
  });

  describe('sales orders (matched on externalDocumentNumber)', () => {
    it('creates orders with their lines in a few $batch calls', async () => {
      const writer = createSalesDocumentWriter(bcClient(sandbox), 'salesOrders', {}, { logger });
      sandbox.admin.resetCounters();
      const results = await writer.write([order('00000101', [['WIDGET', 2], ['GADGET', 1, 20]]), order('00000102', [['widget', 5], ['GADGET', 1], ['WIDGET', 1]])]);
      expect(results.map((r) => okResult(r).created)).toEqual([true, true]);
      expect(sandbox.admin.counters().byLabel['POST $batch']).toBe(2);
      const [o1] = ordersKeyed('00000101');
      expect(o1).toMatchObject({ customerNumber: 'ACME', status: 'Draft', totalAmountExcludingTax: 40 });
      const lines = sandbox.admin.listRecords('salesOrderLines').filter((l) => l.documentId === o1?.id);
      expect(lines.map((l) => [l.sequence, l.lineObjectNumber, l.quantity])).toEqual([
        [10000, 'WIDGET', 2],
        [20000, 'GADGET', 1],
      ]);
    });

    it('refuses an order whose line item does not exist in BC, naming it, and writes nothing for it', async () => {
      const writer = createSalesDocumentWriter(bcClient(sandbox), 'salesOrders', {}, { logger });
      const [res] = await writer.write([order('00000103', [['WIDGET', 1], ['SPROCKET-9', 3]])]);
      const err = errResult(res);
      expect(err.category).toBe('validation');
      expect(err.code).toBe('ITEM_NOT_FOUND');
      expect(err.message).toContain('salesOrderLines[1]: item "SPROCKET-9" does not exist');
      expect(ordersKeyed('00000103')).toHaveLength(0);
      const [noCustomer] = await writer.write([order('00000104', [['WIDGET', 1]], 'NOBODY')]);
      expect(errResult(noCustomer).message).toContain('customer "NOBODY" does not exist');
    });

    it('updates a Draft order in place, and never touches a released one', async () => {
      const writer = createSalesDocumentWriter(bcClient(sandbox), 'salesOrders', {}, { logger });
      sandbox.admin.resetCounters();
      expect(okResult((await writer.write([order('00000101', [['WIDGET', 2], ['GADGET', 1, 20]])]))[0]).created).toBe(false);
      expect(sandbox.admin.counters().byLabel['POST $batch']).toBeUndefined();

      await writer.write([order('00000101', [['WIDGET', 4]])]);
      const [o1] = ordersKeyed('00000101');
      expect(sandbox.admin.listRecords('salesOrderLines').filter((l) => l.documentId === o1?.id).map((l) => [l.lineObjectNumber, l.quantity])).toEqual([['WIDGET', 4]]);

      sandbox.admin.setOrderStatus(String(o1?.id), 'Open');
      expect(okResult((await writer.write([order('00000101', [['WIDGET', 4]])]))[0]).created).toBe(false);
      const err = errResult((await writer.write([order('00000101', [['WIDGET', 9]])]))[0]);
      expect(err).toMatchObject({ category: 'conflict', code: 'DOCUMENT_NOT_EDITABLE' });
      expect(sandbox.admin.listRecords('salesOrderLines').filter((l) => l.documentId === o1?.id).map((l) => l.quantity)).toEqual([4]);
    });

    it('does not create an order again once BC has invoiced it', async () => {
      const writer = createSalesDocumentWriter(bcClient(sandbox), 'salesOrders', {}, { logger });
      const [o2] = ordersKeyed('00000102');
      const invoice = sandbox.admin.shipAndInvoiceOrder(String(o2?.id));
      expect(invoice).toMatchObject({ status: 'Open', externalDocumentNumber: '00000102' });
      const err = errResult((await writer.write([order('00000102', [['WIDGET', 6]])]))[0]);
      expect(err).toMatchObject({ category: 'conflict', code: 'DOCUMENT_ALREADY_INVOICED' });
      expect(ordersKeyed('00000102')).toHaveLength(0);
    });

    it('completes an order whose create response was lost, without a duplicate', async () => {
      const writer = createSalesDocumentWriter(bcClient(sandbox), 'salesOrders', {}, { logger });
      sandbox.admin.faults.loseResponseNext({ match: 'POST $batch' });
      const results = await withRetry(() => writer.write([order('00000105', [['WIDGET', 1], ['GADGET', 2]])]), FAST_RETRY, { sleep: async () => {} });
      okResult(results[0]);
      const orders = ordersKeyed('00000105');
      expect(orders).toHaveLength(1);
      expect(sandbox.admin.listRecords('salesOrderLines').filter((l) => l.documentId === orders[0]?.id)).toHaveLength(2);
    });
  });

  it('creates and posts sales invoices when configured (Draft → Open via Microsoft.NAV.post)', async () => {
    const writer = createSalesDocumentWriter(bcClient(sandbox), 'salesInvoices', { post: true }, { logger });
    const item: WriteItem = { sourceId: '801X', key: 'INV-SF-1', fields: { customerNumber: 'ACME', salesInvoiceLines: [{ lineObjectNumber: 'GADGET', quantity: 2 }] } };
    const [res] = await writer.write([item]);
    const { targetId } = okResult(res);
    expect(sandbox.admin.getRecord('salesInvoices', targetId)).toMatchObject({ status: 'Open', remainingAmount: 50, number: expect.stringMatching(/^PS-INV/) });
    expect(okResult((await writer.write([item]))[0]).created).toBe(false);
  });
});
