/**
 * The contract's sales documents (WSDL 2010/01 [V]: `SalesOrder` / `SalesInvoice` → SalesDocument → BusinessObject,
 * lines `SalesOrderLine` / `SalesInvoiceLine` → SalesLine, summaries → SalesDocumentSummaryBase) ↔ the SOP store's
 * flat form (resources/sop-columns.ts `sopToWire`). Contract facts used: keys are objects (`Key{Id}` =
 * SalesDocumentKey, `CustomerKey{Id}`, `BatchKey{Id}`, `DocumentTypeKey{Id, Type}`, `ItemKey{Id}`,
 * `SalesGLAccountKey{Id}`, `WarehouseKey{Id}`); amounts are `MoneyAmount{Currency, DecimalDigits, Value}` and
 * quantities `Quantity{Value}` (Common); `Type` and `DocumentTypeKey.Type` take the SalesDocumentType values
 * (Quote, Order, Invoice, Return, Backorder, "Fulfillment Order"); `TransactionState` is Work | History; the origin
 * of a transferred document is `OriginalSalesDocumentKey{Id}` + `OriginalSalesDocumentType` (xs:string; the
 * emulator writes the SalesDocumentType name [U]). Dates are xs:dateTime at midnight without a zone (GP-DOMAIN §5).
 */
import type { ContractObject } from './contract-reader.ts';
import type { WireObject } from './contract-writer.ts';
import { invalidMessage, validationFailed } from './soap-fault.ts';

type Flat = Record<string, unknown>;

export const SOP_TYPE_NAMES: Record<number, string> = { 1: 'Quote', 2: 'Order', 3: 'Invoice', 4: 'Return', 5: 'Backorder', 6: 'Fulfillment Order' };

const WRITABLE_HEADER = ['BatchKey', 'CustomerKey', 'CustomerPONumber', 'Date', 'DocumentTypeKey', 'Key', 'LineTotalAmount', 'Lines'];
const SET_BY_GP = ['CustomerName', 'CreatedDate', 'ModifiedDate', 'LastModifiedDate', 'TotalAmount', 'TransactionState', 'Type', 'OriginalSalesDocumentKey', 'OriginalSalesDocumentType'];
const WRITABLE_LINE = ['ItemDescription', 'ItemKey', 'Quantity', 'SalesGLAccountKey', 'UnitPrice', 'UofM', 'WarehouseKey'];
const LINE_SET_BY_GP = ['TotalAmount', 'Key'];

const trim = (v: unknown) => String(v ?? '').trimEnd();
const keyId = (o: ContractObject, name: string) => {
  const k = o.object(name, ['Id']);
  return k === undefined ? undefined : (k.text('Id') ?? '').trim();
};
const amount = (o: ContractObject, name: string) => o.object(name, ['Currency', 'DecimalDigits', 'Value'])?.decimal('Value');
const quantity = (o: ContractObject, name: string) => o.object(name, ['DecimalDigits', 'Value'])?.decimal('Value');

/** Members a `salesOrder` / `salesInvoice` parameter may carry (the rest of the contract is refused by name). */
export const SALES_DOCUMENT_READ_MEMBERS = [...WRITABLE_HEADER, ...SET_BY_GP];

/** The flat properties of a document parameter (only those present); `type` is what the operation writes. */
export function readSalesDocument(doc: ContractObject, sopType: number): Flat {
  for (const m of SET_BY_GP) if (doc.has(m)) throw validationFailed(`${doc.path}.${m} is set by GP and cannot be sent`);
  const out: Flat = {};
  const set = (prop: string, v: unknown) => v !== undefined && (out[prop] = v);
  set('BatchId', keyId(doc, 'BatchKey'));
  set('CustomerId', keyId(doc, 'CustomerKey'));
  set('CustomerPONumber', doc.text('CustomerPONumber'));
  const date = doc.dateTime('Date');
  if (date !== undefined) {
    if (!date.endsWith('T00:00:00.000')) throw invalidMessage(`${doc.path}.Date must be a date at midnight without a zone (2026-03-10T00:00:00), got "${doc.text('Date')}"`);
    out.DocumentDate = date.slice(0, 10);
  }
  const docType = doc.object('DocumentTypeKey', ['Id', 'Type']);
  if (docType) {
    set('DocumentId', docType.text('Id')?.trim());
    const type = docType.enumValue('Type');
    if (type !== undefined && type !== SOP_TYPE_NAMES[sopType]) throw validationFailed(`${doc.path}.DocumentTypeKey.Type must be ${SOP_TYPE_NAMES[sopType]}, got "${type}"`);
  }
  set('SopNumber', keyId(doc, 'Key'));
  set('Subtotal', amount(doc, 'LineTotalAmount'));
  if (doc.has('Lines')) {
    out.Lines = doc.list('Lines', [...WRITABLE_LINE, ...LINE_SET_BY_GP]).map((line) => {
      for (const m of LINE_SET_BY_GP) if (line.has(m)) throw validationFailed(`${line.path}.${m} is set by GP and cannot be sent`);
      const l: Flat = {};
      const put = (prop: string, v: unknown) => v !== undefined && (l[prop] = v);
      put('ItemNumber', keyId(line, 'ItemKey'));
      put('Description', line.text('ItemDescription'));
      put('UofM', line.text('UofM'));
      put('Quantity', quantity(line, 'Quantity'));
      put('UnitPrice', amount(line, 'UnitPrice'));
      put('SiteId', keyId(line, 'WarehouseKey'));
      put('SalesAccount', keyId(line, 'SalesGLAccountKey'));
      return l;
    });
  }
  return out;
}

