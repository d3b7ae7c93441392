/**
 * `Sales/CashReceipts(<DocumentNumber>)` [U path] — unposted cash receipts, RM10201 (RMDTYPAL 9, GP-DOMAIN §3),
 * written the way eConnect's taCreateCashReceipt does: CUSTNMBR must exist (221, text [C]), DOCNUMBR input 20
 * (GP-DOMAIN §2, "20 for cash receipt"), CSHRCTYP 0 check / 1 cash / 2 credit card (ECN:ff623955 [V]),
 * (9, DOCNUMBR) unique across work/open/history (190, as taRMTransaction [V]; for this procedure [U]), amount
 * precision 832. RM10201 has no DEX_ROW_TS (GP-DOMAIN §5): the resource offers no LastModifiedDate, and
 * clients poll it by batch or status (docs/gp-change-detection.md).
 * Posting (sandbox-only, `postCashReceipt`) checks the Sales period and moves the receipt to RM20101 as an open
 * payment whose CURTRXAM (unapplied amount) starts at the full amount.
 */
import { econnectError } from '../econnect-error.ts';
import { blankRow, charColumn, normalizeKey, toWireValue, type ColumnSpec, type Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany, GpTable } from '../gp-company.ts';
import type { FieldDefs } from '../odata-query.ts';
import type { GpResource } from '../resource-registry.ts';
import { SbaError, badRequest } from '../sba-error.ts';
import { findCustomer } from './customer-store.ts';
import { readDocument, tooPrecise, trimmed, type DocumentShape } from './document-payload.ts';
import { assertPostable } from './posting-period.ts';
import { findPosted, openTable } from './rm-posted.ts';
import { rmKey } from './rm-store.ts';

export const CASH_RECEIPT_TABLE = 'RM10201';
export const PAYMENT_TYPE = 9;
const PROC = 'taCreateCashReceipt';

const COLUMNS: ColumnSpec[] = [
  charColumn('DocumentNumber', 'DOCNUMBR', 21, 20, { upper: true }),
  charColumn('CustomerId', 'CUSTNMBR', 15, 15, { upper: true }),
  charColumn('BatchId', 'BACHNUMB', 15, 15, { upper: true }),
  charColumn('CheckbookId', 'CHEKBKID', 15, 15, { upper: true }),
  charColumn('CheckNumber', 'CHEKNMBR', 21, 20),
  charColumn('Description', 'TRXDSCRN', 31, 30),
  { kind: 'smallint', wire: 'ReceiptType', column: 'CSHRCTYP' },
  { kind: 'money', wire: 'Amount', column: 'ORTRXAMT' },
];

const SHAPE: DocumentShape = { entity: 'CashReceipt', columns: COLUMNS, dates: { DocumentDate: 'DOCDATE' }, readOnly: ['CustomerName', 'TransactionState'] };

const FIELDS: FieldDefs<Row> = {
  DocumentNumber: { type: 'string', get: (r) => r.DOCNUMBR as string },
  CustomerId: { type: 'string', get: (r) => r.CUSTNMBR as string },
  BatchId: { type: 'string', get: (r) => r.BACHNUMB as string },
  DocumentDate: { type: 'date', get: (r) => r.DOCDATE as string },
};

export const cashReceiptTable = (company: GpCompany): GpTable<Row> => company.table<Row>(CASH_RECEIPT_TABLE);

function validate(company: GpCompany, row: Row): Row {
  const number = trimmed(row.DOCNUMBR);
  const keys = { DOCNUMBR: number, CUSTNMBR: trimmed(row.CUSTNMBR) };
  const fail = (n: number, d: string) => econnectError({ number: n, procedure: PROC, description: d, keys });
  const customer = findCustomer(company, trimmed(row.CUSTNMBR));
  if (!customer) throw fail(221, 'The Customer Number (CUSTNMBR) does not exist in the Customer Master Table - RM00101');
  if (number === '') throw fail(91020, 'Required fields are blank (DOCNUMBR)');
  if (row.DOCDATE === '1900-01-01') throw fail(91020, 'Required fields are blank (DOCDATE)');
  if (trimmed(row.BACHNUMB) === '') throw fail(91020, 'Required fields are blank (BACHNUMB)');
  if (![0, 1, 2].includes(row.CSHRCTYP as number)) throw fail(91021, 'The Cash Receipt Type (CSHRCTYP) must be 0 (check), 1 (cash) or 2 (credit card)');
  const amount = row.ORTRXAMT as number;
  if (amount <= 0) throw fail(91022, 'The Amount (ORTRXAMT) must be greater than zero');
  if (tooPrecise(amount, company.currency.decimals)) throw fail(832, `The Amount (ORTRXAMT) has more decimal places than the currency ${company.currency.id} allows (${company.currency.decimals})`);
  return { ...row, CUSTNAME: customer.CUSTNAME as string };
}

