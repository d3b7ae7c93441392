/**
 * Writes to SOP documents with the rules of taSopHdrIvcInsert / taSopLineIvcInsert (GP-DOMAIN §3, §6; numbers
 * [V] DDL unless marked): SOPTYPE 1–6 else 898; required header fields blank 54; unknown DOCID 68; number taken in
 * SOP10100 or SOP30200 → 56 (HTTP 409); unknown customer 66, inactive 1790; subtotal ≠ line total 67; amount more
 * precise than the currency 832; a return that names an original document 181 (ORIGTYPE/ORIGNUMB on SOPTYPE 4).
 * Line errors (unknown or inactive item, quantity, site, sales account) carry emulator-chosen numbers 91001–91006
 * [U]: the public DDL does not give them. USER2ENT records the GP user who entered the document.
 * Like eConnect, nothing here reads the fiscal calendar (GP-DOMAIN §4): a document dated in a closed period is
 * accepted and only fails when posted (sop-lifecycle.ts).
 */
import { econnectError } from '../econnect-error.ts';
import { blankRow, normalizeKey, type Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany, GpTable } from '../gp-company.ts';
import { SbaError, badRequest } from '../sba-error.ts';
import { findCustomer } from './customer-store.ts';
import { readDocument, roundAmount, tooPrecise, trimmed } from './document-payload.ts';
import { findGlAccount } from './gl-accounts.ts';
import { DEFAULT_SITE, findItem, siteExists } from './items.ts';
import { findSopDocId, takeSopNumber } from './next-numbers.ts';
import { SOP_HEADER_COLUMNS, SOP_HISTORY, SOP_LINE_COLUMNS, SOP_SHAPE, SOP_TYPES, SOP_WORK, type SopDocument } from './sop-columns.ts';

const HDR_PROC = 'taSopHdrIvcInsert';
const LINE_PROC = 'taSopLineIvcInsert';
/** GP spaces line sequence numbers 16384 apart so lines can be inserted between them. */
const LINE_STEP = 16384;

export const sopKey = (sopType: number, sopNumber: string) => `${sopType}|${normalizeKey(sopNumber)}`;

const tables = (company: GpCompany, which: typeof SOP_WORK | typeof SOP_HISTORY) => ({
  header: company.table<Row>(which.header),
  lines: company.table<Row>(which.lines),
});

function linesOf(table: GpTable<Row>, sopType: number, sopNumber: string): Row[] {
  const n = normalizeKey(sopNumber);
  return table
    .values()
    .filter((l) => l.SOPTYPE === sopType && normalizeKey(l.SOPNUMBE as string) === n)
    .sort((a, b) => (a.LNITMSEQ as number) - (b.LNITMSEQ as number));
}

export function findSopDocument(company: GpCompany, sopType: number, sopNumber: string): SopDocument | undefined {
  for (const [state, which] of [['Work', SOP_WORK], ['History', SOP_HISTORY]] as const) {
    const t = tables(company, which);
    const header = t.header.get(sopKey(sopType, sopNumber));
    if (header) return { state, header, lines: linesOf(t.lines, sopType, sopNumber) };
  }
  return undefined;
}

/** Every SOP document, work and history (a read-only view for listing). */
export function sopDocumentView(company: GpCompany): GpTable<SopDocument> {
  const work = tables(company, SOP_WORK);
  const hist = tables(company, SOP_HISTORY);
  const all = (): SopDocument[] => [
    ...work.header.values().map((h) => ({ state: 'Work' as const, header: h, lines: linesOf(work.lines, h.SOPTYPE as number, h.SOPNUMBE as string) })),
    ...hist.header.values().map((h) => ({ state: 'History' as const, header: h, lines: linesOf(hist.lines, h.SOPTYPE as number, h.SOPNUMBE as string) })),
  ];
  return {
    get version() {
      return work.header.version + work.lines.version + hist.header.version + hist.lines.version;
    },
    get: (key) => {
      const [type, number] = key.split('|');
      return findSopDocument(company, Number(type), number ?? '');
    },
    set: () => {
      throw new Error('write SOP documents through createSopDocument / updateSopDocument');
    },
    delete: () => false,
    values: all,
    get size() {
      return work.header.size + hist.header.size;
    },
  };
}

function fail(number: number, description: string, keys: Record<string, string>, procedure = HDR_PROC, status?: number): SbaError {
  return econnectError({ number, procedure, description, keys, status });
}

