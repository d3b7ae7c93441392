/**
 * SOP orders and invoices over GP Web Services (ISalesOrderTransactions, WSDL 2010/01 [V]) on the SOP store the
 * SBA `Sales/Transactions` resource uses (resources/sop-store.ts), so every rule and eConnect number is the store's
 * (unknown customer 66, unknown item 91001, number taken in work or history 56, subtotal 67 …) and, like eConnect,
 * creating never reads the fiscal calendar (GP-DOMAIN §4).
 * - `CreateSalesOrder` writes a Work document of type 2; `Get…ByKey(SalesDocumentKey{Id})` reads work or history
 *   (missing: BusinessObjectNotFound); `Get…List(Sales…Criteria)` returns summaries of work and history documents
 *   (TransactionState, LastModifiedDate, ModifiedDate, CustomerId … restrictions), ordered by number;
 * - `Update…` / `Delete…` need their policy and change only Work documents: a posted, transferred or voided one
 *   (SOP30200) is refused — GP-DOMAIN §3 [V] says it cannot be changed; the fault GP answers with is not public,
 *   so the emulator's is ValidationFailed with a ValidationResult detail [U].
 * Security: the Windows account's GP user needs `Sales/Transactions` rights (read / create / update / delete).
 */
import { normalizeKey } from '../gp-columns.ts';
import type { GpCompany } from '../gp-company.ts';
import { sopToWire, type SopDocument } from '../resources/sop-columns.ts';
import { createSopDocument, deleteSopDocument, findSopDocument, sopDocumentView, updateSopDocument } from '../resources/sop-store.ts';
import { readSalesDocument, SALES_DOCUMENT_READ_MEMBERS, SOP_TYPE_NAMES, writeSalesDocument, writeSalesSummary, type SalesDocumentDetail } from './sales-document-xml.ts';
import { checkCriteriaBase, criteriaSupported, dateTimeMatcher, equalityMatcher, stringMatcher, type Matcher } from './soap-criteria.ts';
import type { SoapCall, SoapCallTools, SoapOperation } from './soap-call.ts';
import { CURRENCY_ISO } from './soap-companies.ts';
import { SoapFaultError, validationFailed } from './soap-fault.ts';

const SALES = 'Sales/Transactions';
const ORDER = 2;
const INVOICE = 3;
const LIST_CRITERIA = ['BatchId', 'CreatedDate', 'CustomerId', 'CustomerName', 'CustomerPONumber', 'Date', 'DocumentId', 'LastModifiedDate', 'ModifiedDate', 'Scope', 'TransactionState'];

type Wire = Record<string, unknown>;

/** Wire date-times (`…T00:00:00` or `…T12:34:56.789`) in the matchers' `YYYY-MM-DDTHH:MM:SS.mmm` form. */
const toMillis = (v: string) => (v.length === 19 ? `${v}.000` : v.slice(0, 23));

function detail(company: GpCompany, extras: boolean): SalesDocumentDetail {
  return { extras, currencyIso: CURRENCY_ISO[normalizeKey(company.currency.id)] ?? '', decimals: company.currency.decimals };
}

function documentFilter(criteria: NonNullable<ReturnType<SoapCall['params']['object']>>): Matcher<Wire> {
  checkCriteriaBase(criteria);
  const scope = criteria.enumValue('Scope');
  if (scope !== undefined && scope !== 'Return All') throw new SoapFaultError('InvalidMessage', `${criteria.path}.Scope "${scope}" is not supported by this emulator (only "Return All")`);
  const text = (name: string, prop: string) => {
    const m = stringMatcher(criteria, name);
    return m && ((w: Wire) => m(String(w[prop])));
  };
  const date = (name: string, prop: string) => {
    const m = dateTimeMatcher(criteria, name);
    return m && ((w: Wire) => m(toMillis(String(w[prop]))));
  };
  const state = equalityMatcher(criteria, 'TransactionState', 'enum');
  const checks = [
    text('BatchId', 'BatchId'),
    date('CreatedDate', 'CreatedDate'),
    text('CustomerId', 'CustomerId'),
    text('CustomerName', 'CustomerName'),
    text('CustomerPONumber', 'CustomerPONumber'),
    date('Date', 'DocumentDate'),
    text('DocumentId', 'DocumentId'),
    date('LastModifiedDate', 'LastModifiedDate'),
    date('ModifiedDate', 'ModifiedDate'),
    state && ((w: Wire) => state(String(w.TransactionState))),
  ].filter((c): c is Matcher<Wire> => Boolean(c));
  return (w) => checks.every((c) => c(w));
}

