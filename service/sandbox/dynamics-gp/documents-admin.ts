/**
 * Sandbox-only control of sales and receivables documents and the fiscal calendar (never part of a real GP): what
 * a GP user does in the client after the integration wrote its documents — transfer an order to an invoice, post
 * an invoice or a batch, enter and post a cash receipt and apply it, run Paid Transaction Removal, close or open a
 * fiscal period per series — plus reads of the work/open/history tables the way the GP Service returns them.
 * HTTP routes: documents-admin-routes.ts; rules: resources/sop-lifecycle.ts, cash-receipts.ts, rm-applies.ts.
 */
import type { GpClock } from './gp-clock.ts';
import type { GpCompany } from './gp-company.ts';
import { createReceivablesAdmin } from './receivables-admin.ts';
import { cashReceiptsResource, cashReceiptTable, createCashReceipt, PAYMENT_TYPE } from './resources/cash-receipts.ts';
import { normalizeKey } from './gp-columns.ts';
import { fiscalPeriodsResource, periodOf, seriesRowsOf, setPeriodClosed, type FiscalSeries } from './resources/fiscal-periods.ts';
import { takeRmNumber } from './resources/next-numbers.ts';
import { postedToWire, receivablesDocumentsResource } from './resources/receivables-documents.ts';
import { receivablesApplicationsResource } from './resources/rm-applies.ts';
import { findPosted } from './resources/rm-posted.ts';
import { rmToWire } from './resources/rm-columns.ts';
import { findRmDocument, postRmDocument, rmDocumentView } from './resources/rm-store.ts';
import { sopToWire } from './resources/sop-columns.ts';
import { postSopBatch, postSopDocument, transferOrder, type BatchPostResult, type TransferOptions } from './resources/sop-lifecycle.ts';
import { findSopDocument, sopDocumentView } from './resources/sop-store.ts';

type Wire = Record<string, unknown>;

export interface PaymentInput {
  customerId: string;
  amount: number;
  /** Invoices (or other debit documents, `documentType` default 1) and the amount applied to each. */
  applyTo?: Array<{ documentNumber: string; documentType?: number; amount: number }>;
  /** Receipt number; default the next payment number (RM40401, type 9) as the Cash Receipts Entry window offers. */
  documentNumber?: string;
  documentDate?: string;
  batchId?: string;
  checkNumber?: string;
  /** 0 check (default), 1 cash, 2 credit card (CSHRCTYP, GP-DOMAIN §3). */
  receiptType?: number;
}

export interface GpDocumentsAdmin {
  /** A SOP document as the GP Service returns it (work or history), or undefined. */
  getSalesDocument(sopType: number, sopNumber: string, company?: string): Wire | undefined;
  listSalesDocuments(company?: string): Wire[];
  /** Transfers an order to an invoice (all remaining quantities, or the lines given): `{ order, invoice }`. */
  transferSalesOrder(orderNumber: string, opts?: TransferOptions, company?: string): { order: Wire; invoice: Wire };
  /** Posts an invoice/return (Sales period open, creates the RM20101 document), transfers an order in full, or moves a quote/back order to history. */
  postSalesDocument(sopType: number, sopNumber: string, company?: string): Wire;
  /** Posts every invoice and return of a SOP batch, each on its own. */
  postSalesBatch(batchId: string, company?: string): BatchPostResult;
  getReceivable(type: number, number: string, company?: string): Wire | undefined;
  listReceivables(company?: string): Wire[];
  /** Posts a work RM document to RM20101 (Sales period must be open). */
  postReceivable(type: number, number: string, company?: string): Wire;
  /** A posted receivables document (RM20101 open or RM30101 history), with CurrentAmount = CURTRXAM. */
  getPostedReceivable(type: number, number: string, company?: string): Wire | undefined;
  listPostedReceivables(company?: string): Wire[];
  listApplications(company?: string): Wire[];
  /** Enters a cash receipt (RM10201); an empty DocumentNumber takes the next payment number. */
  enterCashReceipt(payload: Wire, company?: string): Wire;
  /** Posts it: RM10201 → RM20101 as an open payment (type 9). */
  postCashReceipt(number: string, company?: string): Wire;
  /** Applies a credit to a debit: `{ FromDocumentType?, FromDocumentNumber, ToDocumentType?, ToDocumentNumber, Amount, ApplyDate? }`. */
  applyReceivable(payload: Wire, company?: string): Wire;
  /** Enters, posts and applies one payment: `{ receipt, applications }`. */
  receivePayment(input: PaymentInput, company?: string): { receipt: Wire; applications: Wire[] };
  /** Paid Transaction Removal: fully applied documents move to history. Returns the numbers moved. */
  removePaidTransactions(customerId?: string, company?: string): string[];
  /** Closes or opens a fiscal period for one series (Fiscal Periods Setup). */
  setFiscalPeriod(change: { year: number; periodId: number; series: FiscalSeries; closed: boolean }, company?: string): Wire;
  /** The fiscal period (series row) a date falls in, or undefined. */
  fiscalPeriodOf(date: string, company?: string): Wire | undefined;
  listFiscalPeriods(company?: string): Wire[];
}

