/** The summary of an order's receivables (feeds/receivables-summary.ts): pure, from posted documents and applications. */
import { describe, expect, it } from 'vitest';
import { summarizeReceivables } from '../../../service/src/connectors/dynamics-gp/feeds/receivables-summary.ts';
import type { GpApplication, GpPostedDocument } from '../../../service/src/connectors/dynamics-gp/receivables-client.ts';

const inv = (n: string, amount: number, current: number, due: string): GpPostedDocument => ({
  DocumentType: 1, DocumentNumber: n, CustomerId: 'C1', CustomerPONumber: '', Description: '', DocumentDate: '2026-01-01', DueDate: due,
  DocumentAmount: amount, CurrentAmount: current, TransactionState: 'Open', LastModifiedDate: 0,
});
const app = (from: number, fromNo: string, to: string, amount: number, date: string): GpApplication => ({ FromDocumentType: from, FromDocumentNumber: fromNo, ToDocumentType: 1, ToDocumentNumber: to, Amount: amount, ApplyDate: date, CustomerId: 'C1' });

describe('receivables summary (pure)', () => {
  it('counts only the part of a payment applied to this order; credit memos lower the balance without being payments', () => {
    const s = summarizeReceivables(
      [inv('I2', 300, 0, '2026-02-15'), inv('I1', 700, 200, '2026-01-31')],
      [app(9, 'P1', 'I1', 400, '2026-01-20'), app(9, 'P1', 'OTHER', 900, '2026-01-20'), app(7, 'CM1', 'I1', 100, '2026-01-25'), app(9, 'P2', 'I2', 300, '2026-02-01')],
    );
    expect(s).toEqual({ CustomerId: 'C1', InvoiceNumbers: 'I1, I2', InvoiceCount: 2, TotalInvoiced: 1000, TotalPaid: 700, Balance: 200, Status: 'Partially_Paid', DueDate: '2026-01-31', LastPaymentDate: '2026-02-01' });
  });

  it('Open with nothing applied, Paid when nothing remains (latest due date)', () => {
    expect(summarizeReceivables([inv('I1', 50, 50, '2026-03-01')], [])).toMatchObject({ Status: 'Open', TotalPaid: 0, DueDate: '2026-03-01', LastPaymentDate: null });
    expect(summarizeReceivables([inv('I1', 50, 0, '2026-03-01'), inv('I2', 10, 0, '2026-04-01')], [app(9, 'P', 'I1', 50, '2026-03-02'), app(9, 'P', 'I2', 10, '2026-03-02')])).toMatchObject({ Status: 'Paid', TotalPaid: 60, Balance: 0, DueDate: '2026-04-01' });
  });
});
