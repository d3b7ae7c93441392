/**
 * The fiscal calendar (GP-DOMAIN §4): SY40101 one row per fiscal year (YEAR1, FSTFSCDY, LSTFSCDY, NUMOFPER,
 * HISTORYR) and SY40100 periods. SY40100 holds *series rows* (SERIES 0, FORIGIN 1) whose PSERIES_1..6 flag the
 * period closed for Financial, Sales, Purchasing, Inventory, Payroll, Project, and *origin rows* (SERIES 2–7, one
 * per transaction origin, CLOSED 0/1). Closing a series sets its PSERIES flag and closes its origins, as the
 * Fiscal Periods Setup window does. The sandbox seeds calendar years (last, this, next), 12 monthly periods, all
 * open [U: Fabrikam's real calendar is not public]; period 0 "Beginning Balance" rows are not modelled.
 * Exposed read-only as `Financials/FiscalPeriods` (one entity per series row) [U].
 */
import { toWireValue, type Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany } from '../gp-company.ts';
import type { FieldDefs } from '../odata-query.ts';
import type { GpResource } from '../resource-registry.ts';
import { badRequest, notFound } from '../sba-error.ts';

export const FISCAL_YEAR_TABLE = 'SY40101';
export const FISCAL_PERIOD_TABLE = 'SY40100';

/** PSERIES_n order (n = index + 1); SERIES code of the origin rows = index + 2 (2 Financial … 7 Project). */
export const FISCAL_SERIES = ['financial', 'sales', 'purchasing', 'inventory', 'payroll', 'project'] as const;
export type FiscalSeries = (typeof FISCAL_SERIES)[number];

/** Transaction origins per series that the emulator's documents post through (ODESCTN texts [V] DDL procs / [U]). */
const ORIGINS: Partial<Record<FiscalSeries, string[]>> = {
  financial: ['General Entry'],
  sales: ['Sales Transaction Entry', 'Receivables Sales Entry', 'Receivables Apply Doc.'],
  purchasing: ['Payables Trx Entry', 'Receivings Trx Entry', 'Purchasing Invoice Entry'],
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const periodKey = (year: number, periodId: number) => `${year}|${periodId}|0|`;
export const originKey = (year: number, periodId: number, series: number, origin: string) => `${year}|${periodId}|${series}|${origin.toUpperCase()}`;

function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month + 1, 0)).toISOString().slice(0, 10);
}

export function addFiscalYear(company: GpCompany, clock: GpClock, year: number): void {
  company.table<Row>(FISCAL_YEAR_TABLE).set(String(year), {
    YEAR1: year,
    FSTFSCDY: `${year}-01-01`,
    LSTFSCDY: `${year}-12-31`,
    NUMOFPER: 12,
    HISTORYR: 0,
    DEX_ROW_TS: clock.rowTimestamp(),
  });
  const periods = company.table<Row>(FISCAL_PERIOD_TABLE);
  for (let m = 0; m < 12; m += 1) {
    const base = { YEAR1: year, PERIODID: m + 1, PERIODDT: `${year}-${String(m + 1).padStart(2, '0')}-01`, PERDENDT: lastDayOfMonth(year, m), PERNAME: MONTHS[m]!.padEnd(21) };
    const series: Row = { ...base, SERIES: 0, ODESCTN: ''.padEnd(51), FORIGIN: 1, CLOSED: 0, DEX_ROW_TS: clock.rowTimestamp() };
    FISCAL_SERIES.forEach((_, i) => (series[`PSERIES_${i + 1}`] = 0));
    periods.set(periodKey(year, m + 1), series);
    FISCAL_SERIES.forEach((s, i) => {
      for (const origin of ORIGINS[s] ?? []) {
        periods.set(originKey(year, m + 1, i + 2, origin), { ...base, SERIES: i + 2, ODESCTN: origin.padEnd(51), FORIGIN: 0, CLOSED: 0, DEX_ROW_TS: clock.rowTimestamp() });
      }
    });
  }
}

export function seedFiscalCalendar(company: GpCompany, clock: GpClock): void {
  const year = Number(clock.localDate().slice(0, 4));
  for (const y of [year - 1, year, year + 1]) addFiscalYear(company, clock, y);
}

