/**
 * Receivables transactions as the emulator exposes them (`Sales/Receivables`, key (RMDTYPAL;DOCNUMBR) [U]):
 * work RM10301 → open RM20101 on posting (GP-DOMAIN §3), distributions RM10101 (work) / RM30301 (posted).
 * DOCNUMBR input 20, CSTPONBR 20 (RM20101 calls it CSPORNBR; the wire name is CustomerPONumber either way),
 * DOCDESCR 30 (GP-DOMAIN §2). DISTTYPE 3 = Receivables, 9 = Sales [U].
 */
import { charColumn, toWireValue, type ColumnSpec, type Row } from '../gp-columns.ts';
import type { FieldDefs } from '../odata-query.ts';
import type { DocumentShape } from './document-payload.ts';

export const RM_WORK = { header: 'RM10301', distributions: 'RM10101' } as const;
export const RM_OPEN = { header: 'RM20101', distributions: 'RM30301' } as const;

/** RMDTYPAL accepted by taRMTransaction (GP-DOMAIN §3; others → 627). */
export const RM_TYPES: Record<number, string> = { 1: 'Sales / Invoice', 3: 'Debit Memo', 4: 'Finance Charge', 5: 'Service / Repair', 6: 'Warranty', 7: 'Credit Memo', 8: 'Return' };

export type RmState = 'Work' | 'Open';

export interface RmDocument {
  state: RmState;
  header: Row;
  distributions: Row[];
}

export const RM_HEADER_COLUMNS: ColumnSpec[] = [
  { kind: 'smallint', wire: 'DocumentType', column: 'RMDTYPAL' },
  charColumn('DocumentNumber', 'DOCNUMBR', 21, 20, { upper: true }),
  charColumn('CustomerId', 'CUSTNMBR', 15, 15, { upper: true }),
  charColumn('Description', 'DOCDESCR', 31, 30),
  charColumn('CustomerPONumber', 'CSTPONBR', 21, 20, { upper: true }),
  charColumn('BatchId', 'BACHNUMB', 15, 15, { upper: true }),
  { kind: 'money', wire: 'SalesAmount', column: 'SLSAMNT' },
];

export const RM_DISTRIBUTION_COLUMNS: ColumnSpec[] = [
  { kind: 'smallint', wire: 'DistributionType', column: 'DISTTYPE' },
  charColumn('AccountNumber', 'ACTNUMST', 129, 75, { upper: true }),
  { kind: 'money', wire: 'DebitAmount', column: 'DEBITAMT' },
  { kind: 'money', wire: 'CreditAmount', column: 'CRDTAMNT' },
];

export const RM_SHAPE: DocumentShape = {
  entity: 'ReceivablesTransaction',
  columns: RM_HEADER_COLUMNS,
  dates: { DocumentDate: 'DOCDATE' },
  children: { Distributions: { entity: 'ReceivablesDistribution', columns: RM_DISTRIBUTION_COLUMNS, readOnly: ['SequenceNumber'] } },
  readOnly: ['CustomerName', 'DocumentAmount', 'CurrentAmount', 'TransactionState', 'PostedDate', 'ModifiedDate', 'LastModifiedDate'],
};

const day = (v: unknown) => `${typeof v === 'string' ? v : '1900-01-01'}T00:00:00`;

/** The PO number of a work (CSTPONBR) or open (CSPORNBR) document. */
const poNumberOf = (doc: RmDocument) => (doc.state === 'Open' ? doc.header.CSPORNBR : doc.header.CSTPONBR) as string | undefined;

export function rmToWire(doc: RmDocument): Record<string, unknown> {
  const h: Row = { ...doc.header, CSTPONBR: poNumberOf(doc) ?? ''.padEnd(21) };
  const out: Record<string, unknown> = {};
  for (const spec of RM_HEADER_COLUMNS) out[spec.wire] = toWireValue(spec, h[spec.column]);
  Object.assign(out, {
    CustomerName: h.CUSTNAME,
    DocumentDate: day(h.DOCDATE),
    DocumentAmount: h.DOCAMNT,
    CurrentAmount: doc.state === 'Open' ? h.CURTRXAM : 0,
    TransactionState: doc.state,
    PostedDate: day(h.POSTDATE),
    ModifiedDate: day(h.LSTEDTDT),
    LastModifiedDate: toWireValue({ kind: 'timestamp', wire: '', column: '', readOnly: true }, h.DEX_ROW_TS),
    Distributions: doc.distributions.map((d) => {
      const out: Record<string, unknown> = { SequenceNumber: d.SEQNUMBR };
      for (const spec of RM_DISTRIBUTION_COLUMNS) out[spec.wire] = toWireValue(spec, d[spec.column]);
      return out;
    }),
  });
  return out;
}

export const RM_FIELDS: FieldDefs<RmDocument> = {
  DocumentType: { type: 'number', get: (d) => d.header.RMDTYPAL as number },
  DocumentNumber: { type: 'string', get: (d) => d.header.DOCNUMBR as string },
  CustomerId: { type: 'string', get: (d) => d.header.CUSTNMBR as string },
  CustomerPONumber: { type: 'string', get: (d) => poNumberOf(d) ?? '' },
  DocumentDate: { type: 'date', get: (d) => d.header.DOCDATE as string },
  TransactionState: { type: 'string', get: (d) => d.state },
  LastModifiedDate: { type: 'datetime', get: (d) => d.header.DEX_ROW_TS as number },
};
