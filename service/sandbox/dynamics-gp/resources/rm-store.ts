/**
 * Writes to receivables transactions with the rules of taRMTransaction / taRMDistribution (GP-DOMAIN §3, §6):
 * RMDTYPAL 1,3–8 else 627; (RMDTYPAL, DOCNUMBR) taken in RM10301 or RM20101, for any customer → 190 (HTTP 409;
 * text [C]); unknown customer 221 (text [C]); amounts more precise than the currency 832. Batch blank, unknown or
 * inactive distribution account, and unbalanced distributions carry emulator-chosen numbers 91010–91013 [U].
 * An empty DocumentNumber takes the next number of the type (RM40401). No fiscal-period check: eConnect accepts
 * RM documents in closed periods; posting fails (GP-DOMAIN §4, postRmDocument).
 */
import { econnectError } from '../econnect-error.ts';
import { blankRow, normalizeKey, type Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany, GpTable } from '../gp-company.ts';
import { SbaError, badRequest } from '../sba-error.ts';
import { findCustomer } from './customer-store.ts';
import { readDocument, roundAmount, tooPrecise, trimmed } from './document-payload.ts';
import { findGlAccount } from './gl-accounts.ts';
import { takeRmNumber } from './next-numbers.ts';
import { assertPostable } from './posting-period.ts';
import { RM_DISTRIBUTION_COLUMNS, RM_HEADER_COLUMNS, RM_OPEN, RM_SHAPE, RM_TYPES, RM_WORK, type RmDocument } from './rm-columns.ts';

const PROC = 'taRMTransaction';
const DIST_PROC = 'taRMDistribution';

export const rmKey = (type: number, number: string) => `${type}|${normalizeKey(number)}`;

const tables = (company: GpCompany, which: typeof RM_WORK | typeof RM_OPEN) => ({
  header: company.table<Row>(which.header),
  distributions: company.table<Row>(which.distributions),
});

function distributionsOf(table: GpTable<Row>, type: number, number: string): Row[] {
  const n = normalizeKey(number);
  return table
    .values()
    .filter((d) => d.RMDTYPAL === type && normalizeKey(d.DOCNUMBR as string) === n)
    .sort((a, b) => (a.SEQNUMBR as number) - (b.SEQNUMBR as number));
}

export function findRmDocument(company: GpCompany, type: number, number: string): RmDocument | undefined {
  for (const [state, which] of [['Work', RM_WORK], ['Open', RM_OPEN]] as const) {
    const t = tables(company, which);
    const header = t.header.get(rmKey(type, number));
    if (header) return { state, header, distributions: distributionsOf(t.distributions, type, number) };
  }
  return undefined;
}

export function rmDocumentView(company: GpCompany): GpTable<RmDocument> {
  const work = tables(company, RM_WORK);
  const open = tables(company, RM_OPEN);
  const docs = (state: 'Work' | 'Open', t: typeof work) =>
    t.header.values().map((h) => ({ state, header: h, distributions: distributionsOf(t.distributions, h.RMDTYPAL as number, h.DOCNUMBR as string) }));
  return {
    get version() {
      return work.header.version + work.distributions.version + open.header.version + open.distributions.version;
    },
    get: (key) => {
      const [type, number] = key.split('|');
      return findRmDocument(company, Number(type), number ?? '');
    },
    set: () => {
      throw new Error('write receivables documents through createRmDocument / updateRmDocument');
    },
    delete: () => false,
    values: () => [...docs('Work', work), ...docs('Open', open)],
    get size() {
      return work.header.size + open.header.size;
    },
  };
}

