/**
 * Posting checks the subledgers make (GP-DOMAIN §4): no posting to a date no fiscal year covers, and a Sales
 * document dated in a period closed for the Sales series fails per transaction.
 */
import type { GpCompany } from '../gp-company.ts';
import { SbaError } from '../sba-error.ts';
import { describePeriod, isSeriesClosed, periodOf } from './fiscal-periods.ts';

export function assertPostable(company: GpCompany, date: string, what: string): void {
  const period = periodOf(company, date);
  if (!period) throw new SbaError(409, 'PostingFailed', `${what} was not posted: no fiscal year is set up for ${date} (SY40101)`);
  if (isSeriesClosed(period, 'sales')) {
    throw new SbaError(409, 'PostingFailed', `${what} was not posted: fiscal period ${describePeriod(period)} is closed for the Sales series (SY40100)`);
  }
}