function checkLines(company: GpCompany, keys: Record<string, string>, lines: Row[]): Row[] {
  const decimals = company.currency.decimals;
  return lines.map((input, i) => {
    const line = { ...blankRow(SOP_LINE_COLUMNS), ...input };
    const item = trimmed(line.ITEMNMBR);
    const lineKeys = { ...keys, LNITMSEQ: String((i + 1) * LINE_STEP), ITEMNMBR: item };
    if (item === '') throw fail(54, `Required line fields are blank (ITEMNMBR) on line ${i + 1}`, lineKeys, LINE_PROC);
    const found = findItem(company, item);
    if (!found) throw fail(91001, `The Item Number (ITEMNMBR) ${item} does not exist in the Item Master Table - IV00101`, lineKeys, LINE_PROC);
    if (found.INACTIVE === 1) throw fail(91002, `The Item Number (ITEMNMBR) ${item} is inactive`, lineKeys, LINE_PROC);
    const qty = line.QUANTITY as number;
    if (!(qty > 0)) throw fail(91003, `The Quantity (QUANTITY) on line ${i + 1} must be greater than zero`, lineKeys, LINE_PROC);
    const price = line.UNITPRCE as number;
    if (price < 0) throw fail(91003, `The Unit Price (UNITPRCE) on line ${i + 1} cannot be negative`, lineKeys, LINE_PROC);
    if (tooPrecise(price, decimals)) {
      throw fail(832, `The Unit Price (UNITPRCE) on line ${i + 1} has more decimal places than the currency ${company.currency.id} allows (${decimals})`, lineKeys, LINE_PROC);
    }
    const site = trimmed(line.LOCNCODE) || DEFAULT_SITE;
    if (!siteExists(company, site)) throw fail(91004, `The Site ID (LOCNCODE) ${site} does not exist in the Site Setup Table - IV40700`, lineKeys, LINE_PROC);
    const accountText = trimmed(line.ACTNUMST);
    let slsindx = 0;
    if (accountText !== '') {
      const account = findGlAccount(company, accountText);
      if (!account) throw fail(91005, `The Sales Account (ACTNUMST) ${accountText} does not exist in the Account Index Master Table - GL00105`, lineKeys, LINE_PROC);
      if (account.ACTIVE !== 1) throw fail(91006, `The Sales Account (ACTNUMST) ${accountText} is inactive`, lineKeys, LINE_PROC);
      slsindx = account.ACTINDX as number;
    }
    return {
      ...line,
      ITEMDESC: (trimmed(line.ITEMDESC) === '' ? found.ITEMDESC : line.ITEMDESC) as string,
      UOFM: (trimmed(line.UOFM) === '' ? 'Each'.padEnd(9) : line.UOFM) as string,
      LOCNCODE: site.padEnd(11),
      SLSINDX: slsindx,
      LNITMSEQ: (i + 1) * LINE_STEP,
      XTNDPRCE: roundAmount(qty * price, decimals),
      QTYREMAI: typeof line.QTYREMAI === 'number' ? line.QTYREMAI : qty,
    };
  });
}

/** Header + line rules shared by create and update; returns the rows to store. */
function validate(company: GpCompany, header: Row, lines: Row[], subtotal: number | undefined): { header: Row; lines: Row[] } {
  const keys = { SOPTYPE: String(header.SOPTYPE), SOPNUMBE: trimmed(header.SOPNUMBE) };
  const blank: string[] = ['DOCID', 'CUSTNMBR', 'BACHNUMB'].filter((c) => trimmed(header[c]) === '');
  if (header.DOCDATE === '1900-01-01') blank.push('DOCDATE');
  if (blank.length > 0) throw fail(54, `Required header fields are blank (${blank.join(', ')})`, keys);
  if (header.SOPTYPE === 4 && (header.ORIGTYPE !== 0 || trimmed(header.ORIGNUMB) !== '')) {
    throw fail(181, 'A return (SOPTYPE 4) cannot name an original document (ORIGTYPE, ORIGNUMB)', keys);
  }
  if (!(header.ORIGTYPE === 0 || (header.ORIGTYPE as number) in SOP_TYPES)) throw fail(898, 'The Original SOP Type (ORIGTYPE) must be 0 or 1 through 6', keys);
  const custnmbr = trimmed(header.CUSTNMBR);
  const customer = findCustomer(company, custnmbr);
  if (!customer) throw fail(66, 'The Customer Number (CUSTNMBR) does not exist in the Customer Master Table - RM00101', { ...keys, CUSTNMBR: custnmbr });
  if (customer.INACTIVE === 1) throw fail(1790, 'The Customer Number (CUSTNMBR) is inactive', { ...keys, CUSTNMBR: custnmbr });
  const stored = checkLines(company, keys, lines);
  const total = roundAmount(stored.reduce((s, l) => s + (l.XTNDPRCE as number), 0), company.currency.decimals);
  if (subtotal !== undefined && Math.abs(subtotal - total) > 1e-9) {
    throw fail(67, `Subtotal does not match the line item totals (SUBTOTAL ${subtotal}, lines ${total})`, keys);
  }
  for (const l of stored) Object.assign(l, { SOPTYPE: header.SOPTYPE, SOPNUMBE: header.SOPNUMBE });
  return { header: { ...header, CUSTNAME: customer.CUSTNAME as string, SUBTOTAL: total, DOCAMNT: total }, lines: stored };
}

