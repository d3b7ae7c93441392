/**
 * Purchase orders written with the rules of taPoHdr / taPopPoVoid (error numbers from the procedures' DDL [V];
 * texts in eConnect's style [U]): POTYPE outside 1–4 → 491; VENDORID blank 209; vendor not in PM00200 490,
 * inactive (VENDSTTS 2) 5416 — a Temporary vendor is accepted, as the procedure does; PONUMBER in POP10100 or
 * POP30100 → 220 (HTTP 409: GP has no idempotency, a client looks the number up first); unknown buyer 269; drop-ship
 * customer rules 374 / 6341 / 376; unknown currency 963; SUBTOTAL ≠ line total 370; update of a PO in status 4–6
 * → 8249 (and, by the emulator's default policy, of a Released / Change Order PO too — purchasing-setup.ts); void
 * only when New → 3848. A PO starts as 1 New; an empty PONumber takes the POP40100 next number (a refused PO
 * consumes none).
 * Dates (GP-DOMAIN §5 [V]): taPoHdr sets CREATDDT = MODIFDT = DOCDATE on insert and update; only LSTEDTDT gets the
 * server-local today, and DEX_ROW_TS (UTC) changes on every write. Like eConnect, nothing here reads the fiscal
 * calendar (GP-DOMAIN §4): only receiving checks the Purchasing period (purchase-order-lifecycle.ts).
 */
import { econnectError } from '../econnect-error.ts';
import { blankRow, normalizeKey, padChar, type Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany, GpTable } from '../gp-company.ts';
import { hasReference } from '../reference-data.ts';
import { badRequest } from '../sba-error.ts';
import { findCustomer } from './customer-store.ts';
import { readDocument, roundAmount, trimmed } from './document-payload.ts';
import { PO_HEADER_COLUMNS, PO_HISTORY, PO_SHAPE, PO_STATUS, PO_STATUSES, PO_TYPES, PO_WORK, type PurchaseOrder } from './purchase-order-columns.ts';
import { checkPoLines, lineAsInput, splitAccountIndexes } from './purchase-order-lines.ts';
import { keepsPoHistory, purchasingPolicy, takePoNumber } from './purchasing-setup.ts';
import { findVendor } from './vendor-store.ts';

const HDR_PROC = 'taPoHdr';
const VOID_PROC = 'taPopPoVoid';
const DROP_SHIP_TYPES = new Set([2, 4]);

const tables = (company: GpCompany, which: typeof PO_WORK | typeof PO_HISTORY) => ({
  header: company.table<Row>(which.header),
  lines: company.table<Row>(which.lines),
});

export const lineKey = (poNumber: string, ord: number) => `${normalizeKey(poNumber)}|${ord}`;

function linesOf(table: GpTable<Row>, poNumber: string): Row[] {
  const n = normalizeKey(poNumber);
  return table
    .values()
    .filter((l) => normalizeKey(l.PONUMBER as string) === n)
    .sort((a, b) => (a.ORD as number) - (b.ORD as number));
}

export function findPurchaseOrder(company: GpCompany, poNumber: string): PurchaseOrder | undefined {
  for (const [state, which] of [['Work', PO_WORK], ['History', PO_HISTORY]] as const) {
    const t = tables(company, which);
    const header = t.header.get(normalizeKey(poNumber));
    if (header) return { state, header, lines: linesOf(t.lines, poNumber) };
  }
  return undefined;
}

/** Every PO, work and history (a read-only view for listing). */
export function purchaseOrderView(company: GpCompany): GpTable<PurchaseOrder> {
  const work = tables(company, PO_WORK);
  const hist = tables(company, PO_HISTORY);
  const all = (): PurchaseOrder[] => [
    ...work.header.values().map((h) => ({ state: 'Work' as const, header: h, lines: linesOf(work.lines, h.PONUMBER as string) })),
    ...hist.header.values().map((h) => ({ state: 'History' as const, header: h, lines: linesOf(hist.lines, h.PONUMBER as string) })),
  ];
  return {
    get version() {
      return work.header.version + work.lines.version + hist.header.version + hist.lines.version;
    },
    get: (key) => findPurchaseOrder(company, key),
    set: () => {
      throw new Error('write purchase orders through createPurchaseOrder / updatePurchaseOrder');
    },
    delete: () => false,
    values: all,
    get size() {
      return work.header.size + hist.header.size;
    },
  };
}

function fail(number: number, description: string, poNumber: string, extra: Record<string, string> = {}, status?: number): Error {
  return econnectError({ number, procedure: HDR_PROC, description, keys: { PONUMBER: poNumber, ...extra }, status });
}

