import { afterEach, describe, expect, it } from 'vitest';
import { createCollectionUpdateWriter } from '../../../service/src/connectors/salesforce/writers/collection-update-writer.ts';
import { createSalesforceClient } from '../../../service/src/connectors/salesforce/client.ts';
import { parseSalesforceConfig } from '../../../service/src/connectors/salesforce/config.ts';
import { PACKAGE_SCHEMA } from '../../../service/src/connectors/salesforce/package-schema.generated.ts';
import { summarizeReceivables } from '../../../service/src/connectors/dynamics-gp/feeds/receivables-summary.ts';
import type { GpApplication, GpPostedDocument } from '../../../service/src/connectors/dynamics-gp/receivables-client.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import { createSalesforceSandbox, type SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';

const inv = (n: string, amount: number, current: number, due: string): GpPostedDocument => ({
  DocumentType: 1, DocumentNumber: n, CustomerId: 'C1', CustomerPONumber: '', Description: '', DocumentDate: '2026-01-01', DueDate: due,
  DocumentAmount: amount, CurrentAmount: current, TransactionState: 'Open', LastModifiedDate: 0,
});
const app = (from: number, fromNo: string, to: string, amount: number, date: string): GpApplication => ({ FromDocumentType: from, FromDocumentNumber: fromNo, ToDocumentType: 1, ToDocumentNumber: to, Amount: amount, ApplyDate: date, CustomerId: 'C1' });

describe('receivables summary (pure)', () => {
  it('counts only the part of a payment applied to this order; credit memos lower the balance without being payments', () => {
    const s = summarizeReceivables(
      [inv('I2', 300, 0, '2026-02-15'), inv('I1', 700, 200, '2026-01-31')],
      [app(9, 'P1', 'I1', 400, '2026-01-20'), app(9, 'P1', 'OTHER', 900, '2026-01-20'), app(7, 'CM1', 'I1', 100, '2026-01-25'), app(9, 'P2', 'I2', 300, '2026-02-01')],
    );
    expect(s).toEqual({ CustomerId: 'C1', InvoiceNumbers: 'I1, I2', InvoiceCount: 2, TotalInvoiced: 1000, TotalPaid: 700, Balance: 200, Status: 'Partially_Paid', DueDate: '2026-01-31', LastPaymentDate: '2026-02-01' });
  });

  it('Open with nothing applied, Paid when nothing remains (latest due date)', () => {
    expect(summarizeReceivables([inv('I1', 50, 50, '2026-03-01')], [])).toMatchObject({ Status: 'Open', TotalPaid: 0, DueDate: '2026-03-01', LastPaymentDate: null });
    expect(summarizeReceivables([inv('I1', 50, 0, '2026-03-01'), inv('I2', 10, 0, '2026-04-01')], [app(9, 'P', 'I1', 50, '2026-03-02'), app(9, 'P', 'I2', 10, '2026-03-02')])).toMatchObject({ Status: 'Paid', TotalPaid: 60, Balance: 0, DueDate: '2026-04-01' });
  });
});

describe('sObject Collections update (emulator route + update-by-id writer)', () => {
  let sf: SalesforceSandbox | undefined;
  afterEach(async () => {
    await sf?.stop();
    sf = undefined;
  });

  it('updates by Id in one call with per-record results; keyVia updates the Opportunity of an Order and refuses an Order without one', async () => {
    sf = createSalesforceSandbox({ customSchema: PACKAGE_SCHEMA });
    await sf.start();
    const client = createSalesforceClient(parseSalesforceConfig({ loginUrl: sf.url, clientId: sf.clientId, clientSecret: sf.clientSecret, allowInsecureHttp: true }), { logger: silentLogger() });
    const account = sf.records.create('Account', { Name: 'Acme' });
    const opp = sf.records.create('Opportunity', { Name: 'Deal', StageName: 'Prospecting', CloseDate: '2026-12-31', AccountId: account.Id });
    const withOpp = sf.records.create('Order', { AccountId: account.Id, OpportunityId: opp.Id, EffectiveDate: '2026-01-01', Status: 'Draft' });
    const withoutOpp = sf.records.create('Order', { AccountId: account.Id, EffectiveDate: '2026-01-01', Status: 'Draft' });

    const deleted = sf.records.create('Order', { AccountId: account.Id, EffectiveDate: '2026-01-01', Status: 'Draft' });
    sf.records.delete('Order', deleted.Id);
    const orders = createCollectionUpdateWriter(client, { sobject: 'Order' });
    const results = await orders.write([
      { sourceId: 'a', key: withOpp.Id, fields: { ERP_Status__c: 'Paid', ERP_Balance__c: 0 } },
      { sourceId: 'b', key: deleted.Id, fields: { ERP_Status__c: 'Paid' } },
      { sourceId: 'c', key: 'not-an-id', fields: { ERP_Status__c: 'Paid' } },
    ]);
    expect(results[0]).toMatchObject({ ok: true, targetId: withOpp.Id, created: false });
    expect(results[1]).toMatchObject({ ok: false, error: { category: 'validation', code: 'ENTITY_IS_DELETED' } });
    expect(results[2]).toMatchObject({ ok: false, error: { fields: ['Id'] } });
    expect(sf.records.get('Order', withOpp.Id)).toMatchObject({ ERP_Status__c: 'Paid', ERP_Balance__c: 0 });

    const opps = createCollectionUpdateWriter(client, { sobject: 'Opportunity', keyVia: { sobject: 'Order', field: 'OpportunityId' } });
    const viaResults = await opps.write([
      { sourceId: 'a', key: withOpp.Id, fields: { ERP_Total_Paid__c: 12.5 } },
      { sourceId: 'b', key: withoutOpp.Id, fields: { ERP_Total_Paid__c: 1 } },
    ]);
    expect(viaResults[0]).toMatchObject({ ok: true, targetId: opp.Id });
    expect(viaResults[1]).toMatchObject({ ok: false, error: { refusal: true, code: 'NO_TARGET_RECORD' } });
    expect(sf.records.get('Opportunity', opp.Id)!.ERP_Total_Paid__c).toBe(12.5);
  });
});
