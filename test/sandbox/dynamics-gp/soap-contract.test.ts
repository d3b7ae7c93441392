/**
 * The emulator's SOAP contract table is the WSDL's: re-derived from the WSDL fixtures (byte-identical slices of the
 * live-install WSDL) it equals the generated table member for member — order, namespaces, types, enumerations and
 * binding actions (the misspelled IRecievableChanges included). The emulator's version table hides what a version
 * lacks, and each [U] row can be overridden.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveContract } from '../../../service/sandbox/dynamics-gp/soap/contract/contract-table.ts';
import { GP_CONTRACT } from '../../../service/sandbox/dynamics-gp/soap/contract/gp-contract.generated.ts';
import { readWsdlSchema, type WsdlSchema } from '../../../service/sandbox/dynamics-gp/soap/contract/wsdl-schema.ts';
import { evidenceOf, sbaResourceAvailable, soapOperationAvailable } from '../../../service/sandbox/dynamics-gp/gp-versions.ts';
import { action, NS, CTX, startGpHttp, type GpHttp } from './gp-http.ts';

const FIXTURES = ['gp-2010-01-customer-slice.wsdl', 'gp-2010-01-sales-documents-slice.wsdl'].map((f) => new URL(`../../fixtures/dynamics-gp/${f}`, import.meta.url).pathname);

function fixtureSchema(): WsdlSchema {
  const parts = FIXTURES.map((f) => readWsdlSchema(readFileSync(f, 'utf8')));
  return {
    types: new Map(parts.flatMap((p) => [...p.types])),
    elements: new Map(parts.flatMap((p) => [...p.elements])),
    actions: new Map(parts.flatMap((p) => [...p.actions])),
  };
}

describe('the contract table the emulator runs on', () => {
  it('equals what the WSDL fixtures declare, type by type and operation by operation', () => {
    const derived = deriveContract(fixtureSchema());
    expect(Object.keys(derived.types).sort()).toEqual(Object.keys(GP_CONTRACT.types).sort());
    for (const [name, type] of Object.entries(GP_CONTRACT.types)) expect({ name, type: derived.types[name] }).toEqual({ name, type });
    expect(derived.operations).toEqual(GP_CONTRACT.operations);
  });

  it('carries the facts a client trips on: IRecievableChanges (sic), lower-case dateTime, DataContract order', () => {
    expect(GP_CONTRACT.operations.GetChangedCustomerKeyList!.action).toBe('http://schemas.microsoft.com/dynamics/gp/2010/01/IRecievableChanges/GetChangedCustomerKeyList');
    expect(GP_CONTRACT.operations.GetSalesInvoiceByKey!.action).toBe('http://schemas.microsoft.com/dynamics/gp/2010/01/ISalesOrderTransactions/GetSalesInvoiceByKey');
    expect(GP_CONTRACT.types['c:BetweenRestrictionOfNullableOfdateTime']).toBeDefined();
    const customer = GP_CONTRACT.types['g:Customer']!;
    const names = 'members' in customer ? customer.members.map(([, n]) => n) : [];
    // Base members first (BusinessObject.Extensions, Common namespace), then alphabetical — "Shortname" after "PaymentTermsKey".
    expect(names[0]).toBe('Extensions');
    expect(names.indexOf('Shortname')).toBeGreaterThan(names.indexOf('PaymentTermsKey'));
    expect(GP_CONTRACT.types['g:SalesDocumentType']).toEqual({ values: ['Quote', 'Order', 'Invoice', 'Return', 'Backorder', 'Fulfillment Order'] });
  });
});

describe('what each GP version offers (the emulator\'s own table)', () => {
  it('GP 2015 has the RTM SBA list [V] and no GL resources; later versions are [U]; SOAP everywhere, 2025 [U]', () => {
    expect(evidenceOf('2015', 'sba', 'Sales/Customers')).toBe('V');
    expect(sbaResourceAvailable('2015', 'Financials/GLAccounts')).toBe(false);
    expect(evidenceOf('2018', 'sba', 'Financials/GLAccounts')).toBe('U');
    expect(evidenceOf('2016', 'sba', 'Sales/Transactions')).toBe('U');
    expect(evidenceOf('2018', 'soap', 'GetSalesInvoiceList')).toBe('C');
    expect(evidenceOf('2025', 'soap', 'GetSalesInvoiceList')).toBe('U');
    expect(sbaResourceAvailable('2015', 'Financials/GLAccounts', { sba: { 'financials/glaccounts': true } })).toBe(true);
    expect(soapOperationAvailable('2025', 'GetSalesInvoiceList', { soap: { GetSalesInvoiceList: false } })).toBe(false);
  });

  describe('an emulator told that its GP 2025 has no GetSalesInvoiceList', () => {
    let h: GpHttp;
    beforeAll(async () => {
      h = await startGpHttp({ gpVersion: '2025', versionOffers: { soap: { GetSalesInvoiceList: false } } });
    });
    afterAll(() => h?.stop());

    it('neither dispatches it nor lists it in ?wsdl, and still serves the rest', async () => {
      const res = await h.soap(action('ISalesOrderTransactions', 'GetSalesInvoiceList'), `<GetSalesInvoiceList ${NS}><criteria/>${CTX}</GetSalesInvoiceList>`);
      expect(res.status).toBe(500);
      expect(res.body).toContain('ActionNotSupported');
      const wsdl = await h.request('GET', '/DynamicsGPWebServices/DynamicsGPService.asmx?wsdl');
      expect(wsdl.body).toContain('Microsoft Dynamics GP 2025');
      expect(wsdl.body).toContain('<wsdl:operation name="GetSalesInvoiceByKey">');
      expect(wsdl.body).not.toContain('"GetSalesInvoiceList"');
      const ok = await h.soap(action('ISalesOrderTransactions', 'GetSalesOrderList'), `<GetSalesOrderList ${NS}><criteria/>${CTX}</GetSalesOrderList>`);
      expect(ok.status).toBe(200);
    });
  });
});
