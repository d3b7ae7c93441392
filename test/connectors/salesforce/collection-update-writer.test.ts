/** sObject Collections update by Id (writers/collection-update-writer.ts) against the emulator's route. */
import { afterEach, describe, expect, it } from 'vitest';
import { createCollectionUpdateWriter } from '../../../service/src/connectors/salesforce/writers/collection-update-writer.ts';
import { createSalesforceClient } from '../../../service/src/connectors/salesforce/client.ts';
import { parseSalesforceConfig } from '../../../service/src/connectors/salesforce/config.ts';
import { PACKAGE_SCHEMA } from '../../../service/src/connectors/salesforce/package-schema.generated.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import { createSalesforceSandbox, type SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';

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