function store(company: GpCompany, clock: GpClock, doc: { header: Row; lines: Row[] }, created: boolean): SopDocument {
  const work = tables(company, SOP_WORK);
  const type = doc.header.SOPTYPE as number;
  const number = doc.header.SOPNUMBE as string;
  for (const old of linesOf(work.lines, type, number)) work.lines.delete(`${sopKey(type, number)}|${old.LNITMSEQ as number}`);
  const today = clock.localDate();
  const ts = clock.rowTimestamp();
  const header = { ...doc.header, ...(created ? { CREATDDT: today } : {}), MODIFDT: today, DEX_ROW_TS: ts };
  work.header.set(sopKey(type, number), header);
  const lines: Row[] = doc.lines.map((l) => ({ ...l, DEX_ROW_TS: ts }));
  for (const l of lines) work.lines.set(`${sopKey(type, number)}|${l.LNITMSEQ as number}`, l);
  return { state: 'Work', header, lines };
}

/** POST: taSopHdrIvcInsert with lines; an empty SopNumber takes the next number of the Document ID. */
export function createSopDocument(company: GpCompany, clock: GpClock, payload: Record<string, unknown>, opts: { enteredBy?: string } = {}): SopDocument {
  const { values, children } = readDocument(SOP_SHAPE, payload);
  return insertSopDocument(company, clock, { ...values, USER2ENT: (opts.enteredBy ?? 'sa').toUpperCase().padEnd(15) }, children.Lines ?? []);
}

/** The insert behind POST and behind a transfer (sop-lifecycle.ts): column values in, every eConnect rule applied. */
export function insertSopDocument(company: GpCompany, clock: GpClock, values: Row, lineValues: Row[]): SopDocument {
  const header: Row = { ...blankRow(SOP_HEADER_COLUMNS), DOCDATE: '1900-01-01', GLPOSTDT: '1900-01-01', ...values };
  const sopType = header.SOPTYPE as number;
  if (!(sopType in SOP_TYPES)) {
    throw fail(898, 'The SOP Type (SOPTYPE) must be 1 (Quote), 2 (Order), 3 (Invoice), 4 (Return), 5 (Back Order) or 6 (Fulfillment Order)', { SOPTYPE: String(sopType) });
  }
  const docId = trimmed(header.DOCID);
  if (docId !== '' && !findSopDocId(company, sopType, docId)) {
    throw fail(68, `The Document ID (DOCID) ${docId} does not exist for SOP type ${sopType} in the Sales Document Setup Table - SOP40200`, { SOPTYPE: String(sopType), DOCID: docId });
  }
  let number = trimmed(header.SOPNUMBE);
  if (number !== '' && findSopDocument(company, sopType, number)) {
    throw fail(56, 'The SOP Number (SOPNUMBE) already exists in the Sales Transaction Work or History Table (SOP10100, SOP30200)', { SOPTYPE: String(sopType), SOPNUMBE: normalizeKey(number) }, HDR_PROC, 409);
  }
  const subtotal = 'SUBTOTAL' in values ? (values.SUBTOTAL as number) : undefined;
  // Validate before taking a number: a refused document must not consume one.
  const checked = validate(company, header, lineValues, subtotal);
  if (number === '') number = takeSopNumber(company, sopType, docId, (n) => findSopDocument(company, sopType, n) !== undefined);
  const padded = number.toUpperCase().padEnd(21);
  return store(company, clock, { header: { ...checked.header, SOPNUMBE: padded }, lines: checked.lines.map((l) => ({ ...l, SOPNUMBE: padded })) }, true);
}

