/**
 * HTTP form of the documents admin (documents-admin.ts) under `/_sandbox/companies/<company>/…` (no Windows auth;
 * never part of a real GP). Bodies are JSON and validated; a bad one is a 400 naming the field. Routes: README.md.
 */
import { z } from 'zod';
import type { AdminResponse } from './admin-routes.ts';
import type { GpDocumentsAdmin } from './documents-admin.ts';
import { FISCAL_SERIES } from './resources/fiscal-periods.ts';
import { badRequest, notFound } from './sba-error.ts';

const periodChange = z.object({ series: z.enum(FISCAL_SERIES), closed: z.boolean() }).strict();
const transfer = z
  .object({
    lines: z.array(z.object({ lineSequence: z.number().int().positive(), quantity: z.number().positive() }).strict()).min(1).optional(),
    invoiceDocumentId: z.string().min(1).max(15).optional(),
    documentDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  })
  .strict();
const payment = z
  .object({
    customerId: z.string().min(1),
    amount: z.number().positive(),
    applyTo: z.array(z.object({ documentNumber: z.string().min(1), documentType: z.number().int().optional(), amount: z.number().positive() }).strict()).optional(),
    documentNumber: z.string().min(1).max(20).optional(),
    documentDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    batchId: z.string().min(1).max(15).optional(),
    checkNumber: z.string().max(20).optional(),
    receiptType: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  })
  .strict();
const removal = z.object({ customerId: z.string().min(1).optional() }).strict();
const anyObject = z.record(z.string(), z.unknown());

function parse<T>(schema: z.ZodType<T>, body: string): T {
  let json: unknown;
  try {
    json = JSON.parse(body || '{}');
  } catch {
    throw badRequest('body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

function docKey(parts: string[], at: number): [number, string] {
  const type = Number(parts[at]);
  if (!Number.isInteger(type) || parts[at + 1] === undefined) throw badRequest(`expected …/<type>/<number>, got ${parts.slice(at).join('/')}`);
  return [type, parts[at + 1]!];
}

const ok = (body: unknown, status = 200): AdminResponse => ({ status, body });
const found = (doc: unknown, what: string) => {
  if (!doc) throw notFound('EntityNotFound', `${what} not found`);
  return ok(doc);
};

/** `parts` = the path below `/_sandbox/`, decoded. Undefined when the route is not a documents route. */
export function handleDocumentsAdminRequest(admin: GpDocumentsAdmin, method: string, parts: string[], body: string): AdminResponse | undefined {
  if (parts[0] !== 'companies' || parts[1] === undefined) return undefined;
  const [, company, kind, ...rest] = parts as [string, string, string | undefined, ...string[]];
  const route = `${method} ${kind ?? ''}/${rest.length}`;
  switch (route) {
    case 'GET sales-transactions/0':
      return ok(admin.listSalesDocuments(company));
    case 'GET sales-transactions/2':
      return found(admin.getSalesDocument(...docKey(rest, 0), company), `sales transaction ${rest.join('/')}`);
    case 'POST sales-transactions/3': {
      const [type, number] = docKey(rest, 0);
      if (rest[2] === 'post') return ok(admin.postSalesDocument(type, number, company));
      if (rest[2] === 'transfer') {
        if (type !== 2) throw badRequest(`only orders (type 2) are transferred to invoices; got type ${type}`);
        return ok(admin.transferSalesOrder(number, parse(transfer, body), company));
      }
      return undefined;
    }
    case 'POST sales-batches/2':
      return rest[1] === 'post' ? ok(admin.postSalesBatch(rest[0]!, company)) : undefined;
    case 'GET receivables/0':
      return ok(admin.listReceivables(company));
    case 'GET receivables/2':
      return found(admin.getReceivable(...docKey(rest, 0), company), `receivables transaction ${rest.join('/')}`);
    case 'POST receivables/3':
      return rest[2] === 'post' ? ok(admin.postReceivable(...docKey(rest, 0), company)) : undefined;
    case 'GET receivables-documents/0':
      return ok(admin.listPostedReceivables(company));
    case 'GET receivables-documents/2':
      return found(admin.getPostedReceivable(...docKey(rest, 0), company), `posted receivables document ${rest.join('/')}`);
    case 'GET receivables-applications/0':
      return ok(admin.listApplications(company));
    case 'POST receivables-applications/0':
      return ok(admin.applyReceivable(parse(anyObject, body), company), 201);
    case 'POST cash-receipts/0':
      return ok(admin.enterCashReceipt(parse(anyObject, body), company), 201);
    case 'POST cash-receipts/2':
      return rest[1] === 'post' ? ok(admin.postCashReceipt(rest[0]!, company)) : undefined;
    case 'POST payments/0':
      return ok(admin.receivePayment(parse(payment, body), company), 201);
    case 'POST paid-transaction-removal/0':
      return ok({ moved: admin.removePaidTransactions(parse(removal, body).customerId, company) });
    case 'GET fiscal-periods/0':
      return ok(admin.listFiscalPeriods(company));
    case 'PUT fiscal-periods/2':
      return ok(admin.setFiscalPeriod({ year: Number(rest[0]), periodId: Number(rest[1]), ...parse(periodChange, body) }, company));
    default:
      return undefined;
  }
}
