/**
 * The `salesDocuments` writer: Salesforce Orders (already mapped) → GP SOP orders/invoices or RM invoices,
 * created as unposted Work documents (seed 000: GP only lets integrations write unposted documents).
 *
 * Idempotency. The GP document number is `documentNumberPrefix` + the match key (the Salesforce OrderNumber,
 * e.g. `SF00000123`): SOPNUMBE/DOCNUMBR are GP's own keys, unique per type in work+history (eConnect 56 / 190,
 * GP-DOMAIN §6), so (1) the writer looks the document up by key before any create — a retry after a lost
 * response, a CDC redelivery or a replay finds it and never creates a second one — and (2) even two racing
 * creates cannot both succeed. CSTPONBR (not unique in GP, editable by users) stays free for the customer's PO.
 *
 * Guards before writing (cached per writer = per run): the document date's fiscal period must be open for
 * Sales and every GL account must exist and be active; else a validation error naming the period / account,
 * nothing written (GP itself would accept the document and fail only at posting, GP-DOMAIN §4).
 *
 * A document GP reports as posted (SOP history, RM open) is never modified: the change is refused
 * (category conflict, `refusal: true`), which the engine audits as `refused`.
 */
import { ConnectorError, toConnectorError } from '../../../lib/errors.ts';
import type { WriteItem, WriteResult, Writer } from '../../../engine/types.ts';
import type { GpDocumentsClient } from '../documents-client.ts';
import type { SalesDocumentTransport } from './sales-document-transport.ts';
import { createFiscalCalendarGuard } from './fiscal-calendar.ts';
import { createGlAccountGuard } from './gl-accounts.ts';
import {
  DEFAULT_DOC_ID,
  parseSalesDocumentFields,
  resolveLines,
  rmPayload,
  SOP_TYPE_OF,
  sopPayload,
  type ResolvedLine,
  type SalesDocumentFields,
} from './sales-document-input.ts';

export interface SalesDocumentWriterOptions {
  /** Company name, for messages. */
  company: string;
  /** Prepended to the match key to form the GP document number (default `SF`). */
  documentNumberPrefix?: string;
  /** Which account segment (1-based) a CostCenter replaces (default 1: Fabrikam's `000` of `000-4100-00`). */
  costCenterSegment?: number;
  /** Documents per write() call (each is a few GP requests, one at a time). */
  maxBatchSize?: number;
}

const RM_INVOICE = 1;
/** SOPNUMBE takes 21 characters, RM DOCNUMBR 20 (GP-DOMAIN §2). */
const NUMBER_MAX = { sop: 21, rm: 20 } as const;

interface Prepared {
  item: WriteItem;
  doc: SalesDocumentFields;
  lines: ResolvedLine[];
  number: string;
  kind: 'sop' | 'rm';
  type: number;
}

interface Existing {
  state: 'Work' | 'History' | 'Open';
  same: boolean;
}

function refused(p: Prepared, state: string, requestId: string): ConnectorError {
  const what = p.kind === 'sop' ? `Sales ${p.type === 2 ? 'Order' : 'Invoice'} ${p.number}` : `Receivables invoice ${p.number}`;
  const where = p.kind === 'sop' ? 'history (SOP30200)' : 'the open table (RM20101)';
  return new ConnectorError('conflict', `GP ${what} is posted (${state}: in ${where}); GP never changes posted documents, so this Salesforce change to order ${p.item.key} was not written`, {
    code: 'GP_DOCUMENT_POSTED',
    refusal: true,
    requestId,
  });
}

const sameText = (a: string | undefined, b: string) => (a ?? '').trim().toUpperCase() === b.trim().toUpperCase();

