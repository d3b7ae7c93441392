/**
 * The records the GP connection's receivables feeds hand to flows (connectors/dynamics-gp/receivables-feeds.ts),
 * and what its `salesDocuments` and `glTransactions` writers take. Each field list is typed against the
 * connector's type, so a field the connector adds, renames or drops fails the build here; fields the feeds add
 * on top of those types (keys and labels they compute) are named in the `Extra` types below. Lengths are the GP
 * column widths (char(N)) or the limits the writers check.
 */
import type { JournalLineInput } from '../../../connectors/dynamics-gp/gl-journal.ts';
import type { GlTransactionInput, GpCashReceipt, GpCustomerBalance, GpPostedDocument } from '../../../connectors/dynamics-gp/receivables-client.ts';
import type { ReceivablesSummary } from '../../../connectors/dynamics-gp/receivables-summary.ts';
import type { SalesDocumentFields } from '../../../connectors/dynamics-gp/sales-document-input.ts';
import type { CatalogField, EntityCatalog } from './field-catalog.ts';

type Spec = Omit<CatalogField, 'name'>;
const text = (length?: number, required = false): Spec => ({ type: 'string', ...(length !== undefined ? { length } : {}), ...(required ? { required } : {}) });
const number = (required = false): Spec => (required ? { type: 'number', required } : { type: 'number' });
const date = (required = false): Spec => (required ? { type: 'date', required } : { type: 'date' });
const fields = (specs: Record<string, Spec>): CatalogField[] => Object.entries(specs).map(([name, spec]) => ({ name, ...spec }));

const SYSTEM = 'dynamics-gp';
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

export const GP_RECEIVABLES_CATALOGS: EntityCatalog[] = [
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
