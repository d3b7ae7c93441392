import { afterEach, describe, expect, it } from 'vitest';
import { accountFor, createOrder, CUSTOMERS, ORDERS, sopDocs, startOrdersHarness, today, type OrdersHarness } from './orders-harness.ts';

let h: OrdersHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const orderNumber = (o: Record<string, unknown>) => String(o.OrderNumber);
const gpNumber = (o: Record<string, unknown>) => `SF${orderNumber(o)}`;

async function linkedHarness(template?: Parameters<typeof startOrdersHarness>[0]): Promise<OrdersHarness> {
  const harness = await startOrdersHarness(template);
  const r = await harness.run(CUSTOMERS);
  if (!('status' in r) || r.status !== 'succeeded') throw new Error('customer flow failed');
  return harness;
}

describe('Salesforce Orders → GP Work documents, end to end (REST + Pub/Sub + GP emulators, the real service)', () => {
  it('an activated Order with OrderItems arrives in GP as an unposted sales order; a Draft order does not; politeness holds', async () => {
    h = await linkedHarness();
    const aaron = accountFor(h.sf, 'AARONFIT0001');
    const draft = createOrder(h.sf, { accountId: aaron.Id as string, lines: [{ item: 'ACCS-CRD-12WH', qty: 1, price: 10.95 }], activate: false });
    const order = createOrder(h.sf, {
      accountId: aaron.Id as string,
      poNumber: 'po-4471',
      lines: [
        { item: 'ACCS-CRD-12WH', qty: 3, price: 10.95 },
        { item: 'ACCS-HDS-1EAR', qty: 2, price: 49.95 },
      ],
    });
    h.gp.resetCounters();
    await h.runUntil(ORDERS, () => sopDocs(h!.gp).length > 0);
    const doc = h.gp.documents.getSalesDocument(2, gpNumber(order))!;
    expect(doc).toMatchObject({ SopType: 2, DocumentId: expect.stringMatching(/^STDORD\s*$/), TransactionState: 'Work', Subtotal: 132.75, DocumentDate: `${today()}T00:00:00` });
    expect(String(doc.CustomerId).trim()).toBe('AARONFIT0001');
    expect(String(doc.CustomerPONumber).trim()).toBe('PO-4471');
    expect((doc.Lines as Array<Record<string, unknown>>).map((l) => [String(l.ItemNumber).trim(), l.Quantity, l.ExtendedPrice, String(l.SalesAccount).trim()])).toEqual([
      ['ACCS-CRD-12WH', 3, 32.85, '000-4100-00'],
      ['ACCS-HDS-1EAR', 2, 99.9, '000-4100-00'],
    ]);
    expect(h.gp.documents.getSalesDocument(2, gpNumber(draft))).toBeUndefined();
    const politeness = h.gp.counters().politeness;
    expect(politeness.concurrencyViolations).toBe(0);
    expect(politeness.spacingViolations).toBe(0);
    const audit = await h.store.audit.query({ flowId: ORDERS, recordId: order.Id as string });
    expect(audit.map((a) => a.outcome)).toEqual(['created']);
  });
});

