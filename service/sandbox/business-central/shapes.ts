/**
 * The v2.0 entity shapes the emulator serves: every property of the published "JSON representation" blocks
 * (MicrosoftDocs/dynamics365smb-devitpro-pb, api-reference/v2.0/resources/*.md), in the same order, with the
 * AL field facts that make BC strict: Code fields are upper-cased, Text/Code lengths are enforced, enums are
 * closed, read-only properties refuse writes. test/business-central/shape-conformance.test.ts holds this file
 * to the published field lists so it cannot drift.
 */

export type FieldKind = 'guid' | 'text' | 'code' | 'enum' | 'decimal' | 'integer' | 'boolean' | 'date' | 'datetime';

export interface FieldSpec {
  kind: FieldKind;
  /** Text/Code length in characters (AL field length). */
  maxLength?: number;
  /** Closed value set of an enum property (exact strings, FACTS §3). */
  values?: readonly string[];
  readOnly?: boolean;
}

export type EntityShape = Record<string, FieldSpec>;

const guid = (readOnly = false): FieldSpec => ({ kind: 'guid', readOnly });
const text = (maxLength: number, readOnly = false): FieldSpec => ({ kind: 'text', maxLength, readOnly });
const code = (maxLength: number, readOnly = false): FieldSpec => ({ kind: 'code', maxLength, readOnly });
const decimal = (readOnly = false): FieldSpec => ({ kind: 'decimal', readOnly });
const bool = (readOnly = false): FieldSpec => ({ kind: 'boolean', readOnly });
const date = (readOnly = false): FieldSpec => ({ kind: 'date', readOnly });
const enumOf = (values: readonly string[], readOnly = false): FieldSpec => ({ kind: 'enum', values, readOnly });
const stamp: FieldSpec = { kind: 'datetime', readOnly: true };

/** FACTS §3 [V]: the exact status strings. */
export const SALES_INVOICE_STATUSES = [' ', 'Draft', 'In Review', 'Open', 'Paid', 'Canceled', 'Corrective'] as const;
export const SALES_ORDER_STATUSES = ['Draft', 'In Review', 'Open'] as const;
export const CUSTOMER_BLOCKED = [' ', 'Ship', 'Invoice', 'All'] as const;
const LINE_TYPES = ['Comment', 'Account', 'Item', 'Resource', 'Fixed Asset', 'Charge'] as const;

export const CUSTOMER_SHAPE: EntityShape = {
  id: guid(true),
  number: code(20),
  displayName: text(100),
  type: enumOf(['Company', 'Person']),
  addressLine1: text(100),
  addressLine2: text(50),
  city: text(30),
  state: text(30),
  country: code(10),
  postalCode: code(20),
  phoneNumber: text(30),
  email: text(80),
  website: text(80),
  salespersonCode: code(20),
  balanceDue: decimal(true),
  creditLimit: decimal(),
  taxLiable: bool(),
  taxAreaId: guid(),
  taxAreaDisplayName: text(100, true),
  taxRegistrationNumber: text(20),
  currencyId: guid(),
  currencyCode: code(10),
  paymentTermsId: guid(),
  shipmentMethodId: guid(),
  paymentMethodId: guid(),
  blocked: enumOf(CUSTOMER_BLOCKED),
  lastModifiedDateTime: stamp,
};

export const ITEM_SHAPE: EntityShape = {
  id: guid(true),
  number: code(20),
  displayName: text(100),
  displayName2: text(50),
  type: enumOf(['Inventory', 'Service', 'Non-Inventory']),
  itemCategoryId: guid(),
  itemCategoryCode: code(20),
  blocked: bool(),
  gtin: code(14),
  inventory: decimal(true),
  unitPrice: decimal(),
  priceIncludesTax: bool(),
  unitCost: decimal(),
  taxGroupId: guid(),
  taxGroupCode: code(20),
  baseUnitOfMeasureId: guid(),
  baseUnitOfMeasureCode: code(10),
  generalProductPostingGroupId: guid(),
  generalProductPostingGroupCode: code(20),
  inventoryPostingGroupId: guid(),
  inventoryPostingGroupCode: code(20),
  lastModifiedDateTime: stamp,
};

const ADDRESSES: EntityShape = Object.fromEntries(
  ['sellTo', 'billTo', 'shipTo'].flatMap((p) => [
    [`${p}AddressLine1`, text(100)],
    [`${p}AddressLine2`, text(50)],
    [`${p}City`, text(30)],
    [`${p}Country`, code(10)],
    [`${p}State`, text(30)],
    [`${p}PostCode`, code(20)],
  ]),
);

export const SALES_ORDER_SHAPE: EntityShape = {
  id: guid(true),
  number: code(20, true),
  externalDocumentNumber: code(35),
  orderDate: date(),
  postingDate: date(),
  customerId: guid(),
  customerNumber: code(20),
  customerName: text(100, true),
  billToName: text(100, true),
  billToCustomerId: guid(),
  billToCustomerNumber: code(20),
  shipToName: text(100),
  shipToContact: text(100),
  ...ADDRESSES,
  shortcutDimension1Code: code(20),
  shortcutDimension2Code: code(20),
  currencyId: guid(),
  currencyCode: code(10),
  pricesIncludeTax: bool(),
  paymentTermsId: guid(),
  shipmentMethodId: guid(),
  salesperson: code(20),
  partialShipping: bool(),
  requestedDeliveryDate: date(),
  discountAmount: decimal(),
  discountAppliedBeforeTax: bool(true),
  totalAmountExcludingTax: decimal(true),
  totalTaxAmount: decimal(true),
  totalAmountIncludingTax: decimal(true),
  fullyShipped: bool(true),
  status: enumOf(SALES_ORDER_STATUSES, true),
  lastModifiedDateTime: stamp,
  phoneNumber: text(30),
  email: text(80),
};

