/**
 * GP receivables per order, as a ChangeFeed (seed 000: "settled AR invoices and payments post back to
 * Salesforce Opportunities and Orders"). One change per order reference, carrying the settlement of all its
 * invoices (receivables-summary.ts).
 *
 * The order reference of a posted invoice is its DOCNUMBR (default) — the GP document number the orders flow
 * created (sf-orders-to-gp-sales-documents: SF<OrderNumber>, kept by SOP invoice posting) and linked to the
 * Salesforce Order — or, with `orderReference: 'CustomerPONumber'`, its CSTPONBR/CSPORNBR, for installations
 * whose users bill an order in several invoices and type the order's document number there.
 *
 * Polled by DEX_ROW_TS of RM20101/RM30101 (row-ts-cursor.ts). A payment changes no invoice *row* it is not
 * applied to, but applying it rewrites CURTRXAM on the invoice (fresh DEX_ROW_TS) and on the payment; a changed
 * payment or credit leads through its applications (RM20201/RM30201, no DEX_ROW_TS) to the invoices it paid.
 * For every order touched, all of its invoices and their applications are read again, so partial payments and
 * one payment over several invoices add up right. Version = the newest DEX_ROW_TS among the order's invoices.
 */
import type { ChangeFeed, FeedPage, SourceChange } from '../../../engine/types.ts';
import type { GpApplication, GpPostedDocument, GpReceivablesClient } from '../receivables-client.ts';
import { CREDIT_TYPES, DEBIT_TYPES, summarizeReceivables } from './receivables-summary.ts';
import { beginRowTsRun, readRowTsCursor, type RowTsCursor } from './row-ts-cursor.ts';

export type OrderReferenceField = 'DocumentNumber' | 'CustomerPONumber';

export interface ReceivablesOrderFeedOptions {
  orderReference: OrderReferenceField;
  overlapMs: number;
  /** `OrderLinkId` = prefix + reference: the orders flow's link target id (e.g. `SOP:3;SF00000100`). */
  linkIdPrefix: string;
}

const refOf = (field: OrderReferenceField) => (d: GpPostedDocument) => (field === 'DocumentNumber' ? d.DocumentNumber : d.CustomerPONumber).toUpperCase();
const docKey = (type: number, number: string) => `${type}|${number.toUpperCase()}`;

export function createReceivablesOrderFeed(client: GpReceivablesClient, opts: ReceivablesOrderFeedOptions): ChangeFeed<RowTsCursor> {
  const ref = refOf(opts.orderReference);

  /** The references of the orders the changed documents belong to. */
  async function referencesOf(changed: GpPostedDocument[], signal?: AbortSignal): Promise<Set<string>> {
    const refs = new Set(changed.filter((d) => DEBIT_TYPES.has(d.DocumentType)).map(ref));
    const credits = changed.filter((d) => CREDIT_TYPES.has(d.DocumentType));
    if (credits.length > 0) {
      const creditKeys = new Set(credits.map((d) => docKey(d.DocumentType, d.DocumentNumber)));
      const { rows } = await client.listApplications('FromDocumentNumber', credits.map((d) => d.DocumentNumber), signal);
      const targets = rows.filter((a) => creditKeys.has(docKey(a.FromDocumentType, a.FromDocumentNumber)));
      if (opts.orderReference === 'DocumentNumber') for (const a of targets) refs.add(a.ToDocumentNumber.toUpperCase());
      else if (targets.length > 0) {
        const wanted = new Set(targets.map((a) => docKey(a.ToDocumentType, a.ToDocumentNumber)));
        const invoices = await client.listPostedBy('DocumentNumber', targets.map((a) => a.ToDocumentNumber), signal);
        for (const d of invoices.rows) if (wanted.has(docKey(d.DocumentType, d.DocumentNumber))) refs.add(ref(d));
      }
    }
    refs.delete('');
    return refs;
  }

  async function ordersFor(refs: string[], signal?: AbortSignal): Promise<{ changes: SourceChange[]; requestIds: string[] }> {
    if (refs.length === 0) return { changes: [], requestIds: [] };
    const docs = await client.listPostedBy(opts.orderReference, refs, signal);
    const invoices = docs.rows.filter((d) => DEBIT_TYPES.has(d.DocumentType));
    const applies: GpApplication[] = invoices.length > 0 ? (await client.listApplications('ToDocumentNumber', invoices.map((d) => d.DocumentNumber), signal)).rows : [];
    const changes: SourceChange[] = [];
    for (const r of refs) {
      const mine = invoices.filter((d) => ref(d) === r);
      if (mine.length === 0) continue;
      const version = new Date(Math.max(...mine.map((d) => d.LastModifiedDate))).toISOString();
      changes.push({ id: r, version, op: 'upsert', data: { OrderReference: r, OrderLinkId: `${opts.linkIdPrefix}${r}`, ...summarizeReceivables(mine, applies) } });
    }
    return { changes, requestIds: [docs.requestId] };
  }

  return {
    beginRun: (stored) => beginRowTsRun(stored, opts.overlapMs),
    async read(cursor, { pageSize, signal }): Promise<FeedPage<RowTsCursor>> {
      const at = cursor === null ? { from: null, after: null } : readRowTsCursor(cursor, 'the page cursor');
      const page = await client.listPostedChanged({ from: at.from, after: at.after, top: pageSize, signal });
      const refs = await referencesOf(page.rows, signal);
      const { changes, requestIds } = await ordersFor([...refs].sort(), signal);
      const last = page.rows[page.rows.length - 1];
      return {
        changes,
        cursor: last ? { from: null, after: { ts: last.LastModifiedDate, type: last.DocumentType, number: last.DocumentNumber } } : at,
        hasMore: page.rows.length === pageSize,
        requestIds: [page.requestId, ...requestIds],
      };
    },
    async get(id) {
      const { changes } = await ordersFor([id.toUpperCase()]);
      return changes[0];
    },
  };
}
