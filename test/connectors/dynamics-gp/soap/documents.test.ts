/**
 * Sales orders behind one writer, two transports: the same Salesforce-order input written through the
 * `salesDocuments` writer over SBA (`Sales/Transactions`) and over SOAP (`entityTransports.salesOrders = 'soap'`:
 * GetSalesOrderByKey + CreateSalesOrder) gives the same GP Work document in the emulator; a retry after a lost
 * CreateSalesOrder response finds the order over SOAP (no second one); the envelopes validate against the WSDL
 * fixture; the emulator's CreateSalesOrder keeps the store's eConnect rules; both transports stay polite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GpSandbox } from '../../../../service/sandbox/dynamics-gp/index.ts';
import { dynamicsGpModule } from '../../../../service/src/connectors/dynamics-gp/index.ts';
import type { GpConnectionConfigInput } from '../../../../service/src/connectors/dynamics-gp/config.ts';
import { parseGpConnectionConfig } from '../../../../service/src/connectors/dynamics-gp/config.ts';
import { readEnvelope } from '../../../../service/src/connectors/dynamics-gp/soap/envelope.ts';
import { salesOrderToXml } from '../../../../service/src/connectors/dynamics-gp/soap/sales-order-codec.ts';
import { createGpSoapClient } from '../../../../service/src/connectors/dynamics-gp/soap/soap-client.ts';
import { el } from '../../../../service/src/connectors/dynamics-gp/soap/xml.ts';
import type { ConnectionRuntime } from '../../../../service/src/engine/connections.ts';
import type { WriteItem, WriteResult } from '../../../../service/src/engine/types.ts';
import { silentLogger } from '../../../../service/src/lib/logger.ts';
import { gpConfig, startGp, RecordingClient, type Sent } from './helpers.ts';
import { loadContract } from '../../../helpers/gp-wsdl-validator.ts';

const contract = loadContract(new URL('../../../fixtures/dynamics-gp/gp-2010-01-customer-slice.wsdl', import.meta.url).pathname);

function runtime(gp: GpSandbox, overrides: Partial<GpConnectionConfigInput>): ConnectionRuntime {
  const { password, ...config } = gpConfig(gp, overrides) as Record<string, unknown> & { password: string };
  const now = new Date();
  return dynamicsGpModule.create({ id: 'gp', system: 'dynamics-gp', name: 'GP', config, secrets: { password }, secretNames: ['password'], createdAt: now, updatedAt: now }, { logger: silentLogger() });
}

const item = (gp: GpSandbox, key: string, fields: Record<string, unknown> = {}): WriteItem => ({
  sourceId: `801${key}`,
  key,
  fields: {
    DocumentType: 'order',
    BatchId: 'SALESFORCE',
    CustomerId: 'AARONFIT0001',
    DocumentDate: gp.clock.localDate(),
    CustomerPONumber: 'PO-<&>-1',
    SalesAccount: '000-4100-00',
    Lines: [
      { ItemNumber: 'ACCS-CRD-12WH', Quantity: 3, UnitPrice: 10.95, Description: 'Cord & "cable"' },
      { ItemNumber: 'ACCS-HDS-1EAR', Quantity: 2, UnitPrice: 49.95, Description: null },
    ],
    ...fields,
  },
});

/** What GP stored, without what differs by nature between two documents (number, timestamps). */
function stored(gp: GpSandbox, number: string) {
  const d = gp.documents.getSalesDocument(2, number);
  if (!d) return undefined;
  const t = (v: unknown) => String(v ?? '').trim();
  return {
    SopType: d.SopType,
    DocumentId: t(d.DocumentId),
    CustomerId: t(d.CustomerId),
    CustomerPONumber: t(d.CustomerPONumber),
    BatchId: t(d.BatchId),
    DocumentDate: d.DocumentDate,
    Subtotal: d.Subtotal,
    DocumentAmount: d.DocumentAmount,
    TransactionState: d.TransactionState,
    Lines: (d.Lines as Array<Record<string, unknown>>).map((l) => ({ item: t(l.ItemNumber), desc: t(l.Description), qty: l.Quantity, price: l.UnitPrice, ext: l.ExtendedPrice, account: t(l.SalesAccount) })),
  };
}

/** Two runtimes are two connections, each with its own limiter: wait the GP spacing before switching callers. */
const handOver = () => new Promise((r) => setTimeout(r, 150));

const ok = (r: WriteResult | undefined) => {
  if (!r?.ok) throw new Error(`write failed: ${r && !r.ok ? r.error.message : 'no result'}`);
  return r;
};


