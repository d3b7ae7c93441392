/**
 * GL accounts: GL00100 (account master, keyed by ACTINDX, segments ACTNUMBR_1..3) and GL00105 (the account
 * string ACTNUMST ↔ ACTINDX), in Fabrikam's 3-4-2 framework `000-1100-00` (GP-DOMAIN §1: `000-1100-00` = Cash).
 * Exposed read-only as `Financials/GLAccounts` [U]: FACTS §2.1 lists no GL resource in GP 2015 RTM, so path and
 * properties are the emulator's choice (README). The other account names are plausible fill-ins [U].
 */
import { charColumn, normalizeKey, toWireValue, type ColumnSpec, type Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany } from '../gp-company.ts';
import type { FieldDefs } from '../odata-query.ts';
import type { GpResource } from '../resource-registry.ts';

export const GL_MASTER_TABLE = 'GL00100';
export const GL_INDEX_TABLE = 'GL00105';

/** GL00100 with the GL00105 string joined in (ACTNUMST char(129), eConnect input 75 — GP-DOMAIN §2). */
const COLUMNS: ColumnSpec[] = [
  charColumn('AccountNumber', 'ACTNUMST', 129, 75, { upper: true }),
  charColumn('Description', 'ACTDESCR', 51, 50),
  { kind: 'flag', wire: 'IsActive', column: 'ACTIVE' },
  { kind: 'timestamp', wire: 'LastModifiedDate', column: 'DEX_ROW_TS', readOnly: true },
];

const FIELDS: FieldDefs<Row> = {
  AccountNumber: { type: 'string', get: (r) => r.ACTNUMST as string },
  AccountIndex: { type: 'number', get: (r) => r.ACTINDX as number },
  Description: { type: 'string', get: (r) => r.ACTDESCR as string },
  IsActive: { type: 'boolean', get: (r) => r.ACTIVE === 1 },
  // The account's segments (ACTNUMBR_1..3): e.g. every account of one department / cost centre (account-segments.ts).
  Segment1: { type: 'string', get: (r) => r.ACTNUMBR_1 as string },
  Segment2: { type: 'string', get: (r) => r.ACTNUMBR_2 as string },
  Segment3: { type: 'string', get: (r) => r.ACTNUMBR_3 as string },
};

/** PSTNGTYP: 0 balance sheet, 1 profit and loss. */
const POSTING_TYPES = ['Balance Sheet', 'Profit and Loss'] as const;

const FABRIKAM_ACCOUNTS: Array<[string, string, 0 | 1, boolean?]> = [
  ['000-1100-00', 'Cash - Operating Account', 0],
  ['000-1200-00', 'Accounts Receivable', 0],
  ['000-1300-00', 'Inventory', 0],
  ['000-2100-00', 'Accounts Payable', 0],
  ['000-2300-00', 'Sales Tax Payable', 0],
  ['000-4100-00', 'Sales', 1],
  ['100-4100-00', 'Sales - Administration', 1],
  ['200-4100-00', 'Sales - Field Sales', 1],
  ['300-4100-00', 'Sales - Service', 1],
  ['000-4110-00', 'Sales Discounts', 1],
  ['000-4190-00', 'Sales - Discontinued Division', 1, false],
  ['000-5100-00', 'Cost of Goods Sold', 1],
];

export function glAccountTable(company: GpCompany) {
  return company.table<Row>(GL_MASTER_TABLE);
}

export function addGlAccount(company: GpCompany, clock: GpClock, number: string, description: string, postingType: 0 | 1, active = true): Row {
  const master = glAccountTable(company);
  const index = company.table<Row>(GL_INDEX_TABLE);
  const segments = number.split('-');
  const actindx = master.size + 1;
  const row: Row = {
    ACTINDX: actindx,
    ACTNUMBR_1: (segments[0] ?? '').padEnd(9),
    ACTNUMBR_2: (segments[1] ?? '').padEnd(9),
    ACTNUMBR_3: (segments[2] ?? '').padEnd(9),
    ACTNUMST: number.toUpperCase().padEnd(129),
    ACTDESCR: description.padEnd(51),
    ACTIVE: active ? 1 : 0,
    PSTNGTYP: postingType,
    DEX_ROW_TS: clock.rowTimestamp(),
  };
  master.set(String(actindx), row);
  index.set(normalizeKey(number), { ACTINDX: actindx, ACTNUMST: row.ACTNUMST as string });
  return row;
}

export function seedGlAccounts(company: GpCompany, clock: GpClock): void {
  for (const [number, description, type, active] of FABRIKAM_ACCOUNTS) addGlAccount(company, clock, number, description, type, active ?? true);
}

/** The account by its string (GL00105 → GL00100), case-insensitively. */
export function findGlAccount(company: GpCompany, number: string): Row | undefined {
  const idx = company.table<Row>(GL_INDEX_TABLE).get(normalizeKey(number));
  return idx && glAccountTable(company).get(String(idx.ACTINDX));
}

export const glAccountsResource: GpResource<Row> = {
  path: 'Financials/GLAccounts',
  entity: 'GLAccount',
  keyParts: 1,
  fields: FIELDS,
  defaultOrder: [{ field: 'AccountNumber', descending: false }],
  table: (ctx) => glAccountTable(ctx.company),
  find: (ctx, [number]) => (number === undefined ? undefined : findGlAccount(ctx.company, number)),
  toWire(row) {
    const out: Record<string, unknown> = { AccountIndex: row.ACTINDX };
    for (const spec of COLUMNS) out[spec.wire] = toWireValue(spec, row[spec.column]);
    out.PostingType = POSTING_TYPES[row.PSTNGTYP as 0 | 1];
    Object.assign(out, { Segment1: row.ACTNUMBR_1, Segment2: row.ACTNUMBR_2, Segment3: row.ACTNUMBR_3 });
    return out;
  },
};
