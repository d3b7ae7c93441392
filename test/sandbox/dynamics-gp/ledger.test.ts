import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSbaHarness, trim, type SbaHarness } from './sba-harness.ts';

async function admin(h: SbaHarness, method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await request(`${h.gp.url}/_sandbox/companies/TWO/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.statusCode, body: await res.body.json() };
}

describe('GP emulator: Purchasing periods, chart of accounts, GL balances', () => {
  let h: SbaHarness;

  beforeAll(async () => {
    h = await startSbaHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  describe('fiscal periods for the Purchasing series', () => {
    const purchasingOrigins = () => h.list('Financials/FiscalPeriodOrigins', { $filter: "Year eq 2026 and PeriodId eq 5 and Series eq 'Purchasing'" });

    it('has Purchasing origins, open by default', async () => {
      const res = await purchasingOrigins();
      expect(res.payload.map((o) => [trim(o.Origin), o.SeriesNumber, o.IsClosed])).toEqual([
        ['Payables Trx Entry', 4, false],
        ['Purchasing Invoice Entry', 4, false],
        ['Receivings Trx Entry', 4, false],
      ]);
    });

    it('shows a Purchasing period a GP user closed (PSERIES_3 and its origins) through the same FiscalPeriods resource', async () => {
      expect((await admin(h, 'PUT', 'fiscal-periods/2026/5', { series: 'purchasing', closed: true })).status).toBe(200);
      try {
        const period = await h.call('GET', 'Financials/FiscalPeriods(2026;5)');
        expect(period.payload).toMatchObject({ IsPurchasingClosed: true, IsSalesClosed: false, IsFinancialClosed: false });
        expect((await purchasingOrigins()).payload.every((o) => o.IsClosed === true)).toBe(true);
        const sales = await h.list('Financials/FiscalPeriodOrigins', { $filter: "Year eq 2026 and PeriodId eq 5 and Series eq 'Sales' and IsClosed eq true" });
        expect(sales.payload).toHaveLength(0);
      } finally {
        await admin(h, 'PUT', 'fiscal-periods/2026/5', { series: 'purchasing', closed: false });
      }
      expect((await h.call('GET', 'Financials/FiscalPeriods(2026;5)')).payload).toMatchObject({ IsPurchasingClosed: false });
    });

    it('closes one origin (Mass Close) without the series flag, readable by its key', async () => {
      const closed = await admin(h, 'PUT', 'fiscal-periods/2026/5/origins', { series: 'purchasing', origin: 'Receivings Trx Entry', closed: true });
      expect(closed.body).toMatchObject({ Series: 'Purchasing', IsClosed: true });
      try {
        expect((await h.call('GET', 'Financials/FiscalPeriodOrigins(2026;5;Purchasing;Receivings%20Trx%20Entry)')).payload).toMatchObject({ IsClosed: true, PeriodName: expect.stringMatching(/^May/) });
        expect((await h.call('GET', 'Financials/FiscalPeriods(2026;5)')).payload).toMatchObject({ IsPurchasingClosed: false });
        expect((await admin(h, 'PUT', 'fiscal-periods/2026/5/origins', { series: 'purchasing', origin: 'No Such Origin', closed: true })).status).toBe(404);
      } finally {
        h.gp.ledger.setOriginClosed({ year: 2026, periodId: 5, series: 'purchasing', origin: 'Receivings Trx Entry', closed: false });
      }
    });
  });

  describe('chart of accounts: framework 3-4-2, cost centres, account status', () => {
    it('reads segment descriptions so a client can check that a cost centre exists', async () => {
      const purchasing = await h.call('GET', 'Financials/AccountSegments(3;30)');
      expect(purchasing.payload).toMatchObject({ SegmentNumber: 3, SegmentName: 'Department'.padEnd(31), SegmentLength: 2, Description: 'Purchasing'.padEnd(31) });
      expect((await h.call('GET', 'Financials/AccountSegments(3;99)')).status).toBe(404);
      const departments = await h.list('Financials/AccountSegments', { $filter: 'SegmentNumber eq 3' });
      expect(departments.payload.map((s) => trim(s.SegmentId))).toEqual(['00', '10', '20', '30', '40']);
      const divisions = await h.list('Financials/AccountSegments', { $filter: "SegmentName eq 'Division'" });
      expect(divisions.payload.map((s) => trim(s.SegmentId))).toEqual(['000', '100', '200', '300']);
    });

    it('lists the accounts of a cost centre with their active flag, through the existing GLAccounts resource', async () => {
      const res = await h.list('Financials/GLAccounts', { $filter: "Segment3 eq '30'" });
      expect(res.payload.map((a) => [trim(a.AccountNumber), a.IsActive])).toEqual([
        ['000-6100-30', true],
        ['000-6190-30', false],
      ]);
      expect((await h.call('GET', "Financials/GLAccounts('000-6100-10')")).payload).toMatchObject({ Segment1: '000'.padEnd(9), Segment2: '6100'.padEnd(9), Segment3: '10'.padEnd(9), PostingType: 'Profit and Loss' });
    });

    it('a GP user adds a cost centre and its account, and deactivates another account', async () => {
      expect((await admin(h, 'POST', 'account-segments', { segmentNumber: 3, segmentId: '50', description: 'Plant South' })).status).toBe(201);
      expect((await admin(h, 'POST', 'gl-accounts', { accountNumber: '000-6100-50', description: 'Office Supplies - Plant South' })).body).toMatchObject({ IsActive: true });
      expect((await admin(h, 'POST', 'gl-accounts', { accountNumber: '000-6100-60', description: 'No such department' })).status).toBe(400);
      expect((await admin(h, 'POST', 'gl-accounts', { accountNumber: '0006100-50', description: 'bad format' })).status).toBe(400);
      expect((await admin(h, 'POST', 'gl-accounts', { accountNumber: '000-6100-50', description: 'again' })).status).toBe(409);
      expect((await h.call('GET', 'Financials/AccountSegments(3;50)')).payload).toMatchObject({ Description: 'Plant South'.padEnd(31) });
      expect((await h.call('GET', "Financials/GLAccounts('000-6100-50')")).status).toBe(200);
      expect((await admin(h, 'PATCH', 'gl-accounts/000-6100-20', { isActive: false })).body).toMatchObject({ IsActive: false });
      expect((await h.call('GET', "Financials/GLAccounts('000-6100-20')")).payload).toMatchObject({ IsActive: false });
      const po = await h.call('POST', 'Purchasing/PurchaseOrders', { VendorId: 'ADVANCED0001', Lines: [{ ItemNumber: 'PENS', NonInventory: true, Quantity: 1, UnitCost: 5, SiteId: 'WAREHOUSE', InventoryAccount: '000-6100-20' }] });
      expect(po.error?.Code).toBe('eConnect.91052');
      h.gp.ledger.setGlAccount('000-6100-20', { isActive: true });
    });
  });

  describe('GL balances of the open year', () => {
    const balance = (account: string, period: number) => h.call('GET', `Financials/GLAccountBalances('${account}';2026;${period})`);

    it('has balances from the seeded posted entries, period-to-date and year-to-date', async () => {
      const ap = await h.list('Financials/GLAccountBalances', { $filter: "AccountNumber eq '000-2100-00' and Year eq 2026" });
      expect(ap.payload.map((b) => [b.PeriodId, b.CreditAmount, b.NetChange, b.YearToDateBalance])).toEqual([
        [4, 2400, -2400, -2400],
        [5, 375.5, -375.5, -2775.5],
      ]);
      expect(ap.payload[0]).not.toHaveProperty('LastModifiedDate');
    });

    it('moves the balances when a GP user posts a journal entry created through the GP Service', async () => {
      expect((await balance('000-6100-30', 5)).status).toBe(404);
      const entry = await h.call('POST', 'Financials/GLTransactions', {
        BatchId: 'PROC',
        Reference: 'Procurify accrual',
        TransactionDate: '2026-05-04',
        Lines: [
          { AccountNumber: '000-6100-30', DebitAmount: 100 },
          { AccountNumber: '000-2100-00', CreditAmount: 100 },
        ],
      });
      expect(entry.status).toBe(201);
      const n = entry.payload.JournalEntry as number;
      expect((await balance('000-6100-30', 5)).status).toBe(404); // unposted work entries do not count
      const posted = await admin(h, 'POST', `gl-transactions/${n}/post`);
      expect(posted.body).toMatchObject({ JournalEntry: n, Year: 2026, PeriodId: 5, TransactionState: 'Open' });
      expect((await balance('000-6100-30', 5)).payload).toMatchObject({ DebitAmount: 100, CreditAmount: 0, NetChange: 100, YearToDateDebit: 100, YearToDateBalance: 100 });
      expect((await balance('000-2100-00', 5)).payload).toMatchObject({ CreditAmount: 475.5, NetChange: -475.5, YearToDateCredit: 2875.5, YearToDateBalance: -2875.5 });
      expect((await h.call('GET', `Financials/GLTransactions(${n})`)).status).toBe(404);
      expect((await admin(h, 'POST', `gl-transactions/${n}/post`)).status).toBe(404);
      const byDepartment = await h.list('Financials/GLAccountBalances', { $filter: "Segment3 eq '30' and Year eq 2026" });
      expect(byDepartment.payload.map((b) => trim(b.AccountNumber))).toEqual(['000-6100-30']);
    });

    it('refuses to post into a period closed for the Financial series, leaving the balances as they were', async () => {
      const entry = await h.call('POST', 'Financials/GLTransactions', {
        BatchId: 'PROC',
        TransactionDate: '2026-05-04',
        Lines: [
          { AccountNumber: '000-6100-10', DebitAmount: 40 },
          { AccountNumber: '000-2100-00', CreditAmount: 40 },
        ],
      });
      const n = entry.payload.JournalEntry as number;
      const before = (await balance('000-6100-10', 5)).payload;
      h.gp.documents.setFiscalPeriod({ year: 2026, periodId: 5, series: 'financial', closed: true });
      try {
        const refused = await admin(h, 'POST', `gl-transactions/${n}/post`);
        expect(refused.status).toBe(409);
        expect(JSON.stringify(refused.body)).toContain('closed for the Financial series');
        expect((await balance('000-6100-10', 5)).payload).toEqual(before);
        expect((await h.call('GET', `Financials/GLTransactions(${n})`)).status).toBe(200);
      } finally {
        h.gp.documents.setFiscalPeriod({ year: 2026, periodId: 5, series: 'financial', closed: false });
      }
      expect(h.gp.ledger.postGlTransaction(n)).toMatchObject({ PeriodId: 5 });
      expect(h.gp.ledger.glBalances('000-6100-10', 2026).map((b) => b.DebitAmount)).toEqual([290]);
    });
  });
});
