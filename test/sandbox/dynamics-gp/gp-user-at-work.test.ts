/**
 * The GP user at work (the sandbox helper `npm start` can run): new Work orders the integration wrote over SBA are
 * transferred, their invoices posted, then paid in part and in full, each step after its delay on the emulator's
 * clock — driven here by advancing that clock and calling tick(), never by sleeping. A posting refused in a closed
 * period is reported and retried; what a client reads over SBA changes step by step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGpUserAtWork, type GpUserEvent } from '../../../service/sandbox/dynamics-gp/index.ts';
import { startGpHttp, type GpHttp } from './gp-http.ts';

const SECOND_MS = 1000;
const order = (number: string, batch = 'SALESFORCE') => ({
  SopType: 2,
  SopNumber: number,
  DocumentId: 'STDORD',
  CustomerId: 'CONTOSOL0001',
  CustomerPONumber: `PO-${number}`,
  DocumentDate: '2026-03-10',
  BatchId: batch,
  Lines: [{ ItemNumber: 'ACCS-CRD-12WH', Quantity: 10, UnitPrice: 10.95 }],
});
const steps = (events: GpUserEvent[]) => events.map((e) => [e.step, e.ok, e.order]);

let h: GpHttp;
beforeAll(async () => {
  h = await startGpHttp();
});
afterAll(() => h?.stop());

describe('a GP user at work on the integration\'s orders', () => {
  it('transfers, posts, takes a partial and then a full payment, each after its delay', async () => {
    const user = createGpUserAtWork({ documents: h.gp.documents, clock: h.gp.clock, selectOrder: (o) => String(o.BatchId).trim() === 'SALESFORCE' && o.DocumentStatus === 'New' });
    expect((await h.sba('POST', 'Sales/Transactions', order('WORK-1'))).status).toBe(201);
    await h.sba('POST', 'Sales/Transactions', order('MANUAL-1', 'MANUAL'));
    expect(user.tick()).toEqual([]); // seen now, transferred a minute later
    h.advance(59 * SECOND_MS);
    expect(user.tick()).toEqual([]);
    h.advance(SECOND_MS);
    const transferred = user.tick();
    expect(steps(transferred)).toEqual([['transfer', true, 'WORK-1']]);
    const invoice = transferred[0]!.invoice!;
    expect((await h.sba('GET', `Sales/Transactions(3;${invoice})`)).body).toMatchObject({ OriginalSopNumber: 'WORK-1'.padEnd(21), TransactionState: 'Work' });
    expect((await h.sba('GET', 'Sales/Transactions(2;MANUAL-1)')).body).toMatchObject({ TransactionState: 'Work', DocumentStatus: 'New' });

    // The period is closed when the invoice is due for posting: refused, reported, tried again.
    await h.admin('PUT', 'fiscal-periods/2026/3', { series: 'sales', closed: true });
    h.advance(60 * SECOND_MS);
    const refused = user.tick();
    expect(refused).toMatchObject([{ step: 'post', ok: false, invoice, reason: expect.stringMatching(/closed for the Sales series/) }]);
    expect((await h.sba('GET', `Sales/ReceivablesDocuments(1;${invoice})`)).status).toBe(404);
    await h.admin('PUT', 'fiscal-periods/2026/3', { series: 'sales', closed: false });
    expect(steps(user.tick())).toEqual([['post', true, 'WORK-1']]);
    expect((await h.sba('GET', `Sales/ReceivablesDocuments(1;${invoice})`)).body).toMatchObject({ CurrentAmount: 109.5, TransactionState: 'Open' });

    h.advance(119 * SECOND_MS);
    expect(user.tick()).toEqual([]);
    h.advance(SECOND_MS);
    expect(user.tick()).toMatchObject([{ step: 'partial-payment', ok: true, amount: 54.75 }]);
    expect((await h.sba('GET', `Sales/ReceivablesDocuments(1;${invoice})`)).body).toMatchObject({ CurrentAmount: 54.75 });

    h.advance(120 * SECOND_MS);
    const full = user.tick();
    expect(full).toMatchObject([{ step: 'full-payment', ok: true, amount: 54.75 }]);
    expect((await h.sba('GET', `Sales/ReceivablesDocuments(1;${invoice})`)).body).toMatchObject({ CurrentAmount: 0, TransactionState: 'Open' });
    const applied = await h.sba('GET', `Sales/ReceivablesApplications?$filter=${encodeURIComponent(`ToDocumentNumber eq '${invoice}'`)}`);
    expect((applied.body as unknown as Array<Record<string, unknown>>).map((a) => a.Amount)).toEqual([54.75, 54.75]);
    h.advance(600 * SECOND_MS);
    expect(user.tick()).toEqual([]); // done with it
    expect(steps(user.events()).map(([s, ok]) => `${String(s)}:${String(ok)}`)).toEqual(['transfer:true', 'post:false', 'post:true', 'partial-payment:true', 'full-payment:true']);
  });

  it('with no delays and started on a timer, it settles a new order by itself', async () => {
    const events: GpUserEvent[] = [];
    const user = createGpUserAtWork({
      documents: h.gp.documents,
      clock: h.gp.clock,
      delays: { transferMs: 0, postMs: 0, partialPaymentMs: 0, fullPaymentMs: 0 },
      partialShare: 0,
      onEvent: (e) => events.push(e),
    });
    await h.sba('POST', 'Sales/Transactions', order('WORK-2'));
    user.start(10);
    try {
      const deadline = Date.now() + 20_000;
      while (!events.some((e) => e.order === 'WORK-2' && e.step === 'full-payment') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    } finally {
      user.stop();
    }
    const mine = events.filter((e) => e.order === 'WORK-2');
    expect(mine.map((e) => e.step)).toEqual(['transfer', 'post', 'full-payment']);
    expect((await h.sba('GET', `Sales/ReceivablesDocuments(1;${mine[0]!.invoice!})`)).body).toMatchObject({ CurrentAmount: 0 });
  });
});
