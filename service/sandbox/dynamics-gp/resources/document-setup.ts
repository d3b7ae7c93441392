/**
 * Setup the sales documents need, per company: items and site, GL accounts, the fiscal calendar, SOP Document
 * IDs with next numbers (SOP40200) and RM next numbers (RM40401, payments type 9 included), plus two posted Fabrikam invoices
 * (`STDINV2265`, `STDINV2279`, GP-DOMAIN §1 [C]) so the STDINV next number (2279) has a used number to skip.
 * DOCIDs STDINV [V] and STDORD [U]; the other DOCIDs and every next number are fill-ins [U].
 */
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany } from '../gp-company.ts';
import { seedFiscalCalendar } from './fiscal-periods.ts';
import { seedGlAccounts } from './gl-accounts.ts';
import { seedItems } from './items.ts';
import { addSopDocId, setRmNextNumber } from './next-numbers.ts';
import { seedHistoryInvoice } from './sop-store.ts';

export function seedDocumentSetup(company: GpCompany, clock: GpClock): void {
  seedItems(company, clock);
  seedGlAccounts(company, clock);
  seedFiscalCalendar(company, clock);
  for (const [type, docId, next] of [
    [1, 'STDQUO', 'QTEST1001'],
    [2, 'STDORD', 'ORDST2235'],
    [3, 'STDINV', 'STDINV2279'],
    [4, 'STDRTN', 'RTNST1001'],
    [5, 'STDBCK', 'BCKST1001'],
    [6, 'STDFUL', 'FULST1001'],
  ] as const) {
    addSopDocId(company, type, docId, next);
  }
  for (const [type, next] of [[1, 'SALES00000001'], [3, 'DEBIT00000001'], [7, 'CREDIT0000001'], [8, 'RETRN00000001'], [9, 'PYMNT00000001']] as const) setRmNextNumber(company, type, next);
  const today = clock.localDate();
  for (const [number, customer, item, qty] of [['STDINV2265', 'AARONFIT0001', 'ACCS-CRD-12WH', 10], ['STDINV2279', 'CONTOSOL0001', 'ACCS-CRD-25BK', 4]] as const) {
    seedHistoryInvoice(company, clock, {
      SopType: 3,
      SopNumber: number,
      DocumentId: 'STDINV',
      CustomerId: customer,
      DocumentDate: today,
      BatchId: 'SAMPLE',
      Lines: [{ ItemNumber: item, Quantity: qty, UnitPrice: item === 'ACCS-CRD-12WH' ? 10.95 : 15.95 }],
    });
  }
}

/** The document resources, for the registry in gp-sandbox.ts. */
export { fiscalPeriodsResource } from './fiscal-periods.ts';
export { glAccountsResource } from './gl-accounts.ts';
export { receivablesResource } from './receivables.ts';
export { salesTransactionsResource } from './sales-transactions.ts';
