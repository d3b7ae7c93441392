/**
 * One CSV row of an ingest job applied to the org, through the same save path as the REST API (dml.ts and
 * upsert.ts: field rules, required fields, uniqueness, validation rules, external id matching).
 *
 * Facts: an empty value is ignored on update (on insert the field is simply not set); `#N/A` sets a field to null
 * [V] ("Valid CSV Record Rows"); a relationship column names the parent by a unique field, and a parent that is
 * not found fails the row [V]; its error text `Foreign key external ID: <v> not found for field <f> in entity <o>`
 * is [U] (remembered from Bulk API 1.0 results). Dates may carry a trailing `Z` (`1940-06-07Z` in Salesforce's own
 * sample CSV) [V]. Checkbox values are read case-insensitively [U].
 */
import type { Dml } from '../dml.ts';
import { normalizeId } from '../ids.ts';
import type { RecordStore, StoreTx } from '../record-store.ts';
import { saveError, type SaveError } from '../save-error.ts';
import type { SObjectField } from '../schema/field-spec.ts';
import type { IndexedSObjectSchema } from '../schema/object-schema.ts';
import { upsertByExternalId } from '../upsert.ts';
import type { IngestColumn } from './ingest-columns.ts';
import type { IngestOperation } from './ingest-job.ts';

export const NULL_VALUE = '#N/A';

export type IngestRowOutcome = { ok: true; id: string; created: boolean } | { ok: false; id?: string; errors: SaveError[] };

export interface IngestRowContext {
  store: RecordStore;
  dml: Dml;
  schema: IndexedSObjectSchema;
  operation: IngestOperation;
  /** The upsert's external id field. */
  externalIdField?: SObjectField;
}

function toFieldInput(field: SObjectField, raw: string): string {
  if (field.type === 'boolean') return raw.toLowerCase();
  if (field.type === 'date' && /^\d{4}-\d{2}-\d{2}Z$/.test(raw)) return raw.slice(0, -1);
  return raw;
}

/** The row as a REST-style record body; relationship columns resolved to parent ids. */
function buildBody(ctx: IngestRowContext, columns: readonly IngestColumn[], values: readonly string[]): { body: Record<string, unknown> } | { errors: SaveError[] } {
  const body: Record<string, unknown> = {};
  for (const [i, column] of columns.entries()) {
    const raw = values[i] ?? '';
    if (raw === '') continue;
    if (column.kind === 'field') {
      body[column.field.name] = raw === NULL_VALUE ? null : toFieldInput(column.field, raw);
      continue;
    }
    if (raw === NULL_VALUE) {
      body[column.reference.name] = null;
      continue;
    }
    const parents = ctx.store.findByField(column.target.name, column.targetField.name, raw);
    if (parents.length !== 1) {
      const message =
        parents.length === 0
          ? `Foreign key external ID: ${raw} not found for field ${column.targetField.name} in entity ${column.target.name}`
          : `More than 1 record found for External ID Field: ${column.targetField.name} on entity ${column.target.name}`;
      return { errors: [saveError('INVALID_FIELD', message)] };
    }
    body[column.reference.name] = parents[0];
  }
  return { body };
}

function takeId(body: Record<string, unknown>): unknown {
  const id = body.Id;
  delete body.Id;
  return id;
}

function findTargetRecord(store: RecordStore, schema: IndexedSObjectSchema, rawId: unknown): SaveError | string {
  if (rawId === undefined) return saveError('MISSING_ARGUMENT', 'Id not specified', ['Id']);
  const id = normalizeId(String(rawId));
  if (!id) return saveError('MALFORMED_ID', `${schema.label} ID: id value of incorrect type: ${String(rawId)}`, ['Id']);
  if (store.get(schema.name, id)) return id;
  if (store.get(schema.name, id, { includeDeleted: true })) return saveError('ENTITY_IS_DELETED', 'entity is deleted');
  return saveError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
}

export function applyIngestRow(ctx: IngestRowContext, tx: StoreTx, columns: readonly IngestColumn[], values: readonly string[]): IngestRowOutcome {
  const built = buildBody(ctx, columns, values);
  if ('errors' in built) return { ok: false, errors: built.errors };
  const { body } = built;
  const { schema, dml, store } = ctx;
  switch (ctx.operation) {
    case 'insert': {
      const outcome = dml.insert(tx, schema, body);
      return outcome.ok ? { ok: true, id: outcome.id, created: true } : { ok: false, errors: outcome.errors };
    }
    case 'update': {
      const found = findTargetRecord(store, schema, takeId(body));
      if (typeof found !== 'string') return { ok: false, errors: [found] };
      const outcome = dml.update(tx, schema, found, body);
      return outcome.ok ? { ok: true, id: found, created: false } : { ok: false, id: found, errors: outcome.errors };
    }
    case 'upsert': {
      const field = ctx.externalIdField;
      if (!field) throw new Error('upsert job without an external id field');
      const value = field.name === 'Id' ? takeId(body) : body[field.name];
      const outcome = upsertByExternalId({ store, dml }, tx, schema, field, value, body);
      if (outcome.kind === 'ok') return { ok: true, id: outcome.id, created: outcome.created };
      if (outcome.kind === 'multiple') {
        return { ok: false, errors: [saveError('DUPLICATE_EXTERNAL_ID', `${field.name}: more than one record found for external id field: [${outcome.ids.join(', ')}]`, [field.name])] };
      }
      return { ok: false, id: outcome.id, errors: outcome.errors };
    }
    case 'delete':
    case 'hardDelete': {
      const found = findTargetRecord(store, schema, takeId(body));
      if (typeof found !== 'string') return { ok: false, errors: [found] };
      tx.delete(schema.name, found);
      return { ok: true, id: found, created: false };
    }
  }
}
