/**
 * Business Central API v2.0 entities as the BC connector reads and writes them
 * (service/src/connectors/business-central/entities.ts). Each field list is typed against the connector's entity
 * type, so a field it adds, renames or drops fails the build here. A field outside the connector's
 * WRITABLE_FIELDS is read-only (a source, not a mapping target). Lengths are BC's Code[N] / Text[N] widths.
 */
import {
  WRITABLE_FIELDS,
  type BcCustomer,
  type BcCustomerPayment,
  type BcItem,
  type BcSalesInvoice,
  type BcSalesLine,
  type BcSalesOrder,
  type BcSalesOrderLine,
} from './entities.ts';
import type { CatalogField, EntityCatalog, ListField } from '../../engine/catalog.ts';


type Spec = Omit<CatalogField, 'name' | 'readOnly'>;
type Fields<T> = Record<Exclude<keyof T, '@odata.etag'>, Spec>;

const text = (length?: number, required = false): Spec => ({ type: 'string', ...(length !== undefined ? { length } : {}), ...(required ? { required } : {}) });
const number: Spec = { type: 'number' };
const boolean: Spec = { type: 'boolean' };
const date: Spec = { type: 'date' };
const datetime: Spec = { type: 'datetime' };
/** A record id (GUID). */
const guid = text(36);
/** An option (enum) such as customer type or order status. */
const option = text();

const SYSTEM = 'business-central';

function entity(name: string, specs: Record<string, Spec>, writable: readonly string[], lists?: ListField[]): EntityCatalog {
  const canWrite = new Set(writable);
  return {
    system: SYSTEM,
    entity: name,
    fields: Object.entries(specs).map(([field, spec]) => ({ name: field, ...spec, ...(canWrite.has(field) ? {} : { readOnly: true }) })),
    ...(lists ? { lists } : {}),
  };
}

const CUSTOMER_FIELDS = {
  id: guid,
  lastModifiedDateTime: datetime,
  number: text(20),
  displayName: text(100),
  type: option,
  addressLine1: text(100),
  addressLine2: text(50),
  city: text(30),
  state: text(30),
  country: text(10),
  postalCode: text(20),
  phoneNumber: text(30),
  email: text(80),
  website: text(80),
  salespersonCode: text(20),
  balanceDue: number,
  creditLimit: number,
  taxLiable: boolean,
  taxAreaId: guid,
  taxAreaDisplayName: text(100),
  taxRegistrationNumber: text(20),
  currencyId: guid,
  currencyCode: text(10),
  paymentTermsId: guid,
  shipmentMethodId: guid,
  paymentMethodId: guid,
  blocked: option,
} as const satisfies Fields<BcCustomer>;

const ITEM_FIELDS = {
  id: guid,
  lastModifiedDateTime: datetime,
  number: text(20),
  displayName: text(100),
  displayName2: text(50),
  type: option,
  itemCategoryId: guid,
  itemCategoryCode: text(20),
  blocked: boolean,
  gtin: text(14),
  inventory: number,
  unitPrice: number,
  priceIncludesTax: boolean,
  unitCost: number,
  taxGroupId: guid,
  taxGroupCode: text(20),
  baseUnitOfMeasureId: guid,
  baseUnitOfMeasureCode: text(10),
  generalProductPostingGroupId: guid,
  generalProductPostingGroupCode: text(20),
  inventoryPostingGroupId: guid,
  inventoryPostingGroupCode: text(20),
} as const satisfies Fields<BcItem>;

const address = <P extends string>(p: P) =>
  ({
    [`${p}AddressLine1`]: text(100),
    [`${p}AddressLine2`]: text(50),
    [`${p}City`]: text(30),
    [`${p}Country`]: text(10),
    [`${p}State`]: text(30),
    [`${p}PostCode`]: text(20),
  }) as Record<`${P}${'AddressLine1' | 'AddressLine2' | 'City' | 'Country' | 'State' | 'PostCode'}`, Spec>;

/** The fields only sales orders have. */
const SALES_ORDER_ONLY = { orderDate: date, partialShipping: boolean, requestedDeliveryDate: date, fullyShipped: boolean, status: option } as const;

