/**
 * What each GP transport offers, per GP version, for the entities and operations ml-connector's flows use.
 * Evidence per row: [V] seen in a primary source, [C] corroborated, [U] unverified (FACTS legend). Sources:
 * - SBA: Microsoft's GP 2015 RTM resource list (FACTS §2.1 [V], learn.microsoft.com/dynamics-gp/installation/sba);
 *   SBA ships with GP 2018 too (msftdynamicsgpdocs installation/client-installation.md: "Service Based
 *   Architecture feature" [V]); NO per-version resource list exists for 2016/2018/2025 (FACTS §2.1, §8), so every
 *   SBA row after 2015 is [U]; "Not all actions are available on each of the objects" (SBA.md) makes the
 *   per-action rows [U] even for 2015.
 * - SOAP: the 2010/01 contract (WSDL of a live install, FACTS §2.2 [V]) has every operation named below; Web
 *   Services shipped for GP 2015/2016/2018 (Microsoft developer docs "Web Services for Microsoft Dynamics GP",
 *   multitenant Tenant Services list it next to SBA [V for presence]); availability on GP 2025 (18.x) [U].
 * - Posting: eConnect (under Web Services) never posts (GP-DOMAIN §3 [V]); SBA batch posting via
 *   `PostingServices/System/Batches` + `GP-Custom-Action: POST` is community-corroborated [C] and absent from the
 *   2015 RTM list.
 * Confirm any [U] row against the customer's `/help` page or `?wsdl` before relying on it; the connection test
 * reports which rows it relied on.
 */

export const GP_VERSIONS = ['2015', '2016', '2018', '2025'] as const;
export type GpVersion = (typeof GP_VERSIONS)[number];
export type GpTransport = 'sba' | 'soap';
export type GpOperation = 'read' | 'create' | 'update' | 'post';
export type Evidence = 'V' | 'C' | 'U';

export const GP_ENTITIES = ['customers', 'salesOrders', 'receivablesInvoices', 'vendors', 'glAccounts', 'glTransactions', 'batches'] as const;
export type GpEntity = (typeof GP_ENTITIES)[number];

export interface CoverageRow {
  entity: GpEntity;
  transport: GpTransport;
  operation: GpOperation;
  /** Versions offering it, each with its evidence; a version missing here does not offer it. */
  versions: Partial<Record<GpVersion, Evidence>>;
  /** SBA resource path or SOAP operation name. */
  via: string;
  note?: string;
}

const all = (first: Evidence, later: Evidence): Partial<Record<GpVersion, Evidence>> => ({ '2015': first, '2016': later, '2018': later, '2025': later });
const from2018: Partial<Record<GpVersion, Evidence>> = { '2018': 'U', '2025': 'U' };
const soapAll: Partial<Record<GpVersion, Evidence>> = { '2015': 'C', '2016': 'C', '2018': 'C', '2025': 'U' };

