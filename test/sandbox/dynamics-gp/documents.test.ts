import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGpClient, type GpClient } from '../../../service/src/connectors/dynamics-gp/client.ts';
import { parseGpConnectionConfig } from '../../../service/src/connectors/dynamics-gp/config.ts';
import { isConnectorError, type ConnectorError } from '../../../service/src/lib/errors.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import type { GpSandbox } from '../../../service/sandbox/dynamics-gp/index.ts';
import { clientConfig, startSandbox } from '../../connectors/dynamics-gp/helpers.ts';

let gp: GpSandbox;
let client: GpClient;
beforeAll(async () => {
  gp = await startSandbox();
  client = createGpClient(parseGpConnectionConfig(clientConfig(gp)), { logger: silentLogger() });
});
afterAll(async () => {
  await client.close();
  await gp.stop();
});

const today = () => gp.clock.localDate();
const order = (over: Record<string, unknown> = {}) => ({
  SopType: 2,
  DocumentId: 'STDORD',
  CustomerId: 'AARONFIT0001',
  DocumentDate: today(),
  BatchId: 'SALESFORCE',
  Lines: [{ ItemNumber: 'ACCS-CRD-12WH', Quantity: 2, UnitPrice: 10.95 }],
  ...over,
});

async function fails(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (err) {
    if (isConnectorError(err)) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

const post = (body: Record<string, unknown>, path = 'Sales/Transactions') => client.send('test', 'POST', path, { body });

describe('GP emulator: SOP documents (Sales/Transactions)', () => {
  it('assigns the next STDORD number, keeping its width, and the next STDINV number skips one already in history', async () => {
    const a = (await post(order())).body as Record<string, unknown>;
    const b = (await post(order())).body as Record<string, unknown>;
    expect([String(a.SopNumber).trim(), String(b.SopNumber).trim()]).toEqual(['ORDST2235', 'ORDST2236']);
    expect(a).toMatchObject({ TransactionState: 'Work', Subtotal: 21.9, DocumentId: 'STDORD'.padEnd(15) });
    expect(String(a.SopNumber)).toHaveLength(21); // char(21), space-padded
    // STDINV's next number is 2279, which a posted Fabrikam invoice already uses (SOP30200).
    const inv = (await post(order({ SopType: 3, DocumentId: 'STDINV' }))).body as Record<string, unknown>;
    expect(String(inv.SopNumber).trim()).toBe('STDINV2280');
  });

  it('refuses with the eConnect numbers: 56 duplicate (work or history), 66 unknown customer, 68 DOCID, 898 type, 67 subtotal, unknown item', async () => {
    await post(order({ SopNumber: 'DUP-1' }));
    const dup = await fails(post(order({ SopNumber: 'dup-1' })));
    expect(dup).toMatchObject({ status: 409, code: 'eConnect 56', category: 'conflict' });
    expect((await fails(post(order({ SopType: 3, DocumentId: 'STDINV', SopNumber: 'STDINV2265' })))).code).toBe('eConnect 56');
    const unknown = await fails(post(order({ CustomerId: 'NOSUCHCUST' })));
    expect(unknown).toMatchObject({ code: 'eConnect 66', category: 'validation' });
    expect(unknown.message).toContain('Error Number = 66  Stored Procedure taSopHdrIvcInsert');
    expect((await fails(post(order({ DocumentId: 'STDINV' })))).code).toBe('eConnect 68');
    expect((await fails(post(order({ SopType: 7 })))).code).toBe('eConnect 898');
    expect((await fails(post(order({ Subtotal: 99 })))).message).toContain('Subtotal does not match the line item totals');
    const item = await fails(post(order({ Lines: [{ ItemNumber: 'NO-SUCH-ITEM', Quantity: 1, UnitPrice: 1 }] })));
    expect(item.message).toContain('ITEMNMBR) NO-SUCH-ITEM does not exist in the Item Master Table - IV00101');
    const precise = await fails(post(order({ Lines: [{ ItemNumber: 'ACCS-CRD-12WH', Quantity: 1, UnitPrice: 10.955 }] })));
    expect(precise.code).toBe('eConnect 832');
    const width = await fails(post(order({ CustomerPONumber: 'X'.repeat(21) })));
    expect(width.message).toContain('CustomerPONumber (CSTPONBR) is 21 characters long; GP accepts at most 20');
  });

  it('requires the Payload wrapper on POST and PATCH (a client wrapping in another key is refused)', async () => {
    const other = createGpClient(parseGpConnectionConfig(clientConfig(gp, { facts: { requestEnvelopeKey: 'Data' } })), { logger: silentLogger() });
    try {
      expect(await fails(other.send('test', 'POST', 'Sales/Transactions', { body: order() }))).toMatchObject({ status: 400, code: 'PayloadRequired' });
      await post(order({ SopNumber: 'WRAP-1' }));
      expect(await fails(other.send('test', 'PATCH', 'Sales/Transactions(2;WRAP-1)', { body: { BatchId: 'X' } }))).toMatchObject({ code: 'PayloadRequired' });
    } finally {
      await other.close();
    }
  });

  it('a work document can be changed and deleted; once posted (or transferred) PATCH and DELETE are refused', async () => {
    const doc = (await post(order({ SopNumber: 'LIFE-1' }))).body as Record<string, unknown>;
    const patched = (await client.send('test', 'PATCH', 'Sales/Transactions(2;LIFE-1)', { body: { CustomerPONumber: 'po-9' } })).body as Record<string, unknown>;
    expect(String(patched.CustomerPONumber).trim()).toBe('PO-9');
    expect(patched.Lines).toEqual(doc.Lines);
    gp.documents.postSalesDocument(2, 'LIFE-1');
    const got = await client.send('test', 'GET', 'Sales/Transactions(2;LIFE-1)');
    expect(got.body).toMatchObject({ TransactionState: 'History' });
    const patch = await fails(client.send('test', 'PATCH', 'Sales/Transactions(2;LIFE-1)', { body: { CustomerPONumber: 'again' } }));
    expect(patch).toMatchObject({ status: 409, code: 'DocumentPosted', category: 'conflict' });
    expect((await fails(client.send('test', 'DELETE', 'Sales/Transactions(2;LIFE-1)'))).code).toBe('DocumentPosted');
    await post(order({ SopNumber: 'LIFE-2' }));
    await client.send('test', 'DELETE', 'Sales/Transactions(2;LIFE-2)');
    expect((await client.send('test', 'GET', 'Sales/Transactions(2;LIFE-2)', { allowNotFound: true })).found).toBe(false);
  });

  it('accepts an invoice dated in a closed Sales period (as eConnect does) but refuses to post it until the period is open', async () => {
    const period = gp.documents.fiscalPeriodOf(today())!;
    const change = { year: period.Year as number, periodId: period.PeriodId as number, series: 'sales' as const };
    gp.documents.setFiscalPeriod({ ...change, closed: true });
    try {
      await post(order({ SopType: 3, DocumentId: 'STDINV', SopNumber: 'INV-CLOSED' }));
      expect(() => gp.documents.postSalesDocument(3, 'INV-CLOSED')).toThrow(/closed for the Sales series/);
      const listed = (await client.send('test', 'GET', `Financials/FiscalPeriods?$filter=${encodeURIComponent(`Year eq ${String(period.Year)} and PeriodId eq ${String(period.PeriodId)}`)}`)).body;
      expect(listed).toEqual([expect.objectContaining({ IsSalesClosed: true, IsFinancialClosed: false })]);
    } finally {
      gp.documents.setFiscalPeriod({ ...change, closed: false });
    }
    expect(gp.documents.postSalesDocument(3, 'INV-CLOSED')).toMatchObject({ TransactionState: 'History' });
  });
});

describe('GP emulator: receivables, GL accounts', () => {
  const rm = (over: Record<string, unknown> = {}) => ({
    DocumentType: 1,
    CustomerId: 'CONTOSOL0001',
    DocumentDate: gp.clock.localDate(),
    BatchId: 'SALESFORCE',
    SalesAmount: 50,
    Distributions: [
      { DistributionType: 3, AccountNumber: '000-1200-00', DebitAmount: 50, CreditAmount: 0 },
      { DistributionType: 9, AccountNumber: '000-4100-00', DebitAmount: 0, CreditAmount: 50 },
    ],
    ...over,
  });

  it('creates work RM invoices (190 on a taken number, 221 on an unknown customer) and posting moves them to open', async () => {
    const a = (await post(rm({ DocumentNumber: 'SF-RM-1' }), 'Sales/Receivables')).body as Record<string, unknown>;
    expect(a).toMatchObject({ TransactionState: 'Work', DocumentAmount: 50 });
    const dup = await fails(post(rm({ DocumentNumber: 'sf-rm-1', CustomerId: 'AARONFIT0001' }), 'Sales/Receivables'));
    expect(dup).toMatchObject({ status: 409, code: 'eConnect 190' });
    expect(dup.message).toContain('Document number (DOCNUMBR) already exists in either RM00401, RM10301, RM20101 or RM30101');
    const cust = await fails(post(rm({ CustomerId: 'NOBODY' }), 'Sales/Receivables'));
    expect(cust.message).toContain('Error Number = 221');
    const unbalanced = await fails(post(rm({ SalesAmount: 60 }), 'Sales/Receivables'));
    expect(unbalanced.message).toContain('do not balance');
    const assigned = (await post(rm(), 'Sales/Receivables')).body as Record<string, unknown>;
    expect(String(assigned.DocumentNumber).trim()).toBe('SALES00000001');
    expect(gp.documents.postReceivable(1, 'SF-RM-1')).toMatchObject({ TransactionState: 'Open', CurrentAmount: 50 });
    expect((await fails(client.send('test', 'PATCH', 'Sales/Receivables(1;SF-RM-1)', { body: { Description: 'x' } }))).code).toBe('DocumentPosted');
  });

  it('lists the Fabrikam GL accounts by account string, active or not', async () => {
    const filter = encodeURIComponent("AccountNumber eq '000-1100-00' or AccountNumber eq '000-4190-00' or AccountNumber eq '999-9999-99'");
    const { body } = await client.send('test', 'GET', `Financials/GLAccounts?$filter=${filter}`);
    expect((body as Array<Record<string, unknown>>).map((a) => [String(a.AccountNumber).trim(), String(a.Description).trim(), a.IsActive])).toEqual([
      ['000-1100-00', 'Cash - Operating Account', true],
      ['000-4190-00', 'Sales - Discontinued Division', false],
    ]);
  });
});
