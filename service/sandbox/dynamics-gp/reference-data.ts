/**
 * Setup tables that customer fields point to (GP-DOMAIN §3 table map): customer classes RM00201, payment
 * terms SY03300, salespeople RM00301, territories RM00303, tax schedules TX00101, shipping methods SY03000,
 * currencies (MC40200 lives in DYNAMICS; kept per company here), vendor classes PM00100, buyers POP00101.
 * Keys compare case-insensitively.
 */
import { normalizeKey } from './gp-columns.ts';
import type { GpCompany } from './gp-company.ts';

export type ReferenceTable = 'RM00201' | 'SY03300' | 'RM00301' | 'RM00303' | 'TX00101' | 'SY03000' | 'MC40200' | 'PM00100' | 'POP00101';

export interface ReferenceRow {
  id: string;
  description: string;
}

export function addReference(company: GpCompany, table: ReferenceTable, id: string, description: string): void {
  company.table<ReferenceRow>(table).set(normalizeKey(id), { id, description });
}

export function hasReference(company: GpCompany, table: ReferenceTable, id: string): boolean {
  return company.table<ReferenceRow>(table).get(normalizeKey(id)) !== undefined;
}
