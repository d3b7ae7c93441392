/**
 * Sandbox-only ledger actions of a GP user (never part of a real GP): post a GL journal entry (the balances move),
 * add an account or (de)activate / rename one (Account Maintenance), add a segment value such as a cost centre
 * (Account Segment Setup), close one origin of a fiscal period (Mass Close; closing a whole series is
 * `documents.setFiscalPeriod`), and read balances. Routes under `/_sandbox/companies/<company>/`:
 * POST gl-transactions/<n>/post, POST gl-accounts, PATCH gl-accounts/<number>, GET / POST account-segments,
 * GET gl-balances/<account>/<year>, GET / PUT fiscal-periods/<year>/<period>/origins.
 */
import { z } from 'zod';
import { parseBody } from './admin-body.ts';
import type { AdminResponse } from './admin-routes.ts';
import type { GpClock } from './gp-clock.ts';
import { normalizeKey, padChar, type Row } from './gp-columns.ts';
import type { GpCompany } from './gp-company.ts';
import { ACCOUNT_FRAMEWORK, accountSegmentsResource, addAccountSegment, describeSegment, findAccountSegment } from './resources/account-segments.ts';
import { FISCAL_SERIES, FISCAL_PERIOD_TABLE, type FiscalSeries } from './resources/fiscal-periods.ts';
import { originToWire, setOriginClosed } from './resources/fiscal-period-origins.ts';
import { addGlAccount, findGlAccount, glAccountTable, glAccountsResource } from './resources/gl-accounts.ts';
import { balanceToWire, glAccountBalancesResource } from './resources/gl-balances.ts';
import { postGlTransaction, postedJournalToWire } from './resources/gl-posting.ts';
import { SbaError, badRequest } from './sba-error.ts';

type Wire = Record<string, unknown>;
const ACCOUNT_DESCRIPTION_MAX = 50;

export interface GpLedgerAdmin {
  /** Posts an unposted journal entry (GL10000 → GL20000) and adds it to the account balances (GL10110). */
  postGlTransaction(journalEntry: number, company?: string): Wire;
  createGlAccount(account: { accountNumber: string; description: string; postingType?: 'Balance Sheet' | 'Profit and Loss'; isActive?: boolean }, company?: string): Wire;
  setGlAccount(accountNumber: string, changes: { isActive?: boolean; description?: string }, company?: string): Wire;
  addAccountSegment(segment: { segmentNumber: number; segmentId: string; description: string }, company?: string): Wire;
  listAccountSegments(company?: string): Wire[];
  /** The account's balances of one year, one row per period with activity. */
  glBalances(accountNumber: string, year: number, company?: string): Wire[];
  setOriginClosed(change: { year: number; periodId: number; series: FiscalSeries; origin: string; closed: boolean }, company?: string): Wire;
  listOrigins(year: number, periodId: number, company?: string): Wire[];
}

function checkAccountNumber(number: string): string[] {
  const segments = number.trim().toUpperCase().split('-');
  const ok = segments.length === ACCOUNT_FRAMEWORK.length && segments.every((s, i) => s.length > 0 && s.length <= ACCOUNT_FRAMEWORK[i]!.length);
  if (!ok) throw badRequest(`accountNumber must follow the account framework ${ACCOUNT_FRAMEWORK.map((s) => s.length).join('-')} (e.g. 000-6100-10); got "${number}"`, 'ValidationFailed');
  return segments;
}

