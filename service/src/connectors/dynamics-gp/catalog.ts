/**
 * Dynamics GP as the mapping editor sees it: the records the GP feeds hand to flows and what its writers take.
 * Each field list is typed against the connector's own type, so a field the connector adds, renames or drops fails
 * the build here; fields the feeds add on top of those types (keys and labels they compute) are named in the
 * `Extra` types below. Lengths are the GP column widths (char(N)) or the limits the writers check.
 */
import type { CatalogField, EntityCatalog } from '../../engine/catalog.ts';
import type { GpCustomer } from './entities.ts';
import type { ReceivablesSummary } from './feeds/receivables-summary.ts';
import type { GlTransactionInput, GpCashReceipt, GpCustomerBalance, GpPostedDocument } from './receivables-client.ts';
import type { JournalLineInput } from './writers/gl-journal.ts';
import type { SalesDocumentFields } from './writers/sales-document-input.ts';

type Spec = Omit<CatalogField, 'name'>;
const text = (length?: number, required = false): Spec => ({ type: 'string', ...(length !== undefined ? { length } : {}), ...(required ? { required } : {}) });
const number = (required = false): Spec => (required ? { type: 'number', required } : { type: 'number' });
const date = (required = false): Spec => (required ? { type: 'date', required } : { type: 'date' });
const fields = (specs: Record<string, Spec>): CatalogField[] => Object.entries(specs).map(([name, spec]) => ({ name, ...spec }));

const SYSTEM = 'dynamics-gp';

/** RM00101 customers as the customers feed emits them (entities.ts). */
const CUSTOMER_FIELDS = {
  CustomerId: text(15, true),
  Name: text(65, true),
  ShortName: text(15),
  StatementName: text(65),
  Class: text(15),
  ContactPerson: text(61),
  AddressCode: text(15),
  Address1: text(61),
  Address2: text(61),
  Address3: text(61),
  City: text(35),
  State: text(29),
  Zip: text(11),
  CountryCode: text(7),
  Country: text(61),
  Phone1: text(21),
  Phone2: text(21),
  Phone3: text(21),
  Fax: text(21),
  PaymentTerms: text(21),
  Salesperson: text(15),
  SalesTerritory: text(15),
  ShippingMethod: text(15),
  TaxSchedule: text(15),
  Currency: text(15),
  CreditLimitType: { type: 'number' },
  CreditLimitAmount: { type: 'number' },
  OnHold: { type: 'boolean' },
  Inactive: { type: 'boolean' },
  CreatedDate: { type: 'date' },
  ModifiedDate: { type: 'date' },
  LastModified: { type: 'datetime' },
} as const satisfies Record<keyof GpCustomer, Spec>;

/** DOCNUMBR / SOPNUMBE / CSTPONBR are char(21). */
const DOCUMENT_NUMBER = 21;
/** `OrderLinkId` = the feed's linkIdPrefix (≤ 10) + the order reference. */
const ORDER_LINK_ID = 10 + DOCUMENT_NUMBER;
/** GP account strings (the GL writer's limit). */
const ACCOUNT = 75;
/** The credit limit as [type, amount], for transform gpCreditLimit (as on GP customers). */
const CREDIT_LIMIT = { name: 'CreditLimit', type: 'number', parts: ['CreditLimitType', 'CreditLimitAmount'] } as const;

/** receivables-order-feed.ts: the summary of an order's invoices, plus the order reference and its link id. */
type ByOrderExtra = 'OrderReference' | 'OrderLinkId';
const BY_ORDER_FIELDS = {
  OrderReference: text(DOCUMENT_NUMBER, true),
  OrderLinkId: text(ORDER_LINK_ID, true),
  CustomerId: text(15, true),
  InvoiceNumbers: text(),
  InvoiceCount: number(true),
  TotalInvoiced: number(true),
  TotalPaid: number(true),
  Balance: number(true),
  Status: text(14, true),
  DueDate: date(),
  LastPaymentDate: date(),
} as const satisfies Record<keyof ReceivablesSummary | ByOrderExtra, Spec>;

/**
 * receivables-document-feed.ts: one posted invoice, credit memo or payment. The feed builds the record inline
 * (no exported type), so only the fields it copies from `GpPostedDocument` are checked against the connector.
 */
type DocumentCopied = 'DocumentNumber' | 'CustomerId' | 'DocumentDate' | 'DueDate' | 'TransactionState';
type DocumentExtra = 'DocumentKey' | 'DocumentType' | 'Amount' | 'Balance' | 'Status' | 'AppliedTo' | 'OrderReference' | 'OrderLinkId';
const DOCUMENT_FIELDS = {
  DocumentKey: text(3 + 'Credit_Memo:'.length + DOCUMENT_NUMBER, true),
  DocumentType: text(11, true),
  DocumentNumber: text(DOCUMENT_NUMBER, true),
  CustomerId: text(15, true),
  DocumentDate: date(),
  DueDate: date(),
  Amount: number(true),
  Balance: number(true),
  Status: text(14, true),
  AppliedTo: text(),
  OrderReference: text(DOCUMENT_NUMBER),
  OrderLinkId: text(ORDER_LINK_ID),
  TransactionState: text(7),
} as const satisfies Record<Extract<keyof GpPostedDocument, DocumentCopied> | DocumentExtra, Spec>;

