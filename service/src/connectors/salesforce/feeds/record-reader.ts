import type { SalesforceClient } from '../client.ts';

/** Ids per `WHERE Id IN (…)`: keeps the query URL well under limits (18-char ids). */
export const DEFAULT_IDS_PER_QUERY = 200;
const SALESFORCE_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;
/** Compound fields are not selectable alongside their parts; the parts are read instead. */
const COMPOUND_TYPES = new Set(['address', 'location']);

export type SfRecordData = Record<string, unknown> & { Id: string };

export interface PollResult {
  records: SfRecordData[];
  deletedIds: string[];
  /** False when deletions could not be listed (window older than the replication limit): a full re-sync is needed. */
  deletesKnown: boolean;
  requestIds: string[];
}

export interface RecordReader {
  /** Current records by id, one SOQL `WHERE Id IN (…)` per chunk; ids not returned are deleted (or invisible). */
  readByIds(entity: string, ids: readonly string[], signal?: AbortSignal): Promise<{ records: Map<string, SfRecordData>; requestIds: string[] }>;
  /** Records modified since `sinceMs` (every record if null) and ids deleted since then (FACTS 1.2 get updated/deleted). */
  pollSince(entity: string, sinceMs: number | null, untilMs: number, signal?: AbortSignal): Promise<PollResult>;
}

export function isSalesforceId(id: string): boolean {
  return SALESFORCE_ID.test(id);
}

/** SOQL datetime literal (seconds precision, UTC). */
function soqlDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function strip(record: Record<string, unknown>): SfRecordData {
  const { attributes: _attributes, ...fields } = record;
  return fields as SfRecordData;
}

/**
 * Re-reads records through REST because Pub/Sub events carry only changed fields (unchanged ones are null and
 * must not overwrite data, FACTS 1.3 #6): the engine always gets complete current records, which also makes
 * at-least-once delivery harmless.
 */
export function createRecordReader(client: SalesforceClient, opts: { fields?: Record<string, readonly string[]>; idsPerQuery?: number } = {}): RecordReader {
  const fieldCache = new Map<string, Promise<string[]>>();
  const idsPerQuery = opts.idsPerQuery ?? DEFAULT_IDS_PER_QUERY;

  function fieldsOf(entity: string, signal?: AbortSignal): Promise<string[]> {
    const configured = opts.fields?.[entity];
    if (configured) return Promise.resolve(['Id', ...configured.filter((f) => f !== 'Id')]);
    let cached = fieldCache.get(entity);
    if (!cached) {
      cached = client.describe(entity, { signal }).then((d) => d.fields.filter((f) => !COMPOUND_TYPES.has(f.type)).map((f) => f.name));
      cached.catch(() => fieldCache.delete(entity));
      fieldCache.set(entity, cached);
    }
    return cached;
  }

  async function query(soql: string, signal?: AbortSignal): Promise<{ records: SfRecordData[]; requestIds: string[] }> {
    const records: SfRecordData[] = [];
    const requestIds: string[] = [];
    for await (const page of client.queryPages<Record<string, unknown>>(soql, { signal })) {
      if (page.requestId) requestIds.push(page.requestId);
      for (const r of page.records) records.push(strip(r));
    }
    return { records, requestIds };
  }

  return {
    async readByIds(entity, ids, signal) {
      const records = new Map<string, SfRecordData>();
      const requestIds: string[] = [];
      const valid = [...new Set(ids)].filter(isSalesforceId);
      if (valid.length === 0) return { records, requestIds };
      const select = (await fieldsOf(entity, signal)).join(', ');
      const sobject = client.names.qualify(entity);
      for (let i = 0; i < valid.length; i += idsPerQuery) {
        const chunk = valid.slice(i, i + idsPerQuery);
        const result = await query(`SELECT ${select} FROM ${sobject} WHERE Id IN (${chunk.map((id) => `'${id}'`).join(', ')})`, signal);
        requestIds.push(...result.requestIds);
        for (const record of result.records) records.set(record.Id, record);
      }
      // Ids compare on their 18-char form; a 15-char id in an event still finds its record.
      for (const id of valid) {
        if (id.length === 15 && !records.has(id)) {
          const match = [...records.values()].find((r) => r.Id.slice(0, 15) === id);
          if (match) records.set(id, match);
        }
      }
      return { records, requestIds };
    },

    async pollSince(entity, sinceMs, untilMs, signal) {
      const select = (await fieldsOf(entity, signal)).join(', ');
      const sobject = client.names.qualify(entity);
      const where = sinceMs === null ? '' : ` WHERE SystemModstamp >= ${soqlDateTime(sinceMs)}`;
      const { records, requestIds } = await query(`SELECT ${select} FROM ${sobject}${where}`, signal);
      if (sinceMs === null) return { records, deletedIds: [], deletesKnown: false, requestIds };
      try {
        // The replication window has minute granularity: end at the next whole minute so the current one is covered.
        const end = new Date(Math.ceil((untilMs + 1) / 60_000) * 60_000);
        const deleted = await client.getDeleted(entity, new Date(sinceMs), end, { signal });
        if (deleted.requestId) requestIds.push(deleted.requestId);
        return { records, deletedIds: deleted.deletedRecords.map((d) => d.id), deletesKnown: true, requestIds };
      } catch (err) {
        if ((err as { category?: unknown }).category === 'validation') return { records, deletedIds: [], deletesKnown: false, requestIds };
        throw err;
      }
    },
  };
}
