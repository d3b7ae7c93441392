/**
 * A revenue-recognition journal entry built from a mapped Salesforce Order (pure). The flow maps the order's
 * recognized amount (ReceivableAmount, debited to the receivable account) and its lines (Amount, optional
 * CostCenter), each credited to the revenue account whose cost-center segment the line's CostCenter replaces;
 * credits to the same account are summed. Debits must equal credits: GP refuses an unbalanced entry with eConnect
 * error 944 (taGLTransactionHeaderInsert, GP-DOMAIN §4 [V]); the connector checks first and writes nothing.
 */
import { ConnectorError } from '../../../lib/errors.ts';
import type { GlTransactionInput } from '../receivables-client.ts';

export interface GlJournalOptions {
  batchId: string;
  /** Debited with ReceivableAmount (e.g. 000-1200-00 Accounts Receivable). */
  debitAccount: string;
  /** Credited per line; a line's CostCenter replaces segment `costCenterSegment` (e.g. 000-4100-00 → 200-4100-00). */
  revenueAccount: string;
  costCenterSegment: number;
}

export interface JournalLineInput {
  Amount?: unknown;
  CostCenter?: unknown;
  Description?: unknown;
}

const cents = (n: number) => Math.round(n * 100) / 100;
const money = (n: number) => n.toFixed(2);

function amount(v: unknown, field: string, reference: string): number {
  const n = typeof v === 'number' ? v : Number(v);
  if (v === null || v === undefined || v === '' || !Number.isFinite(n)) {
    throw new ConnectorError('validation', `GL journal for ${reference}: ${field} is not an amount (${String(v)})`, { code: 'GP_JOURNAL_INVALID', fields: [field] });
  }
  return n;
}

export function withCostCenter(account: string, segment: number, costCenter: unknown): string {
  if (costCenter === null || costCenter === undefined || String(costCenter).trim() === '') return account;
  const parts = account.split('-');
  if (segment > parts.length) throw new ConnectorError('validation', `revenue account ${account} has no segment ${segment} to put cost center ${String(costCenter)} in`, { code: 'GP_JOURNAL_INVALID', fields: ['CostCenter'] });
  parts[segment - 1] = String(costCenter).trim().toUpperCase();
  return parts.join('-');
}

/** The entry to create for one order, or a validation error naming what is wrong (unbalanced: 944 style). */
export function buildJournal(reference: string, fields: Record<string, unknown>, opts: GlJournalOptions): GlTransactionInput {
  const date = fields.TransactionDate;
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new ConnectorError('validation', `GL journal for ${reference}: TransactionDate is not a date (${String(date)})`, { code: 'GP_JOURNAL_INVALID', fields: ['TransactionDate'] });
  }
  const lines = Array.isArray(fields.Lines) ? (fields.Lines as JournalLineInput[]) : [];
  if (lines.length === 0) throw new ConnectorError('validation', `GL journal for ${reference}: the order has no lines to recognize`, { code: 'GP_JOURNAL_INVALID', fields: ['Lines'] });
  const debit = cents(amount(fields.ReceivableAmount, 'ReceivableAmount', reference));
  const credits = new Map<string, number>();
  lines.forEach((l, i) => {
    const account = withCostCenter(opts.revenueAccount, opts.costCenterSegment, l.CostCenter);
    credits.set(account, cents((credits.get(account) ?? 0) + amount(l.Amount, `Lines[${i}].Amount`, reference)));
  });
  const credit = cents([...credits.values()].reduce((s, n) => s + n, 0));
  if (debit !== credit) {
    throw new ConnectorError(
      'validation',
      `GL journal for ${reference} does not balance: debits ${money(debit)} (ReceivableAmount) ≠ credits ${money(credit)} (sum of Lines.Amount); GP would refuse it with eConnect error 944. Nothing was written — correct the order or the mapping, then replay`,
      { code: 'GP_JOURNAL_UNBALANCED', fields: ['ReceivableAmount', 'Lines'] },
    );
  }
  if (debit <= 0) throw new ConnectorError('validation', `GL journal for ${reference}: the recognized amount must be positive, got ${money(debit)}`, { code: 'GP_JOURNAL_INVALID', fields: ['ReceivableAmount'] });
  const description = typeof fields.Description === 'string' ? fields.Description.slice(0, 30) : undefined;
  return {
    BatchId: opts.batchId,
    Reference: reference,
    TransactionDate: date,
    Lines: [
      { AccountNumber: opts.debitAccount.toUpperCase(), DebitAmount: debit, CreditAmount: 0, ...(description ? { Description: description } : {}) },
      ...[...credits].map(([account, amt]) => ({ AccountNumber: account, DebitAmount: 0, CreditAmount: amt, ...(description ? { Description: description } : {}) })),
    ],
  };
}

/** Same accounts and amounts (order-insensitive): an entry found by reference is the one this order would create. */
export function sameJournal(a: Pick<GlTransactionInput, 'Lines'>, b: Pick<GlTransactionInput, 'Lines'>): boolean {
  const sig = (t: Pick<GlTransactionInput, 'Lines'>) =>
    t.Lines.map((l) => `${l.AccountNumber.trim().toUpperCase()}|${money(l.DebitAmount)}|${money(l.CreditAmount)}`)
      .sort()
      .join(';');
  return sig(a) === sig(b);
}
