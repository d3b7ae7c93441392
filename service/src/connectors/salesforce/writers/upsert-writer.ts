import { ConnectorError } from '../../../lib/errors.ts';
import type { WriteItem, WriteResult, Writer } from '../../../engine/types.ts';
import type { SalesforceClient, UpsertResultItem } from '../client.ts';
import { categorizeStatusCode } from '../errors.ts';
import { SF_FACTS } from '../facts.ts';

/** sObject Collections take at most 200 records per call (FACTS 1.2). */
const MAX_COLLECTION_RECORDS = SF_FACTS.maxCollectionRecords;

export interface UpsertWriterOptions {
  /** Package-local or standard names (`Account`, `GP_Customer_Number__c`); the client's namespace is applied. */
  sobject: string;
  externalIdField: string;
}

function toWriteResult(item: WriteItem, result: UpsertResultItem | undefined, sobject: string, requestId: string | undefined): WriteResult {
  if (!result) {
    return { ok: false, error: new ConnectorError('transient', `${sobject} ${item.key}: no result returned for this record`, { requestId }) };
  }
  if (result.success && typeof result.id === 'string') {
    return { ok: true, targetId: result.id, created: result.created === true, ...(requestId ? { requestId } : {}) };
  }
  const first = result.errors[0];
  const code = first?.statusCode ?? 'UNKNOWN_EXCEPTION';
  const message = result.errors.map((e) => `${e.statusCode}: ${e.message}`).join('; ') || 'no error detail returned';
  return {
    ok: false,
    error: new ConnectorError(categorizeStatusCode(code), `${sobject} ${item.key}: ${message}`, {
      status: 200,
      code,
      fields: first?.fields,
      requestId,
    }),
  };
}

/**
 * Upserts records on an External Id through sObject Collections (allOrNone false): one call per ≤200 items,
 * per-record outcomes as values, whole-call failures (auth, limits, 5xx, malformed request) thrown.
 * The item's `key` is the External Id value and goes into the body under the external id field.
 */
export function createUpsertWriter(client: SalesforceClient, opts: UpsertWriterOptions): Writer {
  const sobject = client.names.qualify(opts.sobject);
  const externalIdField = client.names.qualify(opts.externalIdField);
  return {
    maxBatchSize: MAX_COLLECTION_RECORDS,

    async write(items, writeOpts = {}) {
      if (items.length > MAX_COLLECTION_RECORDS) {
        throw new RangeError(`upsert writer takes at most ${MAX_COLLECTION_RECORDS} items per write, got ${items.length}`);
      }
      const results: Array<WriteResult | undefined> = items.map(() => undefined);
      const sent: number[] = [];
      const records: Array<Record<string, unknown>> = [];
      for (const [i, item] of items.entries()) {
        const record: Record<string, unknown> = { attributes: { type: sobject } };
        for (const [name, value] of Object.entries(item.fields)) record[client.names.qualify(name)] = value;
        const mapped = record[externalIdField];
        if (mapped !== undefined && mapped !== null && String(mapped) !== item.key) {
          results[i] = {
            ok: false,
            error: new ConnectorError('validation', `${sobject} ${item.key}: mapped ${externalIdField} '${String(mapped)}' differs from the match key`, { fields: [externalIdField] }),
          };
          continue;
        }
        record[externalIdField] = item.key;
        sent.push(i);
        records.push(record);
      }
      if (records.length > 0) {
        const { results: upserted, requestId } = await client.upsertCollection(sobject, externalIdField, records, { allOrNone: false, signal: writeOpts.signal });
        if (upserted.length !== records.length) {
          throw new ConnectorError('transient', `Salesforce collections upsert on ${sobject} returned ${upserted.length} results for ${records.length} records`, { requestId });
        }
        sent.forEach((itemIndex, k) => {
          results[itemIndex] = toWriteResult(items[itemIndex] as WriteItem, upserted[k], sobject, requestId);
        });
      }
      return results as WriteResult[];
    },
  };
}
