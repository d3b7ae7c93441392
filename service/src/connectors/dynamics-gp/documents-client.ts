/**
 * Typed calls for sales documents, receivables transactions, GL accounts and fiscal periods, on the GP client's
 * transport (limiter + NTLM pool, `Payload` envelopes — client.ts `send`). Resource paths come from the facts
 * ([U] FACTS §2.1); property names are the emulator's (service/sandbox/dynamics-gp/README.md). Strings arrive
 * space-padded (char(N), GP-DOMAIN §2) and are trimmed here.
 */
import { z } from 'zod';
import { ConnectorError } from '../../lib/errors.ts';
import type { GpClient } from './client.ts';
import type { GpSbaFacts } from './facts.ts';
import { buildQueryString, encodeSbaSegment, quoteLiteral } from './sba-url.ts';

const str = z.string().nullish().transform((v) => (v ?? '').trim());
const day = z.string().transform((v) => v.slice(0, 10));

const salesDocumentSchema = z.object({
  SopType: z.number().int(),
  SopNumber: str,
  DocumentId: str,
  CustomerId: str,
  CustomerPONumber: str,
  BatchId: str,
  DocumentDate: day,
  Subtotal: z.number(),
  TransactionState: z.enum(['Work', 'History']),
  Lines: z.array(z.object({ ItemNumber: str, Description: str, Quantity: z.number(), UnitPrice: z.number(), SalesAccount: str, ExtendedPrice: z.number() })),
});
export type GpSalesDocument = z.output<typeof salesDocumentSchema>;

const receivableSchema = z.object({
  DocumentType: z.number().int(),
  DocumentNumber: str,
  CustomerId: str,
  CustomerPONumber: str,
  DocumentDate: day,
  SalesAmount: z.number(),
  TransactionState: z.enum(['Work', 'Open']),
});
export type GpReceivable = z.output<typeof receivableSchema>;

const fiscalPeriodSchema = z.object({
  Year: z.number().int(),
  PeriodId: z.number().int(),
  PeriodName: str,
  StartDate: day,
  EndDate: day,
  IsFinancialClosed: z.boolean(),
  IsSalesClosed: z.boolean(),
});
export type GpFiscalPeriod = z.output<typeof fiscalPeriodSchema>;

const glAccountSchema = z.object({ AccountNumber: str, AccountIndex: z.number().int(), Description: str, IsActive: z.boolean() });
export type GpGlAccount = z.output<typeof glAccountSchema>;

/** Account strings per `$filter` (`AccountNumber eq '…' or …`): keeps the URL short. */
const ACCOUNTS_PER_QUERY = 20;

export interface GpDocumentsClient {
  getSalesDocument(sopType: number, sopNumber: string, signal?: AbortSignal): Promise<{ document: GpSalesDocument | undefined; requestId: string }>;
  createSalesDocument(input: Record<string, unknown>, signal?: AbortSignal): Promise<{ document: GpSalesDocument; requestId: string }>;
  updateSalesDocument(sopType: number, sopNumber: string, changes: Record<string, unknown>, signal?: AbortSignal): Promise<{ document: GpSalesDocument; requestId: string }>;
  getReceivable(type: number, number: string, signal?: AbortSignal): Promise<{ document: GpReceivable | undefined; requestId: string }>;
  createReceivable(input: Record<string, unknown>, signal?: AbortSignal): Promise<{ document: GpReceivable; requestId: string }>;
  updateReceivable(type: number, number: string, changes: Record<string, unknown>, signal?: AbortSignal): Promise<{ document: GpReceivable; requestId: string }>;
  /** Fiscal periods overlapping [from, to] (YYYY-MM-DD). */
  listFiscalPeriods(from: string, to: string, signal?: AbortSignal): Promise<GpFiscalPeriod[]>;
  /** The accounts among `numbers` that exist (by account string, compared case-insensitively by GP). */
  listGlAccounts(numbers: string[], signal?: AbortSignal): Promise<GpGlAccount[]>;
}

