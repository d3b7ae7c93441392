/**
 * Idempotent writer for sales orders and sales invoices with their lines, matched on `externalDocumentNumber`
 * (the Salesforce Order number). Before anything is created, every line's item No. and the customer No. must
 * resolve in BC, else the record fails with a validation error naming them. New documents are created with
 * three `$batch` calls for the whole write (headers, lines, posts), not one call per line.
 *
 * A document BC still holds as Draft is brought in line (header PATCH with If-Match, lines replaced if they
 * differ). Once BC reports it beyond Draft (an order released or in review, an invoice posted) it is never
 * modified again: an identical one is fine, a different one is a conflict. An order that BC already invoiced
 * (and so deleted) is found through its invoice and not created a second time.
 * Invoices are posted with `Microsoft.NAV.post` (FACTS §3 [V], 204) when the writer is configured to.
 */
import type { WriteItem, WriteResult, Writer } from '../../../engine/types.ts';
import { ConnectorError, toConnectorError } from '../../../lib/errors.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { BatchOperation, BcClient } from '../client.ts';
import type { BcSalesLine } from '../entities.ts';
import { KEY_MAX_LENGTH, WRITABLE_FIELDS } from '../entities.ts';
import { lineBodies, linesMatch, prepareLines, type DesiredLine } from './document-lines.ts';
import { checkWritable, createBody, diffFields, lookupByKeys, normalizeKey, splitRounds } from './write-helpers.ts';

export type SalesDocumentEntity = 'salesOrders' | 'salesInvoices';
type Row = Record<string, unknown> & { id: string; number?: string; status?: string; '@odata.etag'?: string };

export interface SalesDocumentWriterOptions {
  /** Invoices only: post each written Draft invoice with Microsoft.NAV.post. */
  post?: boolean;
}

interface Prepared {
  index: number;
  key: string;
  customerNumber: string;
  header: Record<string, unknown>;
  lines: DesiredLine[];
}

/** Documents per write() call: their lines share one $batch of ≤ 100 operations as far as possible. */
const DOCUMENT_BATCH_SIZE = 20;

