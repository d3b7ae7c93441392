/**
 * One record's insert, update, upsert or delete with its per-record result item (record.json Success_Response /
 * API_Exception [V]). Update targets a record by `id` (MANDATORY_NOT_FOUND when missing, INVALID_DATA "the id
 * given seems to be invalid" when unknown [V enum]); a locked record answers RECORD_LOCKED [V example]. Upsert
 * matches on `duplicate_check_fields` in order, else on the module's system duplicate-check field then its unique
 * fields [V]; the first existing record that matches is updated [U when several match].
 */
import { errorBody, type ZohoErrorBody } from './errors.ts';
import { applyComputedFields } from './computed-fields.ts';
import { truncateToSecond } from './clock.ts';
import type { ModuleDef } from './module-registry.ts';
import type { Org } from './org.ts';
import { displayNameOf, writeDetails, type Json } from './record-shapes.ts';
import type { StoredRecord, SubformRow } from './record-store.ts';
import { validateRecordInput } from './record-validation.ts';
import type { BehaviourSettings } from './settings.ts';

export interface WriteContext {
  org: Org;
  behaviour: BehaviourSettings;
  now: number;
  userId: string;
}

export type WriteOutcome =
  | { ok: true; action: 'insert' | 'update' | 'delete'; record: StoredRecord; changedFields: string[]; duplicateField: string | null }
  | { ok: false; error: ZohoErrorBody };

function assignRowIds(org: Org, values: Record<string, unknown>, previous: Record<string, unknown> | undefined): void {
  for (const [key, v] of Object.entries(values)) {
    if (!Array.isArray(v)) continue;
    const before = new Set(((previous?.[key] as SubformRow[] | undefined) ?? []).map((r) => r.id));
    for (const row of v as SubformRow[]) if (!row.id || !before.has(row.id)) row.id = org.ids.next();
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function insertRecord(ctx: WriteContext, mod: ModuleDef, input: unknown, path: string): WriteOutcome {
  const checked = validateRecordInput(ctx.org, ctx.behaviour, mod, input, path, 'insert');
  if ('error' in checked) return { ok: false, error: checked.error };
  const values = checked.ok.values;
  assignRowIds(ctx.org, values, undefined);
  applyComputedFields(ctx.org, mod, values, true);
  const at = truncateToSecond(ctx.now);
  const record: StoredRecord = {
    id: ctx.org.ids.next(),
    module: mod.apiName,
    values,
    ownerId: checked.ok.ownerId ?? ctx.userId,
    createdById: ctx.userId,
    modifiedById: ctx.userId,
    createdAt: at,
    modifiedAt: at,
    seq: ctx.org.store.nextSeq(),
    locked: false,
  };
  ctx.org.store.put(record);
  const changed = Object.keys(values).filter((k) => values[k] !== null);
  return { ok: true, action: 'insert', record, changedFields: checked.ok.ownerId ? [...changed, 'Owner'] : changed, duplicateField: null };
}

function lockedError(path: string): ZohoErrorBody {
  return errorBody('RECORD_LOCKED', 'Sorry, you cannot perform this operation as the record is locked.', { api_name: 'id', json_path: `${path}.id`, action: 'record_locking' });
}

export function updateRecord(ctx: WriteContext, mod: ModuleDef, id: string, input: unknown, path: string, duplicateField: string | null = null): WriteOutcome {
  const existing = ctx.org.store.get(mod.apiName, id);
  if (!existing) return { ok: false, error: errorBody('INVALID_DATA', 'the id given seems to be invalid', { api_name: 'id', json_path: `${path}.id` }) };
  if (existing.locked) return { ok: false, error: lockedError(path) };
  const checked = validateRecordInput(ctx.org, ctx.behaviour, mod, input, path, 'update', id);
  if ('error' in checked) return { ok: false, error: checked.error };
  const patch = checked.ok.values;
  assignRowIds(ctx.org, patch, existing.values);
  const merged = { ...existing.values, ...patch };
  applyComputedFields(ctx.org, mod, merged, false);
  const changed = Object.keys(merged).filter((k) => !sameValue(merged[k], existing.values[k]));
  if (checked.ok.ownerId && checked.ok.ownerId !== existing.ownerId) changed.push('Owner');
  const record: StoredRecord = {
    ...existing,
    values: merged,
    ownerId: checked.ok.ownerId ?? existing.ownerId,
    modifiedById: ctx.userId,
    // Zoho stamps Modified_Time on every update call, changed values or not.
    modifiedAt: truncateToSecond(ctx.now),
    seq: ctx.org.store.nextSeq(),
  };
  ctx.org.store.put(record);
  return { ok: true, action: 'update', record, changedFields: changed, duplicateField };
}

export function deleteRecord(ctx: WriteContext, mod: ModuleDef, id: string): WriteOutcome {
  const existing = ctx.org.store.get(mod.apiName, id);
  if (!existing) return { ok: false, error: errorBody('INVALID_DATA', 'record not deleted', { id }) };
  if (existing.locked) return { ok: false, error: errorBody('RECORD_LOCKED', 'Sorry, you cannot perform this operation as the record is locked.', { action: 'record_locking', id }) };
  ctx.org.store.remove(mod.apiName, id, {
    id,
    module: mod.apiName,
    displayName: displayNameOf(ctx.org, existing),
    createdById: existing.createdById,
    deletedById: ctx.userId,
    deletedAt: truncateToSecond(ctx.now),
    type: 'recycle',
  });
  return { ok: true, action: 'delete', record: existing, changedFields: [], duplicateField: null };
}

/** The fields an upsert matches on when the request names none [V order: system field, then unique fields]. */
export function defaultDuplicateCheckFields(mod: ModuleDef): string[] {
  const unique = [...mod.fields.values()].filter((f) => f.unique).map((f) => f.apiName);
  return mod.duplicateCheckField ? [mod.duplicateCheckField, ...unique.filter((u) => u !== mod.duplicateCheckField)] : unique;
}

function matchValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a !== undefined && a !== null && a === b;
}

export function upsertRecord(ctx: WriteContext, mod: ModuleDef, input: unknown, path: string, checkFields: string[]): WriteOutcome {
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const given = input as Record<string, unknown>;
    for (const field of checkFields) {
      const wanted = given[field];
      if (wanted === undefined || wanted === null || wanted === '') continue;
      const match = ctx.org.store
        .list(mod.apiName)
        .sort((a, b) => a.seq - b.seq)
        .find((r) => matchValue(r.values[field], wanted));
      if (match) return updateRecord(ctx, mod, match.id, input, path, field);
    }
  }
  return insertRecord(ctx, mod, input, path);
}

/** The SUCCESS item of an outcome (message enum of record.json [V]). */
export function successItem(ctx: WriteContext, outcome: Extract<WriteOutcome, { ok: true }>, upsert: boolean): Json {
  if (outcome.action === 'delete') return { code: 'SUCCESS', details: { id: outcome.record.id }, message: 'record deleted', status: 'success' };
  const base: Json = { code: 'SUCCESS', details: writeDetails(ctx.org, outcome.record), message: outcome.action === 'insert' ? 'record added' : 'record updated', status: 'success' };
  // [U] the v8 example names a duplicate_field on inserts too; the emulator sends null when nothing matched.
  return upsert ? { code: 'SUCCESS', duplicate_field: outcome.duplicateField, action: outcome.action, ...base } : base;
}