export function seriesRowsOf(company: GpCompany): Row[] {
  return company.table<Row>(FISCAL_PERIOD_TABLE).values().filter((r) => r.SERIES === 0);
}

/** The period (series row) a date falls in, or undefined when no fiscal year covers it. */
export function periodOf(company: GpCompany, date: string): Row | undefined {
  return seriesRowsOf(company).find((r) => (r.PERIODDT as string) <= date && date <= (r.PERDENDT as string));
}

export function isSeriesClosed(period: Row, series: FiscalSeries): boolean {
  return period[`PSERIES_${FISCAL_SERIES.indexOf(series) + 1}`] === 1;
}

export function describePeriod(period: Row): string {
  return `${(period.PERNAME as string).trimEnd()} ${period.YEAR1 as number} (period ${period.PERIODID as number}, ${period.PERIODDT as string}..${period.PERDENDT as string})`;
}

/** Closes or opens one period for one series: the PSERIES flag and that series' origin rows (GP-DOMAIN §4). */
export function setPeriodClosed(company: GpCompany, clock: GpClock, change: { year: number; periodId: number; series: FiscalSeries; closed: boolean }): Row {
  const periods = company.table<Row>(FISCAL_PERIOD_TABLE);
  const row = periods.get(periodKey(change.year, change.periodId));
  if (!row) throw notFound('EntityNotFound', `Fiscal period ${change.year}/${change.periodId} does not exist in SY40100`);
  const n = FISCAL_SERIES.indexOf(change.series);
  if (n < 0) throw badRequest(`series must be one of ${FISCAL_SERIES.join(', ')}`);
  const flag = change.closed ? 1 : 0;
  const updated = { ...row, [`PSERIES_${n + 1}`]: flag, DEX_ROW_TS: clock.rowTimestamp() };
  periods.set(periodKey(change.year, change.periodId), updated);
  for (const origin of ORIGINS[change.series] ?? []) {
    const key = originKey(change.year, change.periodId, n + 2, origin);
    const o = periods.get(key);
    if (o) periods.set(key, { ...o, CLOSED: flag, DEX_ROW_TS: clock.rowTimestamp() });
  }
  return updated;
}

const FIELDS: FieldDefs<Row> = {
  Year: { type: 'number', get: (r) => r.YEAR1 as number },
  PeriodId: { type: 'number', get: (r) => r.PERIODID as number },
  StartDate: { type: 'date', get: (r) => r.PERIODDT as string },
  EndDate: { type: 'date', get: (r) => r.PERDENDT as string },
};

/** A view of SY40100 holding only the series rows (what the Fiscal Periods Setup window shows). */
function seriesView(company: GpCompany) {
  const table = company.table<Row>(FISCAL_PERIOD_TABLE);
  return {
    get version() {
      return table.version;
    },
    get: (key: string) => table.get(key),
    set: () => {
      throw new Error('fiscal periods are read-only through the GP Service');
    },
    delete: () => false,
    values: () => seriesRowsOf(company),
    get size() {
      return seriesRowsOf(company).length;
    },
  };
}

export const fiscalPeriodsResource: GpResource<Row> = {
  path: 'Financials/FiscalPeriods',
  entity: 'FiscalPeriod',
  keyParts: 2,
  fields: FIELDS,
  defaultOrder: [
    { field: 'Year', descending: false },
    { field: 'PeriodId', descending: false },
  ],
  table: (ctx) => seriesView(ctx.company),
  find: (ctx, [year, period]) => ctx.company.table<Row>(FISCAL_PERIOD_TABLE).get(periodKey(Number(year), Number(period))),
  toWire(row) {
    const out: Record<string, unknown> = {
      Year: row.YEAR1,
      PeriodId: row.PERIODID,
      PeriodName: row.PERNAME,
      StartDate: `${row.PERIODDT as string}T00:00:00`,
      EndDate: `${row.PERDENDT as string}T00:00:00`,
    };
    for (const s of FISCAL_SERIES) out[`Is${s[0]!.toUpperCase()}${s.slice(1)}Closed`] = isSeriesClosed(row, s);
    out.LastModifiedDate = toWireValue({ kind: 'timestamp', wire: 'LastModifiedDate', column: 'DEX_ROW_TS', readOnly: true }, row.DEX_ROW_TS);
    return out;
  },
};
