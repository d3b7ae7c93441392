/**
 * Typed BC API v2.0 entities (field names as published in the v2.0 "JSON representation" blocks) and, per
 * entity, what this connector may write and which properties are AL Code fields (stored upper-case by BC).
 */

export interface BcEntity {
  id: string;
  '@odata.etag'?: string;
  lastModifiedDateTime: string;
}

export type CustomerBlocked = ' ' | 'Ship' | 'Invoice' | 'All';

export interface BcCustomer extends BcEntity {
  number: string;
  displayName: string;
  type: 'Company' | 'Person';
  addressLine1: string;
  addressLine2: string;
  city: string;
  state: string;
  country: string;
  postalCode: string;
  phoneNumber: string;
  email: string;
  website: string;
  salespersonCode: string;
  balanceDue: number;
  creditLimit: number;
  taxLiable: boolean;
  taxAreaId: string;
  taxAreaDisplayName: string;
  taxRegistrationNumber: string;
  currencyId: string;
  currencyCode: string;
  paymentTermsId: string;
  shipmentMethodId: string;
  paymentMethodId: string;
  blocked: CustomerBlocked;
}

export interface BcItem extends BcEntity {
  number: string;
  displayName: string;
  displayName2: string;
  type: 'Inventory' | 'Service' | 'Non-Inventory';
  itemCategoryId: string;
  itemCategoryCode: string;
  blocked: boolean;
  gtin: string;
  inventory: number;
  unitPrice: number;
  priceIncludesTax: boolean;
  unitCost: number;
  taxGroupId: string;
  taxGroupCode: string;
  baseUnitOfMeasureId: string;
  baseUnitOfMeasureCode: string;
  generalProductPostingGroupId: string;
  generalProductPostingGroupCode: string;
  inventoryPostingGroupId: string;
  inventoryPostingGroupCode: string;
}

interface SalesHeader extends BcEntity {
  number: string;
  externalDocumentNumber: string;
  postingDate: string;
  customerId: string;
  customerNumber: string;
  customerName: string;
  billToName: string;
  billToCustomerId: string;
  billToCustomerNumber: string;
  shipToName: string;
  shipToContact: string;
  sellToAddressLine1: string;
  sellToAddressLine2: string;
  sellToCity: string;
  sellToCountry: string;
  sellToState: string;
  sellToPostCode: string;
  billToAddressLine1: string;
  billToAddressLine2: string;
  billToCity: string;
  billToCountry: string;
  billToState: string;
  billToPostCode: string;
  shipToAddressLine1: string;
  shipToAddressLine2: string;
  shipToCity: string;
  shipToCountry: string;
  shipToState: string;
  shipToPostCode: string;
  shortcutDimension1Code: string;
  shortcutDimension2Code: string;
  currencyId: string;
  currencyCode: string;
  pricesIncludeTax: boolean;
  paymentTermsId: string;
  shipmentMethodId: string;
  salesperson: string;
  discountAmount: number;
  discountAppliedBeforeTax: boolean;
  totalAmountExcludingTax: number;
  totalTaxAmount: number;
  totalAmountIncludingTax: number;
  phoneNumber: string;
  email: string;
}

export interface BcSalesOrder extends SalesHeader {
  orderDate: string;
  partialShipping: boolean;
  requestedDeliveryDate: string;
  fullyShipped: boolean;
  status: 'Draft' | 'In Review' | 'Open';
}

export type SalesInvoiceStatus = ' ' | 'Draft' | 'In Review' | 'Open' | 'Paid' | 'Canceled' | 'Corrective';

export interface BcSalesInvoice extends SalesHeader {
  invoiceDate: string;
  dueDate: string;
  promisedPayDate: string;
  customerPurchaseOrderReference: string;
  orderId: string;
  orderNumber: string;
  disputeStatusId: string;
  disputeStatus: string;
  remainingAmount: number;
  status: SalesInvoiceStatus;
}

export interface BcSalesLine {
  id: string;
  '@odata.etag'?: string;
  documentId: string;
  sequence: number;
  itemId: string;
  accountId: string;
  lineType: 'Comment' | 'Account' | 'Item' | 'Resource' | 'Fixed Asset' | 'Charge';
  lineObjectNumber: string;
  description: string;
  description2: string;
  unitOfMeasureId: string;
  unitOfMeasureCode: string;
  quantity: number;
  unitPrice: number;
  discountAmount: number;
  discountPercent: number;
  amountExcludingTax: number;
  taxCode: string;
  taxPercent: number;
  totalTaxAmount: number;
  amountIncludingTax: number;
  netAmount: number;
  netTaxAmount: number;
  netAmountIncludingTax: number;
  shipmentDate: string;
  itemVariantId: string;
  locationId: string;
}

