/**
 * A write call's `data[]` processed record by record (FACTS §5.1 #5 [V]: success is per element). Status per
 * the v8 OAS [V]: insert answers 201 when every record is created, update and upsert 200; a mix of successes and
 * errors answers 207; when every record fails, 400 with the same `data[]`. More than 100 records (settings
 * `maxRecordsPerWrite`) is refused whole with LIMIT_EXCEEDED [V example]. The changes of the call are published
 * per operation, one batch of ids each, for the notification channels.
 */
import { errorBody, zohoError } from './errors.ts';
import type { ModuleDef } from './module-registry.ts';
import { renderValue, type Json } from './record-shapes.ts';
import type { RecordChange } from './record-store.ts';
import { defaultDuplicateCheckFields, deleteRecord, insertRecord, successItem, updateRecord, upsertRecord, type WriteContext, type WriteOutcome } from './record-writes.ts';

export type WriteKind = 'insert' | 'update' | 'upsert';

export interface BatchResult {
  status: number;
  body: Json;
}

/** The records of a write body, or 'too-many' beyond `max`; a body without records is a top-level error. */
function dataArray(body: unknown, max: number): unknown[] | 'too-many' {
  const data = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json).data : undefined;
  // [U] texts for a body without a usable data array; codes follow the MANDATORY_NOT_FOUND / INVALID_DATA shapes.
  if (data === undefined || (Array.isArray(data) && data.length === 0)) throw zohoError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'data', json_path: '$.data' });
  if (!Array.isArray(data)) throw zohoError(400, 'INVALID_DATA', 'invalid data', { expected_data_type: 'jsonarray', api_name: 'data', json_path: '$.data' });
  return data.length > max ? 'too-many' : data;
}

function limitExceeded(max: number): BatchResult {
  return { status: 400, body: { data: [errorBody('LIMIT_EXCEEDED', 'count of records in your request exceeds the limit', { maximum_length: max, api_name: 'data' })] } };
}

function checkFieldsOf(mod: ModuleDef, body: unknown): string[] {
  const raw = (body as Json).duplicate_check_fields;
  if (raw === undefined) return defaultDuplicateCheckFields(mod);
  const allowed = new Set(defaultDuplicateCheckFields(mod));
  if (!Array.isArray(raw)) throw zohoError(400, 'INVALID_DATA', 'invalid data', { expected_data_type: 'jsonarray', api_name: 'duplicate_check_fields', json_path: '$.duplicate_check_fields' });
  raw.forEach((name, i) => {
    // [U] Zoho's answer for a field that is neither the system duplicate-check field nor unique.
    if (typeof name !== 'string' || !allowed.has(name)) throw zohoError(400, 'INVALID_DATA', 'invalid data', { api_name: 'duplicate_check_fields', json_path: `$.duplicate_check_fields[${i}]` });
  });
  return raw as string[];
}

function statusOf(kind: WriteKind | 'delete', outcomes: WriteOutcome[]): number {
  const ok = outcomes.filter((o) => o.ok).length;
  if (ok === 0) return 400;
  if (ok < outcomes.length) return 207;
  return kind === 'insert' ? 201 : 200;
}

/** Publishes the successful outcomes as one change per operation. */
export function publishOutcomes(ctx: WriteContext, mod: ModuleDef, outcomes: WriteOutcome[]): void {
  const groups = new Map<'insert' | 'update' | 'delete', RecordChange>();
  for (const o of outcomes) {
    if (!o.ok) continue;
    const change = groups.get(o.action) ?? { module: mod.apiName, operation: o.action, ids: [], affectedFields: {}, affectedValues: {} };
    change.ids.push(o.record.id);
    change.affectedFields[o.record.id] = o.changedFields;
    const values: Json = {};
    for (const name of o.changedFields) {
      const field = mod.fields.get(name);
      if (field) values[name] = name === 'Owner' ? renderValue(ctx.org, field, o.record.ownerId) : renderValue(ctx.org, field, o.record.values[name]);
    }
    change.affectedValues[o.record.id] = values;
    groups.set(o.action, change);
  }
  for (const change of groups.values()) ctx.org.store.publish(change);
}

export function runWriteBatch(ctx: WriteContext, mod: ModuleDef, kind: WriteKind, body: unknown, singleId?: string): BatchResult {
  const max = singleId === undefined ? ctx.behaviour.maxRecordsPerWrite : 1;
  const data = dataArray(body, max);
  if (data === 'too-many') return limitExceeded(max);
  const checkFields = kind === 'upsert' ? checkFieldsOf(mod, body) : [];
  const outcomes = data.map((input, i): WriteOutcome => {
    const path = `$.data[${i}]`;
    if (kind === 'insert') return insertRecord(ctx, mod, input, path);
    if (kind === 'upsert') return upsertRecord(ctx, mod, input, path, checkFields);
    const id = singleId ?? (typeof input === 'object' && input !== null ? (input as Json).id : undefined);
    if (id === undefined || id === null || id === '') return { ok: false, error: errorBody('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'id', json_path: `${path}.id` }) };
    if (typeof id !== 'string') return { ok: false, error: errorBody('INVALID_DATA', 'the id given seems to be invalid', { api_name: 'id', json_path: `${path}.id` }) };
    return updateRecord(ctx, mod, id, input, path);
  });
  publishOutcomes(ctx, mod, outcomes);
  return {
    status: statusOf(kind, outcomes),
    body: { data: outcomes.map((o) => (o.ok ? successItem(ctx, o, kind === 'upsert') : o.error)) },
  };
}

export function runDeleteBatch(ctx: WriteContext, mod: ModuleDef, ids: string[]): BatchResult {
  const outcomes = ids.map((id) => deleteRecord(ctx, mod, id));
  publishOutcomes(ctx, mod, outcomes);
  return { status: statusOf('delete', outcomes), body: { data: outcomes.map((o) => (o.ok ? successItem(ctx, o, false) : o.error)) } };
}
