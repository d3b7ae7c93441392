/**
 * Is the GP fiscal period of a date open for a series? GP accepts SOP and RM documents dated in a closed period
 * and fails only when they are posted (eConnect does not read SY40100 for them, GP-DOMAIN §4), so the connector
 * checks first and parks the document with the period named. One guard per writer (= per run): the periods
 * covering a batch's dates are read with one request and reused for the rest of the run.
 */
import { ConnectorError } from '../../../lib/errors.ts';
import type { GpDocumentsClient, GpFiscalPeriod } from '../documents-client.ts';

export type FiscalSeries = 'financial' | 'sales';

export interface FiscalCalendarGuard {
  /** Reads the periods covering `dates` that are not known yet (one request at most). */
  prepare(dates: string[], signal?: AbortSignal): Promise<void>;
  /** A validation error naming the period when `date` is not open for the series, else undefined. Call prepare first. */
  problem(date: string): ConnectorError | undefined;
}

function describe(p: GpFiscalPeriod): string {
  return `${p.PeriodName || `period ${p.PeriodId}`} ${p.Year} (period ${p.PeriodId} of fiscal year ${p.Year}, ${p.StartDate}..${p.EndDate})`;
}

export function createFiscalCalendarGuard(docs: Pick<GpDocumentsClient, 'listFiscalPeriods'>, opts: { series: FiscalSeries; company: string }): FiscalCalendarGuard {
  const periods: GpFiscalPeriod[] = [];
  /** Date ranges already read (a date inside one with no period has no fiscal year). */
  const covered: Array<[string, string]> = [];
  const isCovered = (d: string) => covered.some(([from, to]) => from <= d && d <= to);
  return {
    async prepare(dates, signal) {
      const unknown = [...new Set(dates)].filter((d) => !isCovered(d)).sort();
      if (unknown.length === 0) return;
      const from = unknown[0]!;
      const to = unknown[unknown.length - 1]!;
      periods.push(...(await docs.listFiscalPeriods(from, to, signal)));
      covered.push([from, to]);
    },
    problem(date) {
      if (!isCovered(date)) throw new Error(`fiscal calendar: ${date} was not prepared`);
      const period = periods.find((p) => p.StartDate <= date && date <= p.EndDate);
      if (!period) {
        return new ConnectorError('validation', `GP company "${opts.company}" has no fiscal period for the document date ${date} (no fiscal year set up in SY40101/SY40100); nothing was written — set up the year in GP, then replay`, {
          code: 'GP_NO_FISCAL_PERIOD',
          fields: ['DocumentDate'],
        });
      }
      const closed = opts.series === 'sales' ? period.IsSalesClosed : period.IsFinancialClosed;
      if (!closed) return undefined;
      return new ConnectorError(
        'validation',
        `GP fiscal period ${describe(period)} is closed for the ${opts.series === 'sales' ? 'Sales' : 'Financial'} series, so a document dated ${date} could not be posted; nothing was written — open the period in GP (Fiscal Periods Setup) or change the date, then replay`,
        { code: 'GP_PERIOD_CLOSED', fields: ['DocumentDate'] },
      );
    },
  };
}
