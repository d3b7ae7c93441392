/**
 * Posted receivables (GP-DOMAIN §3): open RM20101 (shared with rm-store.ts: key `<RMDTYPAL>|<DOCNUMBR>`) and
 * history RM30101, with their applications RM20201 (open) / RM30201 (history). Fully applied documents stay in
 * RM20101 as Open until Paid Transaction Removal moves them, and their applies, to history (MSD receivables
 * part 3 [V]). RM20101/RM30101 carry DEX_ROW_TS; RM20201/RM30201 do not (GP-DOMAIN §5).
 */
import { normalizeKey, type Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany, GpTable } from '../gp-company.ts';
import { findCustomer } from './customer-store.ts';
import { trimmed } from './document-payload.ts';
import { RM_OPEN } from './rm-columns.ts';
import { rmKey } from './rm-store.ts';

export const RM_HISTORY = { header: 'RM30101', applies: 'RM30201' } as const;
export const RM_OPEN_APPLIES = 'RM20201';

/** RMDTYPAL that are credits (applied *from*): 7 credit memo, 8 return, 9 payment (GP-DOMAIN §3). */
export const CREDIT_TYPES = new Set([7, 8, 9]);
/** RMDTYPAL that are debits (applied *to*): 1 invoice, 3 debit memo, 4 finance charge, 5 service, 6 warranty. */
export const DEBIT_TYPES = new Set([1, 3, 4, 5, 6]);

export type PostedState = 'Open' | 'History';

export interface PostedRmDocument {
  state: PostedState;
  header: Row;
}

export const openTable = (company: GpCompany): GpTable<Row> => company.table<Row>(RM_OPEN.header);
export const historyTable = (company: GpCompany): GpTable<Row> => company.table<Row>(RM_HISTORY.header);
export const openApplies = (company: GpCompany): GpTable<Row> => company.table<Row>(RM_OPEN_APPLIES);
export const historyApplies = (company: GpCompany): GpTable<Row> => company.table<Row>(RM_HISTORY.applies);

export function findPosted(company: GpCompany, type: number, number: string): PostedRmDocument | undefined {
  const open = openTable(company).get(rmKey(type, number));
  if (open) return { state: 'Open', header: open };
  const history = historyTable(company).get(rmKey(type, number));
  return history ? { state: 'History', header: history } : undefined;
}

/** Days of a payment terms id: `Net 30`, `2% 10/Net 30` → 30; anything else → 0 (due on the document date) [U]. */
export function termsDays(termsId: string): number {
  const m = /net\s*(\d{1,3})/i.exec(termsId);
  return m ? Number(m[1]) : 0;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** DUEDATE: the stored one, else DOCDATE plus the customer's payment terms (RM00101.PYMTRMID) — as GP computes it on entry. */
export function dueDateOf(company: GpCompany, header: Row): string {
  const stored = header.DUEDATE;
  if (typeof stored === 'string' && stored !== '1900-01-01') return stored;
  const docDate = header.DOCDATE as string;
  if (!DEBIT_TYPES.has(header.RMDTYPAL as number)) return docDate;
  const customer = findCustomer(company, trimmed(header.CUSTNMBR));
  return addDays(docDate, termsDays(trimmed(customer?.PYMTRMID)));
}

/** Rewrites an open document (an apply changed CURTRXAM): the SQL trigger stamps DEX_ROW_TS (GP-DOMAIN §5). */
export function touchOpen(company: GpCompany, clock: GpClock, header: Row, changes: Row): Row {
  const updated = { ...header, ...changes, LSTEDTDT: clock.localDate(), DEX_ROW_TS: clock.rowTimestamp() };
  openTable(company).set(rmKey(header.RMDTYPAL as number, header.DOCNUMBR as string), updated);
  return updated;
}

export const applyKey = (fromType: number, from: string, toType: number, to: string) => `${fromType}|${normalizeKey(from)}|${toType}|${normalizeKey(to)}`;

/**
 * Paid Transaction Removal (sandbox-only; a GP user runs it in the client): fully applied open documents
 * (CURTRXAM 0) whose applications involve only fully applied documents move to RM30101, their applies to RM30201.
 * Returns the document numbers moved.
 */
export function removePaidTransactions(company: GpCompany, clock: GpClock, customerId?: string): string[] {
  const open = openTable(company);
  const paid = open.values().filter((h) => (h.CURTRXAM as number) === 0 && (customerId === undefined || normalizeKey(h.CUSTNMBR as string) === normalizeKey(customerId)));
  const paidKeys = new Set(paid.map((h) => rmKey(h.RMDTYPAL as number, h.DOCNUMBR as string)));
  const applies = openApplies(company);
  const moved: string[] = [];
  for (const h of paid) {
    const key = rmKey(h.RMDTYPAL as number, h.DOCNUMBR as string);
    const mine = applies.values().filter((a) => rmKey(a.APFRDCTY as number, a.APFRDCNM as string) === key || rmKey(a.APTODCTY as number, a.APTODCNM as string) === key);
    const partnersPaid = mine.every((a) => paidKeys.has(rmKey(a.APFRDCTY as number, a.APFRDCNM as string)) && paidKeys.has(rmKey(a.APTODCTY as number, a.APTODCNM as string)));
    if (!partnersPaid) continue;
    for (const a of mine) {
      const k = applyKey(a.APFRDCTY as number, a.APFRDCNM as string, a.APTODCTY as number, a.APTODCNM as string);
      if (applies.delete(k)) historyApplies(company).set(k, a);
    }
    open.delete(key);
    historyTable(company).set(key, { ...h, DEX_ROW_TS: clock.rowTimestamp() });
    moved.push(trimmed(h.DOCNUMBR));
  }
  return moved;
}
