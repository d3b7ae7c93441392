/**
 * The emulator's GP Web Services endpoint read with raw envelopes over NTLM: its own parser answers malformed or
 * misaddressed messages with the right faults (Client, VersionMismatch, MustUnderstand, ActionNotSupported,
 * InvalidMessage naming the member); sales orders and invoices of the lifecycle are readable by key and by list
 * with their origin, state and LastModifiedDate; posted documents refuse Update/Delete; and every response body
 * validates against the WSDL fixtures with the test's own schema checker (not the emulator's table).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnvelope } from '../../../service/src/connectors/dynamics-gp/soap/envelope.ts';
import type { XmlElement } from '../../../service/src/connectors/dynamics-gp/soap/xml.ts';
import { loadContract } from '../../helpers/gp-wsdl-validator.ts';
import { action, CTX, GP_NS, NS, startGpHttp, type GpHttp } from './gp-http.ts';

const contracts = ['gp-2010-01-customer-slice.wsdl', 'gp-2010-01-sales-documents-slice.wsdl'].map((f) => loadContract(new URL(`../../fixtures/dynamics-gp/${f}`, import.meta.url).pathname));
const NOT_IN_FIXTURE = /is not an element of the contract$/;

/** Problems of a response body element against whichever fixture declares it. */
function wsdlProblems(e: XmlElement): string[] {
  for (const c of contracts) {
    const problems = c.validate(e);
    if (!(problems.length === 1 && NOT_IN_FIXTURE.test(problems[0]!))) return problems;
  }
  return [`${e.local} is in no fixture`];
}

const SALES = 'ISalesOrderTransactions';
let h: GpHttp;
let invoice = '';

function body(res: { status: number; body: string }): XmlElement {
  const read = readEnvelope(res.body);
  if (read.kind !== 'body') throw new Error(`expected a response, got fault ${read.fault.code.local}: ${read.fault.message}`);
  expect(res.status).toBe(200);
  expect({ op: read.element.local, problems: wsdlProblems(read.element) }).toEqual({ op: read.element.local, problems: [] });
  return read.element;
}

function fault(res: { status: number; body: string }) {
  expect(res.status).toBe(500);
  const read = readEnvelope(res.body);
  if (read.kind !== 'fault') throw new Error('expected a fault');
  return read.fault;
}

const text = (e: XmlElement | undefined, ...path: string[]): string | undefined => {
  let cur = e;
  for (const p of path) cur = cur?.children.find((c) => c.local === p);
  return cur?.text;
};
const items = (result: XmlElement | undefined) => result?.children ?? [];
const resultOf = (e: XmlElement) => e.children[0];

async function policy(operation: string): Promise<string> {
  const res = await h.soap(action('IPolicy', 'GetPolicyByOperation'), `<GetPolicyByOperation ${NS}><operation>${operation}</operation>${CTX}</GetPolicyByOperation>`);
  const id = text(resultOf(body(res)), 'Key', 'Id')!;
  return `<policy><c:Key><c:Id>${id}</c:Id></c:Key></policy>`;
}

beforeAll(async () => {
  h = await startGpHttp();
  // The integration's order, then a GP user: transfer, and post the invoice.
  await h.sba('POST', 'Sales/Transactions', { SopType: 2, SopNumber: 'SOAP-ORD-1', DocumentId: 'STDORD', CustomerId: 'CONTOSOL0001', CustomerPONumber: 'PO-7790', DocumentDate: '2026-03-10', BatchId: 'SALESFORCE', Lines: [{ ItemNumber: 'ACCS-CRD-25BK', Quantity: 3, UnitPrice: 15.95 }] });
  h.advance(60_000);
  const transfer = await h.admin('POST', 'sales-transactions/2/SOAP-ORD-1/transfer', {});
  invoice = String((transfer.body.invoice as Record<string, unknown>).SopNumber).trim();
  h.advance(60_000);
  await h.admin('POST', `sales-transactions/3/${invoice}/post`);
});
afterAll(() => h?.stop());

