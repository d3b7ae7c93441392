import { Hono } from 'hono';
import { apiVersionNumber, NOT_FOUND_MESSAGE, readJsonBody, type SandboxDeps, type SandboxEnv } from '../context.ts';
import { normalizeId } from '../ids.ts';
import { httpError, SandboxHttpError, toApiError, type SaveError } from '../save-error.ts';
import { upsertByExternalId } from '../upsert.ts';
import { describeGlobalEntry, describeSObject } from './describe.ts';
import { recordUrl, renderRecord, requireExternalIdField, requireRecordBody, requireSchema } from './resolve.ts';

/** Upserts always report `created` from API 46.0 on; updates answered 204 before (FACTS 1.3 #9). */
const CREATED_FLAG_MIN_VERSION = 46;

function failed(deps: SandboxDeps, errors: SaveError[], requestErrors?: SaveError[]): SandboxHttpError {
  const chosen = deps.settings.deserializationErrors === 'request' && requestErrors?.length ? requestErrors : errors;
  return new SandboxHttpError(400, chosen.map(toApiError));
}

/** `/sobjects`: global describe, describe, create, read, update, delete, and upsert by external id. */
export function createSObjectRoutes(deps: SandboxDeps): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });

  app.get('/', (c) =>
    c.json({
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: deps.registry.list().map((s) => describeGlobalEntry(s, c.get('apiVersion'))),
    }),
  );

  app.get('/:sobject/describe', (c) => c.json(describeSObject(requireSchema(deps, c.req.param('sobject')), c.get('apiVersion'))));

  app.post('/:sobject', async (c) => {
    const schema = requireSchema(deps, c.req.param('sobject'));
    const body = requireRecordBody(await readJsonBody(c));
    const outcome = deps.store.transaction((tx) => deps.dml.insert(tx, schema, body));
    if (!outcome.ok) throw failed(deps, outcome.errors, outcome.requestErrors);
    return c.json({ id: outcome.id, success: true, errors: [] }, 201);
  });

  app.get('/:sobject/:id', (c) => {
    const schema = requireSchema(deps, c.req.param('sobject'));
    const id = normalizeId(c.req.param('id'));
    const record = id ? deps.store.get(schema.name, id) : undefined;
    if (!record) throw httpError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
    const fields = c.req.query('fields')?.split(',').map((f) => f.trim()).filter(Boolean);
    return c.json(renderRecord(deps, schema, record, c.get('apiVersion'), fields));
  });

  app.patch('/:sobject/:id', async (c) => {
    const schema = requireSchema(deps, c.req.param('sobject'));
    const id = normalizeId(c.req.param('id'));
    if (!id || !deps.store.get(schema.name, id)) throw httpError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
    const body = requireRecordBody(await readJsonBody(c));
    const outcome = deps.store.transaction((tx) => deps.dml.update(tx, schema, id, body));
    if (!outcome.ok) throw failed(deps, outcome.errors, outcome.requestErrors);
    return c.body(null, 204);
  });

  app.delete('/:sobject/:id', (c) => {
    const schema = requireSchema(deps, c.req.param('sobject'));
    const id = normalizeId(c.req.param('id'));
    if (!id) throw httpError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
    if (!deps.store.get(schema.name, id)) {
      if (deps.store.get(schema.name, id, { includeDeleted: true })) throw httpError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
      throw httpError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
    }
    deps.store.transaction((tx) => tx.delete(schema.name, id));
    return c.body(null, 204);
  });

  app.get('/:sobject/:field/:value', (c) => {
    const schema = requireSchema(deps, c.req.param('sobject'));
    const field = requireExternalIdField(schema, c.req.param('field'));
    const ids = deps.store.findByField(schema.name, field.name, c.req.param('value'));
    const version = c.get('apiVersion');
    if (ids.length > 1) return c.json(ids.map((id) => recordUrl(version, schema.name, id)), 300);
    const record = ids[0] ? deps.store.get(schema.name, ids[0]) : undefined;
    if (!record) throw httpError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
    return c.json(renderRecord(deps, schema, record, version));
  });

  app.patch('/:sobject/:field/:value', async (c) => {
    const schema = requireSchema(deps, c.req.param('sobject'));
    const field = requireExternalIdField(schema, c.req.param('field'));
    const value = c.req.param('value');
    const body = requireRecordBody(await readJsonBody(c));
    if (Object.keys(body).some((k) => k.toLowerCase() === 'id')) {
      throw httpError(400, 'INVALID_FIELD', 'Id is not allowed in the body of an upsert by external id', ['Id']);
    }
    const bodyKey = Object.keys(body).find((k) => k.toLowerCase() === field.name.toLowerCase());
    if (bodyKey !== undefined && body[bodyKey] !== null && String(body[bodyKey]) !== value) {
      // FACTS 1.2 [C]: the body must not carry the external id field with a different value than the URL.
      throw httpError(400, 'INVALID_FIELD', `${field.name}: the value in the request body does not match the value in the URL`, [field.name]);
    }
    const updateOnly = c.req.query('updateOnly') === 'true';
    if (updateOnly && deps.store.findByField(schema.name, field.name, value).length === 0) {
      throw httpError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
    }
    const outcome = deps.store.transaction((tx) => upsertByExternalId(deps, tx, schema, field, value, body));
    const version = apiVersionNumber(c);
    if (outcome.kind === 'multiple') {
      // FACTS 1.3 #10: several matches → 300 with the matching records' URLs, nothing written.
      return c.json(outcome.ids.map((id) => recordUrl(c.get('apiVersion'), schema.name, id)), 300);
    }
    if (outcome.kind === 'failed') throw failed(deps, outcome.errors, outcome.requestErrors);
    if (outcome.created) {
      const created = version >= CREATED_FLAG_MIN_VERSION ? { created: true } : {};
      return c.json({ id: outcome.id, errors: [], success: true, ...created }, 201);
    }
    if (version < CREATED_FLAG_MIN_VERSION) return c.body(null, 204);
    return c.json({ id: outcome.id, errors: [], success: true, created: false }, 200);
  });

  return app;
}
