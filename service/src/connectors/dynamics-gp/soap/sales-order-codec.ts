/**
 * A Work SOP order as the 2010/01 contract's `SalesOrder` DataContract (WSDL: SalesOrder → SalesDocument →
 * BusinessObject; lines `ArrayOfSalesOrderLine` → SalesOrderLine → SalesLine), to and from the flat properties the
 * SBA `Sales/Transactions` resource uses (SopNumber, DocumentId, CustomerId, …, Lines[ItemNumber, Quantity, …]), so
 * the connector's writer and the emulator's store see one shape whichever transport carried it.
 * - keys are objects: `Key{Id}` (SalesDocumentKey), `CustomerKey{Id}`, `BatchKey{Id}`, `DocumentTypeKey{Id, Type}`,
 *   `ItemKey{Id}`, `SalesGLAccountKey{Id}`, `WarehouseKey{Id}` (FACTS §2.3);
 * - amounts are `MoneyAmount{Value}` and quantities `Quantity{Value}` (Common namespace, FACTS §2.2);
 * - dates are xs:dateTime at midnight, without a zone (GP dates are the SQL server's local dates, GP-DOMAIN §5).
 * Members go in contract order (DataContractSerializer drops out-of-order members silently); reading is strict.
 * Only the members below are supported: the rest of the contract is refused, naming the member.
 */
import { GP_COMMON_NS, GP_DATA_NS } from './soap-contract.ts';
import { checkMembers, SoapDataError } from './customer-codec.ts';
import { child, childText, children, el, isNil, type Markup, type XmlElement } from './xml.ts';

type Wire = Record<string, unknown>;

const SALES_DOCUMENT_MEMBERS = [
  'ActualShipDate', 'AuditTrailCode', 'BackorderDate', 'BatchKey', 'BillToAddressKey', 'Comment', 'CommentKey', 'CommissionAmount', 'CommissionBasedOn',
  'CommissionSaleAmount', 'Commissions', 'CreatedBy', 'CreatedDate', 'CurrencyKey', 'CustomerKey', 'CustomerName', 'CustomerPONumber', 'Date', 'DiscountAmount',
  'DocumentTypeKey', 'ExchangeDate', 'ExchangeRate', 'FreightAmount', 'FreightTaxAmount', 'FreightTaxBasis', 'FreightTaxScheduleKey', 'FreightTaxes',
  'FrontOfficeIntegrationId', 'FulfillDate', 'IntegrationId', 'IntegrationSource', 'InvoiceDate', 'IsIntrastatDocument', 'IsVoided', 'Key', 'LastModifiedDate',
  'LineTotalAmount', 'MasterNumber', 'MiscellaneousAmount', 'MiscellaneousTaxAmount', 'MiscellaneousTaxBasis', 'MiscellaneousTaxScheduleKey', 'MiscellaneousTaxes',
  'ModifiedDate', 'Note', 'OriginalSalesDocumentKey', 'OriginalSalesDocumentType', 'PaymentTermsKey', 'PriceLevelKey', 'ProcessHolds', 'QuoteDate', 'Reference',
  'RequestedShipDate', 'ReturnDate', 'SalesTerritoryKey', 'SalespersonKey', 'ShipCompleteOnly', 'ShipToAddress', 'ShipToAddressKey', 'ShippingMethodKey',
  'TaxAmount', 'TaxExemptNumber1', 'TaxExemptNumber2', 'TaxRegistrationNumber', 'TaxScheduleKey', 'Taxes', 'TotalAmount', 'TrackingNumbers', 'TradeDiscount',
  'TransactionState', 'Type', 'UPSZone', 'UserDefined', 'WarehouseKey',
] as const;
const SALES_ORDER_MEMBERS = [...SALES_DOCUMENT_MEMBERS, 'DaysToIncrement', 'DepositAmount', 'DocumentFrequency', 'IsRepeating', 'Lines', 'PaymentAmount', 'Payments', 'ShippingProcessStatus', 'TimesToRepeat', 'WorkflowPriority', 'Workflows'];
const SALES_LINE_MEMBERS = [
  'Comment', 'CommentKey', 'CostOfSalesGLAccountKey', 'DamagedGLAccountKey', 'DeleteOnUpdate', 'Discount', 'DiscountGLAccountKey', 'ExtendedCost',
  'FrontOfficeIntegrationId', 'InServiceGLAccountKey', 'InUseGLAccountKey', 'IntegrationId', 'IntegrationSource', 'InventoryGLAccountKey', 'IsDropShip',
  'IsNonInventory', 'ItemDescription', 'ItemKey', 'ItemTaxScheduleKey', 'Key', 'PriceLevelKey', 'Quantity', 'RequestedShipDate', 'ReturnsGLAccountKey',
  'SalesGLAccountKey', 'SalesTerritoryKey', 'SalespersonKey', 'ShipToAddress', 'ShipToAddressKey', 'ShippingMethodKey', 'TaxAmount', 'TaxBasis', 'TaxScheduleKey',
  'Taxes', 'TotalAmount', 'UnitCost', 'UnitPrice', 'UofM', 'WarehouseKey',
];
const SALES_ORDER_LINE_MEMBERS = [...SALES_LINE_MEMBERS, 'ActualShipDate', 'Bins', 'Components', 'FulfillDate', 'Lots', 'QuantityAllocated', 'QuantityCanceled', 'QuantityFulfilled', 'QuantityToBackorder', 'QuantityToInvoice', 'Serials'];