export const GP_COVERAGE: readonly CoverageRow[] = [
  { entity: 'customers', transport: 'sba', operation: 'read', versions: all('V', 'U'), via: 'Sales/Customers' },
  { entity: 'customers', transport: 'sba', operation: 'create', versions: all('U', 'U'), via: 'Sales/Customers' },
  { entity: 'customers', transport: 'sba', operation: 'update', versions: all('U', 'U'), via: 'Sales/Customers' },
  { entity: 'customers', transport: 'soap', operation: 'read', versions: soapAll, via: 'GetCustomerList + GetCustomerByKey' },
  { entity: 'customers', transport: 'soap', operation: 'create', versions: soapAll, via: 'CreateCustomer' },
  { entity: 'customers', transport: 'soap', operation: 'update', versions: soapAll, via: 'UpdateCustomer' },
  { entity: 'salesOrders', transport: 'sba', operation: 'read', versions: all('U', 'U'), via: 'Sales/Transactions', note: '"Sales: Transactions" is in the 2015 list [V]; that it holds SOP orders is [U]' },
  { entity: 'salesOrders', transport: 'sba', operation: 'create', versions: all('U', 'U'), via: 'Sales/Transactions' },
  { entity: 'salesOrders', transport: 'soap', operation: 'read', versions: soapAll, via: 'GetSalesOrderList' },
  { entity: 'salesOrders', transport: 'soap', operation: 'create', versions: soapAll, via: 'CreateSalesOrder + GetSalesOrderByKey', note: 'the writer looks the order up by key before creating it' },
  { entity: 'receivablesInvoices', transport: 'sba', operation: 'read', versions: all('U', 'U'), via: 'Sales/Receivables', note: '"Sales: Receivables" is in the 2015 list [V]' },
  { entity: 'receivablesInvoices', transport: 'soap', operation: 'read', versions: soapAll, via: 'GetReceivablesInvoiceList' },
  { entity: 'vendors', transport: 'sba', operation: 'read', versions: all('V', 'U'), via: 'Purchasing/Vendors' },
  { entity: 'vendors', transport: 'soap', operation: 'read', versions: soapAll, via: 'GetVendorList' },
  { entity: 'glAccounts', transport: 'sba', operation: 'read', versions: from2018, via: 'Financials/GLAccounts', note: 'not in the GP 2015 SBA list [V]; the 2018+ availability is [U]' },
  { entity: 'glAccounts', transport: 'soap', operation: 'read', versions: soapAll, via: 'GetGLAccountList' },
  { entity: 'glTransactions', transport: 'sba', operation: 'create', versions: from2018, via: 'Financials/GLTransactions', note: 'not in the GP 2015 SBA list [V]; the 2018+ availability is [U]' },
  { entity: 'glTransactions', transport: 'soap', operation: 'create', versions: soapAll, via: 'CreateGLTransaction + GetGLTransactionList + GetGLTransactionByKey', note: 'the writer looks the entry up by Reference (Work summaries) before creating it' },
  { entity: 'batches', transport: 'sba', operation: 'post', versions: { '2016': 'U', '2018': 'C', '2025': 'U' }, via: 'PostingServices/System/Batches (GP-Custom-Action: POST)', note: 'not in the 2015 RTM list [V]' },
];

export interface CoverageAnswer {
  offered: boolean;
  evidence?: Evidence;
  row?: CoverageRow;
}

export function coverageOf(version: GpVersion, transport: GpTransport, entity: string, operation: GpOperation): CoverageAnswer {
  const row = GP_COVERAGE.find((r) => r.entity === entity && r.transport === transport && r.operation === operation);
  const evidence = row?.versions[version];
  return { offered: evidence !== undefined, evidence, row };
}

export function otherTransport(t: GpTransport): GpTransport {
  return t === 'sba' ? 'soap' : 'sba';
}

export function isGpVersion(v: string): v is GpVersion {
  return (GP_VERSIONS as readonly string[]).includes(v);
}

/**
 * Why a flow cannot run, or undefined when it can: names the entity, the operation, the version and what to do
 * instead (the other transport when it offers the operation, else that no transport of this version does).
 */
export function coverageProblem(version: GpVersion, transport: GpTransport, entity: string, operation: GpOperation): string | undefined {
  const here = coverageOf(version, transport, entity, operation);
  if (here.offered) return undefined;
  const alt = otherTransport(transport);
  const there = coverageOf(version, alt, entity, operation);
  const what = `Dynamics GP ${version} does not offer ${operation} of ${entity} over ${transport.toUpperCase()}`;
  const why = here.row?.note ? ` (${here.row.note})` : here.row ? '' : ' (no such operation in this transport)';
  if (there.offered) {
    const flag = there.evidence === 'U' ? ', unverified for this version — confirm on the server' : '';
    return `${what}${why}; use transport "${alt}" for ${entity} (entityTransports.${entity} = "${alt}": ${there.row!.via}${flag})`;
  }
  const later = GP_VERSIONS.filter((v) => coverageOf(v, transport, entity, operation).offered || coverageOf(v, alt, entity, operation).offered);
  return `${what}${why}, and neither does ${alt.toUpperCase()}; ${later.length ? `GP ${later.join(', ')} offer it` : 'no GP version offers it'}`;
}