function validate(company: GpCompany, header: Row, distributions: Row[]): { header: Row; distributions: Row[] } {
  const type = header.RMDTYPAL as number;
  const keys = { RMDTYPAL: String(type), DOCNUMBR: trimmed(header.DOCNUMBR) };
  const fail = (n: number, d: string, proc = PROC) => econnectError({ number: n, procedure: proc, description: d, keys });
  const custnmbr = trimmed(header.CUSTNMBR);
  if (!findCustomer(company, custnmbr)) {
    throw econnectError({ number: 221, procedure: PROC, description: 'The Customer Number (CUSTNMBR) does not exist in the Customer Master Table - RM00101', keys: { ...keys, CUSTNMBR: custnmbr } });
  }
  if (header.DOCDATE === '1900-01-01') throw fail(91010, 'Required fields are blank (DOCDATE)');
  if (trimmed(header.BACHNUMB) === '') throw fail(91010, 'Required fields are blank (BACHNUMB)');
  const decimals = company.currency.decimals;
  const amount = header.SLSAMNT as number;
  if (amount < 0) throw fail(91013, 'The Sales Amount (SLSAMNT) cannot be negative');
  if (tooPrecise(amount, decimals)) throw fail(832, `The Sales Amount (SLSAMNT) has more decimal places than the currency ${company.currency.id} allows (${decimals})`);
  let debit = 0;
  let credit = 0;
  const stored = distributions.map((input, i) => {
    const d = { ...blankRow(RM_DISTRIBUTION_COLUMNS), ...input };
    const number = trimmed(d.ACTNUMST);
    const account = number === '' ? undefined : findGlAccount(company, number);
    if (!account) throw fail(91011, `The Account Number (ACTNUMST) "${number}" on distribution ${i + 1} does not exist in the Account Index Master Table - GL00105`, DIST_PROC);
    if (account.ACTIVE !== 1) throw fail(91012, `The Account Number (ACTNUMST) ${number} on distribution ${i + 1} is inactive`, DIST_PROC);
    for (const col of ['DEBITAMT', 'CRDTAMNT'] as const) {
      if ((d[col] as number) < 0 || tooPrecise(d[col] as number, decimals)) throw fail(832, `The ${col} on distribution ${i + 1} is negative or more precise than the currency allows`, DIST_PROC);
    }
    debit += d.DEBITAMT as number;
    credit += d.CRDTAMNT as number;
    return { ...d, ACTINDX: account.ACTINDX as number, SEQNUMBR: (i + 1) * 16384, RMDTYPAL: type, DOCNUMBR: header.DOCNUMBR as string } satisfies Row;
  });
  if (stored.length > 0 && (roundAmount(debit, decimals) !== roundAmount(credit, decimals) || roundAmount(debit, decimals) !== amount)) {
    throw fail(91013, `The distributions do not balance: debits ${roundAmount(debit, decimals)}, credits ${roundAmount(credit, decimals)}, document amount ${amount}`, DIST_PROC);
  }
  return { header: { ...header, DOCAMNT: amount, CURTRXAM: amount }, distributions: stored };
}

function store(company: GpCompany, clock: GpClock, doc: { header: Row; distributions: Row[] }): RmDocument {
  const work = tables(company, RM_WORK);
  const type = doc.header.RMDTYPAL as number;
  const number = doc.header.DOCNUMBR as string;
  for (const old of distributionsOf(work.distributions, type, number)) work.distributions.delete(`${rmKey(type, number)}|${old.SEQNUMBR as number}`);
  const header = { ...doc.header, LSTEDTDT: clock.localDate(), DEX_ROW_TS: clock.rowTimestamp() };
  work.header.set(rmKey(type, number), header);
  for (const d of doc.distributions) work.distributions.set(`${rmKey(type, number)}|${d.SEQNUMBR as number}`, d);
  return { state: 'Work', header, distributions: doc.distributions };
}

export function createRmDocument(company: GpCompany, clock: GpClock, payload: Record<string, unknown>): RmDocument {
  const { values, children } = readDocument(RM_SHAPE, payload);
  const header: Row = { ...blankRow(RM_HEADER_COLUMNS), DOCDATE: '1900-01-01', POSTDATE: '1900-01-01', ...values };
  const type = header.RMDTYPAL as number;
  if (!(type in RM_TYPES)) {
    throw econnectError({ number: 627, procedure: PROC, description: 'The Document Type (RMDTYPAL) must be 1 or 3 through 8', keys: { RMDTYPAL: String(type) } });
  }
  let number = trimmed(header.DOCNUMBR);
  const used = (n: string) => findRmDocument(company, type, n) !== undefined;
  if (number !== '' && used(number)) {
    throw econnectError({
      number: 190,
      procedure: PROC,
      description: 'Document number (DOCNUMBR) already exists in either RM00401, RM10301, RM20101 or RM30101',
      keys: { RMDTYPAL: String(type), DOCNUMBR: normalizeKey(number) },
      status: 409,
    });
  }
  const checked = validate(company, header, children.Distributions ?? []);
  if (number === '') number = takeRmNumber(company, type, used);
  const padded = number.toUpperCase().padEnd(21);
  const customer = findCustomer(company, trimmed(header.CUSTNMBR))!;
  return store(company, clock, {
    header: { ...checked.header, DOCNUMBR: padded, CUSTNAME: customer.CUSTNAME as string },
    distributions: checked.distributions.map((d) => ({ ...d, DOCNUMBR: padded })),
  });
}