const USED_ORDER = ['BatchKey', 'CustomerKey', 'CustomerName', 'CustomerPONumber', 'Date', 'DocumentTypeKey', 'Key', 'LineTotalAmount', 'TransactionState', 'Type', 'Lines'];
const USED_LINE = ['ItemDescription', 'ItemKey', 'Quantity', 'SalesGLAccountKey', 'TotalAmount', 'UnitPrice', 'UofM', 'WarehouseKey'];

/** SOPTYPE ↔ the contract's SalesDocumentType enumeration. */
export const SALES_DOCUMENT_TYPES: Record<number, string> = { 1: 'Quote', 2: 'Order', 3: 'Invoice', 4: 'Return', 5: 'Backorder', 6: 'FulfillmentOrder' };

const g = (name: string, content: Parameters<typeof el>[1]) => el(`g:${name}`, content);
const idKey = (name: string, id: unknown) => (typeof id === 'string' && id !== '' ? g(name, g('Id', id)) : undefined);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);
const money = (name: string, v: unknown) => (num(v) === undefined ? undefined : g(name, el('c:Value', num(v))));
const quantity = (name: string, v: unknown) => (num(v) === undefined ? undefined : g(name, el('c:Value', num(v))));
const dateTime = (v: unknown) => (typeof v === 'string' && v !== '' ? `${v.slice(0, 10)}T00:00:00` : undefined);

/** `SalesOrder` members from the flat properties (readOnly adds what GP reports: name, totals, state). */
export function salesOrderToXml(wire: Wire, opts: { readOnly?: boolean } = {}): Markup[] {
  const ro = opts.readOnly === true;
  const lines = Array.isArray(wire.Lines) ? (wire.Lines as Wire[]) : undefined;
  const members: Array<Markup | undefined> = [
    idKey('BatchKey', wire.BatchId),
    idKey('CustomerKey', wire.CustomerId),
    ro ? g('CustomerName', str(wire.CustomerName)) : undefined,
    g('CustomerPONumber', str(wire.CustomerPONumber)),
    g('Date', dateTime(wire.DocumentDate)),
    str(wire.DocumentId) ? g('DocumentTypeKey', [g('Id', str(wire.DocumentId)), g('Type', SALES_DOCUMENT_TYPES[wire.SopType as number] ?? 'Order')]) : undefined,
    idKey('Key', wire.SopNumber),
    money('LineTotalAmount', wire.Subtotal),
    ro ? g('TransactionState', str(wire.TransactionState)) : undefined,
    ro ? g('Type', SALES_DOCUMENT_TYPES[wire.SopType as number]) : undefined,
    lines === undefined
      ? undefined
      : g(
          'Lines',
          lines.map((l) =>
            g('SalesOrderLine', [
              g('ItemDescription', str(l.Description)),
              idKey('ItemKey', l.ItemNumber),
              quantity('Quantity', l.Quantity),
              idKey('SalesGLAccountKey', l.SalesAccount),
              ro ? money('TotalAmount', l.ExtendedPrice) : undefined,
              money('UnitPrice', l.UnitPrice),
              g('UofM', str(l.UofM)),
              idKey('WarehouseKey', l.SiteId),
            ]),
          ),
        ),
  ];
  return members.filter((m): m is Markup => m !== undefined && m.xml !== '');
}