function read<T>(schema: z.ZodType<T>, raw: unknown, what: string, requestId: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new ConnectorError('transient', `GP returned a ${what} the connector cannot read: ${problems}`, { code: 'GP_UNEXPECTED_RESPONSE', requestId });
}

function readList<T>(schema: z.ZodType<T>, raw: unknown, what: string, requestId: string): T[] {
  if (!Array.isArray(raw)) throw new ConnectorError('transient', `GP did not answer the ${what} query with a list`, { code: 'GP_UNEXPECTED_RESPONSE', requestId });
  return raw.map((r) => read(schema, r, what, requestId));
}

export function createGpDocumentsClient(client: Pick<GpClient, 'send'>, facts: GpSbaFacts): GpDocumentsClient {
  const r = facts.resources;
  const keyed = (path: string, ...key: Array<string | number>) => `${path}(${key.map((k) => encodeSbaSegment(String(k).trim())).join(';')})`;
  return {
    async getSalesDocument(sopType, sopNumber, signal) {
      const res = await client.send('getSalesDocument', 'GET', keyed(r.salesTransactions, sopType, sopNumber), { allowNotFound: true, signal });
      return { document: res.found ? read(salesDocumentSchema, res.body, 'sales document', res.requestId) : undefined, requestId: res.requestId };
    },
    async createSalesDocument(input, signal) {
      const res = await client.send('createSalesDocument', 'POST', r.salesTransactions, { body: input, signal });
      return { document: read(salesDocumentSchema, res.body, 'sales document', res.requestId), requestId: res.requestId };
    },
    async updateSalesDocument(sopType, sopNumber, changes, signal) {
      const res = await client.send('updateSalesDocument', 'PATCH', keyed(r.salesTransactions, sopType, sopNumber), { body: changes, signal });
      return { document: read(salesDocumentSchema, res.body, 'sales document', res.requestId), requestId: res.requestId };
    },
    async getReceivable(type, number, signal) {
      const res = await client.send('getReceivable', 'GET', keyed(r.receivables, type, number), { allowNotFound: true, signal });
      return { document: res.found ? read(receivableSchema, res.body, 'receivables transaction', res.requestId) : undefined, requestId: res.requestId };
    },
    async createReceivable(input, signal) {
      const res = await client.send('createReceivable', 'POST', r.receivables, { body: input, signal });
      return { document: read(receivableSchema, res.body, 'receivables transaction', res.requestId), requestId: res.requestId };
    },
    async updateReceivable(type, number, changes, signal) {
      const res = await client.send('updateReceivable', 'PATCH', keyed(r.receivables, type, number), { body: changes, signal });
      return { document: read(receivableSchema, res.body, 'receivables transaction', res.requestId), requestId: res.requestId };
    },
    async listFiscalPeriods(from, to, signal) {
      const query = buildQueryString([
        [facts.query.filter, `EndDate ge ${from} and StartDate le ${to}`],
        [facts.query.top, String(facts.maxPageSize)],
      ]);
      const res = await client.send('listFiscalPeriods', 'GET', `${r.fiscalPeriods}${query}`, { signal });
      return readList(fiscalPeriodSchema, res.body, 'fiscal period', res.requestId);
    },
    async listGlAccounts(numbers, signal) {
      const unique = [...new Set(numbers.map((n) => n.trim().toUpperCase()))];
      const out: GpGlAccount[] = [];
      for (let i = 0; i < unique.length; i += ACCOUNTS_PER_QUERY) {
        const chunk = unique.slice(i, i + ACCOUNTS_PER_QUERY);
        const query = buildQueryString([
          [facts.query.filter, chunk.map((n) => `AccountNumber eq ${quoteLiteral(n)}`).join(' or ')],
          [facts.query.top, String(Math.min(facts.maxPageSize, chunk.length))],
        ]);
        const res = await client.send('listGlAccounts', 'GET', `${r.glAccounts}${query}`, { signal });
        out.push(...readList(glAccountSchema, res.body, 'GL account', res.requestId));
      }
      return out;
    },
  };
}