export function createCashReceipt(company: GpCompany, clock: GpClock, payload: Record<string, unknown>): Row {
  const { values } = readDocument(SHAPE, payload);
  const row = validate(company, { ...blankRow(COLUMNS), DOCDATE: '1900-01-01', ...values });
  const number = trimmed(row.DOCNUMBR);
  if (cashReceiptTable(company).get(normalizeKey(number)) || findPosted(company, PAYMENT_TYPE, number)) {
    throw econnectError({
      number: 190,
      procedure: PROC,
      description: 'Document number (DOCNUMBR) already exists in either RM00401, RM10201, RM20101 or RM30101',
      keys: { RMDTYPAL: String(PAYMENT_TYPE), DOCNUMBR: normalizeKey(number) },
      status: 409,
    });
  }
  const stored = { ...row, MODIFDT: clock.localDate() };
  cashReceiptTable(company).set(normalizeKey(number), stored);
  return stored;
}

export function updateCashReceipt(company: GpCompany, clock: GpClock, number: string, payload: Record<string, unknown>): Row {
  const existing = cashReceiptTable(company).get(normalizeKey(number));
  if (!existing) throw new Error(`cash receipt ${number} does not exist`);
  const { values } = readDocument(SHAPE, payload);
  if (values.DOCNUMBR !== undefined && normalizeKey(String(values.DOCNUMBR)) !== normalizeKey(number)) {
    throw badRequest('CashReceipt.DocumentNumber cannot be changed (DOCNUMBR identifies the receipt)', 'ValidationFailed');
  }
  const row = { ...validate(company, { ...existing, ...values }), MODIFDT: clock.localDate() };
  cashReceiptTable(company).set(normalizeKey(number), row);
  return row;
}

/** Posting (sandbox-only; a GP user posts the batch): Sales period open, RM10201 → RM20101 as an open payment. */
export function postCashReceipt(company: GpCompany, clock: GpClock, number: string): Row {
  const work = cashReceiptTable(company);
  const receipt = work.get(normalizeKey(number));
  if (!receipt) throw new SbaError(404, 'EntityNotFound', `CashReceipt '${normalizeKey(number)}' was not found in company '${company.name}'`);
  assertPostable(company, receipt.DOCDATE as string, `Cash receipt ${trimmed(receipt.DOCNUMBR)}`);
  const amount = receipt.ORTRXAMT as number;
  const header: Row = {
    RMDTYPAL: PAYMENT_TYPE,
    DOCNUMBR: receipt.DOCNUMBR as string,
    CUSTNMBR: receipt.CUSTNMBR as string,
    CUSTNAME: receipt.CUSTNAME as string,
    DOCDESCR: receipt.TRXDSCRN as string,
    CSPORNBR: ''.padEnd(21),
    BACHNUMB: receipt.BACHNUMB as string,
    CSHRCTYP: receipt.CSHRCTYP as number,
    CHEKNMBR: receipt.CHEKNMBR as string,
    SLSAMNT: 0,
    DOCAMNT: amount,
    CURTRXAM: amount,
    DOCDATE: receipt.DOCDATE as string,
    POSTDATE: clock.localDate(),
    LSTEDTDT: clock.localDate(),
    DEX_ROW_TS: clock.rowTimestamp(),
  };
  work.delete(normalizeKey(number));
  openTable(company).set(rmKey(PAYMENT_TYPE, number), header);
  return header;
}

export const cashReceiptsResource: GpResource<Row> = {
  path: 'Sales/CashReceipts',
  entity: 'CashReceipt',
  keyParts: 1,
  fields: FIELDS,
  defaultOrder: [{ field: 'DocumentNumber', descending: false }],
  table: (ctx) => cashReceiptTable(ctx.company),
  find: (ctx, [number]) => (number === undefined ? undefined : cashReceiptTable(ctx.company).get(normalizeKey(number))),
  toWire(row) {
    const out: Record<string, unknown> = {};
    for (const spec of COLUMNS) out[spec.wire] = toWireValue(spec, row[spec.column]);
    out.CustomerName = row.CUSTNAME;
    out.DocumentDate = `${row.DOCDATE as string}T00:00:00`;
    out.TransactionState = 'Work';
    return out;
  },
  create: (ctx, payload) => createCashReceipt(ctx.company, ctx.clock, payload),
  update: (ctx, [number], payload) => updateCashReceipt(ctx.company, ctx.clock, number ?? '', payload),
  delete(ctx, [number]) {
    const row = cashReceiptTable(ctx.company).get(normalizeKey(number ?? ''))!;
    cashReceiptTable(ctx.company).delete(normalizeKey(number ?? ''));
    return row;
  },
};
