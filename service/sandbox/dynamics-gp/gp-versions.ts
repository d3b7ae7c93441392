/**
 * The GP version the emulator plays and what that version offers, from the published facts (the emulator's own
 * table; evidence per row, FACTS legend):
 * - SBA: Microsoft lists the resources of GP 2015 RTM (FACTS §2.1 [V]: Sales: Customers, Receivables,
 *   Transactions, …; no GL accounts or GL transactions). No list exists for 2016, 2018 or 2025 (FACTS §2.1, §8),
 *   so every later row is [U]. The emulator splits "Sales: Receivables" into several [U] paths (README).
 * - SOAP: Web Services for Microsoft Dynamics GP (contract 2010/01, FACTS §2.2 [V]) shipped with GP 2015, 2016 and
 *   2018 [C]; its presence on 2025 (18.x) is [U].
 * A path or operation without a row is offered by every version. Every [U] row can be overridden per sandbox
 * (`versionOffers`), so a test can play a server that differs from these assumptions.
 * The version is told — the emulator's [U] convention — as `Version: "Microsoft Dynamics GP <year> (<build>)"` in
 * the SBA tenant help and the same text in the `wsdl:documentation` of `?wsdl` (README.md).
 */

export const GP_VERSIONS = ['2015', '2016', '2018', '2025'] as const;
export type GpVersion = (typeof GP_VERSIONS)[number];
type Evidence = 'V' | 'C' | 'U';

interface OfferRow {
  /** Versions offering it, with the evidence; a version missing here does not offer it. */
  versions: Partial<Record<GpVersion, Evidence>>;
  why: string;
}

const fromAll = (first: Evidence, later: Evidence): OfferRow['versions'] => ({ '2015': first, '2016': later, '2018': later, '2025': later });
const IN_2015_LIST = 'in the GP 2015 RTM SBA list (FACTS §2.1)';
const SPLIT_OF_RECEIVABLES = 'emulator path for part of "Sales: Receivables" (2015 list) [U]';

const SBA_ROWS: Record<string, OfferRow> = {
  'Sales/Customers': { versions: fromAll('V', 'U'), why: IN_2015_LIST },
  'Sales/Transactions': { versions: fromAll('V', 'U'), why: IN_2015_LIST },
  'Sales/Receivables': { versions: fromAll('V', 'U'), why: IN_2015_LIST },
  'Sales/ReceivablesDocuments': { versions: fromAll('U', 'U'), why: SPLIT_OF_RECEIVABLES },
  'Sales/ReceivablesApplications': { versions: fromAll('U', 'U'), why: SPLIT_OF_RECEIVABLES },
  'Sales/CashReceipts': { versions: fromAll('U', 'U'), why: SPLIT_OF_RECEIVABLES },
  'Sales/CustomerBalances': { versions: fromAll('U', 'U'), why: SPLIT_OF_RECEIVABLES },
  'Financials/FiscalPeriods': { versions: fromAll('U', 'U'), why: 'emulator path; "Financials: Setup" is in the 2015 list [U]' },
  'Financials/GLAccounts': { versions: { '2018': 'U', '2025': 'U' }, why: 'not in the GP 2015 RTM list [V]; the version adding it is not public (2018 assumed) [U]' },
  'Financials/GLTransactions': { versions: { '2018': 'U', '2025': 'U' }, why: 'not in the GP 2015 RTM list [V]; the version adding it is not public (2018 assumed) [U]' },
  'Purchasing/Vendors': { versions: fromAll('V', 'U'), why: IN_2015_LIST },
  'Purchasing/Transactions': { versions: fromAll('V', 'U'), why: IN_2015_LIST },
};

const WEB_SERVICES: OfferRow = { versions: { '2015': 'C', '2016': 'C', '2018': 'C', '2025': 'U' }, why: 'Web Services for Microsoft Dynamics GP, contract 2010/01 (FACTS §2.2)' };

/** Marketing year → build shown (GP 2015 = 14.00, 2016 = 16.00, 2018 = 18.00 [C]; "2025" as 18.7 [U]). */
const BUILDS: Record<GpVersion, string> = { '2015': '14.00.0725', '2016': '16.00.0439', '2018': '18.00.0022', '2025': '18.7.0015' };

/** Per-sandbox overrides: path or operation → offered or not (for servers that differ from the [U] rows). */
export interface VersionOffers {
  sba?: Record<string, boolean>;
  soap?: Record<string, boolean>;
}

export function productVersion(version: GpVersion): string {
  return `Microsoft Dynamics GP ${version} (${BUILDS[version]})`;
}

const overrideOf = (table: Record<string, boolean> | undefined, key: string) =>
  table === undefined ? undefined : Object.entries(table).find(([k]) => k.toUpperCase() === key.toUpperCase())?.[1];

export function sbaResourceAvailable(version: GpVersion, path: string, offers?: VersionOffers): boolean {
  const forced = overrideOf(offers?.sba, path);
  if (forced !== undefined) return forced;
  const row = Object.entries(SBA_ROWS).find(([p]) => p.toUpperCase() === path.toUpperCase())?.[1];
  return row === undefined || row.versions[version] !== undefined;
}

export function soapOperationAvailable(version: GpVersion, operation: string, offers?: VersionOffers): boolean {
  const forced = overrideOf(offers?.soap, operation);
  if (forced !== undefined) return forced;
  return WEB_SERVICES.versions[version] !== undefined;
}

/** What the table says, for the README and tests: evidence per version, or undefined when not offered. */
export function evidenceOf(version: GpVersion, transport: 'sba' | 'soap', key: string): Evidence | undefined {
  const row = transport === 'soap' ? WEB_SERVICES : Object.entries(SBA_ROWS).find(([p]) => p.toUpperCase() === key.toUpperCase())?.[1];
  return row === undefined ? 'U' : row.versions[version];
}