function keyId(parent: XmlElement, name: string): string | undefined {
  const k = child(parent, GP_DATA_NS, name);
  if (k === undefined || isNil(k)) return undefined;
  return (childText(k, GP_DATA_NS, 'Id') ?? '').trim();
}

function decimal(parent: XmlElement, name: string, what: string): number | undefined {
  const m = child(parent, GP_DATA_NS, name);
  if (m === undefined || isNil(m)) return undefined;
  for (const c of m.children) if (c.ns !== GP_COMMON_NS || !['Currency', 'DecimalDigits', 'Value'].includes(c.local)) throw new SoapDataError(`${what}.${name}.${c.local} is not a member of MoneyAmount/Quantity in ${GP_COMMON_NS}`);
  const text = childText(m, GP_COMMON_NS, 'Value')?.trim() ?? '';
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new SoapDataError(`${what}.${name}.Value must be an xs:decimal, got "${text}"`);
  return Number(text);
}

function text(parent: XmlElement, name: string): string | undefined {
  const m = child(parent, GP_DATA_NS, name);
  return m === undefined || isNil(m) ? undefined : m.text;
}

/** Flat properties (SBA `Sales/Transactions` names) from a `SalesOrder` element: only those present. Strict. */
export function salesOrderFromXml(e: XmlElement): Wire {
  checkMembers(e, 'SalesOrder', SALES_ORDER_MEMBERS, USED_ORDER);
  const out: Wire = {};
  const set = (k: string, v: unknown) => v !== undefined && (out[k] = v);
  set('BatchId', keyId(e, 'BatchKey'));
  set('CustomerId', keyId(e, 'CustomerKey'));
  set('CustomerName', text(e, 'CustomerName')?.trim());
  set('CustomerPONumber', text(e, 'CustomerPONumber'));
  const date = text(e, 'Date');
  if (date !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}T00:00:00(\.0+)?$/.test(date.trim())) throw new SoapDataError(`SalesOrder.Date must be a date at midnight without a zone (2026-03-10T00:00:00), got "${date}"`);
    out.DocumentDate = date.trim().slice(0, 10);
  }
  const docType = child(e, GP_DATA_NS, 'DocumentTypeKey');
  if (docType && !isNil(docType)) {
    checkMembers(docType, 'SalesDocumentTypeKey', ['CompanyKey', 'Id', 'Type'], ['Id', 'Type']);
    set('DocumentId', childText(docType, GP_DATA_NS, 'Id')?.trim());
    const type = childText(docType, GP_DATA_NS, 'Type')?.trim();
    if (type !== undefined && type !== 'Order') throw new SoapDataError(`SalesOrder.DocumentTypeKey.Type must be Order, got "${type}"`);
  }
  set('SopNumber', keyId(e, 'Key'));
  set('Subtotal', decimal(e, 'LineTotalAmount', 'SalesOrder'));
  set('TransactionState', text(e, 'TransactionState')?.trim());
  const lines = child(e, GP_DATA_NS, 'Lines');
  if (lines && !isNil(lines)) {
    for (const c of lines.children) if (c.ns !== GP_DATA_NS || c.local !== 'SalesOrderLine') throw new SoapDataError(`SalesOrder.Lines holds SalesOrderLine elements only (got {${c.ns}}${c.local})`);
    out.Lines = children(lines, GP_DATA_NS, 'SalesOrderLine').map((l, i) => {
      const what = `SalesOrder.Lines[${i}]`;
      checkMembers(l, what, SALES_ORDER_LINE_MEMBERS, USED_LINE);
      const line: Wire = {};
      const put = (k: string, v: unknown) => v !== undefined && (line[k] = v);
      put('ItemNumber', keyId(l, 'ItemKey'));
      put('Description', text(l, 'ItemDescription'));
      put('UofM', text(l, 'UofM'));
      put('Quantity', decimal(l, 'Quantity', what));
      put('UnitPrice', decimal(l, 'UnitPrice', what));
      put('SiteId', keyId(l, 'WarehouseKey'));
      put('SalesAccount', keyId(l, 'SalesGLAccountKey'));
      put('ExtendedPrice', decimal(l, 'TotalAmount', what));
      return line;
    });
  }
  return out;
}
