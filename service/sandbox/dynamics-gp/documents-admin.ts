/**
 * Sandbox-only control of sales documents and the fiscal calendar (never part of a real GP): what a GP user does
 * in the client — post (or transfer) a document, close or open a fiscal period for a series — plus reads of the
 * work/open/history tables for tests and the console. Routes under `/_sandbox/companies/<company>/…` (README).
 */
import { z } from 'zod';
import type { AdminResponse } from './admin-routes.ts';
import type { GpClock } from './gp-clock.ts';
import type { GpCompany } from './gp-company.ts';
import { badRequest, notFound } from './sba-error.ts';
import { FISCAL_SERIES, fiscalPeriodsResource, periodOf, seriesRowsOf, setPeriodClosed, type FiscalSeries } from './resources/fiscal-periods.ts';
import { rmToWire } from './resources/rm-columns.ts';
import { findRmDocument, postRmDocument, rmDocumentView } from './resources/rm-store.ts';
import { sopToWire } from './resources/sop-columns.ts';
import { findSopDocument, postSopDocument, sopDocumentView } from './resources/sop-store.ts';

type Wire = Record<string, unknown>;

export interface GpDocumentsAdmin {
  /** A SOP document as the GP Service returns it (work or history), or undefined. */
  getSalesDocument(sopType: number, sopNumber: string, company?: string): Wire | undefined;
  listSalesDocuments(company?: string): Wire[];
  /** Posts an invoice/return (Sales period must be open) or transfers a quote/order/back order: it moves to history. */
  postSalesDocument(sopType: number, sopNumber: string, company?: string): Wire;
  getReceivable(type: number, number: string, company?: string): Wire | undefined;
  listReceivables(company?: string): Wire[];
  /** Posts a work RM document to RM20101 (Sales period must be open). */
  postReceivable(type: number, number: string, company?: string): Wire;
  /** Closes or opens a fiscal period for one series (Fiscal Periods Setup). */
  setFiscalPeriod(change: { year: number; periodId: number; series: FiscalSeries; closed: boolean }, company?: string): Wire;
  /** The fiscal period (series row) a date falls in, or undefined. */
  fiscalPeriodOf(date: string, company?: string): Wire | undefined;
  listFiscalPeriods(company?: string): Wire[];
}

export function createDocumentsAdmin(companyRef: (ref?: string) => GpCompany, clock: GpClock): GpDocumentsAdmin {
  return {
    getSalesDocument: (t, n, c) => {
      const doc = findSopDocument(companyRef(c), t, n);
      return doc && sopToWire(doc);
    },
    listSalesDocuments: (c) => sopDocumentView(companyRef(c)).values().map(sopToWire),
    postSalesDocument: (t, n, c) => sopToWire(postSopDocument(companyRef(c), clock, t, n)),
    getReceivable: (t, n, c) => {
      const doc = findRmDocument(companyRef(c), t, n);
      return doc && rmToWire(doc);
    },
    listReceivables: (c) => rmDocumentView(companyRef(c)).values().map(rmToWire),
    postReceivable: (t, n, c) => rmToWire(postRmDocument(companyRef(c), clock, t, n)),
    setFiscalPeriod: (change, c) => fiscalPeriodsResource.toWire(setPeriodClosed(companyRef(c), clock, change)),
    fiscalPeriodOf: (date, c) => {
      const p = periodOf(companyRef(c), date);
      return p && fiscalPeriodsResource.toWire(p);
    },
    listFiscalPeriods: (c) => seriesRowsOf(companyRef(c)).map((r) => fiscalPeriodsResource.toWire(r)),
  };
}

const periodChangeSchema = z.object({ series: z.enum(FISCAL_SERIES), closed: z.boolean() }).strict();

function docKey(parts: string[], at: number): [number, string] {
  const type = Number(parts[at]);
  if (!Number.isInteger(type) || parts[at + 1] === undefined) throw badRequest(`expected …/<type>/<number>, got ${parts.slice(at).join('/')}`);
  return [type, parts[at + 1]!];
}

/** `parts` = the path below `/_sandbox/`, decoded. Undefined when the route is not a documents route. */
export function handleDocumentsAdminRequest(admin: GpDocumentsAdmin, method: string, parts: string[], body: string): AdminResponse | undefined {
  if (parts[0] !== 'companies' || parts[1] === undefined) return undefined;
  const company = parts[1];
  const [, , kind, ...rest] = parts;
  const n = rest.length;
  if (kind === 'sales-transactions' || kind === 'receivables') {
    const sop = kind === 'sales-transactions';
    if (method === 'GET' && n === 0) return { status: 200, body: sop ? admin.listSalesDocuments(company) : admin.listReceivables(company) };
    if (method === 'GET' && n === 2) {
      const [type, number] = docKey(rest, 0);
      const doc = sop ? admin.getSalesDocument(type, number, company) : admin.getReceivable(type, number, company);
      if (!doc) throw notFound('EntityNotFound', `${kind} ${type}/${number} not found`);
      return { status: 200, body: doc };
    }
    if (method === 'POST' && n === 3 && rest[2] === 'post') {
      const [type, number] = docKey(rest, 0);
      return { status: 200, body: sop ? admin.postSalesDocument(type, number, company) : admin.postReceivable(type, number, company) };
    }
  }
  if (kind === 'fiscal-periods') {
    if (method === 'GET' && n === 0) return { status: 200, body: admin.listFiscalPeriods(company) };
    if (method === 'PUT' && n === 2) {
      let json: unknown;
      try {
        json = JSON.parse(body || '{}');
      } catch {
        throw badRequest('body is not JSON');
      }
      const parsed = periodChangeSchema.safeParse(json);
      if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
      return { status: 200, body: admin.setFiscalPeriod({ year: Number(rest[0]), periodId: Number(rest[1]), ...parsed.data }, company) };
    }
  }
  return undefined;
}
