/**
 * Posting a GL journal entry (sandbox-only: eConnect never posts, GP-DOMAIN §3 [V]; a GP user posts the batch in
 * the client). The work entry GL10000 / GL10001 moves to GL20000 (open year, one row per line) and every line is
 * added to the account summary GL10110 (gl-balances.ts). Refused with 409 PostingFailed, naming the period, when no
 * fiscal year covers TRXDATE, the year is a history year (SY40101.HISTORYR), or the period is closed for the
 * Financial series or its "General Entry" origin (GP-DOMAIN §4 [V]).
 */
import type { Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany } from '../gp-company.ts';
import { SbaError } from '../sba-error.ts';
import { trimmed } from './document-payload.ts';
import { FISCAL_YEAR_TABLE, describePeriod, isSeriesClosed, periodOf } from './fiscal-periods.ts';
import { isOriginClosed } from './fiscal-period-origins.ts';
import { addToBalance } from './gl-balances.ts';
import { glAccountTable } from './gl-accounts.ts';
import { GL_OPEN_HEADER, GL_WORK, findGlTransaction } from './gl-transactions.ts';

const GENERAL_ENTRY = 'General Entry';

export interface PostedJournal {
  journalEntry: number;
  transactionDate: string;
  year: number;
  periodId: number;
  lines: Row[];
}

export function postGlTransaction(company: GpCompany, clock: GpClock, journalEntry: number): PostedJournal {
  const entry = findGlTransaction(company, journalEntry);
  if (!entry) throw new SbaError(404, 'EntityNotFound', `GLTransaction '${journalEntry}' is not an unposted journal entry (GL10000) in company '${company.name}'`);
  const date = entry.header.TRXDATE as string;
  const what = `Journal entry ${journalEntry}`;
  const period = periodOf(company, date);
  if (!period) throw new SbaError(409, 'PostingFailed', `${what} was not posted: no fiscal year is set up for ${date} (SY40101)`);
  const year = period.YEAR1 as number;
  const periodId = period.PERIODID as number;
  if (company.table<Row>(FISCAL_YEAR_TABLE).get(String(year))?.HISTORYR === 1) throw new SbaError(409, 'PostingFailed', `${what} was not posted: ${year} is a historical year`);
  if (isSeriesClosed(period, 'financial') || isOriginClosed(company, year, periodId, 'financial', GENERAL_ENTRY)) {
    throw new SbaError(409, 'PostingFailed', `${what} was not posted: fiscal period ${describePeriod(period)} is closed for the Financial series (${GENERAL_ENTRY}, SY40100)`);
  }
  const accounts = glAccountTable(company);
  const open = company.table<Row>(GL_OPEN_HEADER);
  const rowTs = clock.rowTimestamp();
  const posted = entry.lines.map((line): Row => {
    const account = accounts.get(String(line.ACTINDX))!;
    addToBalance(company, account, year, periodId, line.DEBITAMT as number, line.CRDTAMNT as number);
    const row: Row = {
      OPENYEAR: year,
      JRNENTRY: journalEntry,
      SEQNUMBR: line.SQNCLINE as number,
      ACTINDX: line.ACTINDX as number,
      ACTNUMST: account.ACTNUMST as string,
      TRXDATE: date,
      PERIODID: periodId,
      DEBITAMT: line.DEBITAMT as number,
      CRDTAMNT: line.CRDTAMNT as number,
      REFRENCE: entry.header.REFRENCE as string,
      DSCRIPTN: line.DSCRIPTN as string,
      SOURCDOC: trimmed(entry.header.SOURCDOC) === '' ? 'GJ' : trimmed(entry.header.SOURCDOC),
      ORPSTDDT: clock.localDate(),
      DEX_ROW_TS: rowTs,
    };
    open.set(`${journalEntry}|${row.SEQNUMBR as number}`, row);
    return row;
  });
  company.table<Row>(GL_WORK.header).delete(String(journalEntry));
  const workLines = company.table<Row>(GL_WORK.lines);
  for (const line of entry.lines) workLines.delete(`${journalEntry}|${line.SQNCLINE as number}`);
  return { journalEntry, transactionDate: date, year, periodId, lines: posted };
}

export function postedJournalToWire(p: PostedJournal): Record<string, unknown> {
  return {
    JournalEntry: p.journalEntry,
    TransactionDate: `${p.transactionDate}T00:00:00`,
    Year: p.year,
    PeriodId: p.periodId,
    TransactionState: 'Open',
    Lines: p.lines.map((l) => ({ SequenceNumber: l.SEQNUMBR, AccountNumber: l.ACTNUMST, AccountIndex: l.ACTINDX, DebitAmount: l.DEBITAMT, CreditAmount: l.CRDTAMNT })),
  };
}

