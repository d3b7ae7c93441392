/**
 * `Financials/GLTransactions(<JournalEntry>)` [U path] — unposted GL journal entries: header GL10000, lines
 * GL10001 (work, GP-DOMAIN §3; both carry DEX_ROW_TS, §5). POST follows eConnect's taGLTransactionHeaderInsert /
 * LineInsert (GP-DOMAIN §2, §4, §6 [V]): JRNENTRY 1..99,999,999 else 9367, JRNENTRY already in GL10000/GL20000
 * → 997 (HTTP 409), no fiscal year for TRXDATE → 596, TRXDATE in a period closed for Financial ("General
 * Entry") → 7117, debits ≠ credits → 944; an empty JournalEntry takes the next number (GL40000.NJRNLENT).
 * Unknown / inactive accounts, blank batch and malformed lines carry emulator-chosen numbers 91040–91044 [U].
 * REFRENCE char(31), input 30 [U width]; DSCRIPTN 30; ACTNUMST 75 (GP-DOMAIN §2). eConnect never posts.
 */
import { econnectError } from '../econnect-error.ts';
import { blankRow, charColumn, toWireValue, type ColumnSpec, type Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany, GpTable } from '../gp-company.ts';
import type { FieldDefs } from '../odata-query.ts';
import type { GpResource } from '../resource-registry.ts';
import { readDocument, roundAmount, tooPrecise, trimmed, type DocumentShape } from './document-payload.ts';
import { describePeriod, isSeriesClosed, periodOf } from './fiscal-periods.ts';
import { findGlAccount } from './gl-accounts.ts';

export const GL_WORK = { header: 'GL10000', lines: 'GL10001' } as const;
export const GL_OPEN_HEADER = 'GL20000';
const NEXT_TABLE = 'GL40000';
const HEADER_PROC = 'taGLTransactionHeaderInsert';
const LINE_PROC = 'taGLTransactionLineInsert';
const MAX_JRNENTRY = 99_999_999;

const HEADER_COLUMNS: ColumnSpec[] = [
  { kind: 'smallint', wire: 'JournalEntry', column: 'JRNENTRY' },
  charColumn('BatchId', 'BACHNUMB', 15, 15, { upper: true }),
  charColumn('Reference', 'REFRENCE', 31, 30),
  charColumn('SourceDocument', 'SOURCDOC', 11, 10, { upper: true }),
];
const LINE_COLUMNS: ColumnSpec[] = [
  charColumn('AccountNumber', 'ACTNUMST', 129, 75, { upper: true }),
  { kind: 'money', wire: 'DebitAmount', column: 'DEBITAMT' },
  { kind: 'money', wire: 'CreditAmount', column: 'CRDTAMNT' },
  charColumn('Description', 'DSCRIPTN', 31, 30),
];

/** JRNENTRY is an int, not a smallint: read it apart from the shared column rules. */
const SHAPE: DocumentShape = {
  entity: 'GLTransaction',
  columns: HEADER_COLUMNS.filter((c) => c.column !== 'JRNENTRY'),
  dates: { TransactionDate: 'TRXDATE' },
  children: { Lines: { entity: 'GLTransactionLine', columns: LINE_COLUMNS, readOnly: ['SequenceNumber', 'AccountIndex'] } },
  readOnly: ['TransactionState', 'ModifiedDate', 'LastModifiedDate'],
};

export interface GlTransaction {
  header: Row;
  lines: Row[];
}

const headers = (company: GpCompany): GpTable<Row> => company.table<Row>(GL_WORK.header);
const lineTable = (company: GpCompany): GpTable<Row> => company.table<Row>(GL_WORK.lines);

function linesOf(company: GpCompany, jrnentry: number): Row[] {
  return lineTable(company)
    .values()
    .filter((l) => l.JRNENTRY === jrnentry)
    .sort((a, b) => (a.SQNCLINE as number) - (b.SQNCLINE as number));
}

