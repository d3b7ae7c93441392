import type { Dml } from './dml.ts';
import { coerceFieldValue } from './field-values.ts';
import type { RecordStore, StoreTx } from './record-store.ts';
import { saveError, type SaveError } from './save-error.ts';
import type { SObjectField } from './schema/field-spec.ts';
import type { IndexedSObjectSchema } from './schema/object-schema.ts';

export type UpsertOutcome =
  | { kind: 'ok'; id: string; created: boolean }
  | { kind: 'failed'; errors: SaveError[]; id?: string; requestErrors?: SaveError[] }
  | { kind: 'multiple'; ids: string[] };

/**
 * Upsert one record on an external id (or Id): no match → insert, one match → update, several → ambiguity
 * (HTTP 300 for a single upsert, FACTS 1.3 #10). Matching honours the field's caseSensitive flag.
 */
export function upsertByExternalId(
  deps: { store: RecordStore; dml: Dml },
  tx: StoreTx,
  schema: IndexedSObjectSchema,
  extField: SObjectField,
  rawValue: unknown,
  body: Record<string, unknown>,
): UpsertOutcome {
  const { store, dml } = deps;
  if (rawValue === null || rawValue === undefined || rawValue === '') {
    return { kind: 'failed', errors: [saveError('MISSING_ARGUMENT', `${extField.name} not specified`, [extField.name])] };
  }
  const coerced = coerceFieldValue(extField, rawValue, (s) => store.registry.get(s)?.keyPrefix);
  if (!coerced.ok) {
    const errors = coerced.phase === 'deserialize' ? [coerced.recordError] : [coerced.error];
    return { kind: 'failed', errors };
  }
  const matches = store.findByField(schema.name, extField.name, coerced.value);
  if (matches.length > 1) return { kind: 'multiple', ids: matches };
  const existingId = matches[0];
  if (existingId !== undefined) {
    const outcome = dml.update(tx, schema, existingId, body);
    return outcome.ok ? { kind: 'ok', id: outcome.id, created: false } : { kind: 'failed', ...outcome, id: existingId };
  }
  if (extField.name === 'Id') {
    return { kind: 'failed', errors: [saveError('NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${String(rawValue)}`)] };
  }
  const outcome = dml.insert(tx, schema, { ...body, [extField.name]: rawValue });
  return outcome.ok ? { kind: 'ok', id: outcome.id, created: true } : { kind: 'failed', ...outcome };
}

export function externalIdValue(record: Record<string, unknown>, field: SObjectField): unknown {
  const key = Object.keys(record).find((k) => k.toLowerCase() === field.name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

/** The value as external id matching compares it (the field's case sensitivity). */
export function externalIdKey(value: unknown, field: SObjectField): string {
  return field.caseSensitive ? String(value) : String(value).toLowerCase();
}

/** Values that appear more than once in the batch (by the field's case sensitivity) fail every record carrying them. */
export function duplicateKeys(records: Array<Record<string, unknown>>, field: SObjectField): Set<string> {
  const seen = new Map<string, number>();
  for (const record of records) {
    const value = externalIdValue(record, field);
    if (value === null || value === undefined || value === '') continue;
    const key = externalIdKey(value, field);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, n]) => n > 1).map(([k]) => k));
}
