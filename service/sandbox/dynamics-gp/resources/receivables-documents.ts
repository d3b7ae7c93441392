/**
 * `Sales/ReceivablesDocuments(<DocumentType>;<DocumentNumber>)` [U path] — posted receivables, read-only: open
 * RM20101 and history RM30101, every RMDTYPAL including 9 payments (GP-DOMAIN §3). Unposted work documents are
 * `Sales/Receivables` (RM10301) and `Sales/CashReceipts` (RM10201). CurrentAmount is CURTRXAM (what remains
 * unapplied / unpaid); fully paid documents stay Open until Paid Transaction Removal. LastModifiedDate is
 * DEX_ROW_TS (UTC, present on both tables, GP-DOMAIN §5) and changes when an apply reduces CURTRXAM.
 */
import { normalizeKey, toWireValue } from '../gp-columns.ts';
import type { GpCompany, GpTable } from '../gp-company.ts';
import type { FieldDefs } from '../odata-query.ts';
import type { GpResource } from '../resource-registry.ts';
import { badRequest } from '../sba-error.ts';
import { dueDateOf, findPosted, historyTable, openTable, type PostedRmDocument } from './rm-posted.ts';

const day = (v: unknown) => `${typeof v === 'string' ? v : '1900-01-01'}T00:00:00`;
const text = (v: unknown, width: number) => (typeof v === 'string' ? v : ''.padEnd(width));

const FIELDS: FieldDefs<PostedView> = {
  DocumentType: { type: 'number', get: (d) => d.header.RMDTYPAL as number },
  DocumentNumber: { type: 'string', get: (d) => d.header.DOCNUMBR as string },
  CustomerId: { type: 'string', get: (d) => d.header.CUSTNMBR as string },
  CustomerPONumber: { type: 'string', get: (d) => text(d.header.CSPORNBR, 21) },
  DocumentDate: { type: 'date', get: (d) => d.header.DOCDATE as string },
  TransactionState: { type: 'string', get: (d) => d.state },
  LastModifiedDate: { type: 'datetime', get: (d) => d.header.DEX_ROW_TS as number },
};

/** A posted document with its due date resolved (it needs the customer's payment terms). */
export interface PostedView extends PostedRmDocument {
  dueDate: string;
}

function postedView(company: GpCompany): GpTable<PostedView> {
  const open = openTable(company);
  const history = historyTable(company);
  const withDue = (d: PostedRmDocument | undefined): PostedView | undefined => d && { ...d, dueDate: dueDateOf(company, d.header) };
  return {
    get version() {
      return open.version + history.version;
    },
    get: (key) => {
      const [type, number] = key.split('|');
      return withDue(findPosted(company, Number(type), number ?? ''));
    },
    set: () => {
      throw new Error('posted receivables are written by posting, applying and paid transaction removal');
    },
    delete: () => false,
    values: () => [...open.values().map((header) => withDue({ state: 'Open', header })!), ...history.values().map((header) => withDue({ state: 'History', header })!)],
    get size() {
      return open.size + history.size;
    },
  };
}

export function postedToWire(d: PostedView): Record<string, unknown> {
  const h = d.header;
  return {
    DocumentType: h.RMDTYPAL,
    DocumentNumber: h.DOCNUMBR,
    CustomerId: h.CUSTNMBR,
    CustomerName: text(h.CUSTNAME, 65),
    CustomerPONumber: text(h.CSPORNBR, 21),
    Description: text(h.DOCDESCR, 31),
    DocumentDate: day(h.DOCDATE),
    DueDate: day(d.dueDate),
    PostedDate: day(h.POSTDATE),
    DocumentAmount: h.DOCAMNT,
    CurrentAmount: h.CURTRXAM,
    TransactionState: d.state,
    ModifiedDate: day(h.LSTEDTDT),
    LastModifiedDate: toWireValue({ kind: 'timestamp', wire: 'LastModifiedDate', column: 'DEX_ROW_TS', readOnly: true }, h.DEX_ROW_TS),
  };
}

export const receivablesDocumentsResource: GpResource<PostedView> = {
  path: 'Sales/ReceivablesDocuments',
  entity: 'ReceivablesDocument',
  keyParts: 2,
  fields: FIELDS,
  defaultOrder: [
    { field: 'DocumentType', descending: false },
    { field: 'DocumentNumber', descending: false },
  ],
  table: (ctx) => postedView(ctx.company),
  find(ctx, [type, number]) {
    const t = Number(type);
    if (!Number.isInteger(t)) throw badRequest(`ReceivablesDocument keys are (<DocumentType>;<DocumentNumber>); "${type}" is not a document type number`);
    return postedView(ctx.company).get(`${t}|${normalizeKey(number ?? '')}`);
  },
  toWire: postedToWire,
};
