import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGpClient, type GpClient } from '../../../service/src/connectors/dynamics-gp/client.ts';
import { parseGpConnectionConfig } from '../../../service/src/connectors/dynamics-gp/config.ts';
import { createSalesDocumentsTarget } from '../../../service/src/connectors/dynamics-gp/writers/sales-documents-target.ts';
import type { WriteItem, WriteResult } from '../../../service/src/engine/types.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import type { GpSandbox } from '../../../service/sandbox/dynamics-gp/index.ts';
import { clientConfig, startSandbox } from './helpers.ts';

let gp: GpSandbox;
let client: GpClient;
const cfg = () => parseGpConnectionConfig(clientConfig(gp));
beforeAll(async () => {
  gp = await startSandbox({ limits: { spacingToleranceMs: 50 } });
  client = createGpClient(cfg(), { logger: silentLogger() });
});
afterAll(async () => {
  await client.close();
  await gp.stop();
});
afterEach(() => gp.clearFaults());

const writer = (options: Record<string, unknown> = {}) => createSalesDocumentsTarget(client, cfg(), options);
let seq = 0;
const item = (fields: Record<string, unknown> = {}, key = `W${String(++seq).padStart(6, '0')}`): WriteItem => ({
  sourceId: `801${key}`,
  key,
  fields: {
    DocumentType: 'order',
    BatchId: 'SALESFORCE',
    CustomerId: 'AARONFIT0001',
    DocumentDate: gp.clock.localDate(),
    CustomerPONumber: null,
    SalesAccount: '000-4100-00',
    ReceivablesAccount: '000-1200-00',
    Lines: [{ ItemNumber: 'ACCS-CRD-12WH', Quantity: 2, UnitPrice: 10.95, Description: null }],
    ...fields,
  },
});
const requests = (key: string) => gp.counters().responses[key] ?? 0;
const errorOf = (r: WriteResult) => {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r)}`);
  return r.error;
};

describe('salesDocuments writer', () => {
  it('creates SOP orders numbered SF<OrderNumber>; a second delivery (another run) finds it and writes nothing', async () => {
    const it1 = item({ CustomerPONumber: 'PO-77' });
    const [first] = await writer().write([it1]);
    expect(first).toMatchObject({ ok: true, created: true, targetId: `SOP:2;SF${it1.key}` });
    const posts = requests('POST 201');
    const [again] = await writer().write([it1]);
    expect(again).toMatchObject({ ok: true, created: false, targetId: `SOP:2;SF${it1.key}` });
    expect(requests('POST 201')).toBe(posts);
    expect(gp.counters().responses['PATCH 200'] ?? 0).toBe(0);
    const doc = gp.documents.getSalesDocument(2, `SF${it1.key}`)!;
    expect(String(doc.CustomerPONumber).trim()).toBe('PO-77');
    expect(gp.documents.listSalesDocuments().filter((d) => String(d.SopNumber).trim() === `SF${it1.key}`)).toHaveLength(1);
  });

  it('a real change to a Work document is a PATCH (lines replaced); an invoice type makes a SOP invoice on STDINV', async () => {
    const it1 = item();
    await writer().write([it1]);
    const [changed] = await writer().write([{ ...it1, fields: { ...it1.fields, Lines: [{ ItemNumber: 'ACCS-CRD-25BK', Quantity: 1, UnitPrice: 15.95 }] } }]);
    expect(changed).toMatchObject({ ok: true, created: false });
    expect(gp.documents.getSalesDocument(2, `SF${it1.key}`)).toMatchObject({ Subtotal: 15.95, Lines: [expect.objectContaining({ ItemNumber: 'ACCS-CRD-25BK'.padEnd(31) })] });
    const inv = item({ DocumentType: 'invoice' });
    expect((await writer().write([inv]))[0]).toMatchObject({ ok: true, targetId: `SOP:3;SF${inv.key}` });
    expect(gp.documents.getSalesDocument(3, `SF${inv.key}`)).toMatchObject({ DocumentId: 'STDINV'.padEnd(15) });
  });

  it('parks (validation) a document dated in a closed Sales period, naming the period, without writing; one period read per run', async () => {
    const period = gp.documents.fiscalPeriodOf(gp.clock.localDate())!;
    const change = { year: period.Year as number, periodId: period.PeriodId as number, series: 'sales' as const };
    gp.documents.setFiscalPeriod({ ...change, closed: true });
    try {
      gp.resetCounters();
      const w = writer();
      const results = await w.write([item(), item()]);
      await w.write([item()]);
      for (const r of results) {
        const e = errorOf(r);
        expect(e).toMatchObject({ category: 'validation', code: 'GP_PERIOD_CLOSED', fields: ['DocumentDate'], refusal: false });
        expect(e.message).toContain(`${String(period.PeriodName).trim()} ${String(period.Year)} (period ${String(period.PeriodId)} of fiscal year ${String(period.Year)}`);
      }
      expect(gp.counters().responses['POST 201'] ?? 0).toBe(0);
      expect(gp.counters().politeness.requests).toBe(3 + 1 + 1); // 3 lookups, one period read, one account read
    } finally {
      gp.documents.setFiscalPeriod({ ...change, closed: false });
    }
  });

  it('names a GL account that does not exist or is inactive; a cost center replaces the account segment', async () => {
    const missing = errorOf((await writer().write([item({ SalesAccount: '000-4199-00' })]))[0]!);
    expect(missing).toMatchObject({ category: 'validation', code: 'GP_UNKNOWN_GL_ACCOUNT' });
    expect(missing.message).toContain('GL account 000-4199-00 (SalesAccount of line 1) does not exist in GP company "Fabrikam, Inc."');
    expect(errorOf((await writer().write([item({ SalesAccount: '000-4190-00' })]))[0]!).message).toContain('is inactive');
    const cc = item({ CostCenter: '200' });
    expect((await writer().write([cc]))[0]).toMatchObject({ ok: true });
    expect(String((gp.documents.getSalesDocument(2, `SF${cc.key}`)!.Lines as Array<Record<string, unknown>>)[0]!.SalesAccount).trim()).toBe('200-4100-00');
    expect(errorOf((await writer().write([item({ CostCenter: '2000' })]))[0]!).message).toContain('does not fit segment 1');
  });

  it('refuses (conflict, refusal) to touch a posted document, and GP-side data errors come back per item', async () => {
    const inv = item({ DocumentType: 'invoice' });
    await writer().write([inv]);
    gp.documents.postSalesDocument(3, `SF${inv.key}`);
    const [refused, unknownItem] = await writer().write([{ ...inv, fields: { ...inv.fields, CustomerPONumber: 'LATE' } }, item({ Lines: [{ ItemNumber: 'NOPE-1', Quantity: 1, UnitPrice: 1 }] })]);
    expect(errorOf(refused!)).toMatchObject({ category: 'conflict', refusal: true, code: 'GP_DOCUMENT_POSTED' });
    expect(errorOf(refused!).message).toContain(`Sales Invoice SF${inv.key} is posted (History`);
    expect(errorOf(unknownItem!)).toMatchObject({ category: 'validation', code: 'eConnect 91001' });
  });

  it('after a lost create response, the retry finds the document instead of creating a second one', async () => {
    const it1 = item();
    gp.injectFault({ kind: 'lose-response', method: 'POST', pathIncludes: 'Sales/Transactions' });
    const [lost] = await writer().write([it1]);
    expect(errorOf(lost!).category).toBe('transient');
    expect(gp.documents.getSalesDocument(2, `SF${it1.key}`)).toMatchObject({ TransactionState: 'Work' });
    const [retry] = await writer().write([it1]);
    expect(retry).toMatchObject({ ok: true, created: false });
    expect(gp.documents.listSalesDocuments().filter((d) => String(d.SopNumber).trim() === `SF${it1.key}`)).toHaveLength(1);
  });

  it('writes receivables invoices with balanced distributions, and refuses changes once posted', async () => {
    const rm = item({ DocumentType: 'receivables-invoice', Description: 'Salesforce order', Lines: [{ ItemNumber: 'ACCS-CRD-12WH', Quantity: 2, UnitPrice: 10.95 }, { ItemNumber: 'X', Quantity: 1, UnitPrice: 5, SalesAccount: '300-4100-00' }] });
    expect((await writer().write([rm]))[0]).toMatchObject({ ok: true, created: true, targetId: `RM:1;SF${rm.key}` });
    const doc = gp.documents.getReceivable(1, `SF${rm.key}`)!;
    expect(doc).toMatchObject({ TransactionState: 'Work', SalesAmount: 26.9 });
    expect((doc.Distributions as Array<Record<string, unknown>>).map((d) => [String(d.AccountNumber).trim(), d.DebitAmount, d.CreditAmount])).toEqual([
      ['000-1200-00', 26.9, 0],
      ['000-4100-00', 0, 21.9],
      ['300-4100-00', 0, 5],
    ]);
    gp.documents.postReceivable(1, `SF${rm.key}`);
    expect(errorOf((await writer().write([{ ...rm, fields: { ...rm.fields, Description: 'changed' } }]))[0]!)).toMatchObject({ refusal: true, category: 'conflict' });
    expect(gp.counters().politeness).toMatchObject({ concurrencyViolations: 0, spacingViolations: 0 });
  });

  it('bad credentials fail the whole write (auth), bad target options fail at build time naming the option', async () => {
    const bad = createGpClient(parseGpConnectionConfig(clientConfig(gp, { password: 'wrong-password' })), { logger: silentLogger() });
    try {
      await expect(createSalesDocumentsTarget(bad, cfg(), {}).write([item()])).rejects.toMatchObject({ category: 'auth' });
    } finally {
      await bad.close();
    }
    expect(() => writer({ documentNumberPrefix: 'TOO-LONG-PREFIX' })).toThrow(/options.documentNumberPrefix/);
    expect(() => writer({ nope: 1 })).toThrow(/Unrecognized key/);
  });
});
