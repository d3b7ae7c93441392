/**
 * GL10110, the account summary of the open years (one row per account, year and period with activity: ACTINDX,
 * YEAR1, PERIODID, DEBITAMT, CRDTAMNT, PERDBLNC = debit − credit; [V] DDL), maintained by GL posting
 * (gl-posting.ts). GL10110 has no DEX_ROW_TS and no modified date [V] DDL: a client hash-polls the balances.
 * Exposed read-only as `Financials/GLAccountBalances(<AccountNumber>;<Year>;<PeriodId>)` [U path; not in the GP 2015
 * SBA list], each row with its period-to-date amounts and the year-to-date sums of periods 1..PeriodId. Period 0
 * (balance brought forward) and GL10111 (history years) are not modelled [U].
 */
import { normalizeKey, type Row } from '../gp-columns.ts';
import type { GpCompany, GpTable } from '../gp-company.ts';
import type { FieldDefs } from '../odata-query.ts';
import type { GpResource } from '../resource-registry.ts';
import { roundAmount } from './document-payload.ts';
import { findGlAccount, glAccountTable } from './gl-accounts.ts';

export const GL_SUMMARY_TABLE = 'GL10110';

export interface AccountBalance {
  summary: Row;
  account: Row;
  ytdDebit: number;
  ytdCredit: number;
}

const summaryKey = (actindx: number, year: number, periodId: number) => `${actindx}|${year}|${periodId}`;

/** Adds posted amounts to the account's period row (creating it on first activity). */
export function addToBalance(company: GpCompany, account: Row, year: number, periodId: number, debit: number, credit: number): Row {
  const table = company.table<Row>(GL_SUMMARY_TABLE);
  const key = summaryKey(account.ACTINDX as number, year, periodId);
  const decimals = company.currency.decimals;
  const existing = table.get(key);
  const debits = roundAmount(((existing?.DEBITAMT as number | undefined) ?? 0) + debit, decimals);
  const credits = roundAmount(((existing?.CRDTAMNT as number | undefined) ?? 0) + credit, decimals);
  const row: Row = {
    ACTINDX: account.ACTINDX as number,
    YEAR1: year,
    PERIODID: periodId,
    ACTNUMBR_1: account.ACTNUMBR_1 as string,
    ACTNUMBR_2: account.ACTNUMBR_2 as string,
    ACTNUMBR_3: account.ACTNUMBR_3 as string,
    DEBITAMT: debits,
    CRDTAMNT: credits,
    PERDBLNC: roundAmount(debits - credits, decimals),
  };
  table.set(key, row);
  return row;
}

function balancesOf(company: GpCompany): AccountBalance[] {
  const rows = company.table<Row>(GL_SUMMARY_TABLE).values();
  const accounts = glAccountTable(company);
  const decimals = company.currency.decimals;
  return rows.map((summary) => {
    const earlier = rows.filter((r) => r.ACTINDX === summary.ACTINDX && r.YEAR1 === summary.YEAR1 && (r.PERIODID as number) <= (summary.PERIODID as number));
    return {
      summary,
      account: accounts.get(String(summary.ACTINDX))!,
      ytdDebit: roundAmount(earlier.reduce((s, r) => s + (r.DEBITAMT as number), 0), decimals),
      ytdCredit: roundAmount(earlier.reduce((s, r) => s + (r.CRDTAMNT as number), 0), decimals),
    };
  });
}

export function findBalance(company: GpCompany, accountNumber: string, year: number, periodId: number): AccountBalance | undefined {
  const account = findGlAccount(company, accountNumber);
  if (!account) return undefined;
  return balancesOf(company).find((b) => b.summary.ACTINDX === account.ACTINDX && b.summary.YEAR1 === year && b.summary.PERIODID === periodId);
}

function view(company: GpCompany): GpTable<AccountBalance> {
  const table = company.table<Row>(GL_SUMMARY_TABLE);
  return {
    // Derived (year-to-date sums): a fresh sort on every read.
    get version() {
      return Number.NaN;
    },
    get: (key) => balancesOf(company).find((b) => summaryKey(b.summary.ACTINDX as number, b.summary.YEAR1 as number, b.summary.PERIODID as number) === key),
    set: () => {
      throw new Error('GL balances are maintained by posting');
    },
    delete: () => false,
    values: () => balancesOf(company),
    get size() {
      return table.size;
    },
  };
}

export function balanceToWire(b: AccountBalance): Record<string, unknown> {
  const s = b.summary;
  return {
    AccountNumber: b.account.ACTNUMST,
    AccountIndex: s.ACTINDX,
    Description: b.account.ACTDESCR,
    Segment1: s.ACTNUMBR_1,
    Segment2: s.ACTNUMBR_2,
    Segment3: s.ACTNUMBR_3,
    Year: s.YEAR1,
    PeriodId: s.PERIODID,
    DebitAmount: s.DEBITAMT,
    CreditAmount: s.CRDTAMNT,
    NetChange: s.PERDBLNC,
    YearToDateDebit: b.ytdDebit,
    YearToDateCredit: b.ytdCredit,
    YearToDateBalance: roundAmount(b.ytdDebit - b.ytdCredit, 5),
  };
}

const FIELDS: FieldDefs<AccountBalance> = {
  AccountNumber: { type: 'string', get: (b) => b.account.ACTNUMST as string },
  AccountIndex: { type: 'number', get: (b) => b.summary.ACTINDX as number },
  Segment1: { type: 'string', get: (b) => b.summary.ACTNUMBR_1 as string },
  Segment2: { type: 'string', get: (b) => b.summary.ACTNUMBR_2 as string },
  Segment3: { type: 'string', get: (b) => b.summary.ACTNUMBR_3 as string },
  Year: { type: 'number', get: (b) => b.summary.YEAR1 as number },
  PeriodId: { type: 'number', get: (b) => b.summary.PERIODID as number },
};

export const glAccountBalancesResource: GpResource<AccountBalance> = {
  path: 'Financials/GLAccountBalances',
  entity: 'GLAccountBalance',
  keyParts: 3,
  fields: FIELDS,
  defaultOrder: [
    { field: 'AccountNumber', descending: false },
    { field: 'Year', descending: false },
    { field: 'PeriodId', descending: false },
  ],
  table: (ctx) => view(ctx.company),
  find: (ctx, [account, year, period]) => findBalance(ctx.company, normalizeKey(account ?? ''), Number(year), Number(period)),
  toWire: balanceToWire,
};
