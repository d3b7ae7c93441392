/**
 * Seed 003 end to end: a won Salesforce order becomes a BC sales order with resolved lines; BC's order, invoice
 * and payment status come back onto the Salesforce Order, Account and ERP documents through webhooks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BC_SALES_ORDERS_TO_SF_ORDERS,
  SF_ACCOUNTS_TO_BC_CUSTOMERS,
  SF_ORDERS_TO_BC_SALES_ORDERS,
  SF_PRODUCTS_TO_BC_ITEMS,
} from '../../../service/src/flows/bc-salesforce/flow-ids.ts';
import { seedDeal, startBcHarness, type BcHarness } from './harness.ts';

type Row = Record<string, unknown>;

describe('BC ↔ Salesforce: a won order, invoiced and paid', () => {
  let h: BcHarness;
  beforeAll(async () => {
    h = await startBcHarness();
    const ensured = await h.service.push.upkeep('bc');
    expect(ensured?.health.every((x) => x.ok && x.action === 'created')).toBe(true);
    await h.workJobs();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const bcRows = (set: string) => h.bc.admin.listRecords(set);
  const bcOrder = (externalNo: unknown) => bcRows('salesOrders').find((o) => o.externalDocumentNumber === externalNo);

  it('turns an activated Salesforce order into a BC sales order with its customer and item lines resolved', async () => {
    const deal = seedDeal(h.sf, { customerNumber: 'c-100', items: [{ number: 'desk-1', qty: 2, price: 500 }, { number: 'lamp-2', qty: 3, price: 40 }] });
    // A draft order is not a closed deal: never sent.
    h.sf.records.create('Order', { AccountId: deal.account.Id, EffectiveDate: '2026-03-02', Status: 'Draft' });

    await h.runUntil(SF_PRODUCTS_TO_BC_ITEMS, () => bcRows('items').length === 2);
    await h.runUntil(SF_ACCOUNTS_TO_BC_CUSTOMERS, () => bcRows('customers').length === 1);
    const customer = bcRows('customers')[0] as Row;
    expect(customer).toMatchObject({ number: 'C-100', displayName: 'Account c-100', city: 'Seattle', email: 'buyer-c-100@example.com' });
    await h.runUntil(SF_ORDERS_TO_BC_SALES_ORDERS, () => bcOrder(deal.order.OrderNumber) !== undefined);

    const order = bcOrder(deal.order.OrderNumber) as Row;
    expect(order).toMatchObject({ customerNumber: 'C-100', orderDate: '2026-03-02', status: 'Draft' });
    const lines = bcRows('salesOrderLines').filter((l) => l.documentId === order.id).sort((a, b) => Number(a.sequence) - Number(b.sequence));
    expect(lines.map((l) => [l.lineObjectNumber, l.quantity, l.unitPrice])).toEqual([
      ['DESK-1', 2, 500],
      ['LAMP-2', 3, 40],
    ]);
    expect(bcRows('salesOrders')).toHaveLength(1);

    // BC notifies the new order; the webhook queues a sync; the Salesforce Order gets BC's number and status.
    await h.deliverAndWork();
    const sfOrder = h.sf.records.get('Order', String(deal.order.Id)) as Row;
    expect(sfOrder).toMatchObject({ BC_Order_Id__c: order.id, BC_Order_Number__c: order.number, ERP_Status__c: 'Open' });
    const audit = await h.store.audit.query({ flowId: BC_SALES_ORDERS_TO_SF_ORDERS, outcome: 'updated' });
    expect(audit.map((a) => a.sourceId)).toContain(order.id);
  });

  it('parks an order whose product has no BC item, naming the product, and writes it on replay after the item flow', async () => {
    const deal = seedDeal(h.sf, { customerNumber: 'c-200', items: [{ number: 'desk-1', qty: 1, price: 500 }, { number: null, qty: 5, price: 9 }] });
    const unlisted = deal.products[1] as Row;
    await h.runUntil(SF_ACCOUNTS_TO_BC_CUSTOMERS, () => bcRows('customers').some((c) => c.number === 'C-200'));
    await h.runUntil(SF_ORDERS_TO_BC_SALES_ORDERS, async () => (await h.store.parked.list({ flowId: SF_ORDERS_TO_BC_SALES_ORDERS, status: 'parked' })).length === 1);

    const [parked] = await h.store.parked.list({ flowId: SF_ORDERS_TO_BC_SALES_ORDERS, status: 'parked' });
    expect(parked?.sourceId).toBe(deal.order.Id);
    expect(parked?.category).toBe('validation');
    expect(parked?.reason).toContain(`salesOrderLines[1].lineObjectNumber: no Business Central item for Product2Id "${String(unlisted.Id)}"`);
    expect(bcOrder(deal.order.OrderNumber)).toBeUndefined();

    // The product gets its BC item number; the item flow runs; the parked order replays.
    h.sf.records.update('Product2', String(unlisted.Id), { BC_Item_Number__c: 'cable-9' });
    await h.runUntil(SF_PRODUCTS_TO_BC_ITEMS, () => bcRows('items').some((i) => i.number === 'CABLE-9'));
    const [replayed] = await h.service.engine.replay({ flowId: SF_ORDERS_TO_BC_SALES_ORDERS });
    expect(replayed?.outcome).toBe('created');
    const order = bcOrder(deal.order.OrderNumber) as Row;
    expect(bcRows('salesOrderLines').filter((l) => l.documentId === order.id).map((l) => l.lineObjectNumber).sort()).toEqual(['CABLE-9', 'DESK-1']);
  });

  it('shows the invoice posted in BC, then its payment, on the Salesforce Order, Account and ERP documents', async () => {
    const deal = seedDeal(h.sf, { customerNumber: 'c-300', items: [{ number: 'chair-3', qty: 4, price: 250 }] });
    await h.runUntil(SF_PRODUCTS_TO_BC_ITEMS, () => bcRows('items').some((i) => i.number === 'CHAIR-3'));
    await h.runUntil(SF_ACCOUNTS_TO_BC_CUSTOMERS, () => bcRows('customers').some((c) => c.number === 'C-300'));
    await h.runUntil(SF_ORDERS_TO_BC_SALES_ORDERS, () => bcOrder(deal.order.OrderNumber) !== undefined);
    await h.deliverAndWork();
    const order = bcOrder(deal.order.OrderNumber) as Row;

    // A BC user ships and invoices the order: BC posts the invoice (Open, 1000 to pay) and removes the order.
    const invoice = h.bc.admin.shipAndInvoiceOrder(String(order.id));
    expect(invoice).toMatchObject({ status: 'Open', remainingAmount: 1000 });
    await h.deliverAndWork();
    expect(h.sf.records.get('Order', String(deal.order.Id))).toMatchObject({ ERP_Status__c: 'Invoiced', ERP_Total_Invoiced__c: 1000, ERP_Total_Paid__c: 0, ERP_Balance__c: 1000 });
    const key = `BC:Invoice:${String(invoice.number)}`;
    expect(h.sf.records.findByField('ERP_Document__c', 'Document_Key__c', key)[0]).toMatchObject({
      Document_Type__c: 'Invoice',
      Source_System__c: 'Business_Central',
      Status__c: 'Open',
      Amount__c: 1000,
      Balance__c: 1000,
      Account__c: deal.account.Id,
      Order__c: deal.order.Id,
    });
    expect(h.sf.records.get('Account', String(deal.account.Id))).toMatchObject({ ERP_Balance__c: 1000 });

    // The customer pays in full: the invoice becomes Paid.
    h.bc.admin.registerPayment({ invoiceId: String(invoice.id), amount: 1000 });
    await h.deliverAndWork();
    expect(h.sf.records.get('Order', String(deal.order.Id))).toMatchObject({ ERP_Status__c: 'Paid', ERP_Total_Paid__c: 1000, ERP_Balance__c: 0 });
    expect(h.sf.records.findByField('ERP_Document__c', 'Document_Key__c', key)[0]).toMatchObject({ Status__c: 'Paid', Balance__c: 0 });
    expect(h.sf.records.get('Account', String(deal.account.Id))).toMatchObject({ ERP_Balance__c: 0 });
    // Financial postings stay in BC: nothing but package documents was written.
    expect(h.sf.records.list('ERP_Document__c').every((d) => d.Document_Type__c === 'Invoice' || d.Document_Type__c === 'Payment')).toBe(true);
  });
});