/** RM00103 as the `customer-balances` feed emits it, plus the package's receivables status it derives. */
const BALANCE_FIELDS = {
  CustomerId: text(15, true),
  Balance: number(true),
  PastDueAmount: number(true),
  UnpostedCashAmount: number(),
  CreditLimitType: number(),
  CreditLimitAmount: number(),
  LastPaymentDate: date(),
  LastPaymentAmount: number(),
  ReceivablesStatus: text(17, true),
} as const satisfies Record<keyof GpCustomerBalance | 'ReceivablesStatus', Spec>;

/** RM10201 unposted cash receipts (`cash-receipts` feed). */
const CASH_RECEIPT_FIELDS = {
  DocumentNumber: text(DOCUMENT_NUMBER, true),
  CustomerId: text(15, true),
  BatchId: text(15),
  CheckNumber: text(21),
  Description: text(31),
  ReceiptType: number(),
  Amount: number(true),
  DocumentDate: date(),
} as const satisfies Record<keyof GpCashReceipt, Spec>;

/** What the `salesDocuments` writer accepts (sales-document-input.ts), lines apart. */
const SALES_DOCUMENT_FIELDS = {
  DocumentType: text(19),
  DocumentId: text(15),
  BatchId: text(15),
  CustomerId: text(15, true),
  DocumentDate: date(true),
  CustomerPONumber: text(20),
  Description: text(30),
  SalesAccount: text(ACCOUNT),
  ReceivablesAccount: text(ACCOUNT),
  CostCenter: text(),
} as const satisfies Record<Exclude<keyof SalesDocumentFields, 'Lines'>, Spec>;

const SALES_DOCUMENT_LINE_FIELDS = {
  ItemNumber: text(30, true),
  Description: text(100),
  Quantity: number(true),
  UnitPrice: number(true),
  SalesAccount: text(ACCOUNT),
  UofM: text(8),
  SiteId: text(10),
} as const satisfies Record<keyof SalesDocumentFields['Lines'][number], Spec>;

/**
 * What the `glTransactions` writer reads from a mapped record (gl-journal.ts buildJournal): the date, the amount
 * debited, a description, the lines credited. `Reference` is the match field (the Salesforce OrderNumber).
 */
type GlExtra = 'ReceivableAmount' | 'Description';
const GL_FIELDS = {
  Reference: text(30, true),
  TransactionDate: date(true),
  ReceivableAmount: number(true),
  Description: text(30),
} as const satisfies Record<Extract<keyof GlTransactionInput, 'Reference' | 'TransactionDate'> | GlExtra, Spec>;

const GL_LINE_FIELDS = {
  Amount: number(true),
  // Replaces segment `costCenterSegment` of the revenue account.
  CostCenter: text(),
  Description: text(30),
} as const satisfies Record<keyof JournalLineInput, Spec>;

export const GP_CATALOG: readonly EntityCatalog[] = [
  {
    system: SYSTEM,
    entity: 'customers',
    fields: fields(CUSTOMER_FIELDS),
    composites: [
      // The three address lines, one per line (transform joinLines).
      { name: 'AddressLines', type: 'string', length: 3 * 61 + 2, parts: ['Address1', 'Address2', 'Address3'] },
      // [type, amount] for transform gpCreditLimit: no credit → 0, unlimited → blank, amount → the amount.
      CREDIT_LIMIT,
    ],
  },
  { system: SYSTEM, entity: 'receivables-by-order', fields: fields(BY_ORDER_FIELDS) },
  { system: SYSTEM, entity: 'receivables-documents', fields: fields(DOCUMENT_FIELDS) },
  { system: SYSTEM, entity: 'customer-balances', fields: fields(BALANCE_FIELDS), composites: [CREDIT_LIMIT] },
  { system: SYSTEM, entity: 'cash-receipts', fields: fields(CASH_RECEIPT_FIELDS) },
  {
    system: SYSTEM,
    entity: 'salesDocuments',
    // DocumentNumber: the match field (writer option documentNumberPrefix + the Salesforce OrderNumber).
    fields: [{ name: 'DocumentNumber', type: 'string', length: DOCUMENT_NUMBER, required: true }, ...fields(SALES_DOCUMENT_FIELDS)],
    lists: [{ name: 'Lines', item: { system: SYSTEM, entity: 'salesDocuments.Lines', fields: fields(SALES_DOCUMENT_LINE_FIELDS) } }],
  },
  {
    system: SYSTEM,
    entity: 'glTransactions',
    fields: fields(GL_FIELDS),
    lists: [{ name: 'Lines', item: { system: SYSTEM, entity: 'glTransactions.Lines', fields: fields(GL_LINE_FIELDS) } }],
  },
];