export function createSalesDocumentWriter(client: BcClient, entity: SalesDocumentEntity, options: SalesDocumentWriterOptions, deps: { logger: Logger }): Writer {
  const linesField = entity === 'salesOrders' ? 'salesOrderLines' : 'salesInvoiceLines';
  const label = entity === 'salesOrders' ? 'sales order' : 'sales invoice';
  const post = entity === 'salesInvoices' && options.post === true;

  function prepare(item: WriteItem): Prepared {
    const key = normalizeKey(item.key, 'externalDocumentNumber', KEY_MAX_LENGTH.externalDocumentNumber);
    const { [linesField]: rawLines, ...header } = item.fields;
    delete header.externalDocumentNumber;
    checkWritable(header, WRITABLE_FIELDS[entity], label);
    if (typeof header.customerNumber !== 'string' || header.customerNumber.trim() === '') {
      throw new ConnectorError('validation', `${label} ${key}: customerNumber is empty (the BC customer No. of the Salesforce Account)`, { fields: ['customerNumber'] });
    }
    const customerNumber = header.customerNumber.trim().toUpperCase();
    return { index: -1, key, customerNumber, header: { ...header, customerNumber }, lines: prepareLines(rawLines, linesField) };
  }

  /** Customer and items must exist (and not be blocked) before anything is written for this document. */
  function checkReferences(p: Prepared, customers: Map<string, Row[]>, items: Map<string, Row[]>): void {
    const customer = customers.get(p.customerNumber)?.[0];
    if (!customer) {
      throw new ConnectorError('validation', `${label} ${p.key}: customer "${p.customerNumber}" does not exist in Business Central (sync the Account first)`, {
        code: 'CUSTOMER_NOT_FOUND',
        fields: ['customerNumber'],
      });
    }
    if (customer.blocked === 'All') throw new ConnectorError('validation', `${label} ${p.key}: customer "${p.customerNumber}" is blocked (All) in Business Central`, { fields: ['customerNumber'] });
    const problems = p.lines.flatMap((l, i) => {
      if (l.itemNumber === undefined) return [];
      const item = items.get(l.itemNumber)?.[0];
      if (!item) return [`${linesField}[${i}]: item "${l.itemNumber}" does not exist in Business Central`];
      if (item.blocked === true) return [`${linesField}[${i}]: item "${l.itemNumber}" is blocked in Business Central`];
      return [];
    });
    if (problems.length > 0) {
      throw new ConnectorError('validation', `${label} ${p.key}: ${problems.join('; ')} (sync the Salesforce Product2 to a BC item first)`, {
        code: 'ITEM_NOT_FOUND',
        fields: [linesField],
      });
    }
  }

  async function updateExisting(p: Prepared, row: Row, signal?: AbortSignal): Promise<WriteResult> {
    const lines = await client.listAll<BcSalesLine>(`${entity}(${row.id})/${linesField}`, {}, { signal });
    const headerPatch = diffFields(row, p.header);
    const sameLines = linesMatch(lines, p.lines);
    if (row.status !== 'Draft') {
      if (Object.keys(headerPatch).length === 0 && sameLines) return { ok: true, targetId: row.id, created: false };
      const differs = [...Object.keys(headerPatch), ...(sameLines ? [] : [linesField])];
      return {
        ok: false,
        error: new ConnectorError('conflict', `${label} ${String(row.number)} (${p.key}) is ${String(row.status)} in Business Central and is no longer changed from Salesforce; differs in ${differs.join(', ')}`, {
          code: 'DOCUMENT_NOT_EDITABLE',
          fields: differs,
        }),
      };
    }
    if (Object.keys(headerPatch).length > 0) await client.updateWithRetryOnConflict<Row>(entity, row.id, (current) => diffFields(current, p.header));
    if (!sameLines) {
      const ops: BatchOperation[] = [
        ...lines.map((l): BatchOperation => ({ method: 'DELETE', path: `${entity}(${row.id})/${linesField}(${l.id})`, headers: { 'if-match': l['@odata.etag'] ?? '*' } })),
        ...lineBodies(p.lines).map((body): BatchOperation => ({ method: 'POST', path: `${entity}(${row.id})/${linesField}`, body })),
      ];
      const failed = (await client.batch(ops, { signal })).find((r) => !r.ok);
      if (failed?.error) return { ok: false, error: failed.error };
    }
    if (post) await client.invokeAction(entity, row.id, 'post');
    return { ok: true, targetId: row.id, created: false };
  }

  async function createNew(docs: Prepared[], results: WriteResult[], signal?: AbortSignal): Promise<void> {
    if (docs.length === 0) return;
    const headers = await client.batch(
      docs.map((p) => ({ method: 'POST', path: entity, body: { ...createBody(p.header), externalDocumentNumber: p.key } })),
      { signal },
    );
    const created: Array<{ p: Prepared; id: string }> = [];
    docs.forEach((p, i) => {
      const r = headers[i];
      if (r?.ok) created.push({ p, id: String((r.body as Row).id) });
      else results[p.index] = { ok: false, error: r?.error ?? new ConnectorError('transient', `${label} ${p.key}: no result from $batch`) };
    });
    const lineOps = created.flatMap(({ p, id }) => lineBodies(p.lines).map((body) => ({ owner: p.index, op: { method: 'POST', path: `${entity}(${id})/${linesField}`, body } as BatchOperation })));
    const lineResults = await client.batch(
      lineOps.map((x) => x.op),
      { signal },
    );
    const lineFailure = new Map<number, ConnectorError>();
    lineOps.forEach((x, i) => {
      const r = lineResults[i];
      if (!r?.ok && !lineFailure.has(x.owner)) lineFailure.set(x.owner, r?.error ?? new ConnectorError('transient', 'no result from $batch'));
    });
    const toPost = created.filter(({ p }) => !lineFailure.has(p.index));
    const postResults = post ? await client.batch(toPost.map(({ id }) => ({ method: 'POST', path: `${entity}(${id})/Microsoft.NAV.post` })), { signal }) : [];
    for (const { p, id } of created) {
      // A document left half-written is Draft in BC: the retry of this record finds it and completes it.
      const failure = lineFailure.get(p.index) ?? postResults[toPost.findIndex((x) => x.p === p)]?.error;
      results[p.index] = failure ? { ok: false, error: failure } : { ok: true, targetId: id, created: true };
    }
  }

  async function writeRound(round: Prepared[], results: WriteResult[], signal?: AbortSignal): Promise<void> {
    const itemNumbers = round.flatMap((p) => p.lines.flatMap((l) => (l.itemNumber ? [l.itemNumber] : [])));
    const [customers, items, existing] = await Promise.all([
      lookupByKeys<Row>(client, 'customers', 'number', round.map((p) => p.customerNumber), ['id', 'number', 'blocked']),
      itemNumbers.length > 0 ? lookupByKeys<Row>(client, 'items', 'number', itemNumbers, ['id', 'number', 'blocked']) : Promise.resolve(new Map<string, Row[]>()),
      lookupByKeys<Row>(client, entity, 'externalDocumentNumber', round.map((p) => p.key)),
    ]);
    const missing = round.filter((p) => !existing.has(p.key)).map((p) => p.key);
    // An order BC has shipped and invoiced is gone from salesOrders; its invoice keeps the external document No.
    const invoiced = entity === 'salesOrders' && missing.length > 0 ? await lookupByKeys<Row>(client, 'salesInvoices', 'externalDocumentNumber', missing, ['id', 'number', 'status', 'externalDocumentNumber']) : new Map<string, Row[]>();

    const toCreate: Prepared[] = [];
    for (const p of round) {
      try {
        checkReferences(p, customers, items);
        const rows = existing.get(p.key) ?? [];
        if (rows.length > 1) {
          throw new ConnectorError('conflict', `${rows.length} ${label}s in Business Central carry external document No. ${p.key}: ${rows.map((r) => String(r.number)).join(', ')}`, { code: 'DUPLICATE_DOCUMENT' });
        }
        const invoice = invoiced.get(p.key)?.[0];
        if (rows.length === 0 && invoice) {
          throw new ConnectorError('conflict', `sales order ${p.key} was already invoiced in Business Central as ${String(invoice.number)} (${String(invoice.status)}); it is not created again`, {
            code: 'DOCUMENT_ALREADY_INVOICED',
          });
        }
        if (rows[0]) results[p.index] = await updateExisting(p, rows[0], signal);
        else toCreate.push(p);
      } catch (err) {
        results[p.index] = { ok: false, error: toConnectorError(err) };
      }
    }
    await createNew(toCreate, results, signal);
    deps.logger.debug({ entity, written: round.length, created: toCreate.length }, 'business central documents written');
  }

  return {
    maxBatchSize: DOCUMENT_BATCH_SIZE,
    async write(items, opts = {}) {
      const results: WriteResult[] = new Array(items.length);
      const prepared: Prepared[] = [];
      items.forEach((item, index) => {
        try {
          prepared.push({ ...prepare(item), index });
        } catch (err) {
          results[index] = { ok: false, error: toConnectorError(err) };
        }
      });
      for (const round of splitRounds(prepared, (p) => p.key)) await writeRound(round, results, opts.signal);
      return results;
    },
  };
}