/** How much of the modelled document a by-key read returns (see README: `soapByKeyExtras`). */
export interface SalesDocumentDetail {
  /** Dates, totals and origin as well as the members the connector decodes today. */
  extras: boolean;
  currencyIso: string;
  decimals: number;
}

const midnight = (v: unknown) => `${String(v).slice(0, 10)}T00:00:00`;

function money(value: unknown, d: SalesDocumentDetail): WireObject {
  return { Currency: d.currencyIso, DecimalDigits: d.decimals, Value: Number(value ?? 0) };
}

function lines(wire: Flat, d: SalesDocumentDetail): WireObject[] {
  const sopNumber = trim(wire.SopNumber);
  return ((wire.Lines as Flat[] | undefined) ?? []).map((l) => ({
    ItemDescription: trim(l.Description),
    ItemKey: { Id: trim(l.ItemNumber) },
    Key: d.extras ? { LineSequenceNumber: Number(l.LineSequence), SalesDocumentKey: { Id: sopNumber } } : undefined,
    Quantity: { Value: Number(l.Quantity) },
    SalesGLAccountKey: trim(l.SalesAccount) === '' ? undefined : { Id: trim(l.SalesAccount) },
    TotalAmount: money(l.ExtendedPrice, d),
    UnitPrice: money(l.UnitPrice, d),
    UofM: trim(l.UofM),
    WarehouseKey: { Id: trim(l.SiteId) },
  }));
}

/** A `SalesOrder` or `SalesInvoice` (by-key reads) from the SOP store's flat form. */
export function writeSalesDocument(wire: Flat, d: SalesDocumentDetail): WireObject {
  const sopType = Number(wire.SopType);
  const origin = trim(wire.OriginalSopNumber);
  const out: WireObject = {
    BatchKey: { Id: trim(wire.BatchId) },
    CustomerKey: { Id: trim(wire.CustomerId) },
    CustomerName: trim(wire.CustomerName),
    CustomerPONumber: trim(wire.CustomerPONumber),
    Date: midnight(wire.DocumentDate),
    DocumentTypeKey: { Id: trim(wire.DocumentId), Type: SOP_TYPE_NAMES[sopType] },
    Key: { Id: trim(wire.SopNumber) },
    LineTotalAmount: money(wire.Subtotal, d),
    TransactionState: String(wire.TransactionState),
    Type: SOP_TYPE_NAMES[sopType],
    Lines: lines(wire, d),
  };
  if (d.extras) {
    Object.assign(out, {
      CreatedDate: midnight(wire.CreatedDate),
      ModifiedDate: midnight(wire.ModifiedDate),
      LastModifiedDate: String(wire.LastModifiedDate),
      TotalAmount: money(wire.DocumentAmount, d),
      OriginalSalesDocumentKey: origin === '' ? undefined : { Id: origin },
      OriginalSalesDocumentType: origin === '' ? undefined : SOP_TYPE_NAMES[Number(wire.OriginalSopType)],
    });
    if (sopType === 3 && wire.TransactionState === 'History') out.PostedDate = midnight(wire.PostedDate);
  }
  return out;
}

/** A `SalesOrderSummary` / `SalesInvoiceSummary` (list reads). */
export function writeSalesSummary(wire: Flat, d: SalesDocumentDetail): WireObject {
  return {
    BatchKey: { Id: trim(wire.BatchId) },
    CreatedDate: midnight(wire.CreatedDate),
    CustomerKey: { Id: trim(wire.CustomerId) },
    CustomerName: trim(wire.CustomerName),
    CustomerPONumber: trim(wire.CustomerPONumber),
    Date: midnight(wire.DocumentDate),
    DocumentTypeKey: { Id: trim(wire.DocumentId), Type: SOP_TYPE_NAMES[Number(wire.SopType)] },
    Key: { Id: trim(wire.SopNumber) },
    LastModifiedDate: String(wire.LastModifiedDate),
    LineTotalAmount: money(wire.Subtotal, d),
    ModifiedDate: midnight(wire.ModifiedDate),
    TotalAmount: money(wire.DocumentAmount, d),
    TransactionState: String(wire.TransactionState),
  };
}
