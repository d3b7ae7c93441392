/**
 * Settlement of an order's receivables, computed from GP facts only (pure): the order's posted debit documents
 * (RMDTYPAL 1, 3–6) and the applications to them (RM20201/RM30201, GP-DOMAIN §3).
 * - invoiced = Σ original amounts (ORTRXAMT / DOCAMNT); balance = Σ CURTRXAM (what remains unpaid);
 * - paid = Σ amounts applied from payments (type 9); credit memos / returns (7, 8) lower the balance without
 *   being payments;
 * - status Paid when nothing remains, Partially_Paid when something was applied, else Open. GP keeps fully paid
 *   documents Open in RM20101 until Paid Transaction Removal (GP-DOMAIN §3), so status comes from CURTRXAM, never
 *   from the table a document is in;
 * - due date: the earliest due date still owing (the latest one once everything is paid); last payment date: the
 *   latest apply date of a payment.
 * One payment applied to several invoices contributes to each only the amount applied to it.
 */
import type { GpApplication, GpPostedDocument } from '../receivables-client.ts';

export const PAYMENT_TYPE = 9;
export const DEBIT_TYPES: ReadonlySet<number> = new Set([1, 3, 4, 5, 6]);
export const CREDIT_TYPES: ReadonlySet<number> = new Set([7, 8, 9]);

export type SettlementStatus = 'Open' | 'Partially_Paid' | 'Paid';

export interface ReceivablesSummary {
  CustomerId: string;
  InvoiceNumbers: string;
  InvoiceCount: number;
  TotalInvoiced: number;
  TotalPaid: number;
  Balance: number;
  Status: SettlementStatus;
  DueDate: string | null;
  LastPaymentDate: string | null;
}

const cents = (n: number) => Math.round(n * 100) / 100;
const EPSILON = 0.005;

export function settlementStatus(total: number, remaining: number, applied: number): SettlementStatus {
  if (total > EPSILON && remaining <= EPSILON) return 'Paid';
  return applied > EPSILON || remaining < total - EPSILON ? 'Partially_Paid' : 'Open';
}

export function summarizeReceivables(invoices: GpPostedDocument[], applications: GpApplication[]): ReceivablesSummary {
  const debits = invoices.filter((d) => DEBIT_TYPES.has(d.DocumentType)).sort((a, b) => a.DocumentNumber.localeCompare(b.DocumentNumber));
  const keys = new Set(debits.map((d) => `${d.DocumentType}|${d.DocumentNumber.toUpperCase()}`));
  const mine = applications.filter((a) => keys.has(`${a.ToDocumentType}|${a.ToDocumentNumber.toUpperCase()}`));
  const payments = mine.filter((a) => a.FromDocumentType === PAYMENT_TYPE);
  const invoiced = cents(debits.reduce((s, d) => s + d.DocumentAmount, 0));
  const balance = cents(debits.reduce((s, d) => s + d.CurrentAmount, 0));
  const paid = cents(payments.reduce((s, a) => s + a.Amount, 0));
  const owing = debits.filter((d) => d.CurrentAmount > EPSILON).map((d) => d.DueDate).sort();
  const allDue = debits.map((d) => d.DueDate).sort();
  const lastPayment = payments.map((a) => a.ApplyDate).sort().pop();
  return {
    CustomerId: debits[0]?.CustomerId ?? '',
    InvoiceNumbers: debits.map((d) => d.DocumentNumber).join(', '),
    InvoiceCount: debits.length,
    TotalInvoiced: invoiced,
    TotalPaid: paid,
    Balance: balance,
    Status: settlementStatus(invoiced, balance, cents(invoiced - balance)),
    DueDate: owing[0] ?? allDue[allDue.length - 1] ?? null,
    LastPaymentDate: lastPayment ?? null,
  };
}
