/**
 * Next document numbers (GP-DOMAIN §6): SOP per Document ID in SOP40200.SOPNUMBE, RM per document type in
 * RM40401.DOCNUMBR. Like taGetSopNumber, the generator takes the stored number, skips numbers already used
 * (≤ 1000 tries), increments the numeric suffix keeping its width (`PO001` allows 999, `PO0001` 9,999) and
 * writes the next one back.
 */
import { normalizeKey, type Row } from '../gp-columns.ts';
import type { GpCompany } from '../gp-company.ts';
import { SbaError } from '../sba-error.ts';

export const SOP_DOCID_TABLE = 'SOP40200';
export const RM_NEXT_NUMBER_TABLE = 'RM40401';
const MAX_TRIES = 1000;

/** `STDINV2279` → `STDINV2280`; undefined when the suffix would need another digit. */
export function incrementNumber(value: string): string | undefined {
  const m = /^(.*?)(\d+)$/.exec(value);
  if (!m) return undefined;
  const width = m[2]!.length;
  const next = String(Number(m[2]) + 1);
  return next.length > width ? undefined : `${m[1]}${next.padStart(width, '0')}`;
}

export function takeNextNumber(start: string, used: (candidate: string) => boolean, what: string): { number: string; next: string } {
  let candidate = normalizeKey(start);
  for (let i = 0; i < MAX_TRIES; i += 1) {
    const after = incrementNumber(candidate);
    if (!used(candidate)) {
      if (after === undefined) throw new SbaError(400, 'NextNumberExhausted', `The next ${what} number ${candidate} cannot be incremented without widening it; widen it in setup`);
      return { number: candidate, next: after };
    }
    if (after === undefined) break;
    candidate = after;
  }
  throw new SbaError(400, 'NextNumberExhausted', `No unused ${what} number found after ${start} (${MAX_TRIES} tries)`);
}

export interface SopDocId {
  sopType: number;
  docId: string;
  nextNumber: string;
}

export const docIdKey = (sopType: number, docId: string) => `${sopType}|${normalizeKey(docId)}`;

export function addSopDocId(company: GpCompany, sopType: number, docId: string, nextNumber: string): void {
  company.table<Row>(SOP_DOCID_TABLE).set(docIdKey(sopType, docId), { SOPTYPE: sopType, DOCID: docId.toUpperCase().padEnd(15), SOPNUMBE: nextNumber.padEnd(21) });
}

export function findSopDocId(company: GpCompany, sopType: number, docId: string): Row | undefined {
  return company.table<Row>(SOP_DOCID_TABLE).get(docIdKey(sopType, docId));
}

export function takeSopNumber(company: GpCompany, sopType: number, docId: string, used: (n: string) => boolean): string {
  const table = company.table<Row>(SOP_DOCID_TABLE);
  const row = table.get(docIdKey(sopType, docId));
  if (!row) throw new Error(`no Document ID ${docId} for SOP type ${sopType}`);
  const { number, next } = takeNextNumber(row.SOPNUMBE as string, used, `${docId.trim()} document`);
  table.set(docIdKey(sopType, docId), { ...row, SOPNUMBE: next.padEnd(21) });
  return number;
}

export function setRmNextNumber(company: GpCompany, rmType: number, nextNumber: string): void {
  company.table<Row>(RM_NEXT_NUMBER_TABLE).set(String(rmType), { RMDTYPAL: rmType, DOCNUMBR: nextNumber.padEnd(21) });
}

export function takeRmNumber(company: GpCompany, rmType: number, used: (n: string) => boolean): string {
  const table = company.table<Row>(RM_NEXT_NUMBER_TABLE);
  const row = table.get(String(rmType));
  if (!row) throw new SbaError(400, 'NextNumberMissing', `No next document number is set up for receivables document type ${rmType} (RM40401)`);
  const { number, next } = takeNextNumber(row.DOCNUMBR as string, used, `receivables type ${rmType}`);
  table.set(String(rmType), { ...row, DOCNUMBR: next.padEnd(21) });
  return number;
}