export function findGlTransaction(company: GpCompany, jrnentry: number): GlTransaction | undefined {
  const header = headers(company).get(String(jrnentry));
  return header && { header, lines: linesOf(company, jrnentry) };
}

function entryTaken(company: GpCompany, n: number): boolean {
  return headers(company).get(String(n)) !== undefined || company.table<Row>(GL_OPEN_HEADER).values().some((h) => h.JRNENTRY === n);
}

function nextJournalEntry(company: GpCompany): number {
  const table = company.table<Row>(NEXT_TABLE);
  let next = (table.get('NJRNLENT')?.NJRNLENT as number | undefined) ?? 1;
  while (entryTaken(company, next)) next += 1;
  table.set('NJRNLENT', { NJRNLENT: next + 1 });
  return next;
}

export function createGlTransaction(company: GpCompany, clock: GpClock, payload: Record<string, unknown>): GlTransaction {
  const { JournalEntry: rawEntry, ...rest } = payload;
  const { values, children } = readDocument(SHAPE, rest);
  const header: Row = { ...blankRow(HEADER_COLUMNS), TRXDATE: '1900-01-01', ...values };
  const keys = () => ({ JRNENTRY: String(header.JRNENTRY), BACHNUMB: trimmed(header.BACHNUMB) });
  const fail = (n: number, d: string, proc = HEADER_PROC, status?: number) => econnectError({ number: n, procedure: proc, description: d, keys: keys(), status });
  if (rawEntry !== undefined && rawEntry !== null && rawEntry !== 0) {
    if (typeof rawEntry !== 'number' || !Number.isInteger(rawEntry) || rawEntry < 1 || rawEntry > MAX_JRNENTRY) {
      header.JRNENTRY = typeof rawEntry === 'number' ? rawEntry : 0;
      throw fail(9367, `The Journal Entry (JRNENTRY) must be between 1 and ${MAX_JRNENTRY}`);
    }
    header.JRNENTRY = rawEntry;
    if (entryTaken(company, rawEntry)) throw fail(997, 'The Journal Entry (JRNENTRY) already exists in GL10000 or GL20000', HEADER_PROC, 409);
  }
  if (trimmed(header.BACHNUMB) === '') throw fail(91042, 'Required fields are blank (BACHNUMB)');
  const date = header.TRXDATE as string;
  if (date === '1900-01-01') throw fail(91042, 'Required fields are blank (TRXDATE)');
  const period = periodOf(company, date);
  if (!period) throw fail(596, `A fiscal year has not been set up for the Transaction Date (TRXDATE) ${date}`);
  if (isSeriesClosed(period, 'financial')) throw fail(7117, `The Transaction Date (TRXDATE) ${date} falls in ${describePeriod(period)}, which is closed for General Entry`);
  const inputs = children.Lines ?? [];
  if (inputs.length < 2) throw fail(91043, 'A journal entry needs at least two lines (GL10001)', LINE_PROC);
  const decimals = company.currency.decimals;
  let debit = 0;
  let credit = 0;
  const lines = inputs.map((input, i) => {
    const l = { ...blankRow(LINE_COLUMNS), ...input };
    const number = trimmed(l.ACTNUMST);
    const account = number === '' ? undefined : findGlAccount(company, number);
    if (!account) throw fail(91040, `The Account Number (ACTNUMST) "${number}" on line ${i + 1} does not exist in the Account Index Master Table - GL00105`, LINE_PROC);
    if (account.ACTIVE !== 1) throw fail(91041, `The Account Number (ACTNUMST) ${number} on line ${i + 1} is inactive`, LINE_PROC);
    const d = l.DEBITAMT as number;
    const c = l.CRDTAMNT as number;
    if (d < 0 || c < 0 || (d === 0) === (c === 0)) throw fail(91044, `Line ${i + 1} needs either a debit (DEBITAMT) or a credit (CRDTAMNT), positive, not both`, LINE_PROC);
    if (tooPrecise(d, decimals) || tooPrecise(c, decimals)) throw fail(832, `An amount on line ${i + 1} has more decimal places than the currency ${company.currency.id} allows (${decimals})`, LINE_PROC);
    debit += d;
    credit += c;
    return { ...l, ACTINDX: account.ACTINDX as number, SQNCLINE: (i + 1) * 16384 } satisfies Row;
  });
  if (roundAmount(debit, decimals) !== roundAmount(credit, decimals)) {
    throw fail(944, `The debit amounts (${roundAmount(debit, decimals)}) and credit amounts (${roundAmount(credit, decimals)}) of the journal entry are not equal`);
  }
  const jrnentry = (header.JRNENTRY as number) || nextJournalEntry(company);
  const stored: Row = { ...header, JRNENTRY: jrnentry, SERIES: 2, LSTDTEDT: clock.localDate(), DEX_ROW_TS: clock.rowTimestamp() };
  headers(company).set(String(jrnentry), stored);
  const storedLines = lines.map((l) => ({ ...l, JRNENTRY: jrnentry, DEX_ROW_TS: clock.rowTimestamp() }));
  for (const l of storedLines) lineTable(company).set(`${jrnentry}|${l.SQNCLINE as number}`, l);
  return { header: stored, lines: storedLines };
}