/** The header fields sales orders and invoices share (SalesHeader in entities.ts). */
const SALES_HEADER_FIELDS = {
  id: guid,
  lastModifiedDateTime: datetime,
  number: text(20),
  externalDocumentNumber: text(35),
  postingDate: date,
  customerId: guid,
  customerNumber: text(20, true),
  customerName: text(100),
  billToName: text(100),
  billToCustomerId: guid,
  billToCustomerNumber: text(20),
  shipToName: text(100),
  shipToContact: text(100),
  ...address('sellTo'),
  ...address('billTo'),
  ...address('shipTo'),
  shortcutDimension1Code: text(20),
  shortcutDimension2Code: text(20),
  currencyId: guid,
  currencyCode: text(10),
  pricesIncludeTax: boolean,
  paymentTermsId: guid,
  shipmentMethodId: guid,
  salesperson: text(20),
  discountAmount: number,
  discountAppliedBeforeTax: boolean,
  totalAmountExcludingTax: number,
  totalTaxAmount: number,
  totalAmountIncludingTax: number,
  phoneNumber: text(30),
  email: text(80),
} as const satisfies Fields<Omit<BcSalesOrder, keyof typeof SALES_ORDER_ONLY>>;

const SALES_ORDER_FIELDS = { ...SALES_HEADER_FIELDS, ...SALES_ORDER_ONLY } as const satisfies Fields<BcSalesOrder>;

const SALES_INVOICE_FIELDS = {
  ...SALES_HEADER_FIELDS,
  invoiceDate: date,
  dueDate: date,
  promisedPayDate: date,
  customerPurchaseOrderReference: text(35),
  orderId: guid,
  orderNumber: text(20),
  disputeStatusId: guid,
  disputeStatus: text(50),
  remainingAmount: number,
  status: option,
} as const satisfies Fields<BcSalesInvoice>;

const SALES_LINE_FIELDS = {
  id: guid,
  documentId: guid,
  sequence: number,
  itemId: guid,
  accountId: guid,
  lineType: text(undefined, true),
  lineObjectNumber: text(20),
  description: text(100),
  description2: text(50),
  unitOfMeasureId: guid,
  unitOfMeasureCode: text(10),
  quantity: number,
  unitPrice: number,
  discountAmount: number,
  discountPercent: number,
  amountExcludingTax: number,
  taxCode: text(20),
  taxPercent: number,
  totalTaxAmount: number,
  amountIncludingTax: number,
  netAmount: number,
  netTaxAmount: number,
  netAmountIncludingTax: number,
  shipmentDate: date,
  itemVariantId: guid,
  locationId: guid,
} as const satisfies Fields<BcSalesLine>;

const SALES_ORDER_LINE_FIELDS = {
  ...SALES_LINE_FIELDS,
  shippedQuantity: number,
  invoicedQuantity: number,
  invoiceQuantity: number,
  shipQuantity: number,
} as const satisfies Fields<BcSalesOrderLine>;

const CUSTOMER_PAYMENT_FIELDS = {
  id: guid,
  lastModifiedDateTime: datetime,
  journalId: guid,
  journalDisplayName: text(10),
  lineNumber: number,
  customerId: guid,
  customerNumber: text(20),
  postingDate: date,
  documentNumber: text(20),
  externalDocumentNumber: text(35),
  amount: number,
  appliesToInvoiceId: guid,
  appliesToInvoiceNumber: text(20),
  description: text(100),
  comment: text(250),
} as const satisfies Fields<BcCustomerPayment>;

/**
 * [total, remaining] of an invoice, for transforms `difference` (paid = total − remaining) and `settlement`
 * (Paid / Partially_Paid / open label).
 */
const TOTAL_AND_REMAINING = { name: 'TotalAndRemaining', type: 'number', parts: ['totalAmountIncludingTax', 'remainingAmount'] } as const;

export const BC_CATALOG: readonly EntityCatalog[] = [
  entity('customers', CUSTOMER_FIELDS, WRITABLE_FIELDS.customers),
  entity('items', ITEM_FIELDS, WRITABLE_FIELDS.items),
  entity('salesOrders', SALES_ORDER_FIELDS, WRITABLE_FIELDS.salesOrders, [
    { name: 'salesOrderLines', item: entity('salesOrders.salesOrderLines', SALES_ORDER_LINE_FIELDS, WRITABLE_FIELDS.salesLines) },
  ]),
  {
    ...entity('salesInvoices', SALES_INVOICE_FIELDS, WRITABLE_FIELDS.salesInvoices, [
      { name: 'salesInvoiceLines', item: entity('salesInvoices.salesInvoiceLines', SALES_LINE_FIELDS, WRITABLE_FIELDS.salesLines) },
    ]),
    composites: [TOTAL_AND_REMAINING],
  },
  // Read from the customer payment journals only: the connector writes no payments.
  entity('customerPayments', CUSTOMER_PAYMENT_FIELDS, []),
];