/** Header rules + lines; returns the rows to store (the number may still be blank). */
function validate(company: GpCompany, today: string, header: Row, lineInputs: Row[], indexes: Array<number | undefined>, subtotal: number | undefined): PurchaseOrder {
  const po = trimmed(header.PONUMBER);
  const type = header.POTYPE as number;
  if (!(type in PO_TYPES)) throw fail(491, 'The PO Type (POTYPE) must be 1 (Standard), 2 (Drop-ship), 3 (Blanket) or 4 (Drop-ship Blanket)', po, { POTYPE: String(type) });
  const vendorId = trimmed(header.VENDORID);
  if (vendorId === '') throw fail(209, 'Required fields are blank (VENDORID)', po);
  const vendor = findVendor(company, vendorId);
  if (!vendor) throw fail(490, 'The Vendor ID (VENDORID) does not exist in the Vendor Master Table - PM00200', po, { VENDORID: vendorId });
  if (vendor.VENDSTTS === 2) throw fail(5416, 'The Vendor ID (VENDORID) is inactive', po, { VENDORID: vendorId });
  const buyer = trimmed(header.BUYERID);
  if (buyer !== '' && !hasReference(company, 'POP00101', buyer)) throw fail(269, 'The Buyer ID (BUYERID) does not exist in the Buyer Master Table - POP00101', po);
  const customer = trimmed(header.CUSTNMBR);
  if (DROP_SHIP_TYPES.has(type)) {
    if (customer === '') throw fail(6341, 'A drop-ship PO needs a Customer Number (CUSTNMBR)', po);
    if (!findCustomer(company, customer)) throw fail(376, 'The Customer Number (CUSTNMBR) does not exist in the Customer Master Table - RM00101', po, { CUSTNMBR: customer });
  } else if (customer !== '') {
    throw fail(374, 'A Customer Number (CUSTNMBR) is only allowed on a drop-ship PO (POTYPE 2 or 4)', po);
  }
  const defaults: Row = {};
  for (const column of ['PYMTRMID', 'SHIPMTHD', 'CURNCYID']) if (trimmed(header[column]) === '') defaults[column] = vendor[column]!;
  const withDefaults = { ...header, ...defaults };
  const currency = trimmed(withDefaults.CURNCYID) || company.currency.id;
  if (!hasReference(company, 'MC40200', currency)) throw fail(963, `The Currency ID (CURNCYID) ${currency} does not exist in the Currency Setup Table - MC40200`, po);
  const complete = { ...withDefaults, CURNCYID: padChar(currency, 15), VENDNAME: vendor.VENDNAME as string };
  const lines = checkPoLines({ company, today, header: complete, vendor }, lineInputs, indexes);
  const total = roundAmount(lines.reduce((sum, l) => sum + (l.EXTDCOST as number), 0), company.currency.decimals);
  if (subtotal !== undefined && Math.abs(subtotal - total) > 1e-9) throw fail(370, `The Subtotal (SUBTOTAL) ${subtotal} does not match the line item totals (${total})`, po);
  return { state: 'Work', header: { ...complete, SUBTOTAL: total, REMSUBTO: total }, lines };
}

/** Writes a PO to POP10100 / POP10110, replacing its lines, with the taPoHdr date stamps. */
export function storePurchaseOrder(company: GpCompany, clock: GpClock, po: PurchaseOrder, stamps?: { lastEdit: string; rowTs: number }): PurchaseOrder {
  const work = tables(company, PO_WORK);
  const number = po.header.PONUMBER as string;
  for (const old of linesOf(work.lines, number)) work.lines.delete(lineKey(number, old.ORD as number));
  const rowTs = stamps?.rowTs ?? clock.rowTimestamp();
  const docDate = po.header.DOCDATE as string;
  const header = { ...po.header, CREATDDT: docDate, MODIFDT: docDate, LSTEDTDT: stamps?.lastEdit ?? clock.localDate(), DEX_ROW_TS: rowTs };
  work.header.set(normalizeKey(number), header);
  const lines = po.lines.map((l): Row => ({ ...l, PONUMBER: number, DEX_ROW_TS: rowTs }));
  for (const l of lines) work.lines.set(lineKey(number, l.ORD as number), l);
  return { state: 'Work', header, lines };
}

function readPo(payload: Record<string, unknown>) {
  const { lines, indexes } = splitAccountIndexes(payload.Lines);
  const { values, children } = readDocument(PO_SHAPE, 'Lines' in payload ? { ...payload, Lines: lines } : payload);
  return { values, lines: children.Lines, indexes };
}

/** POST: a new PO in status 1 New; an empty PONumber takes the next number. `stamps` seeds history with fixed dates. */
export function createPurchaseOrder(company: GpCompany, clock: GpClock, payload: Record<string, unknown>, opts: { userId?: string; stamps?: { lastEdit: string; rowTs: number } } = {}): PurchaseOrder {
  const { values, lines, indexes } = readPo(payload);
  const today = clock.localDate();
  const header: Row = {
    ...blankRow(PO_HEADER_COLUMNS),
    POTYPE: 1,
    DOCDATE: today,
    REQDATE: '1900-01-01',
    PRMDATE: '1900-01-01',
    PRMSHPDTE: '1900-01-01',
    ...values,
    POSTATUS: PO_STATUS.new,
    USER2ENT: padChar(opts.userId ?? '', 15),
  };
  const given = trimmed(header.PONUMBER);
  if (given !== '' && findPurchaseOrder(company, given)) {
    throw fail(220, 'The PO Number (PONUMBER) already exists in the Purchase Order Work or History Table (POP10100, POP30100)', normalizeKey(given), {}, 409);
  }
  const checked = validate(company, today, header, lines ?? [], indexes, 'SUBTOTAL' in values ? (values.SUBTOTAL as number) : undefined);
  const number = given !== '' ? given : takePoNumber(company, (n) => findPurchaseOrder(company, n) !== undefined);
  const padded = padChar(number.toUpperCase(), 17);
  return storePurchaseOrder(company, clock, { state: 'Work', header: { ...checked.header, PONUMBER: padded }, lines: checked.lines }, opts.stamps);
}