function view(company: GpCompany): GpTable<GlTransaction> {
  const h = headers(company);
  return {
    get version() {
      return h.version + lineTable(company).version;
    },
    get: (key) => findGlTransaction(company, Number(key)),
    set: () => {
      throw new Error('write GL transactions through createGlTransaction');
    },
    delete: () => false,
    values: () => h.values().map((header) => ({ header, lines: linesOf(company, header.JRNENTRY as number) })),
    get size() {
      return h.size;
    },
  };
}

const FIELDS: FieldDefs<GlTransaction> = {
  JournalEntry: { type: 'number', get: (t) => t.header.JRNENTRY as number },
  Reference: { type: 'string', get: (t) => t.header.REFRENCE as string },
  BatchId: { type: 'string', get: (t) => t.header.BACHNUMB as string },
  TransactionDate: { type: 'date', get: (t) => t.header.TRXDATE as string },
  LastModifiedDate: { type: 'datetime', get: (t) => t.header.DEX_ROW_TS as number },
};

export function glTransactionToWire(t: GlTransaction): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of HEADER_COLUMNS) out[spec.wire] = toWireValue(spec, t.header[spec.column]);
  out.TransactionDate = `${t.header.TRXDATE as string}T00:00:00`;
  out.TransactionState = 'Work';
  out.ModifiedDate = `${t.header.LSTDTEDT as string}T00:00:00`;
  out.LastModifiedDate = toWireValue({ kind: 'timestamp', wire: '', column: '', readOnly: true }, t.header.DEX_ROW_TS);
  out.Lines = t.lines.map((l) => {
    const line: Record<string, unknown> = { SequenceNumber: l.SQNCLINE, AccountIndex: l.ACTINDX };
    for (const spec of LINE_COLUMNS) line[spec.wire] = toWireValue(spec, l[spec.column]);
    return line;
  });
  return out;
}

export const glTransactionsResource: GpResource<GlTransaction> = {
  path: 'Financials/GLTransactions',
  entity: 'GLTransaction',
  keyParts: 1,
  fields: FIELDS,
  defaultOrder: [{ field: 'JournalEntry', descending: false }],
  table: (ctx) => view(ctx.company),
  find: (ctx, [n]) => (n !== undefined && /^\d+$/.test(n) ? findGlTransaction(ctx.company, Number(n)) : undefined),
  toWire: glTransactionToWire,
  create: (ctx, payload) => createGlTransaction(ctx.company, ctx.clock, payload),
};