/** `sales` carries the SOP look-up/create/update (SBA or SOAP, gp-clients.ts); `docs` the rest (default: both on `docs`). */
export function createSalesDocumentWriter(docs: GpDocumentsClient, opts: SalesDocumentWriterOptions, sales: SalesDocumentTransport = docs): Writer {
  const prefix = (opts.documentNumberPrefix ?? 'SF').toUpperCase();
  const segment = opts.costCenterSegment ?? 1;
  const calendar = createFiscalCalendarGuard(docs, { series: 'sales', company: opts.company });
  const accounts = createGlAccountGuard(docs, { company: opts.company });

  function prepare(item: WriteItem): Prepared {
    const doc = parseSalesDocumentFields(item.key, item.fields);
    const kind = doc.DocumentType === 'receivables-invoice' ? 'rm' : 'sop';
    const number = `${prefix}${item.key}`.toUpperCase();
    if (number.length > NUMBER_MAX[kind]) {
      throw new ConnectorError('validation', `GP document number ${number} (prefix ${prefix} + Order ${item.key}) is longer than GP allows (${NUMBER_MAX[kind]})`, {
        code: 'GP_BAD_DOCUMENT',
        fields: ['DocumentNumber'],
      });
    }
    if (kind === 'rm') {
      if (!doc.ReceivablesAccount) throw new ConnectorError('validation', `Order ${item.key}: a receivables invoice needs ReceivablesAccount in the flow mapping`, { code: 'GP_BAD_DOCUMENT', fields: ['ReceivablesAccount'] });
      const missing = doc.Lines.findIndex((l) => !(l.SalesAccount ?? doc.SalesAccount));
      if (missing >= 0) throw new ConnectorError('validation', `Order ${item.key}: Lines[${missing}] has no SalesAccount (a receivables invoice distributes every line to a sales account)`, { code: 'GP_BAD_DOCUMENT', fields: ['SalesAccount'] });
    }
    const type = kind === 'rm' ? RM_INVOICE : SOP_TYPE_OF[doc.DocumentType as 'order' | 'invoice'];
    return { item, doc, lines: resolveLines(doc, segment), number, kind, type };
  }

  function accountsOf(p: Prepared): Array<{ account: string; usedBy: string }> {
    const out = p.lines.flatMap((l, i) => (l.salesAccount ? [{ account: l.salesAccount, usedBy: `SalesAccount of line ${i + 1}` }] : []));
    if (p.kind === 'rm') out.push({ account: p.doc.ReceivablesAccount as string, usedBy: 'ReceivablesAccount' });
    return out;
  }

  async function lookup(p: Prepared, signal?: AbortSignal): Promise<{ existing: Existing | undefined; requestId: string }> {
    if (p.kind === 'rm') {
      const { document: d, requestId } = await docs.getReceivable(p.type, p.number, signal);
      if (!d) return { existing: undefined, requestId };
      const same = sameText(p.doc.CustomerId, d.CustomerId) && d.DocumentDate === p.doc.DocumentDate && sameText(p.doc.CustomerPONumber, d.CustomerPONumber) && Math.abs(d.SalesAmount - (rmPayload(p.doc, p.lines, p.doc.ReceivablesAccount as string).SalesAmount as number)) < 0.005;
      return { existing: { state: d.TransactionState, same }, requestId };
    }
    const { document: d, requestId } = await sales.getSalesDocument(p.type, p.number, signal);
    if (!d) return { existing: undefined, requestId };
    const same =
      sameText(p.doc.CustomerId, d.CustomerId) &&
      d.DocumentDate === p.doc.DocumentDate &&
      sameText(p.doc.CustomerPONumber, d.CustomerPONumber) &&
      sameText(p.doc.BatchId, d.BatchId) &&
      d.Lines.length === p.lines.length &&
      d.Lines.every((l, i) => {
        const w = p.lines[i]!;
        return sameText(w.itemNumber, l.ItemNumber) && l.Quantity === w.quantity && l.UnitPrice === w.unitPrice && (w.salesAccount === undefined || sameText(w.salesAccount, l.SalesAccount)) && (w.description === undefined || w.description === l.Description);
      });
    return { existing: { state: d.TransactionState, same }, requestId };
  }

  async function create(p: Prepared, signal?: AbortSignal): Promise<string> {
    if (p.kind === 'rm') {
      const res = await docs.createReceivable({ DocumentType: p.type, DocumentNumber: p.number, ...rmPayload(p.doc, p.lines, p.doc.ReceivablesAccount as string) }, signal);
      return res.requestId;
    }
    const docId = p.doc.DocumentId ?? DEFAULT_DOC_ID[p.doc.DocumentType as 'order' | 'invoice'];
    const res = await sales.createSalesDocument({ SopType: p.type, SopNumber: p.number, DocumentId: docId, ...sopPayload(p.doc, p.lines) }, signal);
    return res.requestId;
  }

  async function update(p: Prepared, signal?: AbortSignal): Promise<string> {
    if (p.kind === 'rm') return (await docs.updateReceivable(p.type, p.number, rmPayload(p.doc, p.lines, p.doc.ReceivablesAccount as string), signal)).requestId;
    return (await sales.updateSalesDocument(p.type, p.number, sopPayload(p.doc, p.lines), signal)).requestId;
  }

  async function writeOne(p: Prepared, signal?: AbortSignal): Promise<WriteResult> {
    const targetId = `${p.kind.toUpperCase()}:${p.type};${p.number}`;
    const found = await lookup(p, signal);
    if (found.existing && found.existing.state !== 'Work') return { ok: false, error: refused(p, found.existing.state, found.requestId) };
    const guard = calendar.problem(p.doc.DocumentDate) ?? accounts.problem(accountsOf(p));
    if (guard) return { ok: false, error: guard };
    if (found.existing) {
      // Found in Work: a retry after a lost response, a redelivery, or a real change. Write only a real change.
      if (found.existing.same) return { ok: true, targetId, created: false, requestId: found.requestId };
      return { ok: true, targetId, created: false, requestId: await update(p, signal) };
    }
    try {
      return { ok: true, targetId, created: true, requestId: await create(p, signal) };
    } catch (err) {
      const e = toConnectorError(err);
      // eConnect 56 / 190: someone created it between our lookup and our create. Never a second document.
      if (e.code === 'eConnect 56' || e.code === 'eConnect 190') {
        const again = await lookup(p, signal);
        if (again.existing && again.existing.state !== 'Work') return { ok: false, error: refused(p, again.existing.state, again.requestId) };
        if (again.existing) return { ok: true, targetId, created: false, requestId: again.existing.same ? again.requestId : await update(p, signal) };
      }
      throw e;
    }
  }

  return {
    maxBatchSize: opts.maxBatchSize ?? 25,
    async write(items, writeOpts = {}) {
      const signal = writeOpts.signal;
      const prepared: Array<Prepared | ConnectorError> = items.map((item) => {
        try {
          return prepare(item);
        } catch (err) {
          return toConnectorError(err);
        }
      });
      const ok = prepared.filter((p): p is Prepared => !(p instanceof ConnectorError));
      // One period read and one account read per batch at most, and nothing again for what this run already knows.
      await calendar.prepare(ok.map((p) => p.doc.DocumentDate), signal);
      await accounts.prepare(ok.flatMap((p) => accountsOf(p).map((a) => a.account)), signal);
      const results: WriteResult[] = [];
      for (const p of prepared) {
        if (p instanceof ConnectorError) {
          results.push({ ok: false, error: p });
          continue;
        }
        try {
          results.push(await writeOne(p, signal));
        } catch (err) {
          const e = toConnectorError(err);
          // Bad credentials or permissions fail the whole call: the engine stops the run, nothing is parked.
          if (e.category === 'auth') throw e;
          results.push({ ok: false, error: e });
        }
      }
      return results;
    },
  };
}
