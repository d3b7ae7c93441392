import { afterEach, describe, expect, it } from 'vitest';
import { FLOWS, startReceivablesHarness, type ReceivablesHarness } from './receivables-harness.ts';

let h: ReceivablesHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function settle(h: ReceivablesHarness) {
  await h.run(FLOWS.receivablesOrders);
  await h.run(FLOWS.receivablesOpportunities);
}

function settlement(h: ReceivablesHarness, sobject: 'Order' | 'Opportunity', id: string) {
  const r = h.sf.records.get(sobject, id)!;
  return { status: r[h.f('ERP_Status__c')], invoiced: r[h.f('ERP_Total_Invoiced__c')], paid: r[h.f('ERP_Total_Paid__c')], balance: r[h.f('ERP_Balance__c')] };
}

describe('GP receivables → Salesforce Orders, Opportunities and ERP documents (emulators, real service)', () => {
  it('invoice → partial payment → full payment shows on the Order and the Opportunity in that order; a payment over two invoices adds up right', async () => {
    h = await startReceivablesHarness();
    await h.run(FLOWS.customers);
    const a = await h.salesforceOrder('CONTOSOL0001');
    const b = await h.salesforceOrder('CONTOSOL0001');

    h.postedInvoice(a.gpNumber, 'CONTOSOL0001', 1000);
    h.postedInvoice(b.gpNumber, 'CONTOSOL0001', 500);
    // An invoice of an order that did not come from Salesforce: not linked, skipped (no write, no park).
    h.postedInvoice('STDINV9001', 'CONTOSOL0001', 75);
    const first = await h.run(FLOWS.receivablesOrders);
    expect(first.stats).toMatchObject({ updated: 2, parked: 0 });
    await h.run(FLOWS.receivablesOpportunities);
    for (const [sobject, id] of [['Order', a.orderId], ['Opportunity', a.opportunityId]] as const) {
      expect(settlement(h, sobject, id)).toEqual({ status: 'Invoiced', invoiced: 1000, paid: 0, balance: 1000 });
    }

    h.gp.setClock({ advanceMs: 60_000 });
    h.payment('PMT0001', 'CONTOSOL0001', 400);
    h.rm.apply({ FromDocumentType: 9, FromDocumentNumber: 'PMT0001', ToDocumentType: 1, ToDocumentNumber: a.gpNumber, Amount: 400 });
    await settle(h);
    for (const [sobject, id] of [['Order', a.orderId], ['Opportunity', a.opportunityId]] as const) {
      expect(settlement(h, sobject, id)).toEqual({ status: 'Partially_Paid', invoiced: 1000, paid: 400, balance: 600 });
    }
    expect(settlement(h, 'Order', b.orderId)).toEqual({ status: 'Invoiced', invoiced: 500, paid: 0, balance: 500 });

    // One payment of 1,100 applied to both invoices: 600 settles A, 500 settles B.
    h.gp.setClock({ advanceMs: 60_000 });
    h.payment('PMT0002', 'CONTOSOL0001', 1100);
    h.rm.apply({ FromDocumentType: 9, FromDocumentNumber: 'PMT0002', ToDocumentType: 1, ToDocumentNumber: a.gpNumber, Amount: 600 });
    h.rm.apply({ FromDocumentType: 9, FromDocumentNumber: 'PMT0002', ToDocumentType: 1, ToDocumentNumber: b.gpNumber, Amount: 500 });
    await settle(h);
    for (const [sobject, id] of [['Order', a.orderId], ['Opportunity', a.opportunityId]] as const) {
      expect(settlement(h, sobject, id)).toEqual({ status: 'Paid', invoiced: 1000, paid: 1000, balance: 0 });
    }
    for (const [sobject, id] of [['Order', b.orderId], ['Opportunity', b.opportunityId]] as const) {
      expect(settlement(h, sobject, id)).toEqual({ status: 'Paid', invoiced: 500, paid: 500, balance: 0 });
    }
    // Fully paid documents stay Open in RM20101 (GP-DOMAIN §3) — and Paid Transaction Removal changes nothing in Salesforce.
    expect(h.rm.getPosted(1, a.gpNumber)).toMatchObject({ TransactionState: 'Open', CurrentAmount: 0 });
    expect(h.rm.removePaidTransactions('CONTOSOL0001').sort()).toEqual([a.gpNumber, b.gpNumber, 'PMT0001', 'PMT0002'].sort());
    h.gp.setClock({ advanceMs: 60_000 });
    const again = await h.run(FLOWS.receivablesOrders);
    expect(again.stats).toMatchObject({ updated: 0, created: 0, parked: 0 });
    expect(settlement(h, 'Order', a.orderId).status).toBe('Paid');

    // ERP documents: invoices and payments, keyed GP:<type>:<number>, related to Account and Order.
    await h.run(FLOWS.documents);
    const docs = new Map(h.sf.records.list('ERP_Document__c').map((d) => [d.Document_Key__c as string, d]));
    const account = h.sf.records.findByField('Account', 'GP_Customer_Number__c', 'CONTOSOL0001')[0]!;
    expect(docs.get(`GP:Invoice:${a.gpNumber}`)).toMatchObject({ Document_Type__c: 'Invoice', Status__c: 'Paid', Amount__c: 1000, Balance__c: 0, Order__c: a.orderId, Account__c: account.Id, Source_System__c: 'Dynamics_GP' });
    expect(docs.get('GP:Payment:PMT0002')).toMatchObject({ Document_Type__c: 'Payment', Status__c: 'Applied', Amount__c: 1100, Balance__c: 0, Applied_To__c: [a.gpNumber, b.gpNumber].sort().join(', '), Order__c: [a, b].sort((x, y) => x.gpNumber.localeCompare(y.gpNumber))[0]!.orderId });
    expect(docs.get('GP:Invoice:STDINV9001')).toMatchObject({ Status__c: 'Open', Order__c: null });
    expect(docs.get(`GP:Invoice:${a.gpNumber}`)!.Due_Date__c).toBe(addDays(h.gp.clock.localDate(), 30)); // CONTOSOL0001: Net 30
  });

  it('writes namespace-qualified package fields in a namespaced org', async () => {
    h = await startReceivablesHarness({ namespace: 'mlc' });
    await h.run(FLOWS.customers);
    const a = await h.salesforceOrder('AARONFIT0001');
    h.postedInvoice(a.gpNumber, 'AARONFIT0001', 250.5);
    await settle(h);
    const order = h.sf.records.get('Order', a.orderId)!;
    expect(order.mlc__ERP_Status__c).toBe('Invoiced');
    expect(order.mlc__ERP_Balance__c).toBe(250.5);
    expect(typeof order.mlc__ERP_Last_Synced_At__c).toBe('string');
    expect(settlement(h, 'Opportunity', a.opportunityId)).toEqual({ status: 'Invoiced', invoiced: 250.5, paid: 0, balance: 250.5 });
    await h.run(FLOWS.documents);
    expect(h.sf.records.findByField('mlc__ERP_Document__c', 'mlc__Document_Key__c', `GP:Invoice:${a.gpNumber}`)).toHaveLength(1);
  });
});

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
