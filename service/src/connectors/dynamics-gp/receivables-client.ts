/**
 * Typed reads of posted receivables, applications, unposted cash receipts and customer balances, and the GL
 * journal calls, on the GP client's transport (`send`: limiter + NTLM pool + Payload envelopes). Resource paths
 * and property names are the emulator's [U] (FACTS §2.1: the SBA JSON is not public); they live in
 * RECEIVABLES_RESOURCES so an installation can see them in one place. Strings are char(N), trimmed here
 * (GP-DOMAIN §2); DEX_ROW_TS (LastModifiedDate) is UTC without a zone (GP-DOMAIN §5).
 */
import { z } from 'zod';
import { ConnectorError } from '../../lib/errors.ts';
import type { GpClient } from './client.ts';
import type { GpSbaFacts } from './facts.ts';
import { buildQueryString, quoteLiteral } from './sba-url.ts';

export const RECEIVABLES_RESOURCES = {
  posted: 'Sales/ReceivablesDocuments',
  applications: 'Sales/ReceivablesApplications',
  cashReceipts: 'Sales/CashReceipts',
  balances: 'Sales/CustomerBalances',
  glTransactions: 'Financials/GLTransactions',
} as const;

const str = z.string().nullish().transform((v) => (v ?? '').trim());
const day = z.string().transform((v) => v.slice(0, 10));
/** DEX_ROW_TS as epoch ms (UTC; a zone-less value is UTC, GP-DOMAIN §5). */
const rowTs = z.string().transform((v, ctx) => {
  const ms = Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(v) ? v : `${v}Z`);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a date-time` });
    return z.NEVER;
  }
  return ms;
});

const postedSchema = z.object({
  DocumentType: z.number().int(),
  DocumentNumber: str,
  CustomerId: str,
  CustomerPONumber: str,
  Description: str,
  DocumentDate: day,
  DueDate: day,
  DocumentAmount: z.number(),
  CurrentAmount: z.number(),
  TransactionState: z.enum(['Open', 'History']),
  LastModifiedDate: rowTs,
});
export type GpPostedDocument = z.output<typeof postedSchema>;

const applySchema = z.object({
  FromDocumentType: z.number().int(),
  FromDocumentNumber: str,
  ToDocumentType: z.number().int(),
  ToDocumentNumber: str,
  Amount: z.number(),
  ApplyDate: day,
  CustomerId: str,
});
export type GpApplication = z.output<typeof applySchema>;

const cashReceiptSchema = z.object({
  DocumentNumber: str,
  CustomerId: str,
  BatchId: str,
  CheckNumber: str,
  Description: str,
  ReceiptType: z.number().int(),
  Amount: z.number(),
  DocumentDate: day,
});
export type GpCashReceipt = z.output<typeof cashReceiptSchema>;

const balanceSchema = z.object({
  CustomerId: str,
  Balance: z.number(),
  PastDueAmount: z.number(),
  UnpostedCashAmount: z.number(),
  CreditLimitType: z.number().int(),
  CreditLimitAmount: z.number(),
  LastPaymentDate: day,
  LastPaymentAmount: z.number(),
});
export type GpCustomerBalance = z.output<typeof balanceSchema>;

const glTransactionSchema = z.object({
  JournalEntry: z.number().int(),
  BatchId: str,
  Reference: str,
  TransactionDate: day,
  Lines: z.array(z.object({ AccountNumber: str, DebitAmount: z.number(), CreditAmount: z.number(), Description: str })),
});
export type GpGlTransaction = z.output<typeof glTransactionSchema>;

export interface GlTransactionInput {
  BatchId: string;
  Reference: string;
  TransactionDate: string;
  SourceDocument?: string;
  Lines: Array<{ AccountNumber: string; DebitAmount: number; CreditAmount: number; Description?: string }>;
}

/** Values per `or` filter: keeps URLs short. */
const VALUES_PER_QUERY = 20;

export interface ListPage<T> {
  rows: T[];
  requestId: string;
}

export interface GpReceivablesClient {
  /** Posted documents with LastModifiedDate after a keyset position (or ≥ `from`), oldest first. */
  listPostedChanged(opts: { from: number | null; after: { ts: number; type: number; number: string } | null; top: number; signal?: AbortSignal }): Promise<ListPage<GpPostedDocument>>;
  /** Posted documents whose `field` is one of `values` (DocumentNumber, CustomerPONumber). */
  listPostedBy(field: 'DocumentNumber' | 'CustomerPONumber', values: string[], signal?: AbortSignal): Promise<ListPage<GpPostedDocument>>;
  /** Applications (open and history) from or to the given document numbers. */
  listApplications(side: 'FromDocumentNumber' | 'ToDocumentNumber', numbers: string[], signal?: AbortSignal): Promise<ListPage<GpApplication>>;
  listCashReceipts(opts: { batchId?: string; afterNumber: string | null; top: number; signal?: AbortSignal }): Promise<ListPage<GpCashReceipt>>;
  listBalances(opts: { afterId: string | null; top: number; signal?: AbortSignal }): Promise<ListPage<GpCustomerBalance>>;
  findGlTransactions(reference: string, signal?: AbortSignal): Promise<ListPage<GpGlTransaction>>;
  createGlTransaction(input: GlTransactionInput, signal?: AbortSignal): Promise<{ transaction: GpGlTransaction; requestId: string }>;
}

function readList<T>(schema: z.ZodType<T>, raw: unknown, what: string, requestId: string): T[] {
  if (!Array.isArray(raw)) throw new ConnectorError('transient', `GP did not answer the ${what} query with a list`, { code: 'GP_UNEXPECTED_RESPONSE', requestId });
  return raw.map((r) => read(schema, r, what, requestId));
}

function read<T>(schema: z.ZodType<T>, raw: unknown, what: string, requestId: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new ConnectorError('transient', `GP returned a ${what} the connector cannot read: ${problems}`, { code: 'GP_UNEXPECTED_RESPONSE', requestId });
}

/** DEX_ROW_TS literal: UTC with milliseconds. */
const tsLiteral = (ms: number) => new Date(ms).toISOString();

export function createGpReceivablesClient(client: Pick<GpClient, 'send'>, facts: GpSbaFacts): GpReceivablesClient {
  const q = facts.query;
  const R = RECEIVABLES_RESOURCES;

  async function list<T>(operation: string, path: string, params: Array<[string, string | undefined]>, schema: z.ZodType<T>, what: string, signal?: AbortSignal): Promise<ListPage<T>> {
    const res = await client.send(operation, 'GET', `${path}${buildQueryString(params)}`, { signal });
    return { rows: readList(schema, res.body, what, res.requestId), requestId: res.requestId };
  }

  async function listIn<T>(operation: string, path: string, field: string, values: string[], schema: z.ZodType<T>, what: string, signal?: AbortSignal): Promise<ListPage<T>> {
    const unique = [...new Set(values.map((v) => v.trim().toUpperCase()).filter((v) => v !== ''))];
    const rows: T[] = [];
    let requestId = '';
    for (let i = 0; i < unique.length; i += VALUES_PER_QUERY) {
      const chunk = unique.slice(i, i + VALUES_PER_QUERY);
      const page = await list(operation, path, [[q.filter, chunk.map((v) => `${field} eq ${quoteLiteral(v)}`).join(' or ')], [q.top, String(facts.maxPageSize)]], schema, what, signal);
      if (page.rows.length >= facts.maxPageSize) {
        throw new ConnectorError('transient', `GP ${operation}: more than ${facts.maxPageSize} rows for ${chunk.length} ${field} values; the connector cannot read them in one page`, { code: 'GP_PAGE_OVERFLOW', requestId: page.requestId });
      }
      rows.push(...page.rows);
      requestId = page.requestId;
    }
    return { rows, requestId };
  }

  return {
    listPostedChanged({ from, after, top, signal }) {
      let filter: string | undefined;
      if (after) {
        const t = tsLiteral(after.ts);
        filter =
          `(LastModifiedDate gt ${t}) or (LastModifiedDate eq ${t} and DocumentType gt ${after.type}) or ` +
          `(LastModifiedDate eq ${t} and DocumentType eq ${after.type} and DocumentNumber gt ${quoteLiteral(after.number)})`;
      } else if (from !== null) filter = `LastModifiedDate ge ${tsLiteral(from)}`;
      return list(
        'listPostedReceivables',
        R.posted,
        [[q.filter, filter], [q.orderBy, 'LastModifiedDate asc,DocumentType asc,DocumentNumber asc'], [q.top, String(top)]],
        postedSchema,
        'posted receivables document',
        signal,
      );
    },
    listPostedBy: (field, values, signal) => listIn('listPostedReceivablesBy', R.posted, field, values, postedSchema, 'posted receivables document', signal),
    listApplications: (side, numbers, signal) => listIn('listReceivablesApplications', R.applications, side, numbers, applySchema, 'receivables application', signal),
    listCashReceipts({ batchId, afterNumber, top, signal }) {
      const parts = [batchId ? `BatchId eq ${quoteLiteral(batchId)}` : undefined, afterNumber ? `DocumentNumber gt ${quoteLiteral(afterNumber)}` : undefined].filter(Boolean);
      return list('listCashReceipts', R.cashReceipts, [[q.filter, parts.length ? parts.join(' and ') : undefined], [q.orderBy, 'DocumentNumber asc'], [q.top, String(top)]], cashReceiptSchema, 'cash receipt', signal);
    },
    listBalances({ afterId, top, signal }) {
      return list('listCustomerBalances', R.balances, [[q.filter, afterId ? `CustomerId gt ${quoteLiteral(afterId)}` : undefined], [q.orderBy, 'CustomerId asc'], [q.top, String(top)]], balanceSchema, 'customer balance', signal);
    },
    findGlTransactions(reference, signal) {
      return list('findGlTransactions', R.glTransactions, [[q.filter, `Reference eq ${quoteLiteral(reference)}`], [q.top, '10']], glTransactionSchema, 'GL transaction', signal);
    },
    async createGlTransaction(input, signal) {
      const res = await client.send('createGlTransaction', 'POST', R.glTransactions, { body: { ...input }, signal });
      return { transaction: read(glTransactionSchema, res.body, 'GL transaction', res.requestId), requestId: res.requestId };
    },
  };
}

