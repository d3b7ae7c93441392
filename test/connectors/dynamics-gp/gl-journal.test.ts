import { afterEach, describe, expect, it } from 'vitest';
import { dynamicsGpModule } from '../../../service/src/connectors/dynamics-gp/index.ts';
import type { ConnectionRuntime } from '../../../service/src/engine/connections.ts';
import type { WriteItem } from '../../../service/src/engine/types.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import { createGpSandbox, GP_SANDBOX_DEFAULT_USER, type GpSandbox } from '../../../service/sandbox/dynamics-gp/index.ts';
import { createReceivablesAdmin } from '../../../service/sandbox/dynamics-gp/receivables-admin.ts';

let gp: GpSandbox | undefined;
let runtime: ConnectionRuntime | undefined;
afterEach(async () => {
  await runtime?.close();
  await gp?.stop();
  gp = runtime = undefined;
});

async function connect() {
  gp = createGpSandbox({ latency: { fixedMs: 0, jitterMs: 0 }, limits: { minSpacingMs: 100 } });
  await gp.start();
  runtime = dynamicsGpModule.create(
    {
      id: 'gp',
      system: 'dynamics-gp',
      name: 'GP',
      config: { baseUrl: gp.url, company: 'Fabrikam, Inc.', domain: GP_SANDBOX_DEFAULT_USER.domain, username: GP_SANDBOX_DEFAULT_USER.username, minSpacingMs: 100, allowInsecureHttp: true },
      secrets: { password: GP_SANDBOX_DEFAULT_USER.password },
      secretNames: ['password'],
      createdAt: new Date(),
      updatedAt: new Date(),
    },
    { logger: silentLogger() },
  );
  const writer = runtime.writer('glTransactions', 'Reference', { batchId: 'SFREVENUE', debitAccount: '000-1200-00', revenueAccount: '000-4100-00', costCenterSegment: 1 });
  return { gp, writer, admin: createReceivablesAdmin(gp.company(), gp.clock) };
}

const order = (key: string, date: string, total: number, lines: Array<{ Amount: number; CostCenter?: string }>): WriteItem => ({
  sourceId: `801${key}`,
  key,
  fields: { TransactionDate: date, ReceivableAmount: total, Description: `SF Order ${key}`, Lines: lines },
});

describe('recognized revenue → GP GL journal entry (unposted, GL10000/GL10001)', () => {
  it('creates a balanced entry with cost centers, once per order; an unbalanced one is refused before anything is written', async () => {
    const { gp, writer, admin } = await connect();
    const today = gp.clock.localDate();
    const [ok, unbalanced] = await writer.write([
      order('00000100', today, 300, [{ Amount: 100, CostCenter: '200' }, { Amount: 150, CostCenter: '200' }, { Amount: 50 }]),
      order('00000101', today, 300, [{ Amount: 100 }, { Amount: 150 }]),
    ]);
    expect(ok).toMatchObject({ ok: true, created: true });
    expect(unbalanced).toMatchObject({ ok: false });
    const error = (unbalanced as { error: { code: string; message: string; category: string } }).error;
    expect(error.code).toBe('GP_JOURNAL_UNBALANCED');
    expect(error.category).toBe('validation');
    expect(error.message).toContain('debits 300.00 (ReceivableAmount) ≠ credits 250.00');
    expect(error.message).toContain('944');

    const entries = admin.glTransactions();
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    expect(String(entry.Reference).trim()).toBe('00000100');
    const lines = (entry.Lines as Array<Record<string, unknown>>).map((l) => [String(l.AccountNumber).trim(), l.DebitAmount, l.CreditAmount]);
    expect(lines).toEqual([
      ['000-1200-00', 300, 0],
      ['200-4100-00', 0, 250],
      ['000-4100-00', 0, 50],
    ]);

    // Idempotent on the order: the same order again finds its entry by Reference and creates nothing.
    const [again] = await writer.write([order('00000100', today, 300, [{ Amount: 100, CostCenter: '200' }, { Amount: 150, CostCenter: '200' }, { Amount: 50 }])]);
    expect(again).toMatchObject({ ok: true, created: false, targetId: String(entry.JournalEntry) });
    // A changed order whose entry exists is refused, not written twice.
    const [changed] = await writer.write([order('00000100', today, 400, [{ Amount: 400 }])]);
    expect(changed).toMatchObject({ ok: false, error: { code: 'GP_JOURNAL_EXISTS', refusal: true } });
    expect(admin.glTransactions()).toHaveLength(1);
  });

  it('checks the fiscal period (closed for Financial) and the accounts before writing', async () => {
    const { gp, writer, admin } = await connect();
    const today = gp.clock.localDate();
    const [year, month] = today.split('-').map(Number) as [number, number];
    gp.documents.setFiscalPeriod({ year, periodId: month, series: 'financial', closed: true });
    const [closed, badAccount] = await writer.write([order('00000200', today, 10, [{ Amount: 10 }]), order('00000201', `${year + 1}-01-15`, 10, [{ Amount: 10, CostCenter: '999' }])]);
    expect(closed).toMatchObject({ ok: false, error: { code: 'GP_PERIOD_CLOSED' } });
    expect(badAccount).toMatchObject({ ok: false, error: { code: 'GP_UNKNOWN_GL_ACCOUNT' } });
    expect((badAccount as { error: Error }).error.message).toContain('999-4100-00');
    expect(admin.glTransactions()).toHaveLength(0);
  });

  it('the GP emulator itself refuses an unbalanced entry with eConnect 944 and a duplicate JRNENTRY with 997', async () => {
    const { gp } = await connect();
    const { createGlTransaction } = await import('../../../service/sandbox/dynamics-gp/resources/gl-transactions.ts');
    const c = gp.company();
    const base = { BatchId: 'B1', Reference: 'X', TransactionDate: gp.clock.localDate() };
    expect(() => createGlTransaction(c, gp.clock, { ...base, Lines: [{ AccountNumber: '000-1200-00', DebitAmount: 10 }, { AccountNumber: '000-4100-00', CreditAmount: 9 }] })).toThrow(/Error Number = 944/);
    const t = createGlTransaction(c, gp.clock, { ...base, Lines: [{ AccountNumber: '000-1200-00', DebitAmount: 10 }, { AccountNumber: '000-4100-00', CreditAmount: 10 }] });
    expect(() => createGlTransaction(c, gp.clock, { ...base, JournalEntry: t.header.JRNENTRY, Lines: [{ AccountNumber: '000-1200-00', DebitAmount: 1 }, { AccountNumber: '000-4100-00', CreditAmount: 1 }] })).toThrow(/Error Number = 997/);
  });
});
