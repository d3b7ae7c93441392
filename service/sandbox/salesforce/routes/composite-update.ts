/**
 * `PATCH /composite/sobjects` — sObject Collections update: up to 200 records, each naming its type
 * (`attributes.type`, types may be mixed) and its `id`; answers 200 with one SaveResult `{id, success, errors}`
 * per record in input order, even when every record failed (same contract as the collections upsert, FACTS 1.2 /
 * 1.3 #11). With allOrNone, one failure rolls everything back and the others report
 * ALL_OR_NONE_OPERATION_ROLLED_BACK. Available from API 42.0 [C]; texts of MISSING_ARGUMENT / MALFORMED_ID are [U].
 */
import { Hono } from 'hono';
import { apiVersionNumber, NOT_FOUND_MESSAGE, readJsonBody, type SandboxDeps, type SandboxEnv } from '../context.ts';
import { normalizeId } from '../ids.ts';
import { httpError, SandboxHttpError, saveError, toApiError, type SaveError } from '../save-error.ts';

const COLLECTIONS_MIN_VERSION = 42;
const MAX_COLLECTION_RECORDS = 200;

type SaveResult = { id: string; success: true; errors: [] } | { id: string | null; success: false; errors: SaveError[] };

class Rollback {
  constructor(readonly answer: SandboxHttpError | SaveResult[]) {}
}

function readEnvelope(body: unknown): { allOrNone: boolean; records: Array<Record<string, unknown>> } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw httpError(400, 'JSON_PARSER_ERROR', 'Cannot deserialize instance of the request from a non-object JSON value');
  }
  const { allOrNone = false, records } = body as { allOrNone?: unknown; records?: unknown };
  if (typeof allOrNone !== 'boolean') throw httpError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of boolean from value ${JSON.stringify(allOrNone)} (allOrNone)`);
  if (!Array.isArray(records)) throw httpError(400, 'INVALID_FIELD', 'records: a list of records is required');
  if (records.length > MAX_COLLECTION_RECORDS) {
    throw httpError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_COLLECTION_RECORDS} records into this call`);
  }
  for (const [i, record] of records.entries()) {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw httpError(400, 'JSON_PARSER_ERROR', `records[${i}]: Cannot deserialize instance of SObject from a non-object JSON value`);
    }
    const type = (record as { attributes?: { type?: unknown } }).attributes?.type;
    if (typeof type !== 'string' || type === '') throw httpError(400, 'INVALID_TYPE', `records[${i}]: Must send a concrete entity type.`);
  }
  return { allOrNone, records: records as Array<Record<string, unknown>> };
}

/** The record's `id` (any case of the key), and the body without it and without `attributes`. */
function splitId(record: Record<string, unknown>): { rawId: unknown; body: Record<string, unknown> } {
  let rawId: unknown;
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (k.toLowerCase() === 'id') rawId = v;
    else if (k !== 'attributes') body[k] = v;
  }
  return { rawId, body };
}

export function createCompositeUpdateRoutes(deps: SandboxDeps): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });
  app.patch('/sobjects', async (c) => {
    if (apiVersionNumber(c) < COLLECTIONS_MIN_VERSION) throw httpError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
    const { allOrNone, records } = readEnvelope(await readJsonBody(c));
    let results: SaveResult[];
    try {
      results = deps.store.transaction(
        (tx) => {
          const out = records.map((record): SaveResult => {
            const type = (record.attributes as { type: string }).type;
            const schema = deps.registry.get(type);
            if (!schema) return { id: null, success: false, errors: [saveError('INVALID_TYPE', `sObject type '${type}' is not supported.`)] };
            const { rawId, body } = splitId(record);
            if (rawId === undefined || rawId === null || rawId === '') {
              return { id: null, success: false, errors: [saveError('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id'])] };
            }
            const id = typeof rawId === 'string' ? normalizeId(rawId) : undefined;
            if (!id || (schema.keyPrefix && !id.startsWith(schema.keyPrefix))) {
              return { id: null, success: false, errors: [saveError('MALFORMED_ID', `${schema.name} ID: id value of incorrect type: ${String(rawId)}`, ['Id'])] };
            }
            const outcome = deps.dml.update(tx, schema, id, body);
            if (!outcome.ok && outcome.requestErrors?.length && deps.settings.deserializationErrors === 'request') {
              throw new Rollback(new SandboxHttpError(400, outcome.requestErrors.map(toApiError)));
            }
            return outcome.ok ? { id, success: true, errors: [] } : { id, success: false, errors: outcome.errors };
          });
          if (allOrNone && out.some((r) => !r.success)) {
            const rolledBack = saveError('ALL_OR_NONE_OPERATION_ROLLED_BACK', 'Record rolled back because not all records were valid and the request was using AllOrNone header');
            throw new Rollback(out.map((r) => (r.success ? { id: r.id, success: false, errors: [rolledBack] } : r)));
          }
          return out;
        },
        { origin: `com/salesforce/api/rest/${c.get('apiVersion')}` },
      );
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
      if (err.answer instanceof SandboxHttpError) throw err.answer;
      results = err.answer;
    }
    return c.json(results, 200);
  });
  return app;
}
