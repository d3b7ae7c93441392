/**
 * The GP document chain a client sees through the emulator's own APIs: a sales order written over SBA (as the
 * integration does), then a GP user (sandbox admin routes) transfers it to an invoice, posts the invoice, enters and
 * applies a partial and a full payment and runs Paid Transaction Removal. Each step is read back over SBA with
 * NTLM: SOP work and history with the origin (ORIGTYPE/ORIGNUMB) and status, the open receivables document with
 * its CURTRXAM and applies, and LastModifiedDate (DEX_ROW_TS) moving on at every step. Refusals: posting in a
 * closed Sales period (nothing moves), changing or deleting a posted document, transferring more than remains.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGpHttp, type GpHttp } from './gp-http.ts';

type Doc = Record<string, unknown> & { Lines: Array<Record<string, unknown>> };

const trim = (v: unknown) => String(v).trim();
const pad = (v: string, width: number) => v.padEnd(width);
const MINUTE_MS = 60_000;

let h: GpHttp;
beforeAll(async () => {
  h = await startGpHttp();
});
afterAll(() => h?.stop());

const order = (number: string, over: Record<string, unknown> = {}) => ({
  SopType: 2,
  SopNumber: number,
  DocumentId: 'STDORD',
  CustomerId: 'AARONFIT0001',
  CustomerPONumber: 'PO-7781',
  DocumentDate: '2026-03-10',
  BatchId: 'SALESFORCE',
  Lines: [
    { ItemNumber: 'ACCS-CRD-12WH', Quantity: 4, UnitPrice: 10.95 },
    { ItemNumber: 'ACCS-CRD-25BK', Quantity: 2, UnitPrice: 15.95 },
  ],
  ...over,
});

async function get(path: string): Promise<Doc> {
  const res = await h.sba('GET', path);
  expect(res, path).toMatchObject({ status: 200 });
  return res.body as Doc;
}

async function list(path: string, filter: string): Promise<Doc[]> {
  const res = await h.sba('GET', `${path}?$filter=${encodeURIComponent(filter)}`);
  expect(res.status).toBe(200);
  return res.body as unknown as Doc[];
}

describe('order → invoice → payment, as a client reads it', () => {
  let invoice = '';

  it('a transferred order gives an invoice that names its origin and keeps the PO number; the order is complete in history', async () => {
    const created = await h.sba('POST', 'Sales/Transactions', order('SFORD-1'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ TransactionState: 'Work', DocumentStatus: 'New', Subtotal: 75.7, OriginalSopType: 0, EnteredBy: pad('MLCONNECT', 15) });
    const createdAt = String(created.body.LastModifiedDate);

    h.advance(MINUTE_MS);
    const transfer = await h.admin('POST', 'sales-transactions/2/SFORD-1/transfer', {});
    expect(transfer.status).toBe(200);
    invoice = trim((transfer.body.invoice as Doc).SopNumber);
    // STDINV's next number is 2279, which a posted sample invoice already uses: the invoice skips it.
    expect(invoice).toBe('STDINV2280');

    const inv = await get(`Sales/Transactions(3;${invoice})`);
    expect(inv).toMatchObject({ SopType: 3, DocumentId: pad('STDINV', 15), TransactionState: 'Work', DocumentStatus: 'New', OriginalSopType: 2, OriginalSopNumber: pad('SFORD-1', 21) });
    expect(inv).toMatchObject({ CustomerId: pad('AARONFIT0001', 15), CustomerPONumber: pad('PO-7781', 21), BatchId: pad('SALESFORCE', 15), Subtotal: 75.7, DocumentAmount: 75.7 });
    expect(inv.Lines.map((l) => [trim(l.ItemNumber), l.Quantity, l.UnitPrice, l.ExtendedPrice])).toEqual([
      ['ACCS-CRD-12WH', 4, 10.95, 43.8],
      ['ACCS-CRD-25BK', 2, 15.95, 31.9],
    ]);
    expect(String(inv.LastModifiedDate) > createdAt).toBe(true);

    const ord = await get('Sales/Transactions(2;SFORD-1)');
    expect(ord).toMatchObject({ TransactionState: 'History', DocumentStatus: 'Complete' });
    expect(String(ord.LastModifiedDate) > createdAt).toBe(true);
    // A client finds the invoice of its order by the origin, and the order among the history documents.
    expect((await list('Sales/Transactions', "OriginalSopNumber eq 'SFORD-1'")).map((d) => [d.SopType, trim(d.SopNumber)])).toEqual([[3, invoice]]);
    expect((await list('Sales/Transactions', "TransactionState eq 'History' and SopType eq 2")).map((d) => trim(d.SopNumber))).toContain('SFORD-1');
  });

  it('posting the invoice moves it to history and opens the RM document: type 1, same number, PO number, CURTRXAM = the amount', async () => {
    const before = String((await get(`Sales/Transactions(3;${invoice})`)).LastModifiedDate);
    h.advance(MINUTE_MS);
    const posted = await h.admin('POST', `sales-transactions/3/${invoice}/post`);
    expect(posted).toMatchObject({ status: 200, body: { TransactionState: 'History', DocumentStatus: 'Posted', PostedDate: '2026-03-10T00:00:00' } });
    const inv = await get(`Sales/Transactions(3;${invoice})`);
    expect(String(inv.LastModifiedDate) > before).toBe(true);
    const rm = await get(`Sales/ReceivablesDocuments(1;${invoice})`);
    expect(rm).toMatchObject({ DocumentType: 1, TransactionState: 'Open', CustomerId: pad('AARONFIT0001', 15), CustomerPONumber: pad('PO-7781', 21), DocumentAmount: 75.7, CurrentAmount: 75.7 });
    expect(rm.DueDate).toBe('2026-04-09T00:00:00'); // AARONFIT0001 pays Net 30
    expect(String(rm.LastModifiedDate) > before).toBe(true);
  });

  it('a partial payment reduces CURTRXAM, a full one takes it to 0 (still open); paid transaction removal moves it to history', async () => {
    const posted = await get(`Sales/ReceivablesDocuments(1;${invoice})`);
    h.advance(MINUTE_MS);
    const partial = await h.admin('POST', 'payments', { customerId: 'AARONFIT0001', amount: 30, checkNumber: '1001', applyTo: [{ documentNumber: invoice, amount: 30 }] });
    expect(partial.status).toBe(201);
    const first = trim((partial.body.receipt as Doc).DocumentNumber);
    expect(first).toBe('PYMNT00000001');
    const afterPartial = await get(`Sales/ReceivablesDocuments(1;${invoice})`);
    expect(afterPartial).toMatchObject({ CurrentAmount: 45.7, TransactionState: 'Open' });
    expect(String(afterPartial.LastModifiedDate) > String(posted.LastModifiedDate)).toBe(true);
    expect(await get(`Sales/ReceivablesDocuments(9;${first})`)).toMatchObject({ DocumentAmount: 30, CurrentAmount: 0 });
    const applies = await list('Sales/ReceivablesApplications', `ToDocumentNumber eq '${invoice}'`);
    expect(applies.map((a) => [a.FromDocumentType, trim(a.FromDocumentNumber), a.Amount])).toEqual([[9, first, 30]]);

    h.advance(MINUTE_MS);
    const full = await h.admin('POST', 'payments', { customerId: 'AARONFIT0001', amount: 45.7, applyTo: [{ documentNumber: invoice, amount: 45.7 }] });
    const second = trim((full.body.receipt as Doc).DocumentNumber);
    const paid = await get(`Sales/ReceivablesDocuments(1;${invoice})`);
    expect(paid).toMatchObject({ CurrentAmount: 0, TransactionState: 'Open' });
    expect(String(paid.LastModifiedDate) > String(afterPartial.LastModifiedDate)).toBe(true);
    expect((await list('Sales/ReceivablesApplications', `ToDocumentNumber eq '${invoice}'`)).map((a) => a.Amount)).toEqual([30, 45.7]);

    const removal = await h.admin('POST', 'paid-transaction-removal', { customerId: 'AARONFIT0001' });
    expect((removal.body.moved as string[]).sort()).toEqual([invoice, first, second].sort());
    expect(await get(`Sales/ReceivablesDocuments(1;${invoice})`)).toMatchObject({ TransactionState: 'History', CurrentAmount: 0 });
    expect((await list('Sales/ReceivablesApplications', `ToDocumentNumber eq '${invoice}'`)).map((a) => a.TransactionState)).toEqual(['History', 'History']);
  });

  it('a posted or transferred document cannot be changed or deleted through SBA (409 DocumentPosted)', async () => {
    for (const path of [`Sales/Transactions(3;${invoice})`, 'Sales/Transactions(2;SFORD-1)']) {
      const patch = await h.sba('PATCH', path, { CustomerPONumber: 'LATE' });
      expect(patch).toMatchObject({ status: 409, body: { Error: { Code: 'DocumentPosted' } } });
      expect(String(patch.body.Error!.Message)).toMatch(/is in history \(SOP30200\)/);
      expect(await h.sba('DELETE', path)).toMatchObject({ status: 409, body: { Error: { Code: 'DocumentPosted' } } });
    }
    expect((await get(`Sales/Transactions(3;${invoice})`)).CustomerPONumber).toBe(pad('PO-7781', 21));
  });
});

describe('refusals and partial work', () => {
  it('posting in a closed Sales period is refused per document, and nothing moves', async () => {
    await h.sba('POST', 'Sales/Transactions', order('SFINV-CLOSED', { SopType: 3, DocumentId: 'STDINV' }));
    const before = await get('Sales/Transactions(3;SFINV-CLOSED)');
    expect((await h.admin('PUT', 'fiscal-periods/2026/3', { series: 'sales', closed: true })).status).toBe(200);
    try {
      h.advance(MINUTE_MS);
      const refused = await h.admin('POST', 'sales-transactions/3/SFINV-CLOSED/post');
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ Error: { Code: 'PostingFailed' } });
      expect(String((refused.body.Error as Doc).Message)).toMatch(/Sales Invoice SFINV-CLOSED was not posted: fiscal period .* is closed for the Sales series/);
      expect(await get('Sales/Transactions(3;SFINV-CLOSED)')).toEqual(before);
      expect((await h.sba('GET', 'Sales/ReceivablesDocuments(1;SFINV-CLOSED)')).status).toBe(404);
    } finally {
      await h.admin('PUT', 'fiscal-periods/2026/3', { series: 'sales', closed: false });
    }
    expect(await h.admin('POST', 'sales-transactions/3/SFINV-CLOSED/post')).toMatchObject({ status: 200, body: { TransactionState: 'History' } });
  });

  it('a batch posts document by document: the one dated in a closed period stays in Work, named in the result', async () => {
    await h.sba('POST', 'Sales/Transactions', order('BATCH-MAR', { SopType: 3, DocumentId: 'STDINV', BatchId: 'EOM' }));
    await h.sba('POST', 'Sales/Transactions', order('BATCH-APR', { SopType: 3, DocumentId: 'STDINV', BatchId: 'EOM', DocumentDate: '2026-04-02' }));
    await h.admin('PUT', 'fiscal-periods/2026/3', { series: 'sales', closed: true });
    try {
      const batch = await h.admin('POST', 'sales-batches/EOM/post');
      expect(batch.body).toMatchObject({ batchId: 'EOM', posted: ['BATCH-APR'], failed: [{ sopType: 3, sopNumber: 'BATCH-MAR', reason: expect.stringMatching(/closed for the Sales series/) }] });
    } finally {
      await h.admin('PUT', 'fiscal-periods/2026/3', { series: 'sales', closed: false });
    }
    expect(await get('Sales/Transactions(3;BATCH-MAR)')).toMatchObject({ TransactionState: 'Work' });
    expect(await get('Sales/ReceivablesDocuments(1;BATCH-APR)')).toMatchObject({ CurrentAmount: 75.7 });
  });

  it('a posted return becomes an open credit (RMDTYPAL 8) for its amount', async () => {
    const ret = await h.sba('POST', 'Sales/Transactions', { ...order('', { SopType: 4, DocumentId: 'STDRTN' }), SopNumber: '', Lines: [{ ItemNumber: 'ACCS-CRD-12WH', Quantity: 1, UnitPrice: 10.95 }] });
    expect(ret.status).toBe(201);
    const number = trim(ret.body.SopNumber);
    expect(number).toBe('RTNST1001');
    await h.admin('POST', `sales-transactions/4/${number}/post`);
    expect(await get(`Sales/ReceivablesDocuments(8;${number})`)).toMatchObject({ DocumentType: 8, DocumentAmount: 10.95, CurrentAmount: 10.95, TransactionState: 'Open' });
  });

  it('a partial transfer leaves the order In Process with what remains; the rest completes it', async () => {
    await h.sba('POST', 'Sales/Transactions', order('SFORD-PART'));
    const too = await h.admin('POST', 'sales-transactions/2/SFORD-PART/transfer', { lines: [{ lineSequence: 16384, quantity: 5 }] });
    expect(too).toMatchObject({ status: 400, body: { Error: { Code: 'ValidationFailed' } } });
    const part = await h.admin('POST', 'sales-transactions/2/SFORD-PART/transfer', { lines: [{ lineSequence: 16384, quantity: 1 }] });
    expect(part.status).toBe(200);
    const firstInvoice = part.body.invoice as Doc;
    expect(firstInvoice.Lines.map((l) => [trim(l.ItemNumber), l.Quantity])).toEqual([['ACCS-CRD-12WH', 1]]);
    const ord = await get('Sales/Transactions(2;SFORD-PART)');
    expect(ord).toMatchObject({ TransactionState: 'Work', DocumentStatus: 'In Process' });
    expect(ord.Lines.map((l) => l.QuantityRemaining)).toEqual([3, 2]);
    const patchLines = await h.sba('PATCH', 'Sales/Transactions(2;SFORD-PART)', { Lines: [{ ItemNumber: 'ACCS-CRD-12WH', Quantity: 9, UnitPrice: 10.95 }] });
    expect(patchLines).toMatchObject({ status: 409, body: { Error: { Code: 'DocumentInProcess' } } });
    const rest = await h.admin('POST', 'sales-transactions/2/SFORD-PART/transfer', {});
    expect((rest.body.invoice as Doc).Lines.map((l) => [trim(l.ItemNumber), l.Quantity])).toEqual([['ACCS-CRD-12WH', 3], ['ACCS-CRD-25BK', 2]]);
    expect(await get('Sales/Transactions(2;SFORD-PART)')).toMatchObject({ TransactionState: 'History', DocumentStatus: 'Complete' });
    expect((await list('Sales/Transactions', "OriginalSopNumber eq 'SFORD-PART'")).map((d) => d.Subtotal)).toEqual([10.95, 64.75]);
    expect((await h.admin('POST', 'sales-transactions/2/SFORD-PART/transfer', {})).body).toMatchObject({ Error: { Code: 'DocumentPosted' } });
  });

  it('admin bodies are validated, naming the field', async () => {
    const bad = await h.admin('POST', 'payments', { customerId: 'AARONFIT0001', amount: -1 });
    expect(bad.status).toBe(400);
    expect(String((bad.body.Error as Doc).Message)).toMatch(/^amount: /);
    const unknownOrder = await h.admin('POST', 'sales-transactions/2/NO-SUCH/transfer', {});
    expect(unknownOrder).toMatchObject({ status: 404, body: { Error: { Code: 'EntityNotFound' } } });
  });
});