describe('the emulator parses envelopes itself and faults like WCF would', () => {
  const byKey = (inner: string) => h.soap(action(SALES, 'GetSalesInvoiceByKey'), `<GetSalesInvoiceByKey ${NS}>${inner}</GetSalesInvoiceByKey>`);
  const key = (id: string) => `<key><g:Id>${id}</g:Id></key>`;

  it('refuses what is not a SOAP 1.1 envelope: malformed XML, a DTD, a SOAP 1.2 envelope, two body elements, a mustUnderstand header', async () => {
    const send = (raw: string) => h.request('POST', '/DynamicsGPWebServices/DynamicsGPService.asmx', { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${action(SALES, 'GetSalesInvoiceByKey')}"` }, raw);
    const malformed = fault(await send('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetSalesInvoiceByKey>'));
    expect(malformed).toMatchObject({ code: { local: 'Client' } });
    expect(malformed.message).toMatch(/not well-formed/);
    expect(fault(await send('<!DOCTYPE x [<!ENTITY a "b">]><x/>')).message).toMatch(/document type declaration/);
    const soap12 = fault(await send(`<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><GetSalesInvoiceByKey ${NS}/></e:Body></e:Envelope>`));
    expect(soap12.code.local).toBe('VersionMismatch');
    const two = fault(await send(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetSalesInvoiceByKey ${NS}/><GetSalesInvoiceByKey ${NS}/></s:Body></s:Envelope>`));
    expect(two).toMatchObject({ code: { local: 'Client' }, message: expect.stringMatching(/exactly one operation element/) });
    const header = fault(
      await send(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><x:Auth xmlns:x="urn:x" s:mustUnderstand="1"/></s:Header><s:Body><GetSalesInvoiceByKey ${NS}>${key(invoice)}${CTX}</GetSalesInvoiceByKey></s:Body></s:Envelope>`),
    );
    expect(header.code.local).toBe('MustUnderstand');
  });

  it('dispatches on the exact SOAPAction and the matching body element only', async () => {
    const lowerCase = fault(await h.soap(`${action(SALES, 'getSalesInvoiceByKey')}`, `<GetSalesInvoiceByKey ${NS}>${key(invoice)}${CTX}</GetSalesInvoiceByKey>`));
    expect(lowerCase.code.local).toBe('ActionNotSupported');
    const wrongInterface = fault(await h.soap(action('ISalesInvoiceTransactions', 'GetSalesInvoiceByKey'), `<GetSalesInvoiceByKey ${NS}>${key(invoice)}${CTX}</GetSalesInvoiceByKey>`));
    expect(wrongInterface.message).toMatch(/ContractFilter mismatch/);
    const otherBody = fault(await h.soap(action(SALES, 'GetSalesInvoiceByKey'), `<GetSalesOrderByKey ${NS}>${key('SOAP-ORD-1')}${CTX}</GetSalesOrderByKey>`));
    expect(otherBody).toMatchObject({ code: { local: 'InvalidMessage' }, message: expect.stringMatching(/Expected to find an element with name 'GetSalesInvoiceByKey'/) });
  });

  it('names the parameter or member that is missing, misplaced, misnamed or out of range', async () => {
    expect(fault(await byKey(CTX)).message).toMatch(/GetSalesInvoiceByKey: key is required/);
    expect(fault(await byKey(`${CTX}${key(invoice)}`)).message).toMatch(/GetSalesInvoiceByKey\.key is out of order/);
    expect(fault(await byKey(`<key><c:Id>${invoice}</c:Id></key>${CTX}`)).message).toMatch(/SalesDocumentKey\.Id must be in namespace http:\/\/schemas\.datacontract\.org\/2004\/07\/Microsoft\.Dynamics\.GP/);
    expect(fault(await byKey(`<key><g:Number>${invoice}</g:Number></key>${CTX}`)).message).toMatch(/SalesDocumentKey has no member \{[^}]+\}Number/);
    const list = (criteria: string) => h.soap(action(SALES, 'GetSalesInvoiceList'), `<GetSalesInvoiceList ${NS}><criteria>${criteria}</criteria>${CTX}</GetSalesInvoiceList>`);
    expect(fault(await list('<g:TransactionState><c:EqualValue>Posted</c:EqualValue></g:TransactionState>')).message).toMatch(/EqualValue must be one of "Work", "History"/);
    expect(fault(await list('<g:MasterNumber><c:EqualValue>7</c:EqualValue></g:MasterNumber>')).message).toMatch(/SalesInvoiceCriteria\.MasterNumber is not supported by this emulator/);
    // A nil member is no value: accepted.
    expect(body(await list('<g:MasterNumber i:nil="true"/>')).local).toBe('GetSalesInvoiceListResponse');
  });
});

describe('sales documents of the lifecycle, read over SOAP', () => {
  it('GetSalesInvoiceByKey shows the invoice in history with its origin, totals and LastModifiedDate', async () => {
    const result = resultOf(body(await h.soap(action(SALES, 'GetSalesInvoiceByKey'), `<GetSalesInvoiceByKey ${NS}><key><g:Id>${invoice}</g:Id></key>${CTX}</GetSalesInvoiceByKey>`)));
    expect(result?.children.find((c) => c.local === 'Key')?.ns).toBe(GP_NS);
    expect({
      key: text(result, 'Key', 'Id'),
      origin: text(result, 'OriginalSalesDocumentKey', 'Id'),
      originType: text(result, 'OriginalSalesDocumentType'),
      po: text(result, 'CustomerPONumber'),
      state: text(result, 'TransactionState'),
      type: text(result, 'Type'),
      total: text(result, 'TotalAmount', 'Value'),
      posted: text(result, 'PostedDate'),
      lines: items(result?.children.find((c) => c.local === 'Lines')).map((l) => [text(l, 'ItemKey', 'Id'), text(l, 'Quantity', 'Value')]),
    }).toEqual({ key: invoice, origin: 'SOAP-ORD-1', originType: 'Order', po: 'PO-7790', state: 'History', type: 'Invoice', total: '47.85', posted: '2026-03-10T00:00:00', lines: [['ACCS-CRD-25BK', '3']] });
    expect(text(result, 'LastModifiedDate')).toMatch(/^2026-03-10T15:02:00\.\d{3}$/);
  });

  it('the lists filter by state, change time and PO number, and return summaries', async () => {
    const invoices = (criteria: string) => h.soap(action(SALES, 'GetSalesInvoiceList'), `<GetSalesInvoiceList ${NS}><criteria>${criteria}</criteria>${CTX}</GetSalesInvoiceList>`);
    const changedSince = (from: string) =>
      `<g:LastModifiedDate i:type="c:BetweenRestrictionOfNullableOfdateTime"><c:From>${from}</c:From></g:LastModifiedDate><g:TransactionState><c:EqualValue>History</c:EqualValue></g:TransactionState>`;
    const recent = items(resultOf(body(await invoices(changedSince('2026-03-10T15:01:00')))));
    expect(recent.map((s) => [s.local, text(s, 'Key', 'Id'), text(s, 'TransactionState')])).toEqual([['SalesInvoiceSummary', invoice, 'History']]);
    expect(items(resultOf(body(await invoices(changedSince('2026-03-10T15:03:00')))))).toEqual([]);
    const orders = await h.soap(action(SALES, 'GetSalesOrderList'), `<GetSalesOrderList ${NS}><criteria><g:CustomerPONumber><c:Like>po-77%</c:Like></g:CustomerPONumber></criteria>${CTX}</GetSalesOrderList>`);
    expect(items(resultOf(body(orders))).map((s) => [text(s, 'Key', 'Id'), text(s, 'TransactionState')])).toEqual([['SOAP-ORD-1', 'History']]);
  });

  it('refuses to update or delete a posted or transferred document, and changes a Work one', async () => {
    const updateInvoice = `<UpdateSalesInvoice ${NS}><salesInvoice><g:CustomerPONumber>LATE</g:CustomerPONumber><g:Key><g:Id>${invoice}</g:Id></g:Key></salesInvoice>${CTX}${await policy('UpdateSalesInvoice')}</UpdateSalesInvoice>`;
    const refused = fault(await h.soap(action(SALES, 'UpdateSalesInvoice'), updateInvoice));
    expect(refused).toMatchObject({ code: { local: 'ValidationFailed' }, message: expect.stringMatching(/is in history \(SOP30200\)/) });
    expect(refused.detail?.children[0]?.local).toBe('ValidationResult');
    const deleteOrder = `<DeleteSalesOrder ${NS}><key><g:Id>SOAP-ORD-1</g:Id></key>${CTX}${await policy('DeleteSalesOrder')}</DeleteSalesOrder>`;
    expect(fault(await h.soap(action(SALES, 'DeleteSalesOrder'), deleteOrder)).code.local).toBe('ValidationFailed');
    expect(h.gp.documents.getSalesDocument(3, invoice)).toMatchObject({ CustomerPONumber: 'PO-7790'.padEnd(21), TransactionState: 'History' });

    await h.sba('POST', 'Sales/Transactions', { SopType: 2, SopNumber: 'SOAP-ORD-2', DocumentId: 'STDORD', CustomerId: 'CONTOSOL0001', DocumentDate: '2026-03-10', BatchId: 'SALESFORCE', Lines: [{ ItemNumber: 'ACCS-CRD-25BK', Quantity: 1, UnitPrice: 15.95 }] });
    const noPolicy = fault(await h.soap(action(SALES, 'UpdateSalesOrder'), `<UpdateSalesOrder ${NS}><salesOrder><g:CustomerPONumber>PO-2</g:CustomerPONumber><g:Key><g:Id>SOAP-ORD-2</g:Id></g:Key></salesOrder>${CTX}</UpdateSalesOrder>`));
    expect(noPolicy.code.local).toBe('PolicyRequired');
    const update = `<UpdateSalesOrder ${NS}><salesOrder><g:CustomerPONumber>PO-2</g:CustomerPONumber><g:Key><g:Id>SOAP-ORD-2</g:Id></g:Key></salesOrder>${CTX}${await policy('UpdateSalesOrder')}</UpdateSalesOrder>`;
    body(await h.soap(action(SALES, 'UpdateSalesOrder'), update));
    expect(h.gp.documents.getSalesDocument(2, 'SOAP-ORD-2')).toMatchObject({ CustomerPONumber: 'PO-2'.padEnd(21) });
    const setByGp = `<UpdateSalesOrder ${NS}><salesOrder><g:Key><g:Id>SOAP-ORD-2</g:Id></g:Key><g:TransactionState>History</g:TransactionState></salesOrder>${CTX}${await policy('UpdateSalesOrder')}</UpdateSalesOrder>`;
    expect(fault(await h.soap(action(SALES, 'UpdateSalesOrder'), setByGp)).message).toMatch(/TransactionState is set by GP/);
    body(await h.soap(action(SALES, 'DeleteSalesOrder'), `<DeleteSalesOrder ${NS}><key><g:Id>SOAP-ORD-2</g:Id></key>${CTX}${await policy('DeleteSalesOrder')}</DeleteSalesOrder>`));
    expect(h.gp.documents.getSalesDocument(2, 'SOAP-ORD-2')).toBeUndefined();
  });

  it('every other response the emulator writes validates against the WSDL fixtures too', async () => {
    const calls: Array<[string, string, string]> = [
      ['ICompany', 'GetCompanyList', '<criteria/>'],
      ['ICurrency', 'GetCurrencyList', `<criteria/>${CTX}`],
      ['IReceivableCards', 'GetCustomerList', `<criteria><g:IsActive><c:EqualValue>true</c:EqualValue></g:IsActive></criteria>${CTX}`],
      ['IReceivableCards', 'GetCustomerByKey', `<key><g:Id>CONTOSOL0001</g:Id></key>${CTX}`],
      ['IRecievableChanges', 'GetChangedCustomerKeyList', `<criteria><g:LastModifiedDate><c:From>2000-01-01T00:00:00</c:From></g:LastModifiedDate></criteria>${CTX}`],
      [SALES, 'GetSalesOrderByKey', `<key><g:Id>SOAP-ORD-1</g:Id></key>${CTX}`],
      ['IGeneralLedger', 'GetGLTransactionList', `<criteria/>${CTX}`],
    ];
    for (const [iface, op, inner] of calls) {
      const res = body(await h.soap(action(iface, op), `<${op} ${NS}>${inner}</${op}>`));
      expect(res.local).toBe(`${op}Response`);
    }
    // The checker is not a rubber stamp: the same summary with two members swapped is caught.
    const swapped = readEnvelope(
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetSalesInvoiceListResponse ${NS}><GetSalesInvoiceListResult><g:SalesInvoiceSummary><g:Key><g:Id>X</g:Id></g:Key><g:BatchKey><g:Id>B</g:Id></g:BatchKey></g:SalesInvoiceSummary></GetSalesInvoiceListResult></GetSalesInvoiceListResponse></s:Body></s:Envelope>`,
    );
    if (swapped.kind !== 'body') throw new Error('not a body');
    expect(wsdlProblems(swapped.element).join()).toMatch(/BatchKey: out of contract order/);
  });
});
