/**
 * Sandbox-only receivables actions a GP user performs in the client (never part of a real GP): post a cash
 * receipt batch entry, apply a payment (the Apply Sales Documents window; eConnect taRMApply does the same
 * through `Sales/ReceivablesApplications`), run Paid Transaction Removal, and read posted documents and balances
 * the way the GP Service returns them.
 */
import type { GpClock } from './gp-clock.ts';
import type { GpCompany } from './gp-company.ts';
import { cashReceiptsResource, createCashReceipt, postCashReceipt } from './resources/cash-receipts.ts';
import { customerBalancesResource, customerBalance } from './resources/customer-balances.ts';
import { findCustomer } from './resources/customer-store.ts';
import { glTransactionToWire, glTransactionsResource } from './resources/gl-transactions.ts';
import { postedToWire, receivablesDocumentsResource } from './resources/receivables-documents.ts';
import { applyDocuments, receivablesApplicationsResource } from './resources/rm-applies.ts';
import { removePaidTransactions } from './resources/rm-posted.ts';

type Wire = Record<string, unknown>;

export interface GpReceivablesAdmin {
  /** Enters a cash receipt in RM10201 (validated like POST Sales/CashReceipts). */
  enterCashReceipt(payload: Wire): Wire;
  /** Posts it: RM10201 → RM20101 as an open payment (type 9). */
  postCashReceipt(number: string): Wire;
  /** Applies a credit to a debit: `{ FromDocumentType, FromDocumentNumber, ToDocumentType, ToDocumentNumber, Amount, ApplyDate? }`. */
  apply(payload: Wire): Wire;
  /** Paid Transaction Removal: fully applied documents to history. Returns the numbers moved. */
  removePaidTransactions(customerId?: string): string[];
  getPosted(type: number, number: string): Wire | undefined;
  balance(customerId: string): Wire | undefined;
  glTransactions(): Wire[];
}

export function createReceivablesAdmin(company: GpCompany, clock: GpClock): GpReceivablesAdmin {
  const ctx = { company, clock, gpUserId: 'sa' };
  return {
    enterCashReceipt: (payload) => cashReceiptsResource.toWire(createCashReceipt(company, clock, payload)),
    postCashReceipt(number) {
      postCashReceipt(company, clock, number);
      return postedToWire(receivablesDocumentsResource.find(ctx, ['9', number])!);
    },
    apply: (payload) => receivablesApplicationsResource.toWire(applyDocuments(company, clock, payload)),
    removePaidTransactions: (customerId) => removePaidTransactions(company, clock, customerId),
    getPosted(type, number) {
      const d = receivablesDocumentsResource.find(ctx, [String(type), number]);
      return d && postedToWire(d);
    },
    balance(customerId) {
      const c = findCustomer(company, customerId);
      return c && customerBalancesResource.toWire(customerBalance(company, clock, c));
    },
    glTransactions: () => glTransactionsResource.table(ctx).values().map(glTransactionToWire),
  };
}