export function createLedgerAdmin(companyRef: (ref?: string) => GpCompany, clock: GpClock): GpLedgerAdmin {
  const ctx = (c?: string) => ({ company: companyRef(c), clock, gpUserId: 'sa' });
  return {
    postGlTransaction: (n, c) => postedJournalToWire(postGlTransaction(companyRef(c), clock, n)),
    createGlAccount(account, c) {
      const company = companyRef(c);
      const segments = checkAccountNumber(account.accountNumber);
      if (findGlAccount(company, account.accountNumber)) throw new SbaError(409, 'AccountExists', `Account ${normalizeKey(account.accountNumber)} already exists (GL00105)`);
      segments.forEach((s, i) => {
        if (!findAccountSegment(company, i + 1, s)) throw badRequest(`Segment ${i + 1} (${ACCOUNT_FRAMEWORK[i]!.name}) value "${s}" is not set up (GL40200)`, 'ValidationFailed');
      });
      if (account.description.trim().length > ACCOUNT_DESCRIPTION_MAX) throw badRequest(`description (ACTDESCR) is at most ${ACCOUNT_DESCRIPTION_MAX} characters`, 'ValidationFailed');
      const row = addGlAccount(company, clock, segments.join('-'), account.description.trim(), account.postingType === 'Balance Sheet' ? 0 : 1, account.isActive ?? true);
      return glAccountsResource.toWire(row);
    },
    setGlAccount(number, changes, c) {
      const company = companyRef(c);
      const row = findGlAccount(company, number);
      if (!row) throw new SbaError(404, 'EntityNotFound', `GLAccount '${normalizeKey(number)}' was not found in company '${company.name}'`);
      if (changes.description !== undefined && changes.description.trim().length > ACCOUNT_DESCRIPTION_MAX) throw badRequest(`description (ACTDESCR) is at most ${ACCOUNT_DESCRIPTION_MAX} characters`, 'ValidationFailed');
      const updated: Row = {
        ...row,
        ...(changes.isActive === undefined ? {} : { ACTIVE: changes.isActive ? 1 : 0 }),
        ...(changes.description === undefined ? {} : { ACTDESCR: padChar(changes.description.trim(), 51) }),
        DEX_ROW_TS: clock.rowTimestamp(),
      };
      glAccountTable(company).set(String(row.ACTINDX), updated);
      return glAccountsResource.toWire(updated);
    },
    addAccountSegment(s, c) {
      const company = companyRef(c);
      return accountSegmentsResource.toWire(describeSegment(company, addAccountSegment(company, clock, s.segmentNumber, s.segmentId, s.description)));
    },
    listAccountSegments: (c) => accountSegmentsResource.table(ctx(c)).values().map(accountSegmentsResource.toWire),
    glBalances(number, year, c) {
      const account = findGlAccount(companyRef(c), number);
      if (!account) throw new SbaError(404, 'EntityNotFound', `GLAccount '${normalizeKey(number)}' was not found`);
      return glAccountBalancesResource
        .table(ctx(c))
        .values()
        .filter((b) => b.summary.ACTINDX === account.ACTINDX && b.summary.YEAR1 === year)
        .sort((a, b) => (a.summary.PERIODID as number) - (b.summary.PERIODID as number))
        .map(balanceToWire);
    },
    setOriginClosed: (change, c) => originToWire(setOriginClosed(companyRef(c), clock, change)),
    listOrigins: (year, periodId, c) =>
      companyRef(c)
        .table<Row>(FISCAL_PERIOD_TABLE)
        .values()
        .filter((r) => (r.SERIES as number) > 0 && r.YEAR1 === year && r.PERIODID === periodId)
        .map(originToWire),
  };
}

const accountSchema = z
  .object({ accountNumber: z.string().min(1), description: z.string(), postingType: z.enum(['Balance Sheet', 'Profit and Loss']).optional(), isActive: z.boolean().optional() })
  .strict();
const accountChangeSchema = z.object({ isActive: z.boolean().optional(), description: z.string().optional() }).strict();
const segmentSchema = z.object({ segmentNumber: z.number().int().min(1), segmentId: z.string().min(1), description: z.string() }).strict();
const originSchema = z.object({ series: z.enum(FISCAL_SERIES), origin: z.string().min(1), closed: z.boolean() }).strict();

function integer(value: string | undefined, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw badRequest(`${what} must be an integer; got "${value}"`);
  return n;
}

/** `parts` = the path below `/_sandbox/`, decoded. Undefined when the route is not a ledger route. */
export function handleLedgerAdminRequest(admin: GpLedgerAdmin, method: string, parts: string[], body: string): AdminResponse | undefined {
  if (parts[0] !== 'companies' || parts[1] === undefined) return undefined;
  const [, company, kind, ...rest] = parts;
  const route = `${method} ${kind} ${rest.length}`;
  if (route === 'POST gl-transactions 2' && rest[1] === 'post') return { status: 200, body: admin.postGlTransaction(integer(rest[0], 'journal entry'), company) };
  if (route === 'POST gl-accounts 0') return { status: 201, body: admin.createGlAccount(parseBody(accountSchema, body), company) };
  if (route === 'PATCH gl-accounts 1') return { status: 200, body: admin.setGlAccount(rest[0]!, parseBody(accountChangeSchema, body), company) };
  if (route === 'GET account-segments 0') return { status: 200, body: admin.listAccountSegments(company) };
  if (route === 'POST account-segments 0') return { status: 201, body: admin.addAccountSegment(parseBody(segmentSchema, body), company) };
  if (route === 'GET gl-balances 2') return { status: 200, body: admin.glBalances(rest[0]!, integer(rest[1], 'year'), company) };
  if (kind === 'fiscal-periods' && rest.length === 3 && rest[2] === 'origins') {
    const year = integer(rest[0], 'year');
    const periodId = integer(rest[1], 'period');
    if (method === 'GET') return { status: 200, body: admin.listOrigins(year, periodId, company) };
    if (method === 'PUT') return { status: 200, body: admin.setOriginClosed({ year, periodId, ...parseBody(originSchema, body) }, company) };
  }
  return undefined;
}
