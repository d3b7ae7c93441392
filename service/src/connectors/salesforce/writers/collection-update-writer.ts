/**
 * Updates existing records by Salesforce Id through sObject Collections (`PATCH /composite/sobjects`, ≤200
 * records a call, allOrNone false, one SaveResult per record — FACTS 1.2). Never creates a record.
 *
 * `keyVia` updates the record a key points at: the item key is the Id of another record (an Order) and the record
 * updated is the one its reference field names (Order.OpportunityId → the Opportunity). The references are read
 * with one SOQL query per call; a key whose reference is blank is refused (there is nothing to update, now or on
 * replay). Two items resolving to the same record go out in separate calls, in input order, so each is applied.
 */
import { ConfigError, ConnectorError } from '../../../lib/errors.ts';
import type { WriteItem, WriteResult, Writer } from '../../../engine/types.ts';
import { isSalesforceId } from '../feeds/record-reader.ts';
import type { SalesforceClient } from '../client.ts';
import { categorizeStatusCode } from '../errors.ts';
import { SF_FACTS } from '../facts.ts';

const MAX_UPDATE_RECORDS = SF_FACTS.maxCollectionRecords;
const NAME_RE = /^[A-Za-z][A-Za-z0-9_]*$/;

export interface CollectionUpdateWriterOptions {
  /** Package-local or standard name of the records updated (`Order`, `Opportunity`). */
  sobject: string;
  /** The item key is the Id of a `sobject` record whose `field` holds the Id of the record to update. */
  keyVia?: { sobject: string; field: string };
}

interface SaveResult {
  id?: string | null;
  success: boolean;
  errors: Array<{ statusCode: string; message: string; fields?: string[] }>;
}

export function parseKeyVia(value: unknown, where: string): CollectionUpdateWriterOptions['keyVia'] {
  if (value === undefined) return undefined;
  const v = value as { sobject?: unknown; field?: unknown } | null;
  if (!v || typeof v.sobject !== 'string' || typeof v.field !== 'string' || !NAME_RE.test(v.sobject) || !NAME_RE.test(v.field)) {
    throw new ConfigError([`${where}.keyVia: must be { sobject, field } naming an object and its reference field, e.g. { "sobject": "Order", "field": "OpportunityId" }`]);
  }
  return { sobject: v.sobject, field: v.field };
}

function failure(sobject: string, item: WriteItem, result: SaveResult, requestId: string | undefined): WriteResult {
  const first = result.errors[0];
  const code = first?.statusCode ?? 'UNKNOWN_EXCEPTION';
  const message = result.errors.map((e) => `${e.statusCode}: ${e.message}`).join('; ') || 'no error detail returned';
  const category = code === 'ENTITY_IS_DELETED' ? 'validation' : categorizeStatusCode(code);
  return { ok: false, error: new ConnectorError(category, `${sobject} ${item.key}: ${message}`, { status: 200, code, fields: first?.fields, requestId }) };
}

export function createCollectionUpdateWriter(client: SalesforceClient, opts: CollectionUpdateWriterOptions): Writer {
  const sobject = client.names.qualify(opts.sobject);

  /** key → Id of the record to update (undefined: blank reference or unknown key). */
  async function resolve(keys: string[]): Promise<Map<string, string | undefined>> {
    const out = new Map<string, string | undefined>();
    if (!opts.keyVia) {
      for (const k of keys) out.set(k, k);
      return out;
    }
    const via = client.names.qualify(opts.keyVia.sobject);
    const field = client.names.qualify(opts.keyVia.field);
    const ids = [...new Set(keys)];
    const soql = `SELECT Id, ${field} FROM ${via} WHERE Id IN (${ids.map((id) => `'${id}'`).join(', ')})`;
    for await (const row of client.query<Record<string, unknown>>(soql)) {
      const id = String(row.Id);
      const ref = row[field];
      const key = ids.find((k) => k === id || k === id.slice(0, 15));
      if (key) out.set(key, typeof ref === 'string' && ref !== '' ? ref : undefined);
    }
    return out;
  }

  return {
    maxBatchSize: MAX_UPDATE_RECORDS,
    async write(items, writeOpts = {}) {
      if (items.length > MAX_UPDATE_RECORDS) throw new RangeError(`update writer takes at most ${MAX_UPDATE_RECORDS} items per write, got ${items.length}`);
      const results: Array<WriteResult | undefined> = items.map(() => undefined);
      const valid: number[] = [];
      items.forEach((item, i) => {
        if (isSalesforceId(item.key)) valid.push(i);
        else results[i] = { ok: false, error: new ConnectorError('validation', `${opts.keyVia ? client.names.qualify(opts.keyVia.sobject) : sobject}: "${item.key}" is not a Salesforce record Id`, { fields: ['Id'] }) };
      });
      const targets = valid.length > 0 ? await resolve(valid.map((i) => items[i]!.key)) : new Map<string, string | undefined>();
      // Rounds of records with distinct Ids (a collection may not update one record twice).
      let pending: Array<{ index: number; id: string }> = [];
      for (const i of valid) {
        const item = items[i]!;
        const id = targets.get(item.key);
        if (id === undefined) {
          const what = opts.keyVia ? `${opts.keyVia.sobject} ${item.key} has no ${opts.keyVia.field} (or does not exist): there is no ${opts.sobject} to update` : `${item.key} is unknown`;
          results[i] = { ok: false, error: new ConnectorError('validation', what, { code: 'NO_TARGET_RECORD', fields: [opts.keyVia?.field ?? 'Id'], refusal: opts.keyVia !== undefined }) };
        } else pending.push({ index: i, id });
      }
      while (pending.length > 0) {
        const seen = new Set<string>();
        const round: typeof pending = [];
        const later: typeof pending = [];
        for (const p of pending) {
          if (seen.has(p.id)) later.push(p);
          else {
            seen.add(p.id);
            round.push(p);
          }
        }
        const records = round.map(({ index, id }) => {
          const record: Record<string, unknown> = { attributes: { type: sobject }, id };
          for (const [name, value] of Object.entries(items[index]!.fields)) if (name !== 'Id') record[client.names.qualify(name)] = value;
          return record;
        });
        const res = await client.request<SaveResult[]>('PATCH', 'composite/sobjects', { body: { allOrNone: false, records }, signal: writeOpts.signal });
        if (!Array.isArray(res.body) || res.body.length !== records.length) {
          throw new ConnectorError('transient', `Salesforce collections update of ${sobject} answered ${res.status} without ${records.length} results`, { requestId: res.requestId });
        }
        round.forEach(({ index, id }, k) => {
          const r = res.body[k]!;
          results[index] = r.success ? { ok: true, targetId: id, created: false, ...(res.requestId ? { requestId: res.requestId } : {}) } : failure(sobject, items[index]!, r, res.requestId);
        });
        pending = later;
      }
      return results as WriteResult[];
    },
  };
}