describe('sales orders over SBA and over SOAP, one writer', () => {
  let gp: GpSandbox;
  let sba: ConnectionRuntime;
  let soap: ConnectionRuntime;
  beforeAll(async () => {
    gp = await startGp({ limits: { spacingToleranceMs: 50 } });
    sba = runtime(gp, {});
    soap = runtime(gp, { entityTransports: { salesOrders: 'soap' } });
  });
  afterAll(async () => {
    await Promise.all([sba?.close(), soap?.close()]);
    await gp?.stop();
  });

  it('the same Salesforce order gives the same GP Work order over SBA and over SOAP', async () => {
    const [viaSba] = await sba.writer('salesDocuments', 'OrderNumber', {}).write([item(gp, '00000501')]);
    await handOver();
    const [viaSoap] = await soap.writer('salesDocuments', 'OrderNumber', {}).write([item(gp, '00000502')]);
    expect(ok(viaSba)).toMatchObject({ created: true, targetId: 'SOP:2;SF00000501' });
    expect(ok(viaSoap)).toMatchObject({ created: true, targetId: 'SOP:2;SF00000502' });
    const a = stored(gp, 'SF00000501');
    const b = stored(gp, 'SF00000502');
    expect(a).toMatchObject({ SopType: 2, DocumentId: 'STDORD', CustomerId: 'AARONFIT0001', CustomerPONumber: 'PO-<&>-1', Subtotal: 132.75, TransactionState: 'Work' });
    expect(a!.Lines).toEqual([
      { item: 'ACCS-CRD-12WH', desc: 'Cord & "cable"', qty: 3, price: 10.95, ext: 32.85, account: '000-4100-00' },
      { item: 'ACCS-HDS-1EAR', desc: expect.any(String), qty: 2, price: 49.95, ext: 99.9, account: '000-4100-00' },
    ]);
    expect(b).toEqual(a);
  });

  it('a second delivery over SOAP finds the order by key and writes nothing', async () => {
    const before = gp.counters().responses['POST 200'] ?? 0;
    const [again] = await soap.writer('salesDocuments', 'OrderNumber', {}).write([item(gp, '00000502')]);
    expect(ok(again)).toMatchObject({ created: false, targetId: 'SOP:2;SF00000502' });
    // One POST: GetSalesOrderByKey (company and policy are cached by the runtime's SOAP client).
    expect((gp.counters().responses['POST 200'] ?? 0) - before).toBe(1);
  });

  it('a retry after a lost CreateSalesOrder response finds the order over SOAP: still exactly one', async () => {
    gp.injectFault({ kind: 'lose-response', method: 'POST', pathIncludes: '/ISalesOrderTransactions/CreateSalesOrder' });
    const writer = soap.writer('salesDocuments', 'OrderNumber', {});
    const [lost] = await writer.write([item(gp, '00000503')]);
    expect(lost).toMatchObject({ ok: false, error: { category: 'transient' } });
    expect(stored(gp, 'SF00000503')).toBeDefined(); // GP did create it
    const [retry] = await soap.writer('salesDocuments', 'OrderNumber', {}).write([item(gp, '00000503')]);
    expect(ok(retry)).toMatchObject({ created: false, targetId: 'SOP:2;SF00000503' });
    expect(gp.documents.listSalesDocuments().filter((d) => String(d.SopNumber).trim() === 'SF00000503')).toHaveLength(1);
  });

  it('keeps the writer guards and refusals over SOAP: closed period refused before writing, GP faults mapped, posted order refused', async () => {
    await handOver();
    const period = gp.documents.fiscalPeriodOf(gp.clock.localDate())!;
    const change = { year: period.Year as number, periodId: period.PeriodId as number, series: 'sales' as const };
    gp.documents.setFiscalPeriod({ ...change, closed: true });
    try {
      const [closed] = await soap.writer('salesDocuments', 'OrderNumber', {}).write([item(gp, '00000505')]);
      expect(closed).toMatchObject({ ok: false, error: { category: 'validation' } });
      expect(stored(gp, 'SF00000505')).toBeUndefined();
    } finally {
      gp.documents.setFiscalPeriod({ ...change, closed: false });
    }
    const [bad] = await soap.writer('salesDocuments', 'OrderNumber', {}).write([item(gp, '00000504', { CustomerId: 'NOSUCHCU0001' })]);
    expect(bad).toMatchObject({ ok: false, error: { category: 'validation', code: 'eConnect 66' } });
    expect(stored(gp, 'SF00000504')).toBeUndefined();
    gp.documents.postSalesDocument(2, 'SF00000502');
    const [posted] = await soap.writer('salesDocuments', 'OrderNumber', {}).write([item(gp, '00000502', { CustomerPONumber: 'CHANGED' })]);
    expect(posted).toMatchObject({ ok: false, error: { category: 'conflict', code: 'GP_DOCUMENT_POSTED', refusal: true } });
  });

  it('kept both transports polite: no concurrency or spacing violations', () => {
    const { politeness, ntlm } = gp.counters();
    expect(politeness.requests).toBeGreaterThan(10);
    expect(politeness.concurrencyViolations).toBe(0);
    expect(politeness.spacingViolations).toBe(0);
    expect(ntlm.authenticateRejected).toBe(0);
  });
});

