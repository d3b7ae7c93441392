/**
 * What a GP user does to sales documents after the integration wrote them (sandbox-only; GP-DOMAIN §3, §4, §6):
 * - **Transfer** an order (SOPTYPE 2) to an invoice (3): the invoice takes the next number of the invoice
 *   Document ID (SOP40200, skipping used numbers), records its origin (ORIGTYPE 2, ORIGNUMB = the order, as
 *   taSopHdrIvcInsert's ORIGTYPE/ORIGNUMB [V DDL]), keeps the customer PO number (CSTPONBR) and batch, and copies
 *   the lines with the quantities transferred. The order line's remaining quantity (QTYREMAI) drops; once nothing
 *   remains the order moves to history (SOP30200) as Complete, otherwise it stays in Work as In Process (MSD sales
 *   order processing part 2 [V]: "orders move to history only after all lines are transferred").
 * - **Post** an invoice (3) or return (4): refused per document when the Sales series period of the document date
 *   is closed or no fiscal year covers it (GP-DOMAIN §4) — and then nothing moves; else the document moves to
 *   history and the posted receivables document appears in RM20101: RMDTYPAL 1 (8 for a return), DOCNUMBR =
 *   SOPNUMBE, CUSTNMBR, CSPORNBR = the PO number, SLSAMNT = subtotal, DOCAMNT and CURTRXAM = the document amount,
 *   fresh DEX_ROW_TS (GP-DOMAIN §3, §5). Taxes, freight and GL distributions are not modelled [U].
 * - **Post a batch**: every invoice and return of a batch, each on its own (the posting journal lists posted and
 *   not-posted transactions, GP-DOMAIN §4 [V]).
 * Quotes, back orders and fulfilment orders "post" by moving to history; what they transfer to is not created [U].
 */
import { normalizeKey, type Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany } from '../gp-company.ts';
import { SbaError, badRequest } from '../sba-error.ts';
import { trimmed } from './document-payload.ts';
import { assertPostable } from './posting-period.ts';
import { findPosted, openTable } from './rm-posted.ts';
import { findRmDocument, rmKey } from './rm-store.ts';
import { SOP_DOCID_TABLE } from './next-numbers.ts';
import { SOP_TYPES, type SopDocument } from './sop-columns.ts';
import { findSopDocument, insertSopDocument, moveSopToHistory, postedDocumentError, rewriteSopDocument, sopDocumentView } from './sop-store.ts';

const ORDER = 2;
const INVOICE = 3;
const RETURN = 4;
/** RMDTYPAL of the receivables document a posted SOP invoice / return becomes (GP-DOMAIN §3). */
const RM_TYPE_OF_SOP: Record<number, number> = { [INVOICE]: 1, [RETURN]: 8 };

export interface TransferOptions {
  /** Lines (by LineSequence) and quantities to transfer; default every line's remaining quantity. */
  lines?: Array<{ lineSequence: number; quantity: number }>;
  /** Invoice Document ID; default the company's first invoice Document ID (STDINV in Fabrikam) [U]. */
  invoiceDocumentId?: string;
  /** Invoice date; default the server's local date (GP's user date) [U]. */
  documentDate?: string;
  /** GP user who transfers (USER2ENT of the invoice). */
  user?: string;
}

function missing(what: string, sopType: number, number: string, company: GpCompany): SbaError {
  return new SbaError(404, 'EntityNotFound', `${what} '${sopType};${normalizeKey(number)}' was not found in company '${company.name}'`);
}

function defaultInvoiceDocId(company: GpCompany): string {
  const row = company
    .table<Row>(SOP_DOCID_TABLE)
    .values()
    .find((r) => r.SOPTYPE === INVOICE);
  if (!row) throw badRequest('No invoice Document ID is set up (SOP40200, SOPTYPE 3)');
  return trimmed(row.DOCID);
}

export function transferOrder(company: GpCompany, clock: GpClock, orderNumber: string, opts: TransferOptions = {}): { order: SopDocument; invoice: SopDocument } {
  const order = findSopDocument(company, ORDER, orderNumber);
  if (!order) throw missing('Sales order', ORDER, orderNumber, company);
  if (order.state === 'History') throw postedDocumentError(order, 'transferred again');
  const wanted = new Map<number, number>();
  for (const l of opts.lines ?? order.lines.map((x) => ({ lineSequence: x.LNITMSEQ as number, quantity: x.QTYREMAI as number }))) {
    const line = order.lines.find((x) => x.LNITMSEQ === l.lineSequence);
    if (!line) throw badRequest(`Sales order ${trimmed(order.header.SOPNUMBE)} has no line ${l.lineSequence}`, 'ValidationFailed');
    if (!(l.quantity > 0) || l.quantity > (line.QTYREMAI as number) + 1e-9) {
      throw badRequest(`Line ${l.lineSequence} of ${trimmed(order.header.SOPNUMBE)}: the quantity to transfer must be above 0 and at most the remaining ${String(line.QTYREMAI)}`, 'ValidationFailed');
    }
    wanted.set(l.lineSequence, (wanted.get(l.lineSequence) ?? 0) + l.quantity);
  }
  if (wanted.size === 0) throw badRequest(`Sales order ${trimmed(order.header.SOPNUMBE)} has nothing left to transfer`, 'ValidationFailed');
  const h = order.header;
  const header: Row = {
    SOPTYPE: INVOICE,
    SOPNUMBE: '',
    DOCID: (opts.invoiceDocumentId ?? defaultInvoiceDocId(company)).toUpperCase().padEnd(15),
    CUSTNMBR: h.CUSTNMBR!,
    CSTPONBR: h.CSTPONBR!,
    BACHNUMB: h.BACHNUMB!,
    DOCDATE: opts.documentDate ?? clock.localDate(),
    ORIGTYPE: ORDER,
    ORIGNUMB: h.SOPNUMBE!,
    USER2ENT: (opts.user ?? 'sa').toUpperCase().padEnd(15),
  };
  const lines = order.lines
    .filter((l) => wanted.has(l.LNITMSEQ as number))
    .map((l) => ({ ITEMNMBR: l.ITEMNMBR!, ITEMDESC: l.ITEMDESC!, UOFM: l.UOFM!, QUANTITY: wanted.get(l.LNITMSEQ as number)!, UNITPRCE: l.UNITPRCE!, LOCNCODE: l.LOCNCODE!, ACTNUMST: l.ACTNUMST! }));
  // The invoice is inserted with every eConnect rule first: if it is refused, the order is left as it was.
  const invoice = insertSopDocument(company, clock, header, lines);
  const remaining = order.lines.map((l) => ({ ...l, QTYREMAI: (l.QTYREMAI as number) - (wanted.get(l.LNITMSEQ as number) ?? 0) }));
  const updated = { ...order, lines: remaining };
  const done = remaining.every((l) => (l.QTYREMAI as number) <= 1e-9);
  return { order: done ? moveSopToHistory(company, clock, updated) : rewriteSopDocument(company, clock, updated), invoice };
}