export interface BcSalesOrderLine extends BcSalesLine {
  shippedQuantity: number;
  invoicedQuantity: number;
  invoiceQuantity: number;
  shipQuantity: number;
}

export interface BcCustomerPayment extends BcEntity {
  journalId: string;
  journalDisplayName: string;
  lineNumber: number;
  customerId: string;
  customerNumber: string;
  postingDate: string;
  documentNumber: string;
  externalDocumentNumber: string;
  amount: number;
  appliesToInvoiceId: string;
  appliesToInvoiceNumber: string;
  description: string;
  comment: string;
}

export interface BcCustomerPaymentJournal extends BcEntity {
  code: string;
  displayName: string;
  balancingAccountId: string;
  balancingAccountNumber: string;
}

export interface BcCompany {
  id: string;
  name: string;
  displayName: string;
  systemVersion: string;
}

export interface BcSubscription {
  subscriptionId: string;
  notificationUrl: string;
  resource: string;
  userId: string;
  lastModifiedDateTime: string;
  clientState: string;
  expirationDateTime: string;
  '@odata.etag'?: string;
}

/** Entities a feed() reads. customerPayments are journal lines, read across every customer payment journal. */
export const FEED_ENTITIES = ['customers', 'items', 'salesOrders', 'salesInvoices', 'customerPayments'] as const;
export type BcFeedEntity = (typeof FEED_ENTITIES)[number];

/** The subscription resource that reports an entity's changes ([U]: payment lines via their journal). */
export const WEBHOOK_SET_OF: Record<BcFeedEntity, string> = {
  customers: 'customers',
  items: 'items',
  salesOrders: 'salesOrders',
  salesInvoices: 'salesInvoices',
  customerPayments: 'customerPaymentJournals',
};

export function isFeedEntity(name: string): name is BcFeedEntity {
  return (FEED_ENTITIES as readonly string[]).includes(name);
}

const ADDRESS_FIELDS = ['sellTo', 'billTo', 'shipTo'].flatMap((p) => ['AddressLine1', 'AddressLine2', 'City', 'Country', 'State', 'PostCode'].map((s) => `${p}${s}`));

/** Properties this connector writes (the rest are read-only or owned by BC). */
export const WRITABLE_FIELDS = {
  customers: [
    'displayName', 'type', 'addressLine1', 'addressLine2', 'city', 'state', 'country', 'postalCode', 'phoneNumber', 'email', 'website',
    'salespersonCode', 'creditLimit', 'taxLiable', 'taxRegistrationNumber', 'currencyCode', 'blocked',
  ],
  items: [
    'displayName', 'displayName2', 'type', 'itemCategoryCode', 'blocked', 'gtin', 'unitPrice', 'priceIncludesTax', 'unitCost', 'taxGroupCode',
    'baseUnitOfMeasureCode', 'generalProductPostingGroupCode', 'inventoryPostingGroupCode',
  ],
  salesOrders: [
    'orderDate', 'postingDate', 'customerNumber', 'billToCustomerNumber', 'shipToName', 'shipToContact', ...ADDRESS_FIELDS, 'currencyCode',
    'pricesIncludeTax', 'salesperson', 'partialShipping', 'requestedDeliveryDate', 'discountAmount', 'phoneNumber', 'email',
  ],
  salesInvoices: [
    'invoiceDate', 'postingDate', 'dueDate', 'promisedPayDate', 'customerPurchaseOrderReference', 'customerNumber', 'billToCustomerNumber',
    'shipToName', 'shipToContact', ...ADDRESS_FIELDS, 'currencyCode', 'pricesIncludeTax', 'salesperson', 'discountAmount', 'phoneNumber', 'email',
  ],
  salesLines: ['lineType', 'lineObjectNumber', 'description', 'description2', 'unitOfMeasureCode', 'quantity', 'unitPrice', 'discountPercent', 'discountAmount', 'shipmentDate'],
} as const;

/** AL Code properties: BC stores them upper-case, so compare and match them upper-case. */
export const CODE_FIELDS = new Set([
  'number', 'country', 'postalCode', 'salespersonCode', 'currencyCode', 'itemCategoryCode', 'gtin', 'taxGroupCode', 'baseUnitOfMeasureCode',
  'generalProductPostingGroupCode', 'inventoryPostingGroupCode', 'externalDocumentNumber', 'customerNumber', 'billToCustomerNumber',
  'sellToCountry', 'billToCountry', 'shipToCountry', 'sellToPostCode', 'billToPostCode', 'shipToPostCode', 'salesperson', 'lineObjectNumber',
  'unitOfMeasureCode', 'shortcutDimension1Code', 'shortcutDimension2Code',
]);

/** Longest key BC takes: customer/item No. are Code[20], External Document No. is Code[35]. */
export const KEY_MAX_LENGTH = { number: 20, externalDocumentNumber: 35 } as const;