function assertInWork(po: PurchaseOrder, action: string): void {
  const number = trimmed(po.header.PONUMBER);
  if (po.state === 'History') throw fail(8249, `Purchase order ${number} is in history (POP30100) and cannot be ${action}`, number, {}, 409);
}

/** PATCH: field-level on the header; `Lines` replaces every line. Only in the statuses the policy allows. */
export function updatePurchaseOrder(company: GpCompany, clock: GpClock, poNumber: string, payload: Record<string, unknown>): PurchaseOrder {
  const existing = findPurchaseOrder(company, poNumber);
  if (!existing) throw new Error(`purchase order ${poNumber} does not exist`);
  assertInWork(existing, 'changed');
  const status = existing.header.POSTATUS as number;
  const allowed = purchasingPolicy(company).patchableStatuses.filter((s) => s < PO_STATUS.received);
  if (!allowed.includes(status)) {
    const names = allowed.map((s) => `${s} ${PO_STATUSES[s]}`).join(', ');
    throw fail(8249, `Purchase order ${trimmed(existing.header.PONUMBER)} has status ${status} (${PO_STATUSES[status]}); it can only be changed in status ${names}`, trimmed(existing.header.PONUMBER), { POSTATUS: String(status) }, 409);
  }
  const { values, lines, indexes } = readPo(payload);
  if (values.PONUMBER !== undefined && normalizeKey(values.PONUMBER as string) !== normalizeKey(existing.header.PONUMBER as string)) {
    throw badRequest('PurchaseOrder.PONumber cannot be changed (it is the key of POP10100)', 'ValidationFailed');
  }
  // taPoHdr / taPoLine: changing a Released PO turns it into a Change Order.
  const nextStatus = status === PO_STATUS.released ? PO_STATUS.changeOrder : status;
  const header = { ...existing.header, ...values, POSTATUS: nextStatus };
  // Kept lines carry their account string, so they need no account index.
  const inputs = lines ?? existing.lines.map(lineAsInput);
  const checked = validate(company, clock.localDate(), header, inputs, lines ? indexes : [], 'SUBTOTAL' in values ? (values.SUBTOTAL as number) : undefined);
  return storePurchaseOrder(company, clock, checked);
}

/** Moves a PO to POP30100 / POP30110 (POHIST = 1) or deletes it (POHIST = 0). */
export function moveToHistory(company: GpCompany, clock: GpClock, po: PurchaseOrder, status: number): PurchaseOrder {
  const work = tables(company, PO_WORK);
  const hist = tables(company, PO_HISTORY);
  const number = po.header.PONUMBER as string;
  work.header.delete(normalizeKey(number));
  for (const l of po.lines) work.lines.delete(lineKey(number, l.ORD as number));
  const rowTs = clock.rowTimestamp();
  const header: Row = { ...po.header, POSTATUS: status, LSTEDTDT: clock.localDate(), DEX_ROW_TS: rowTs };
  const lines = po.lines.map((l): Row => ({ ...l, POLNESTA: status === PO_STATUS.canceled ? status : (l.POLNESTA as number), DEX_ROW_TS: rowTs }));
  if (!keepsPoHistory(company)) return { state: 'History', header, lines };
  hist.header.set(normalizeKey(number), header);
  for (const l of lines) hist.lines.set(lineKey(number, l.ORD as number), l);
  return { state: 'History', header, lines };
}

/** DELETE / a GP user voiding the PO (taPopPoVoid): only a New PO; it moves to history as Canceled [U status]. */
export function voidPurchaseOrder(company: GpCompany, clock: GpClock, poNumber: string): PurchaseOrder {
  const existing = findPurchaseOrder(company, poNumber);
  if (!existing) throw new Error(`purchase order ${poNumber} does not exist`);
  const number = trimmed(existing.header.PONUMBER);
  assertInWork(existing, 'voided');
  const status = existing.header.POSTATUS as number;
  if (status !== PO_STATUS.new) {
    throw econnectError({ number: 3848, procedure: VOID_PROC, description: `The status of the purchase order must be New to void it; ${number} is ${PO_STATUSES[status]}`, keys: { PONUMBER: number }, status: 409 });
  }
  return moveToHistory(company, clock, existing, PO_STATUS.canceled);
}