export function createSalesDocumentOperations(t: SoapCallTools): Record<string, SoapOperation> {
  const keyOf = (call: SoapCall) => normalizeKey(t.required(call, 'key', ['CompanyKey', 'Id']).text('Id') ?? '');

  function found(company: GpCompany, sopType: number, number: string): SopDocument {
    const doc = findSopDocument(company, sopType, number);
    if (!doc) throw new SoapFaultError('BusinessObjectNotFound', `Sales ${SOP_TYPE_NAMES[sopType]!.toLowerCase()} '${number}' was not found in company '${company.name}'`);
    return doc;
  }

  const getByKey = (sopType: number, extras: () => boolean): SoapOperation => (call) => {
    const company = t.open(call, SALES, 'read');
    return writeSalesDocument(sopToWire(found(company, sopType, keyOf(call))), detail(company, extras()));
  };

  const list = (sopType: number): SoapOperation => (call) => {
    const company = t.open(call, SALES, 'read');
    const criteria = call.params.object('criteria', criteriaSupported(LIST_CRITERIA));
    const keep = criteria ? documentFilter(criteria) : () => true;
    return sopDocumentView(company)
      .values()
      .filter((d) => d.header.SOPTYPE === sopType)
      .map(sopToWire)
      .filter(keep)
      .sort((a, b) => (normalizeKey(String(a.SopNumber)) < normalizeKey(String(b.SopNumber)) ? -1 : 1))
      .map((w) => writeSalesSummary(w, detail(company, true)));
  };

  const update = (sopType: number, param: string): SoapOperation => (call) => {
    const company = t.open(call, SALES, 'update');
    t.checkPolicy(call);
    const payload = readSalesDocument(t.required(call, param, SALES_DOCUMENT_READ_MEMBERS), sopType);
    const number = normalizeKey(String(payload.SopNumber ?? ''));
    if (number === '') throw validationFailed(`${call.operation}: the document's Key.Id is required`);
    found(company, sopType, number);
    try {
      updateSopDocument(company, t.deps.clock, sopType, number, payload);
    } catch (err) {
      t.asFault(err);
    }
    return undefined;
  };

  const remove = (sopType: number): SoapOperation => (call) => {
    const company = t.open(call, SALES, 'delete');
    t.checkPolicy(call);
    const number = keyOf(call);
    found(company, sopType, number);
    try {
      deleteSopDocument(company, sopType, number);
    } catch (err) {
      t.asFault(err);
    }
    return undefined;
  };

  return {
    CreateSalesOrder(call) {
      const company = t.open(call, SALES, 'create');
      t.checkPolicy(call);
      const payload = readSalesDocument(t.required(call, 'salesOrder', SALES_DOCUMENT_READ_MEMBERS), ORDER);
      try {
        createSopDocument(company, t.deps.clock, { ...payload, SopType: ORDER }, { enteredBy: call.user.gpUserId });
      } catch (err) {
        t.asFault(err);
      }
      return undefined;
    },
    GetSalesOrderByKey: getByKey(ORDER, () => t.deps.byKeyExtras),
    GetSalesOrderList: list(ORDER),
    UpdateSalesOrder: update(ORDER, 'salesOrder'),
    DeleteSalesOrder: remove(ORDER),
    GetSalesInvoiceByKey: getByKey(INVOICE, () => true),
    GetSalesInvoiceList: list(INVOICE),
    UpdateSalesInvoice: update(INVOICE, 'salesInvoice'),
    DeleteSalesInvoice: remove(INVOICE),
  };
}