// The address block sits between shipToContact and currencyId on invoices, as on the published representation.
export const SALES_INVOICE_SHAPE: EntityShape = {
  id: guid(true),
  number: code(20, true),
  externalDocumentNumber: code(35),
  invoiceDate: date(),
  postingDate: date(),
  dueDate: date(),
  promisedPayDate: date(),
  customerPurchaseOrderReference: text(35),
  customerId: guid(),
  customerNumber: code(20),
  customerName: text(100, true),
  billToName: text(100, true),
  billToCustomerId: guid(),
  billToCustomerNumber: code(20),
  shipToName: text(100),
  shipToContact: text(100),
  ...ADDRESSES,
  currencyId: guid(),
  shortcutDimension1Code: code(20),
  shortcutDimension2Code: code(20),
  currencyCode: code(10),
  orderId: guid(true),
  orderNumber: code(20, true),
  paymentTermsId: guid(),
  shipmentMethodId: guid(),
  salesperson: code(20),
  disputeStatusId: guid(),
  disputeStatus: code(10),
  pricesIncludeTax: bool(),
  remainingAmount: decimal(true),
  discountAmount: decimal(),
  discountAppliedBeforeTax: bool(true),
  totalAmountExcludingTax: decimal(true),
  totalTaxAmount: decimal(true),
  totalAmountIncludingTax: decimal(true),
  status: enumOf(SALES_INVOICE_STATUSES, true),
  lastModifiedDateTime: stamp,
  phoneNumber: text(30),
  email: text(80),
};

const LINE_BASE: EntityShape = {
  id: guid(true),
  documentId: guid(true),
  sequence: { kind: 'integer' },
  itemId: guid(),
  accountId: guid(),
  lineType: enumOf(LINE_TYPES),
  lineObjectNumber: code(20),
  description: text(100),
  description2: text(50),
  unitOfMeasureId: guid(),
  unitOfMeasureCode: code(10),
  quantity: decimal(),
  unitPrice: decimal(),
  discountAmount: decimal(),
  discountPercent: decimal(),
  discountAppliedBeforeTax: bool(true),
  amountExcludingTax: decimal(true),
  taxCode: code(20),
  taxPercent: decimal(true),
  totalTaxAmount: decimal(true),
  amountIncludingTax: decimal(true),
  invoiceDiscountAllocation: decimal(true),
  netAmount: decimal(true),
  netTaxAmount: decimal(true),
  netAmountIncludingTax: decimal(true),
  shipmentDate: date(),
};

export const SALES_ORDER_LINE_SHAPE: EntityShape = {
  ...LINE_BASE,
  shippedQuantity: decimal(true),
  invoicedQuantity: decimal(true),
  invoiceQuantity: decimal(),
  shipQuantity: decimal(),
  itemVariantId: guid(),
  locationId: guid(),
};

/** [U] No published representation was collected for salesInvoiceLine: the order line minus its shipping fields. */
export const SALES_INVOICE_LINE_SHAPE: EntityShape = {
  ...LINE_BASE,
  itemVariantId: guid(),
  locationId: guid(),
};

/** Published representation plus `contactId`, which the published GET example carries. */
export const CUSTOMER_PAYMENT_SHAPE: EntityShape = {
  id: guid(true),
  journalId: guid(true),
  journalDisplayName: code(10, true),
  lineNumber: { kind: 'integer' },
  customerId: guid(),
  customerNumber: code(20),
  contactId: guid(),
  postingDate: date(),
  documentNumber: code(20),
  externalDocumentNumber: code(35),
  amount: decimal(),
  appliesToInvoiceId: guid(),
  appliesToInvoiceNumber: code(20),
  description: text(100),
  comment: text(250),
  lastModifiedDateTime: stamp,
};

/** [U] from the v2.0 reference (not in the collected spec set). */
export const CUSTOMER_PAYMENT_JOURNAL_SHAPE: EntityShape = {
  id: guid(true),
  code: code(10),
  displayName: text(100),
  balancingAccountId: guid(),
  balancingAccountNumber: code(20),
  lastModifiedDateTime: stamp,
};

export const COMPANY_SHAPE: EntityShape = {
  id: guid(true),
  systemVersion: text(250, true),
  timestamp: { kind: 'integer', readOnly: true },
  name: text(30, true),
  displayName: text(250, true),
  businessProfileId: text(250, true),
  systemCreatedAt: stamp,
  systemCreatedBy: guid(true),
  systemModifiedAt: stamp,
  systemModifiedBy: guid(true),
};

export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
/** BC's blank date as the API shows it. */
export const BLANK_DATE = '0001-01-01';

export function defaultValue(spec: FieldSpec): unknown {
  switch (spec.kind) {
    case 'guid':
      return ZERO_GUID;
    case 'text':
    case 'code':
      return '';
    case 'enum':
      return spec.values?.[0] ?? '';
    case 'decimal':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'date':
      return BLANK_DATE;
    case 'datetime':
      return '0001-01-01T00:00:00Z';
  }
}

/** A record with every property of the shape, defaults first, then `values`. */
export function fillDefaults(shape: EntityShape, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(shape)) out[name] = name in values ? values[name] : defaultValue(spec);
  return out;
}