export function postedDocumentError(doc: SopDocument, action: string): SbaError {
  const h = doc.header;
  return new SbaError(
    409,
    'DocumentPosted',
    `Sales ${SOP_TYPES[h.SOPTYPE as number]} ${trimmed(h.SOPNUMBE)} is in history (SOP30200): posted, transferred or voided documents cannot be ${action}`,
  );
}

/** PATCH of a Work document: field-level header update; `Lines` replaces every line (document exchange). */
export function updateSopDocument(company: GpCompany, clock: GpClock, sopType: number, sopNumber: string, payload: Record<string, unknown>): SopDocument {
  const existing = findSopDocument(company, sopType, sopNumber);
  if (!existing) throw new Error(`SOP document ${sopType}/${sopNumber} does not exist`);
  if (existing.state === 'History') throw postedDocumentError(existing, 'changed');
  const { values, children } = readDocument(SOP_SHAPE, payload);
  for (const [col, wire] of [['SOPTYPE', 'SopType'], ['SOPNUMBE', 'SopNumber'], ['DOCID', 'DocumentId']] as const) {
    if (values[col] !== undefined && normalizeKey(String(values[col])) !== normalizeKey(String(existing.header[col]))) {
      throw badRequest(`SalesTransaction.${wire} cannot be changed (${col} identifies the document)`, 'ValidationFailed');
    }
  }
  if (children.Lines && existing.lines.some((l) => l.QTYREMAI !== l.QUANTITY)) {
    throw new SbaError(409, 'DocumentInProcess', `Sales ${SOP_TYPES[sopType]} ${trimmed(existing.header.SOPNUMBE)} is partly transferred: its lines can no longer be replaced [U]`);
  }
  const lines = children.Lines ?? existing.lines.map((l) => Object.fromEntries([...SOP_LINE_COLUMNS.map((c) => [c.column, l[c.column]!]), ['QTYREMAI', l.QTYREMAI!]]) as Row);
  const subtotal = 'SUBTOTAL' in values ? (values.SUBTOTAL as number) : undefined;
  const checked = validate(company, { ...existing.header, ...values }, lines, subtotal);
  return store(company, clock, checked, false);
}

export function deleteSopDocument(company: GpCompany, sopType: number, sopNumber: string): SopDocument {
  const existing = findSopDocument(company, sopType, sopNumber);
  if (!existing) throw new Error(`SOP document ${sopType}/${sopNumber} does not exist`);
  if (existing.state === 'History') throw postedDocumentError(existing, 'deleted');
  const work = tables(company, SOP_WORK);
  work.header.delete(sopKey(sopType, sopNumber));
  for (const l of existing.lines) work.lines.delete(`${sopKey(sopType, sopNumber)}|${l.LNITMSEQ as number}`);
  return existing;
}

/**
 * Moves a Work document to SOP30200/SOP30300 (posting, transfer, GP-DOMAIN §3): a new history row with a fresh
 * DEX_ROW_TS, GLPOSTDT = today; the work rows go. Callers check what GP checks first (sop-lifecycle.ts).
 */
export function moveSopToHistory(company: GpCompany, clock: GpClock, doc: SopDocument): SopDocument {
  const type = doc.header.SOPTYPE as number;
  const number = doc.header.SOPNUMBE as string;
  deleteSopDocument(company, type, number);
  const hist = tables(company, SOP_HISTORY);
  const ts = clock.rowTimestamp();
  const header = { ...doc.header, GLPOSTDT: clock.localDate(), MODIFDT: clock.localDate(), DEX_ROW_TS: ts };
  hist.header.set(sopKey(type, number), header);
  const lines: Row[] = doc.lines.map((l) => ({ ...l, DEX_ROW_TS: ts }));
  for (const l of lines) hist.lines.set(`${sopKey(type, number)}|${l.LNITMSEQ as number}`, l);
  return { state: 'History', header, lines };
}

/** Rewrites a Work document's rows (a partial transfer changed its remaining quantities). */
export function rewriteSopDocument(company: GpCompany, clock: GpClock, doc: SopDocument): SopDocument {
  return store(company, clock, doc, false);
}

/**
 * Loads a posted history invoice (demo data: the numbers a next-number generator must skip). Its receivables
 * document is not seeded: as if long paid and removed [U].
 */
export function seedHistoryInvoice(company: GpCompany, clock: GpClock, payload: Record<string, unknown>): SopDocument {
  return moveSopToHistory(company, clock, createSopDocument(company, clock, payload));
}
