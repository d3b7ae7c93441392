/**
 * `Financials/FiscalPeriodOrigins(<Year>;<PeriodId>;<Series>;<Origin>)` [U path] — the SY40100 *origin rows*
 * (SERIES 2 Financial … 7 Project, one per transaction origin ODESCTN, CLOSED 0/1; GP-DOMAIN §4 [C]), read-only,
 * next to `Financials/FiscalPeriods` which shows the series rows (PSERIES_n). Closing a series closes its origins
 * (fiscal-periods.ts); Mass Close can also close one origin (`setOriginClosed`, sandbox-only). Series in keys and
 * filters by name (`Purchasing`) — `SeriesNumber` carries the SQL code. SY40100 has DEX_ROW_TS (GP-DOMAIN §5).
 */
import { toWireValue, type Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany, GpTable } from '../gp-company.ts';
import type { FieldDefs } from '../odata-query.ts';
import type { GpResource } from '../resource-registry.ts';
import { badRequest, notFound } from '../sba-error.ts';
import { FISCAL_PERIOD_TABLE, FISCAL_SERIES, originKey, type FiscalSeries } from './fiscal-periods.ts';

const seriesName = (code: number) => {
  const s = FISCAL_SERIES[code - 2];
  return s ? `${s[0]!.toUpperCase()}${s.slice(1)}` : String(code);
};

/** Series code (2..7) from a name (`purchasing`, `Purchasing`) or a number. */
export function seriesCode(value: string): number {
  const byName = FISCAL_SERIES.findIndex((s) => s === value.trim().toLowerCase());
  if (byName >= 0) return byName + 2;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 2 && n < FISCAL_SERIES.length + 2) return n;
  throw badRequest(`"${value}" is not a fiscal series (${FISCAL_SERIES.join(', ')} or 2..${FISCAL_SERIES.length + 1})`);
}

function originRows(company: GpCompany): Row[] {
  return company.table<Row>(FISCAL_PERIOD_TABLE).values().filter((r) => (r.SERIES as number) > 0);
}

export function findOrigin(company: GpCompany, year: number, periodId: number, series: number, origin: string): Row | undefined {
  return company.table<Row>(FISCAL_PERIOD_TABLE).get(originKey(year, periodId, series, origin.trim()));
}

export function isOriginClosed(company: GpCompany, year: number, periodId: number, series: FiscalSeries, origin: string): boolean {
  return findOrigin(company, year, periodId, FISCAL_SERIES.indexOf(series) + 2, origin)?.CLOSED === 1;
}

/** Mass Close of one origin (sandbox-only): the series row's PSERIES flag is left as it is. */
export function setOriginClosed(company: GpCompany, clock: GpClock, change: { year: number; periodId: number; series: FiscalSeries; origin: string; closed: boolean }): Row {
  const code = FISCAL_SERIES.indexOf(change.series) + 2;
  const row = findOrigin(company, change.year, change.periodId, code, change.origin);
  if (!row) throw notFound('EntityNotFound', `No origin "${change.origin}" for series ${change.series} in fiscal period ${change.year}/${change.periodId} (SY40100)`);
  const updated = { ...row, CLOSED: change.closed ? 1 : 0, DEX_ROW_TS: clock.rowTimestamp() };
  company.table<Row>(FISCAL_PERIOD_TABLE).set(originKey(change.year, change.periodId, code, change.origin.trim()), updated);
  return updated;
}

const FIELDS: FieldDefs<Row> = {
  Year: { type: 'number', get: (r) => r.YEAR1 as number },
  PeriodId: { type: 'number', get: (r) => r.PERIODID as number },
  Series: { type: 'string', get: (r) => seriesName(r.SERIES as number) },
  SeriesNumber: { type: 'number', get: (r) => r.SERIES as number },
  Origin: { type: 'string', get: (r) => r.ODESCTN as string },
  IsClosed: { type: 'boolean', get: (r) => r.CLOSED === 1 },
  StartDate: { type: 'date', get: (r) => r.PERIODDT as string },
  EndDate: { type: 'date', get: (r) => r.PERDENDT as string },
};

function view(company: GpCompany): GpTable<Row> {
  const table = company.table<Row>(FISCAL_PERIOD_TABLE);
  return {
    get version() {
      return table.version;
    },
    get: (key) => table.get(key),
    set: () => {
      throw new Error('fiscal period origins are read-only through the GP Service');
    },
    delete: () => false,
    values: () => originRows(company),
    get size() {
      return originRows(company).length;
    },
  };
}

export function originToWire(row: Row): Record<string, unknown> {
  return {
    Year: row.YEAR1,
    PeriodId: row.PERIODID,
    PeriodName: row.PERNAME,
    StartDate: `${row.PERIODDT as string}T00:00:00`,
    EndDate: `${row.PERDENDT as string}T00:00:00`,
    Series: seriesName(row.SERIES as number),
    SeriesNumber: row.SERIES,
    Origin: row.ODESCTN,
    IsClosed: row.CLOSED === 1,
    LastModifiedDate: toWireValue({ kind: 'timestamp', wire: '', column: '', readOnly: true }, row.DEX_ROW_TS),
  };
}

export const fiscalPeriodOriginsResource: GpResource<Row> = {
  path: 'Financials/FiscalPeriodOrigins',
  entity: 'FiscalPeriodOrigin',
  keyParts: 4,
  fields: FIELDS,
  defaultOrder: [
    { field: 'Year', descending: false },
    { field: 'PeriodId', descending: false },
    { field: 'SeriesNumber', descending: false },
    { field: 'Origin', descending: false },
  ],
  table: (ctx) => view(ctx.company),
  find: (ctx, [year, period, series, origin]) => findOrigin(ctx.company, Number(year), Number(period), seriesCode(series ?? ''), origin ?? ''),
  toWire: originToWire,
};