function posted(doc: RmDocument, action: string): SbaError {
  const h = doc.header;
  return new SbaError(409, 'DocumentPosted', `Receivables ${RM_TYPES[h.RMDTYPAL as number]} ${trimmed(h.DOCNUMBR)} is posted (RM20101): posted documents cannot be ${action}; void it in Posted Transaction Maintenance`);
}

export function updateRmDocument(company: GpCompany, clock: GpClock, type: number, number: string, payload: Record<string, unknown>): RmDocument {
  const existing = findRmDocument(company, type, number);
  if (!existing) throw new Error(`RM document ${type}/${number} does not exist`);
  if (existing.state === 'Open') throw posted(existing, 'changed');
  const { values, children } = readDocument(RM_SHAPE, payload);
  for (const [col, wire] of [['RMDTYPAL', 'DocumentType'], ['DOCNUMBR', 'DocumentNumber']] as const) {
    if (values[col] !== undefined && normalizeKey(String(values[col])) !== normalizeKey(String(existing.header[col]))) {
      throw badRequest(`ReceivablesTransaction.${wire} cannot be changed (${col} identifies the document)`, 'ValidationFailed');
    }
  }
  const distributions = children.Distributions ?? existing.distributions.map((d) => Object.fromEntries(RM_DISTRIBUTION_COLUMNS.map((c) => [c.column, d[c.column]!])) as Row);
  const checked = validate(company, { ...existing.header, ...values }, distributions);
  const customer = findCustomer(company, trimmed(checked.header.CUSTNMBR))!;
  return store(company, clock, { header: { ...checked.header, CUSTNAME: customer.CUSTNAME as string }, distributions: checked.distributions });
}

export function deleteRmDocument(company: GpCompany, type: number, number: string): RmDocument {
  const existing = findRmDocument(company, type, number);
  if (!existing) throw new Error(`RM document ${type}/${number} does not exist`);
  if (existing.state === 'Open') throw posted(existing, 'deleted');
  const work = tables(company, RM_WORK);
  work.header.delete(rmKey(type, number));
  for (const d of existing.distributions) work.distributions.delete(`${rmKey(type, number)}|${d.SEQNUMBR as number}`);
  return existing;
}

/** Posting (sandbox-only): the Sales series must be open for DOCDATE; the document moves to RM20101 as Open. */
export function postRmDocument(company: GpCompany, clock: GpClock, type: number, number: string): RmDocument {
  const existing = findRmDocument(company, type, number);
  if (!existing) throw new SbaError(404, 'EntityNotFound', `ReceivablesTransaction '${type};${normalizeKey(number)}' was not found in company '${company.name}'`);
  if (existing.state === 'Open') throw posted(existing, 'posted again');
  assertPostable(company, existing.header.DOCDATE as string, `Receivables ${RM_TYPES[type]} ${trimmed(existing.header.DOCNUMBR)}`);
  deleteRmDocument(company, type, number);
  const open = tables(company, RM_OPEN);
  // RM20101 calls the PO number CSPORNBR where RM10301 has CSTPONBR (GP-DOMAIN §2).
  const { CSTPONBR, ...rest } = existing.header;
  const header = { ...rest, CSPORNBR: CSTPONBR!, POSTDATE: clock.localDate(), DEX_ROW_TS: clock.rowTimestamp() };
  open.header.set(rmKey(type, number), header);
  for (const d of existing.distributions) open.distributions.set(`${rmKey(type, number)}|${d.SEQNUMBR as number}`, d);
  return { state: 'Open', header, distributions: existing.distributions };
}