export function createDocumentsAdmin(companyRef: (ref?: string) => GpCompany, clock: GpClock): GpDocumentsAdmin {
  const rm = (c?: string) => createReceivablesAdmin(companyRef(c), clock);
  const ctx = (c?: string) => ({ company: companyRef(c), clock, gpUserId: 'sa' });

  function enterCashReceipt(payload: Wire, c?: string): Wire {
    const company = companyRef(c);
    const given = typeof payload.DocumentNumber === 'string' ? payload.DocumentNumber.trim() : '';
    const used = (n: string) => findPosted(company, PAYMENT_TYPE, n) !== undefined || cashReceiptTable(company).get(normalizeKey(n)) !== undefined;
    const number = given !== '' ? given : takeRmNumber(company, PAYMENT_TYPE, used);
    return cashReceiptsResource.toWire(createCashReceipt(company, clock, { ...payload, DocumentNumber: number }));
  }

  const applyReceivable = (payload: Wire, c?: string) => rm(c).apply({ FromDocumentType: PAYMENT_TYPE, ToDocumentType: 1, ...payload });

  return {
    getSalesDocument: (t, n, c) => {
      const doc = findSopDocument(companyRef(c), t, n);
      return doc && sopToWire(doc);
    },
    listSalesDocuments: (c) => sopDocumentView(companyRef(c)).values().map(sopToWire),
    transferSalesOrder(n, opts, c) {
      const { order, invoice } = transferOrder(companyRef(c), clock, n, opts);
      return { order: sopToWire(order), invoice: sopToWire(invoice) };
    },
    postSalesDocument: (t, n, c) => sopToWire(postSopDocument(companyRef(c), clock, t, n).document),
    postSalesBatch: (b, c) => postSopBatch(companyRef(c), clock, b),
    getReceivable: (t, n, c) => {
      const doc = findRmDocument(companyRef(c), t, n);
      return doc && rmToWire(doc);
    },
    listReceivables: (c) => rmDocumentView(companyRef(c)).values().map(rmToWire),
    postReceivable: (t, n, c) => rmToWire(postRmDocument(companyRef(c), clock, t, n)),
    getPostedReceivable: (t, n, c) => rm(c).getPosted(t, n),
    listPostedReceivables: (c) => receivablesDocumentsResource.table(ctx(c)).values().map(postedToWire),
    listApplications: (c) => receivablesApplicationsResource.table(ctx(c)).values().map((a) => receivablesApplicationsResource.toWire(a)),
    enterCashReceipt,
    postCashReceipt: (n, c) => rm(c).postCashReceipt(n),
    applyReceivable,
    receivePayment(input, c) {
      const entered = enterCashReceipt(
        {
          DocumentNumber: input.documentNumber ?? '',
          CustomerId: input.customerId,
          DocumentDate: input.documentDate ?? clock.localDate(),
          BatchId: input.batchId ?? 'CASH',
          ReceiptType: input.receiptType ?? 0,
          CheckNumber: input.checkNumber ?? '',
          Amount: input.amount,
        },
        c,
      );
      const number = String(entered.DocumentNumber).trim();
      const receipt = rm(c).postCashReceipt(number);
      const applications = (input.applyTo ?? []).map((a) =>
        applyReceivable({ FromDocumentNumber: number, ToDocumentType: a.documentType ?? 1, ToDocumentNumber: a.documentNumber, Amount: a.amount }, c),
      );
      return { receipt: rm(c).getPosted(PAYMENT_TYPE, number) ?? receipt, applications };
    },
    removePaidTransactions: (customerId, c) => rm(c).removePaidTransactions(customerId),
    setFiscalPeriod: (change, c) => fiscalPeriodsResource.toWire(setPeriodClosed(companyRef(c), clock, change)),
    fiscalPeriodOf: (date, c) => {
      const p = periodOf(companyRef(c), date);
      return p && fiscalPeriodsResource.toWire(p);
    },
    listFiscalPeriods: (c) => seriesRowsOf(companyRef(c)).map((r) => fiscalPeriodsResource.toWire(r)),
  };
}