describe('Salesforce Orders → GP: parking, replay, refusals, idempotency (end to end)', () => {
  it('an order for an Account with no GP customer is parked, and replays once the customer flow links it', async () => {
    h = await startOrdersHarness();
    // An Account keyed by a GP customer number the customer flow has not synced yet: no link.
    const account = h.sf.records.create('Account', { Name: 'Contoso (entered in Salesforce)', GP_Customer_Number__c: 'CONTOSOL0001' });
    const order = createOrder(h.sf, { accountId: account.Id as string, lines: [{ item: 'ACCS-CRD-25BK', qty: 2, price: 15.95 }] });
    await h.runUntil(ORDERS, async () => (await h!.store.parked.count({ flowId: ORDERS })) === 1);
    const [parked] = await h.store.parked.list({ flowId: ORDERS, status: 'parked' });
    expect(parked).toMatchObject({ sourceId: order.Id, category: 'validation' });
    expect(parked!.reason).toContain(`no GP customer for AccountId "${String(account.Id)}"`);
    expect(sopDocs(h.gp)).toHaveLength(0);

    // Replay before the link exists: still parked, nothing written.
    expect((await h.replay()).results).toEqual([expect.objectContaining({ sourceId: order.Id, outcome: 'parked' })]);
    expect(sopDocs(h.gp)).toHaveLength(0);

    // The customer flow upserts CONTOSOL0001 onto that Account (External Id) and links it; replay then writes.
    expect(await h.run(CUSTOMERS)).toMatchObject({ status: 'succeeded' });
    expect((await h.replay()).results).toEqual([expect.objectContaining({ sourceId: order.Id, outcome: 'created' })]);
    const doc = h.gp.documents.getSalesDocument(2, gpNumber(order))!;
    expect(String(doc.CustomerId).trim()).toBe('CONTOSOL0001');
    expect(await h.store.parked.count({ flowId: ORDERS })).toBe(0);
  });

  it('an order dated in a period closed for Sales is parked naming the period; replay succeeds once it is opened', async () => {
    h = await linkedHarness();
    const date = today();
    const period = h.gp.documents.fiscalPeriodOf(date)!;
    h.gp.documents.setFiscalPeriod({ year: period.Year as number, periodId: period.PeriodId as number, series: 'sales', closed: true });
    const order = createOrder(h.sf, { accountId: accountFor(h.sf, 'ADVANCED0001').Id as string, lines: [{ item: '100XLG', qty: 1, price: 109.95 }] });
    await h.runUntil(ORDERS, async () => (await h!.store.parked.count({ flowId: ORDERS })) === 1);
    const [parked] = await h.store.parked.list({ flowId: ORDERS, status: 'parked' });
    expect(parked!.reason).toContain(`${String(period.PeriodName).trim()} ${String(period.Year)}`);
    expect(parked!.reason).toContain('closed for the Sales series');
    expect(parked!.reason).toContain('nothing was written');
    expect(h.gp.documents.getSalesDocument(2, gpNumber(order))).toBeUndefined();

    h.gp.documents.setFiscalPeriod({ year: period.Year as number, periodId: period.PeriodId as number, series: 'sales', closed: false });
    expect((await h.replay()).results).toEqual([expect.objectContaining({ sourceId: order.Id, outcome: 'created' })]);
    expect(h.gp.documents.getSalesDocument(2, gpNumber(order))).toMatchObject({ TransactionState: 'Work' });
  });

  it('a line whose product has no GP item parks the order naming the line; nothing reaches GP', async () => {
    h = await linkedHarness();
    const order = createOrder(h.sf, {
      accountId: accountFor(h.sf, 'AARONFIT0001').Id as string,
      lines: [
        { item: 'ACCS-CRD-12WH', qty: 1, price: 10.95 },
        { item: null, qty: 1, price: 5 },
      ],
    });
    await h.runUntil(ORDERS, async () => (await h!.store.parked.count({ flowId: ORDERS })) === 1);
    const [parked] = await h.store.parked.list({ flowId: ORDERS, status: 'parked' });
    expect(parked!.sourceId).toBe(order.Id);
    expect(parked!.reason).toContain('Lines[1].ItemNumber is required but Product2.GP_Item_Number__c is empty');
    expect(sopDocs(h.gp)).toHaveLength(0);
  });

  it('a later change to an order whose GP document was transferred (history) is refused and audited, not written', async () => {
    h = await linkedHarness();
    const order = createOrder(h.sf, { accountId: accountFor(h.sf, 'BLUEYOND0001').Id as string, lines: [{ item: 'ACCS-HDS-2EAR', qty: 4, price: 69.95 }] });
    await h.runUntil(ORDERS, () => sopDocs(h!.gp).length === 1);
    h.gp.documents.postSalesDocument(2, gpNumber(order));
    const before = h.gp.documents.getSalesDocument(2, gpNumber(order))!;
    expect(before.TransactionState).toBe('History');

    h.sf.records.update('Order', order.Id as string, { PoNumber: 'CHANGED-AFTER' });
    await h.runUntil(ORDERS, async () => (await h!.store.audit.query({ flowId: ORDERS, outcome: 'refused' })).length === 1);
    const [refused] = await h.store.audit.query({ flowId: ORDERS, outcome: 'refused' });
    expect(refused).toMatchObject({ sourceId: order.Id, errorCategory: 'conflict' });
    expect(refused!.message).toContain('is posted (History');
    expect(h.gp.documents.getSalesDocument(2, gpNumber(order))).toEqual(before);
    expect(await h.store.parked.count({ flowId: ORDERS })).toBe(0);
    expect(h.gp.counters().responses['PATCH 200'] ?? 0).toBe(0);
  });

  it('a lost create response is retried: the retry finds the document, and there is still exactly one', async () => {
    h = await linkedHarness();
    h.gp.injectFault({ kind: 'lose-response', method: 'POST', pathIncludes: 'Sales/Transactions' });
    const order = createOrder(h.sf, { accountId: accountFor(h.sf, 'COHOWINE0001').Id as string, lines: [{ item: 'ACCS-CRD-12WH', qty: 6, price: 10.95 }] });
    await h.runUntil(ORDERS, async () => (await h!.store.audit.query({ flowId: ORDERS, recordId: order.Id as string })).length > 0);
    expect(h.gp.counters().faultsInjected).toBe(1);
    expect(sopDocs(h.gp)).toHaveLength(1);
    expect(h.gp.counters().responses['POST 201']).toBe(1);
    const audit = await h.store.audit.query({ flowId: ORDERS, recordId: order.Id as string });
    // The retry found the document it had made: recorded as written (not created twice), nothing parked.
    expect(audit.map((a) => a.outcome)).toEqual(['updated']);
    expect(await h.store.parked.count({ flowId: ORDERS })).toBe(0);
  });

  it('redelivered events and a restart that resumes from the stored replayId make no second GP document', async () => {
    h = await linkedHarness();
    const first = createOrder(h.sf, { accountId: accountFor(h.sf, 'GRAHAMAR0001').Id as string, lines: [{ item: '128 SDRAM', qty: 2, price: 79 }] });
    await h.runUntil(ORDERS, () => sopDocs(h!.gp).length === 1);
    const cursor = await h.store.cursors.get(ORDERS);
    expect(cursor).toMatchObject({ replayId: expect.any(String) });

    // Duplicate delivery of the same events: rewind the stored cursor to the start and restart.
    await h.store.cursors.set(ORDERS, null as never);
    await h.restart();
    const second = createOrder(h.sf, { accountId: accountFor(h.sf, 'GRAHAMAR0001').Id as string, lines: [{ item: '100XLG', qty: 1, price: 109.95 }] });
    await h.runUntil(ORDERS, () => sopDocs(h!.gp).length === 2);
    // Restart again from the stored replay id: nothing new, nothing duplicated.
    await h.restart();
    await h.run(ORDERS);
    expect(sopDocs(h.gp).map((d) => String(d.SopNumber).trim()).sort()).toEqual([gpNumber(first), gpNumber(second)].sort());
    expect(h.gp.counters().responses['POST 201']).toBe(2);
    expect((await h.store.audit.query({ flowId: ORDERS, recordId: first.Id as string })).map((a) => a.outcome)).toEqual(['created']);
  });
});
