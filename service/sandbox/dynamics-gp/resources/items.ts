/**
 * Item master IV00101 (ITEMNMBR char(31), input 30; ITEMDESC char(101), input 100 — GP-DOMAIN §2), only what sales
 * documents need: the item exists, is active, and has a description and list price. `ACCS-CRD-12WH` "Phone Cord -
 * 12' White" 10.95 and `ACCS-CRD-25BK` 15.95 are Microsoft's eConnect sample rows (GP-DOMAIN §1 [C]); the others
 * are plausible fill-ins [U]. Site `WAREHOUSE` [C].
 */
import { normalizeKey, type Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany } from '../gp-company.ts';

export const ITEM_TABLE = 'IV00101';
export const DEFAULT_SITE = 'WAREHOUSE';

const FABRIKAM_ITEMS: Array<[string, string, number, boolean?]> = [
  ['ACCS-CRD-12WH', "Phone Cord - 12' White", 10.95],
  ['ACCS-CRD-25BK', "Phone Cord - 25' Black", 15.95],
  ['ACCS-HDS-1EAR', 'Headset - Single Ear', 49.95],
  ['ACCS-HDS-2EAR', 'Headset - Dual Ear', 69.95],
  ['100XLG', 'Green Phone', 109.95],
  ['128 SDRAM', '128 meg SDRAM', 79.0],
  ['PHON-ATH-5000', 'Phone - Athena 5000 (discontinued)', 129.95, false],
];

export function addItem(company: GpCompany, clock: GpClock, id: string, description: string, listPrice: number, active = true): void {
  company.table<Row>(ITEM_TABLE).set(normalizeKey(id), {
    ITEMNMBR: id.toUpperCase().padEnd(31),
    ITEMDESC: description.padEnd(101),
    LISTPRCE: listPrice,
    INACTIVE: active ? 0 : 1,
    DEX_ROW_TS: clock.rowTimestamp(),
  });
}

export function seedItems(company: GpCompany, clock: GpClock): void {
  for (const [id, description, price, active] of FABRIKAM_ITEMS) addItem(company, clock, id, description, price, active ?? true);
  company.table<Row>('IV40700').set(DEFAULT_SITE, { LOCNCODE: DEFAULT_SITE.padEnd(11), LOCNDSCR: 'Main warehouse'.padEnd(31) });
}

export function findItem(company: GpCompany, id: string): Row | undefined {
  return company.table<Row>(ITEM_TABLE).get(normalizeKey(id));
}

export function siteExists(company: GpCompany, id: string): boolean {
  return company.table<Row>('IV40700').get(normalizeKey(id)) !== undefined;
}