describe('emulator CreateSalesOrder: eConnect rules of the shared SOP store', () => {
  let gp: GpSandbox;
  const sent: Sent[] = [];
  let client: ReturnType<typeof createGpSoapClient>;
  beforeAll(async () => {
    gp = await startGp({ limits: { spacingToleranceMs: 50 } });
    client = createGpSoapClient(parseGpConnectionConfig(gpConfig(gp, { transport: 'soap' })), {
      logger: silentLogger(),
      dispatcherFactory: (origin, o) => new RecordingClient(origin, o, sent),
    });
  });
  afterAll(async () => {
    await client?.close();
    await gp?.stop();
  });

  const order = (number: string, over: Record<string, unknown> = {}) =>
    el('salesOrder', salesOrderToXml({ SopType: 2, SopNumber: number, DocumentId: 'STDORD', CustomerId: 'AARONFIT0001', BatchId: 'SOAP', DocumentDate: gp.clock.localDate(), Subtotal: 21.9, Lines: [{ ItemNumber: 'ACCS-CRD-12WH', Quantity: 2, UnitPrice: 10.95 }], ...over }));
  const create = (number: string, over: Record<string, unknown> = {}) => client.invoke('CreateSalesOrder', [order(number, over)], { policy: true }).catch((e: unknown) => e);

  it('creates a Work order readable over SBA, and refuses a taken number (56), an unknown customer (66) and an unknown item', async () => {
    await create('SOAPORD0001');
    expect(gp.documents.getSalesDocument(2, 'SOAPORD0001')).toMatchObject({ TransactionState: 'Work', Subtotal: 21.9 });
    expect(await create('soapord0001')).toMatchObject({ category: 'validation', code: 'eConnect 56' });
    expect(await create('SOAPORD0002', { CustomerId: 'NOSUCHCU0001' })).toMatchObject({ category: 'validation', code: 'eConnect 66' });
    expect(await create('SOAPORD0003', { Lines: [{ ItemNumber: 'NO-SUCH-ITEM', Quantity: 1, UnitPrice: 1 }], Subtotal: 1 })).toMatchObject({ category: 'validation', code: 'eConnect 91001' });
    expect(gp.documents.getSalesDocument(2, 'SOAPORD0002')).toBeUndefined();
  });

  it('does not check the fiscal period (eConnect does not): an order dated in a closed period is accepted', async () => {
    const period = gp.documents.fiscalPeriodOf(gp.clock.localDate())!;
    const change = { year: period.Year as number, periodId: period.PeriodId as number, series: 'sales' as const };
    gp.documents.setFiscalPeriod({ ...change, closed: true });
    try {
      expect(gp.documents.fiscalPeriodOf(gp.clock.localDate())).toMatchObject({ IsSalesClosed: true });
      await create('SOAPORD0004');
      expect(gp.documents.getSalesDocument(2, 'SOAPORD0004')).toMatchObject({ TransactionState: 'Work' });
    } finally {
      gp.documents.setFiscalPeriod({ ...change, closed: false });
    }
  });

  it('requires the CreateSalesOrder policy', async () => {
    const err = await client.invoke('CreateSalesOrder', [order('SOAPORD0005')]).catch((e: unknown) => e);
    expect(err).toMatchObject({ category: 'validation', code: 'PolicyRequired' });
  });

  it('reads an order back by key, and a missing one is BusinessObjectNotFound', async () => {
    const { result } = await client.invoke('GetSalesOrderByKey', [el('key', el('g:Id', 'SOAPORD0001'))]);
    expect(result?.local).toBe('GetSalesOrderByKeyResult');
    expect(await client.invoke('GetSalesOrderByKey', [el('key', el('g:Id', 'NOSUCH'))]).catch((e: unknown) => e)).toMatchObject({ code: 'BusinessObjectNotFound' });
  });

  it('every envelope sent validates against the WSDL fixture, with the binding SOAPAction', () => {
    const ops = new Set<string>();
    for (const s of sent) {
      const read = readEnvelope(s.body);
      if (read.kind !== 'body') throw new Error('fault in a request');
      ops.add(read.element.local);
      expect(s.action).toBe(`"${contract.actions.get(read.element.local)}"`);
      expect({ op: read.element.local, problems: contract.validate(read.element) }).toEqual({ op: read.element.local, problems: [] });
    }
    expect([...ops].sort()).toEqual(['CreateSalesOrder', 'GetCompanyList', 'GetPolicyByOperation', 'GetSalesOrderByKey']);
  });

  it('the checker catches a SalesOrder member out of contract order', () => {
    const ns = 'xmlns="http://schemas.microsoft.com/dynamics/gp/2010/01" xmlns:g="http://schemas.datacontract.org/2004/07/Microsoft.Dynamics.GP" xmlns:c="http://schemas.datacontract.org/2004/07/Microsoft.Dynamics.Common"';
    const wrong = readEnvelope(
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><CreateSalesOrder ${ns}><salesOrder><g:Key><g:Id>X</g:Id></g:Key><g:CustomerKey><g:Id>A</g:Id></g:CustomerKey></salesOrder></CreateSalesOrder></s:Body></s:Envelope>`,
    );
    if (wrong.kind !== 'body') throw new Error('not a body');
    expect(contract.validate(wrong.element).join()).toMatch(/CustomerKey: out of contract order/);
  });
});
