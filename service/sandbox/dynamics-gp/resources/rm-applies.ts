/**
 * `Sales/ReceivablesApplications(<FromType>;<FromNumber>;<ToType>;<ToNumber>)` [U path] — applications of a
 * credit (payment 9, credit memo 7, return 8) to a debit (invoice 1, 3–6): open RM20201, history RM30201
 * (GP-DOMAIN §3). POST applies like eConnect's taRMApply: both documents posted and open (RM20101), same
 * customer, 0 < amount ≤ the unapplied amount of each (CURTRXAM), the apply date in a period open for Sales
 * ("Receivables Apply Doc." origin, GP-DOMAIN §4). Applying reduces CURTRXAM on both documents, which rewrites
 * their RM20101 rows (fresh DEX_ROW_TS). A second apply of the same pair adds to the first [U]. RM20201/RM30201
 * have no DEX_ROW_TS (GP-DOMAIN §5): the resource has no LastModifiedDate. Error numbers 91030–91035 are the
 * emulator's [U] (taRMApply's are not public).
 */
import { econnectError } from '../econnect-error.ts';
import { charColumn, normalizeKey, toWireValue, type ColumnSpec, type Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany, GpTable } from '../gp-company.ts';
import type { FieldDefs } from '../odata-query.ts';
import type { GpResource } from '../resource-registry.ts';
import { readDocument, roundAmount, tooPrecise, trimmed, type DocumentShape } from './document-payload.ts';
import { assertPostable } from './posting-period.ts';
import { CREDIT_TYPES, DEBIT_TYPES, applyKey, historyApplies, openApplies, openTable, touchOpen } from './rm-posted.ts';
import { rmKey } from './rm-store.ts';

const PROC = 'taRMApply';

const COLUMNS: ColumnSpec[] = [
  { kind: 'smallint', wire: 'FromDocumentType', column: 'APFRDCTY' },
  charColumn('FromDocumentNumber', 'APFRDCNM', 21, 20, { upper: true }),
  { kind: 'smallint', wire: 'ToDocumentType', column: 'APTODCTY' },
  charColumn('ToDocumentNumber', 'APTODCNM', 21, 20, { upper: true }),
  { kind: 'money', wire: 'Amount', column: 'APPTOAMT' },
];

const SHAPE: DocumentShape = { entity: 'ReceivablesApplication', columns: COLUMNS, dates: { ApplyDate: 'DATE1' }, readOnly: ['CustomerId', 'TransactionState'] };

export interface RmApply {
  state: 'Open' | 'History';
  row: Row;
}

const FIELDS: FieldDefs<RmApply> = {
  CustomerId: { type: 'string', get: (a) => a.row.CUSTNMBR as string },
  FromDocumentType: { type: 'number', get: (a) => a.row.APFRDCTY as number },
  FromDocumentNumber: { type: 'string', get: (a) => a.row.APFRDCNM as string },
  ToDocumentType: { type: 'number', get: (a) => a.row.APTODCTY as number },
  ToDocumentNumber: { type: 'string', get: (a) => a.row.APTODCNM as string },
  ApplyDate: { type: 'date', get: (a) => a.row.DATE1 as string },
  TransactionState: { type: 'string', get: (a) => a.state },
};

function appliesView(company: GpCompany): GpTable<RmApply> {
  const open = openApplies(company);
  const history = historyApplies(company);
  const all = () => [...open.values().map((row) => ({ state: 'Open' as const, row })), ...history.values().map((row) => ({ state: 'History' as const, row }))];
  return {
    get version() {
      return open.version + history.version;
    },
    get: (key) => {
      const o = open.get(key);
      if (o) return { state: 'Open', row: o };
      const h = history.get(key);
      return h && { state: 'History', row: h };
    },
    set: () => {
      throw new Error('apply documents through applyDocuments');
    },
    delete: () => false,
    values: all,
    get size() {
      return open.size + history.size;
    },
  };
}

