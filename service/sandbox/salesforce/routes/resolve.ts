import { NOT_FOUND_MESSAGE, type SandboxDeps } from '../context.ts';
import type { SfRecord } from '../record-store.ts';
import { httpError } from '../save-error.ts';
import type { SObjectField } from '../schema/field-spec.ts';
import type { IndexedSObjectSchema } from '../schema/object-schema.ts';

export function requireSchema(deps: SandboxDeps, sobject: string): IndexedSObjectSchema {
  const schema = deps.registry.get(sobject);
  if (!schema) throw httpError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
  return schema;
}

/** The field named in an upsert URL: it must exist and be an External Id (or Id). */
export function requireExternalIdField(schema: IndexedSObjectSchema, name: string): SObjectField {
  const field = schema.field(name);
  if (!field) throw httpError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${name}`);
  if (!field.externalId && field.name !== 'Id') {
    throw httpError(400, 'INVALID_FIELD', `Field ${field.name} is not an External ID or Id field on ${schema.name}`, [field.name]);
  }
  return field;
}

export function requireRecordBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw httpError(400, 'JSON_PARSER_ERROR', 'Cannot deserialize instance of SObject from a non-object JSON value');
  }
  return body as Record<string, unknown>;
}

export function recordUrl(apiVersion: string, sobject: string, id: string): string {
  return `/services/data/v${apiVersion}/sobjects/${sobject}/${id}`;
}

/** A record as `GET /sobjects/{SObject}/{id}` returns it: attributes, then every field (or the requested ones). */
export function renderRecord(
  deps: SandboxDeps,
  schema: IndexedSObjectSchema,
  record: SfRecord,
  apiVersion: string,
  fields?: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: { type: schema.name, url: recordUrl(apiVersion, schema.name, record.Id) } };
  const selected = fields
    ? fields.map((name) => {
        const field = schema.field(name);
        if (!field) throw httpError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${schema.name}'.`);
        return field;
      })
    : schema.fields;
  for (const field of selected) {
    out[field.name] = schema.computed[field.name] ? deps.store.compute(schema.name, field.name, record) : (record[field.name] ?? null);
  }
  return out;
}
