/**
 * Posted GP invoices, credit memos and payments, one change per document, for `ERP_Document__c` (upserted on
 * Document_Key__c `GP:<Invoice|Credit_Memo|Payment>:<DOCNUMBR>`). Polled by DEX_ROW_TS of RM20101/RM30101
 * (row-ts-cursor.ts); an apply rewrites both documents' rows (CURTRXAM), so a payment and the invoices it pays
 * come back together. RMDTYPAL 1 → Invoice, 7 → Credit_Memo, 9 → Payment (GP-DOMAIN §3); debit memos, finance
 * charges, service/warranty documents and returns have no document type in the package and are not emitted.
 *
 * Invoices carry Status Open / Partially_Paid / Paid from CURTRXAM (paid documents stay Open in RM20101 until
 * Paid Transaction Removal); payments and credits Applied when nothing is left unapplied, else Unapplied, and
 * AppliedTo = the numbers of the documents they were applied to. OrderReference (the invoice's, or for a payment
 * the first invoice it paid) leads to the Salesforce Order through the orders flow's links.
 */
import type { ChangeFeed, FeedPage, SourceChange } from '../../../engine/types.ts';
import type { GpApplication, GpPostedDocument, GpReceivablesClient } from '../receivables-client.ts';
import type { OrderReferenceField } from './receivables-order-feed.ts';
import { settlementStatus } from './receivables-summary.ts';
import { beginRowTsRun, readRowTsCursor, type RowTsCursor } from './row-ts-cursor.ts';

export const DOCUMENT_TYPE_LABELS: Readonly<Record<number, string>> = { 1: 'Invoice', 7: 'Credit_Memo', 9: 'Payment' };

const docKey = (type: number, number: string) => `${type}|${number.toUpperCase()}`;

export function createReceivablesDocumentFeed(client: GpReceivablesClient, opts: { orderReference: OrderReferenceField; overlapMs: number; linkIdPrefix: string }): ChangeFeed<RowTsCursor> {
  const refOf = (d: GpPostedDocument) => (opts.orderReference === 'DocumentNumber' ? d.DocumentNumber : d.CustomerPONumber).toUpperCase() || null;

  async function toChanges(docs: GpPostedDocument[], signal?: AbortSignal): Promise<SourceChange[]> {
    const wanted = docs.filter((d) => d.DocumentType in DOCUMENT_TYPE_LABELS);
    const credits = wanted.filter((d) => d.DocumentType !== 1);
    let applies: GpApplication[] = [];
    let invoiceRefs = new Map<string, string | null>();
    if (credits.length > 0) {
      applies = (await client.listApplications('FromDocumentNumber', credits.map((d) => d.DocumentNumber), signal)).rows;
      if (opts.orderReference === 'CustomerPONumber' && applies.length > 0) {
        const invoices = await client.listPostedBy('DocumentNumber', applies.map((a) => a.ToDocumentNumber), signal);
        invoiceRefs = new Map(invoices.rows.map((d) => [docKey(d.DocumentType, d.DocumentNumber), refOf(d)]));
      }
    }
    return wanted.map((d) => {
      const label = DOCUMENT_TYPE_LABELS[d.DocumentType]!;
      const isInvoice = d.DocumentType === 1;
      const mine = applies.filter((a) => docKey(a.FromDocumentType, a.FromDocumentNumber) === docKey(d.DocumentType, d.DocumentNumber)).sort((a, b) => a.ToDocumentNumber.localeCompare(b.ToDocumentNumber));
      const first = mine[0];
      const orderReference = isInvoice
        ? refOf(d)
        : first === undefined
          ? null
          : opts.orderReference === 'DocumentNumber'
            ? first.ToDocumentNumber.toUpperCase()
            : (invoiceRefs.get(docKey(first.ToDocumentType, first.ToDocumentNumber)) ?? null);
      return {
        id: `${label}:${d.DocumentNumber.toUpperCase()}`,
        version: new Date(d.LastModifiedDate).toISOString(),
        op: 'upsert' as const,
        data: {
          DocumentKey: `GP:${label}:${d.DocumentNumber.toUpperCase()}`,
          DocumentType: label,
          DocumentNumber: d.DocumentNumber,
          CustomerId: d.CustomerId,
          DocumentDate: d.DocumentDate,
          DueDate: isInvoice ? d.DueDate : null,
          Amount: d.DocumentAmount,
          Balance: d.CurrentAmount,
          Status: isInvoice ? settlementStatus(d.DocumentAmount, d.CurrentAmount, d.DocumentAmount - d.CurrentAmount) : d.CurrentAmount <= 0.005 ? 'Applied' : 'Unapplied',
          AppliedTo: mine.length > 0 ? mine.map((a) => a.ToDocumentNumber).join(', ') : null,
          OrderReference: orderReference,
          OrderLinkId: orderReference === null ? null : `${opts.linkIdPrefix}${orderReference}`,
          TransactionState: d.TransactionState,
        },
      };
    });
  }

  return {
    beginRun: (stored) => beginRowTsRun(stored, opts.overlapMs),
    async read(cursor, { pageSize, signal }): Promise<FeedPage<RowTsCursor>> {
      const at = cursor === null ? { from: null, after: null } : readRowTsCursor(cursor, 'the page cursor');
      const page = await client.listPostedChanged({ from: at.from, after: at.after, top: pageSize, signal });
      const last = page.rows[page.rows.length - 1];
      return {
        changes: await toChanges(page.rows, signal),
        cursor: last ? { from: null, after: { ts: last.LastModifiedDate, type: last.DocumentType, number: last.DocumentNumber } } : at,
        hasMore: page.rows.length === pageSize,
        requestIds: [page.requestId],
      };
    },
    async get(id) {
      const [label, number] = id.split(':');
      const type = Number(Object.entries(DOCUMENT_TYPE_LABELS).find(([, l]) => l === label)?.[0]);
      if (!number || !Number.isInteger(type)) return undefined;
      const { rows } = await client.listPostedBy('DocumentNumber', [number]);
      const doc = rows.find((d) => d.DocumentType === type);
      return doc && (await toChanges([doc]))[0];
    },
  };
}
