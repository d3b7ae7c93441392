import { Hono } from 'hono';
import { apiVersionNumber, NOT_FOUND_MESSAGE, readJsonBody, type SandboxDeps, type SandboxEnv } from '../context.ts';
import { httpError, SandboxHttpError, saveError, toApiError, type SaveError } from '../save-error.ts';
import type { SObjectField } from '../schema/field-spec.ts';
import type { IndexedSObjectSchema } from '../schema/object-schema.ts';
import { duplicateKeys, externalIdKey, externalIdValue, upsertByExternalId, type UpsertOutcome } from '../upsert.ts';
import { requireExternalIdField, requireSchema } from './resolve.ts';

/** sObject Collections upsert needs API 46.0+ and takes at most 200 records (FACTS 1.2). */
const COLLECTIONS_UPSERT_MIN_VERSION = 46;
const MAX_COLLECTION_RECORDS = 200;

type ItemResult =
  | { id: string; success: true; errors: []; created: boolean }
  | { id?: string | null; success: false; errors: SaveError[] };

/** Thrown inside the transaction to undo it; carries what to answer. */
class Rollback {
  constructor(readonly answer: SandboxHttpError | ItemResult[]) {}
}

function validateEnvelope(body: unknown, schema: IndexedSObjectSchema): { allOrNone: boolean; records: Array<Record<string, unknown>> } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw httpError(400, 'JSON_PARSER_ERROR', 'Cannot deserialize instance of the request from a non-object JSON value');
  }
  const { allOrNone = false, records } = body as { allOrNone?: unknown; records?: unknown };
  if (typeof allOrNone !== 'boolean') throw httpError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of boolean from value ${JSON.stringify(allOrNone)} (allOrNone)`);
  if (!Array.isArray(records)) throw httpError(400, 'INVALID_FIELD', 'records: a list of records is required');
  // [U] error code and text for the size limit; the 400 status is [V] (FACTS 1.3 #11).
  if (records.length > MAX_COLLECTION_RECORDS) {
    throw httpError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_COLLECTION_RECORDS} records into this call`);
  }
  for (const [i, record] of records.entries()) {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw httpError(400, 'JSON_PARSER_ERROR', `records[${i}]: Cannot deserialize instance of SObject from a non-object JSON value`);
    }
    const type = (record as { attributes?: { type?: unknown } }).attributes?.type;
    if (typeof type !== 'string' || type === '') throw httpError(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
    if (type.toLowerCase() !== schema.name.toLowerCase()) {
      throw httpError(400, 'INVALID_TYPE', `records[${i}]: attributes.type '${type}' does not match the sObject type ${schema.name} in the URI`);
    }
    if (Object.keys(record).some((k) => k.toLowerCase() === 'id')) {
      throw httpError(400, 'INVALID_FIELD', `records[${i}]: record ids are not allowed in an upsert by external id`, ['Id']);
    }
  }
  return { allOrNone, records: records as Array<Record<string, unknown>> };
}

function toItemResult(outcome: UpsertOutcome, field: SObjectField): ItemResult {
  if (outcome.kind === 'ok') return { id: outcome.id, success: true, errors: [], created: outcome.created };
  if (outcome.kind === 'multiple') {
    return {
      success: false,
      errors: [saveError('DUPLICATE_EXTERNAL_ID', `${field.name}: more than one record found for external id field: [${outcome.ids.join(', ')}]`, [field.name])],
    };
  }
  return outcome.id ? { id: outcome.id, success: false, errors: outcome.errors } : { success: false, errors: outcome.errors };
}

/**
 * `PATCH /composite/sobjects/{SObject}/{ExtIdField}`: a well-formed request always answers 200 with one
 * UpsertResult per record in input order, even if every record failed (FACTS 1.3 #11). With allOrNone, one
 * failure rolls everything back and the other records report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
export function createCompositeRoutes(deps: SandboxDeps): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });
  app.patch('/sobjects/:sobject/:field', async (c) => {
    if (apiVersionNumber(c) < COLLECTIONS_UPSERT_MIN_VERSION) throw httpError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
    const schema = requireSchema(deps, c.req.param('sobject'));
    const field = requireExternalIdField(schema, c.req.param('field'));
    const { allOrNone, records } = validateEnvelope(await readJsonBody(c), schema);
    const duplicates = duplicateKeys(records, field);

    let results: ItemResult[];
    try {
      results = deps.store.transaction(
        (tx) => {
          const out = records.map((record): ItemResult => {
            const value = externalIdValue(record, field);
            if (duplicates.has(externalIdKey(value, field))) {
              return { success: false, errors: [saveError('DUPLICATE_VALUE', `Duplicate external id specified: ${String(value)}`, [field.name])] };
            }
            const outcome = upsertByExternalId(deps, tx, schema, field, value, record);
            if (outcome.kind === 'failed' && outcome.requestErrors?.length && deps.settings.deserializationErrors === 'request') {
              throw new Rollback(new SandboxHttpError(400, outcome.requestErrors.map(toApiError)));
            }
            return toItemResult(outcome, field);
          });
          if (allOrNone && out.some((r) => !r.success)) {
            // [U] exact text; the code ALL_OR_NONE_OPERATION_ROLLED_BACK is [C].
            const rolledBack = saveError('ALL_OR_NONE_OPERATION_ROLLED_BACK', 'Record rolled back because not all records were valid and the request was using AllOrNone header');
            throw new Rollback(out.map((r) => (r.success ? { id: null, success: false, errors: [rolledBack] } : r)));
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