/** The RM20101 row GP writes when it posts a SOP invoice or return. */
function postedReceivable(company: GpCompany, clock: GpClock, doc: SopDocument): Row {
  const h = doc.header;
  return {
    RMDTYPAL: RM_TYPE_OF_SOP[h.SOPTYPE as number]!,
    DOCNUMBR: h.SOPNUMBE!,
    CUSTNMBR: h.CUSTNMBR!,
    CUSTNAME: h.CUSTNAME!,
    DOCDESCR: ''.padEnd(31),
    CSPORNBR: h.CSTPONBR!,
    BACHNUMB: h.BACHNUMB!,
    SLSAMNT: h.SUBTOTAL!,
    DOCAMNT: h.DOCAMNT!,
    CURTRXAM: h.DOCAMNT!,
    DOCDATE: h.DOCDATE!,
    POSTDATE: clock.localDate(),
    LSTEDTDT: clock.localDate(),
    DEX_ROW_TS: clock.rowTimestamp(),
  };
}

export interface PostResult {
  document: SopDocument;
  /** The posted receivables document (invoices and returns), as stored in RM20101. */
  receivable?: Row;
  /** The invoice an order was transferred to. */
  invoice?: SopDocument;
}

/** Posts an invoice or return, transfers an order (in full), or moves another type to history. */
export function postSopDocument(company: GpCompany, clock: GpClock, sopType: number, sopNumber: string): PostResult {
  if (sopType === ORDER) {
    const { order, invoice } = transferOrder(company, clock, sopNumber);
    return { document: order, invoice };
  }
  const doc = findSopDocument(company, sopType, sopNumber);
  if (!doc) throw missing('SalesTransaction', sopType, sopNumber, company);
  if (doc.state === 'History') throw postedDocumentError(doc, 'posted again');
  const rmType = RM_TYPE_OF_SOP[sopType];
  if (rmType === undefined) return { document: moveSopToHistory(company, clock, doc) };
  const what = `Sales ${SOP_TYPES[sopType]} ${trimmed(doc.header.SOPNUMBE)}`;
  assertPostable(company, doc.header.DOCDATE as string, what);
  const number = doc.header.SOPNUMBE as string;
  if (findRmDocument(company, rmType, number) || findPosted(company, rmType, number)) {
    throw new SbaError(409, 'PostingFailed', `${what} was not posted: receivables document ${rmType} ${trimmed(number)} already exists (RM10301, RM20101 or RM30101)`);
  }
  const moved = moveSopToHistory(company, clock, doc);
  const receivable = postedReceivable(company, clock, moved);
  openTable(company).set(rmKey(rmType, number), receivable);
  return { document: moved, receivable };
}

export interface BatchPostResult {
  batchId: string;
  posted: string[];
  /** Documents left in Work, with the reason the posting journal gives. */
  failed: Array<{ sopType: number; sopNumber: string; reason: string }>;
}

/** Posts every invoice and return of a SOP batch, each on its own. */
export function postSopBatch(company: GpCompany, clock: GpClock, batchId: string): BatchPostResult {
  const docs = sopDocumentView(company)
    .values()
    .filter((d) => d.state === 'Work' && (d.header.SOPTYPE === INVOICE || d.header.SOPTYPE === RETURN) && normalizeKey(d.header.BACHNUMB as string) === normalizeKey(batchId));
  if (docs.length === 0) throw new SbaError(404, 'EntityNotFound', `No unposted invoices or returns in SOP batch '${normalizeKey(batchId)}' of company '${company.name}'`);
  const out: BatchPostResult = { batchId: normalizeKey(batchId), posted: [], failed: [] };
  for (const d of docs) {
    const number = trimmed(d.header.SOPNUMBE);
    try {
      postSopDocument(company, clock, d.header.SOPTYPE as number, number);
      out.posted.push(number);
    } catch (err) {
      if (!(err instanceof SbaError)) throw err;
      out.failed.push({ sopType: d.header.SOPTYPE as number, sopNumber: number, reason: err.message });
    }
  }
  return out;
}