export function applyDocuments(company: GpCompany, clock: GpClock, payload: Record<string, unknown>): RmApply {
  const { values } = readDocument(SHAPE, payload);
  const fromType = values.APFRDCTY as number;
  const toType = values.APTODCTY as number;
  const from = trimmed(values.APFRDCNM);
  const to = trimmed(values.APTODCNM);
  const keys = { APFRDCTY: String(fromType), APFRDCNM: normalizeKey(from), APTODCTY: String(toType), APTODCNM: normalizeKey(to) };
  const fail = (n: number, d: string) => econnectError({ number: n, procedure: PROC, description: d, keys });
  if (!CREDIT_TYPES.has(fromType)) throw fail(91030, 'The Apply From Document Type (APFRDCTY) must be 7 (credit memo), 8 (return) or 9 (payment)');
  if (!DEBIT_TYPES.has(toType)) throw fail(91030, 'The Apply To Document Type (APTODCTY) must be 1 or 3 through 6');
  const open = openTable(company);
  const fromDoc = open.get(rmKey(fromType, from));
  const toDoc = open.get(rmKey(toType, to));
  if (!fromDoc) throw fail(91031, 'The Apply From Document (APFRDCNM) is not a posted open document in RM20101');
  if (!toDoc) throw fail(91031, 'The Apply To Document (APTODCNM) is not a posted open document in RM20101');
  if (normalizeKey(fromDoc.CUSTNMBR as string) !== normalizeKey(toDoc.CUSTNMBR as string)) throw fail(91032, 'The documents belong to different customers (CUSTNMBR)');
  const amount = values.APPTOAMT as number | undefined;
  const decimals = company.currency.decimals;
  if (amount === undefined || amount <= 0) throw fail(91033, 'The Apply Amount (APPTOAMT) must be greater than zero');
  if (tooPrecise(amount, decimals)) throw fail(832, `The Apply Amount (APPTOAMT) has more decimal places than the currency ${company.currency.id} allows (${decimals})`);
  if (amount > (fromDoc.CURTRXAM as number) + 1e-9) throw fail(91034, `The Apply Amount (APPTOAMT) ${amount} exceeds the unapplied amount ${fromDoc.CURTRXAM as number} of ${from} (CURTRXAM)`);
  if (amount > (toDoc.CURTRXAM as number) + 1e-9) throw fail(91034, `The Apply Amount (APPTOAMT) ${amount} exceeds the remaining amount ${toDoc.CURTRXAM as number} of ${to} (CURTRXAM)`);
  const date = typeof values.DATE1 === 'string' ? values.DATE1 : clock.localDate();
  if (date < (fromDoc.DOCDATE as string) || date < (toDoc.DOCDATE as string)) throw fail(91035, `The Apply Date (APPLYDATE) ${date} is before a document date`);
  assertPostable(company, date, `Apply of ${from} to ${to}`);
  const key = applyKey(fromType, from, toType, to);
  const table = openApplies(company);
  const existing = table.get(key);
  const row: Row = {
    APFRDCTY: fromType,
    APFRDCNM: fromDoc.DOCNUMBR as string,
    APTODCTY: toType,
    APTODCNM: toDoc.DOCNUMBR as string,
    CUSTNMBR: toDoc.CUSTNMBR as string,
    APPTOAMT: roundAmount(((existing?.APPTOAMT as number | undefined) ?? 0) + amount, decimals),
    DATE1: date,
    GLPOSTDT: date,
  };
  table.set(key, row);
  touchOpen(company, clock, fromDoc, { CURTRXAM: roundAmount((fromDoc.CURTRXAM as number) - amount, decimals) });
  touchOpen(company, clock, toDoc, { CURTRXAM: roundAmount((toDoc.CURTRXAM as number) - amount, decimals) });
  return { state: 'Open', row };
}

export const receivablesApplicationsResource: GpResource<RmApply> = {
  path: 'Sales/ReceivablesApplications',
  entity: 'ReceivablesApplication',
  keyParts: 4,
  fields: FIELDS,
  defaultOrder: [
    { field: 'FromDocumentType', descending: false },
    { field: 'FromDocumentNumber', descending: false },
    { field: 'ToDocumentType', descending: false },
    { field: 'ToDocumentNumber', descending: false },
  ],
  table: (ctx) => appliesView(ctx.company),
  find: (ctx, [ft, f, tt, t]) => appliesView(ctx.company).get(applyKey(Number(ft), f ?? '', Number(tt), t ?? '')),
  toWire(a) {
    const out: Record<string, unknown> = {};
    for (const spec of COLUMNS) out[spec.wire] = toWireValue(spec, a.row[spec.column]);
    out.CustomerId = a.row.CUSTNMBR;
    out.ApplyDate = `${a.row.DATE1 as string}T00:00:00`;
    out.TransactionState = a.state;
    return out;
  },
  create: (ctx, payload) => applyDocuments(ctx.company, ctx.clock, payload),
};
