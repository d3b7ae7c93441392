/**
 * SOP documents as the emulator exposes them: header SOP10100 (work) / SOP30200 (history), lines SOP10200 /
 * SOP30300, keyed (SOPTYPE, SOPNUMBE) (GP-DOMAIN §3). Widths and input maxima from GP-DOMAIN §2: SOPNUMBE 21,
 * CSTPONBR 20, DOCID/CUSTNMBR/BACHNUMB 15, ITEMNMBR 30, ITEMDESC 100, LOCNCODE 10, UOFM 8, ACTNUMST 75. Wire names
 * follow the GP Web Services sales document where a flat equivalent exists (`CustomerPONumber`, `DocumentId`,
 * `TransactionState` Work|History — FACTS §2.2) [U].
 */
import { charColumn, toWireValue, type ColumnSpec, type Row } from '../gp-columns.ts';
import type { FieldDefs } from '../odata-query.ts';
import type { DocumentShape } from './document-payload.ts';

export const SOP_WORK = { header: 'SOP10100', lines: 'SOP10200' } as const;
export const SOP_HISTORY = { header: 'SOP30200', lines: 'SOP30300' } as const;

/** SOPTYPE (GP-DOMAIN §3): only invoices and returns post; the others are transferred. */
export const SOP_TYPES: Record<number, string> = { 1: 'Quote', 2: 'Order', 3: 'Invoice', 4: 'Return', 5: 'Back Order', 6: 'Fulfillment Order' };

export type SopState = 'Work' | 'History';

/**
 * Document status as the SOP windows show it (MSD sales-order-processing part 2 [V]: an order is New, In Process
 * once lines are partly transferred, Complete when it moves to history); posted invoices and returns read Posted [U].
 */
export type SopStatus = 'New' | 'In Process' | 'Complete' | 'Posted';

export interface SopDocument {
  state: SopState;
  header: Row;
  lines: Row[];
}

export const SOP_HEADER_COLUMNS: ColumnSpec[] = [
  { kind: 'smallint', wire: 'SopType', column: 'SOPTYPE' },
  charColumn('SopNumber', 'SOPNUMBE', 21, 21, { upper: true }),
  charColumn('DocumentId', 'DOCID', 15, 15, { upper: true }),
  charColumn('CustomerId', 'CUSTNMBR', 15, 15, { upper: true }),
  charColumn('CustomerPONumber', 'CSTPONBR', 21, 20, { upper: true }),
  charColumn('BatchId', 'BACHNUMB', 15, 15, { upper: true }),
  { kind: 'money', wire: 'Subtotal', column: 'SUBTOTAL' },
  // The document this one was transferred from (taSopHdrIvcInsert takes ORIGTYPE/ORIGNUMB [V DDL]).
  { kind: 'smallint', wire: 'OriginalSopType', column: 'ORIGTYPE' },
  charColumn('OriginalSopNumber', 'ORIGNUMB', 21, 21, { upper: true }),
];

export const SOP_LINE_COLUMNS: ColumnSpec[] = [
  charColumn('ItemNumber', 'ITEMNMBR', 31, 30, { upper: true }),
  charColumn('Description', 'ITEMDESC', 101, 100),
  charColumn('UofM', 'UOFM', 9, 8),
  { kind: 'money', wire: 'Quantity', column: 'QUANTITY' },
  { kind: 'money', wire: 'UnitPrice', column: 'UNITPRCE' },
  charColumn('SiteId', 'LOCNCODE', 11, 10, { upper: true }),
  charColumn('SalesAccount', 'ACTNUMST', 129, 75, { upper: true }),
];

export const SOP_SHAPE: DocumentShape = {
  entity: 'SalesTransaction',
  columns: SOP_HEADER_COLUMNS,
  dates: { DocumentDate: 'DOCDATE' },
  children: { Lines: { entity: 'SalesTransactionLine', columns: SOP_LINE_COLUMNS, readOnly: ['LineSequence', 'ExtendedPrice', 'QuantityRemaining'] } },
  readOnly: ['CustomerName', 'DocumentAmount', 'DocumentStatus', 'EnteredBy', 'TransactionState', 'PostedDate', 'CreatedDate', 'ModifiedDate', 'LastModifiedDate'],
};

const ts = (v: unknown) => toWireValue({ kind: 'timestamp', wire: '', column: '', readOnly: true }, v as number);
const day = (v: unknown) => `${typeof v === 'string' ? v : '1900-01-01'}T00:00:00`;

/** What the status of a document is, from where it is and how much of it is left to transfer. */
export function statusOf(doc: SopDocument): SopStatus {
  if (doc.state === 'History') return doc.header.SOPTYPE === 3 || doc.header.SOPTYPE === 4 ? 'Posted' : 'Complete';
  return doc.lines.some((l) => (l.QTYREMAI ?? l.QUANTITY) !== l.QUANTITY) ? 'In Process' : 'New';
}

export function sopToWire(doc: SopDocument): Record<string, unknown> {
  const h = doc.header;
  const out: Record<string, unknown> = {};
  for (const spec of SOP_HEADER_COLUMNS) out[spec.wire] = toWireValue(spec, h[spec.column]);
  Object.assign(out, {
    CustomerName: h.CUSTNAME,
    DocumentDate: day(h.DOCDATE),
    DocumentAmount: h.DOCAMNT,
    DocumentStatus: statusOf(doc),
    EnteredBy: typeof h.USER2ENT === 'string' ? h.USER2ENT : ''.padEnd(15),
    TransactionState: doc.state,
    PostedDate: day(h.GLPOSTDT),
    CreatedDate: day(h.CREATDDT),
    ModifiedDate: day(h.MODIFDT),
    LastModifiedDate: ts(h.DEX_ROW_TS),
    Lines: doc.lines.map((l) => {
      const line: Record<string, unknown> = { LineSequence: l.LNITMSEQ };
      for (const spec of SOP_LINE_COLUMNS) line[spec.wire] = toWireValue(spec, l[spec.column]);
      line.ExtendedPrice = l.XTNDPRCE;
      line.QuantityRemaining = l.QTYREMAI ?? l.QUANTITY;
      return line;
    }),
  });
  return out;
}

export const SOP_FIELDS: FieldDefs<SopDocument> = {
  SopType: { type: 'number', get: (d) => d.header.SOPTYPE as number },
  SopNumber: { type: 'string', get: (d) => d.header.SOPNUMBE as string },
  DocumentId: { type: 'string', get: (d) => d.header.DOCID as string },
  CustomerId: { type: 'string', get: (d) => d.header.CUSTNMBR as string },
  CustomerPONumber: { type: 'string', get: (d) => d.header.CSTPONBR as string },
  BatchId: { type: 'string', get: (d) => d.header.BACHNUMB as string },
  DocumentDate: { type: 'date', get: (d) => d.header.DOCDATE as string },
  TransactionState: { type: 'string', get: (d) => d.state },
  DocumentStatus: { type: 'string', get: (d) => statusOf(d) },
  OriginalSopType: { type: 'number', get: (d) => d.header.ORIGTYPE as number },
  OriginalSopNumber: { type: 'string', get: (d) => d.header.ORIGNUMB as string },
  PostedDate: { type: 'date', get: (d) => d.header.GLPOSTDT as string },
  ModifiedDate: { type: 'date', get: (d) => d.header.MODIFDT as string },
  LastModifiedDate: { type: 'datetime', get: (d) => d.header.DEX_ROW_TS as number },
};
