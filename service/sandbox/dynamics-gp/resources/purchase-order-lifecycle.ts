/**
 * What a GP purchasing user does to a PO after it was entered (sandbox-only, never through the GP Service):
 * release it (2), receive it in full (4; Receivings Transaction Entry posting, so the Purchasing series — and its
 * "Receivings Trx Entry" origin — must be open for the receipt date, GP-DOMAIN §4 [V]; drop-ship POs are not
 * received, taPoHdr 9218 [V]), close it (5), cancel it (6: nothing received yet, taPoLine 9211 [V]), and run
 * "Remove Completed Purchase Orders" (closed and canceled POs move to POP30100 when history is kept).
 * Which transitions the client allows beyond these is not modelled [U]; a refused one answers 409 InvalidStatus.
 * Each writes LSTEDTDT (server-local today) and DEX_ROW_TS; MODIFDT stays the document date (GP-DOMAIN §5).
 */
import { normalizeKey, type Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany } from '../gp-company.ts';
import { SbaError } from '../sba-error.ts';
import { trimmed } from './document-payload.ts';
import { describePeriod, isSeriesClosed, periodOf } from './fiscal-periods.ts';
import { isOriginClosed } from './fiscal-period-origins.ts';
import { PO_STATUS, PO_STATUSES, PO_WORK, type PurchaseOrder } from './purchase-order-columns.ts';
import { findPurchaseOrder, lineKey, moveToHistory, purchaseOrderView } from './purchase-order-store.ts';

const RECEIVING_ORIGIN = 'Receivings Trx Entry';
const DROP_SHIP_TYPES = new Set([2, 4]);

function workOrder(company: GpCompany, poNumber: string): PurchaseOrder {
  const po = findPurchaseOrder(company, poNumber);
  if (!po) throw new SbaError(404, 'EntityNotFound', `PurchaseOrder '${normalizeKey(poNumber)}' was not found in company '${company.name}'`);
  if (po.state === 'History') throw new SbaError(409, 'InvalidStatus', `Purchase order ${trimmed(po.header.PONUMBER)} is in history (POP30100)`);
  return po;
}

function requireStatus(po: PurchaseOrder, allowed: number[], action: string): void {
  const status = po.header.POSTATUS as number;
  if (!allowed.includes(status)) {
    const names = allowed.map((s) => PO_STATUSES[s]).join(' or ');
    throw new SbaError(409, 'InvalidStatus', `Purchase order ${trimmed(po.header.PONUMBER)} is ${PO_STATUSES[status]}; only a ${names} PO can be ${action}`);
  }
}

function write(company: GpCompany, clock: GpClock, po: PurchaseOrder, status: number, lineChanges: (l: Row) => Row): PurchaseOrder {
  const header = company.table<Row>(PO_WORK.header);
  const lines = company.table<Row>(PO_WORK.lines);
  const rowTs = clock.rowTimestamp();
  const h: Row = { ...po.header, POSTATUS: status, LSTEDTDT: clock.localDate(), DEX_ROW_TS: rowTs };
  header.set(normalizeKey(h.PONUMBER as string), h);
  const ls = po.lines.map((l): Row => ({ ...l, ...lineChanges(l), POLNESTA: status, DEX_ROW_TS: rowTs }));
  for (const l of ls) lines.set(lineKey(h.PONUMBER as string, l.ORD as number), l);
  return { state: 'Work', header: h, lines: ls };
}

export function releasePurchaseOrder(company: GpCompany, clock: GpClock, poNumber: string): PurchaseOrder {
  const po = workOrder(company, poNumber);
  requireStatus(po, [PO_STATUS.new, PO_STATUS.changeOrder], 'released');
  return write(company, clock, po, PO_STATUS.released, () => ({}));
}

/** Receives every open quantity on `date` (default: the server-local today). */
export function receivePurchaseOrder(company: GpCompany, clock: GpClock, poNumber: string, date = clock.localDate()): PurchaseOrder {
  const po = workOrder(company, poNumber);
  requireStatus(po, [PO_STATUS.released, PO_STATUS.changeOrder], 'received');
  const number = trimmed(po.header.PONUMBER);
  if (DROP_SHIP_TYPES.has(po.header.POTYPE as number)) throw new SbaError(409, 'InvalidStatus', `Purchase order ${number} is a drop-ship PO; it is invoiced, not received`);
  const period = periodOf(company, date);
  const what = `The receipt for purchase order ${number}`;
  if (!period) throw new SbaError(409, 'PostingFailed', `${what} was not posted: no fiscal year is set up for ${date} (SY40101)`);
  if (isSeriesClosed(period, 'purchasing') || isOriginClosed(company, period.YEAR1 as number, period.PERIODID as number, 'purchasing', RECEIVING_ORIGIN)) {
    throw new SbaError(409, 'PostingFailed', `${what} was not posted: fiscal period ${describePeriod(period)} is closed for the Purchasing series (${RECEIVING_ORIGIN}, SY40100)`);
  }
  return write(company, clock, po, PO_STATUS.received, (l) => ({ QTYSHPPD: (l.QTYORDER as number) - (l.QTYCANCE as number), RCPTDATE: date }));
}

export function closePurchaseOrder(company: GpCompany, clock: GpClock, poNumber: string): PurchaseOrder {
  const po = workOrder(company, poNumber);
  requireStatus(po, [PO_STATUS.released, PO_STATUS.changeOrder, PO_STATUS.received], 'closed');
  return write(company, clock, po, PO_STATUS.closed, () => ({}));
}

export function cancelPurchaseOrder(company: GpCompany, clock: GpClock, poNumber: string): PurchaseOrder {
  const po = workOrder(company, poNumber);
  requireStatus(po, [PO_STATUS.new, PO_STATUS.released, PO_STATUS.changeOrder], 'canceled');
  if (po.lines.some((l) => (l.QTYSHPPD as number) > 0)) throw new SbaError(409, 'InvalidStatus', `Purchase order ${trimmed(po.header.PONUMBER)} has received quantities; it can be closed, not canceled`);
  return write(company, clock, po, PO_STATUS.canceled, (l) => ({ QTYCANCE: l.QTYORDER as number }));
}

/** Remove Completed Purchase Orders: closed and canceled POs leave the work tables. Returns the numbers moved. */
export function removeCompletedPurchaseOrders(company: GpCompany, clock: GpClock): string[] {
  const done = purchaseOrderView(company)
    .values()
    .filter((po) => po.state === 'Work' && [PO_STATUS.closed, PO_STATUS.canceled].includes(po.header.POSTATUS as 5 | 6));
  for (const po of done) moveToHistory(company, clock, po, po.header.POSTATUS as number);
  return done.map((po) => trimmed(po.header.PONUMBER));
}
