import { coerceFieldValue } from './field-values.ts';
import type { RecordStore, StoreTx } from './record-store.ts';
import type { RecordRules } from './record-rules.ts';
import { saveError, type SaveError } from './save-error.ts';
import type { IndexedSObjectSchema } from './schema/object-schema.ts';

export type DmlOutcome =
  | { ok: true; id: string }
  | { ok: false; errors: SaveError[]; id?: string; /** deserialize errors fail a whole REST request */ requestErrors?: SaveError[] };

export interface Dml {
  insert(tx: StoreTx, schema: IndexedSObjectSchema, body: Record<string, unknown>): DmlOutcome;
  update(tx: StoreTx, schema: IndexedSObjectSchema, id: string, body: Record<string, unknown>): DmlOutcome;
}

type Prepared = { ok: true; values: Record<string, unknown> } | { ok: false; errors: SaveError[]; requestErrors?: SaveError[] };

/**
 * The rules a save goes through, in Salesforce's order: body deserialization (unknown field, wrong JSON type),
 * field rules (length, range, ids), field access (read-only fields), references, required fields,
 * uniqueness, then validation rules.
 */
export function createDml(deps: { store: RecordStore; rules: RecordRules }): Dml {
  const { store, rules } = deps;
  const registry = store.registry;
  const prefixOf = (sobject: string): string | undefined => registry.get(sobject)?.keyPrefix;

  function prepare(schema: IndexedSObjectSchema, body: Record<string, unknown>, operation: 'insert' | 'update'): Prepared {
    const values: Record<string, unknown> = {};
    const requestErrors: SaveError[] = [];
    const recordErrors: SaveError[] = [];
    const saveErrors: SaveError[] = [];
    const readOnly: string[] = [];
    for (const [key, raw] of Object.entries(body)) {
      if (key === 'attributes') continue;
      const field = schema.field(key);
      if (!field) {
        const err = saveError('INVALID_FIELD', `No such column '${key}' on sobject of type ${schema.name}`, [key]);
        requestErrors.push({ ...err, fields: [] });
        recordErrors.push(err);
        continue;
      }
      const result = coerceFieldValue(field, raw, prefixOf);
      if (!result.ok) {
        if (result.phase === 'deserialize') {
          requestErrors.push(result.requestError);
          recordErrors.push(result.recordError);
        } else saveErrors.push(result.error);
        continue;
      }
      if (operation === 'insert' ? !field.createable : !field.updateable) {
        readOnly.push(field.name);
        continue;
      }
      values[field.name] = result.value;
    }
    if (recordErrors.length > 0) return { ok: false, errors: recordErrors, requestErrors };
    if (saveErrors.length > 0) return { ok: false, errors: saveErrors };
    if (readOnly.length > 0) {
      return {
        ok: false,
        errors: [
          saveError(
            'INVALID_FIELD_FOR_INSERT_UPDATE',
            `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
            readOnly,
          ),
        ],
      };
    }
    return { ok: true, values };
  }

  function checkRecord(
    schema: IndexedSObjectSchema,
    values: Record<string, unknown>,
    merged: Record<string, unknown>,
    selfId: string | undefined,
    operation: 'insert' | 'update',
  ): SaveError[] {
    for (const [name, value] of Object.entries(values)) {
      const field = schema.field(name);
      if (!field || field.type !== 'reference' || value === null) continue;
      const target = field.referenceTo.find((t) => registry.get(t));
      if (target && !store.get(target, String(value))) {
        return [saveError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [field.name])];
      }
    }
    const missing = schema.fields
      .filter((f) => !f.nillable && !schema.computed[f.name] && (operation === 'insert' ? f.createable && !f.defaultedOnCreate : f.updateable))
      .filter((f) => merged[f.name] === null || merged[f.name] === undefined)
      .map((f) => f.name);
    if (missing.length > 0) {
      return [saveError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing)];
    }
    for (const [name, value] of Object.entries(values)) {
      const field = schema.field(name);
      if (!field?.unique || value === null) continue;
      const other = store.findByField(schema.name, field.name, value).find((id) => id !== selfId);
      if (other) {
        return [saveError('DUPLICATE_VALUE', `duplicate value found: ${field.name} duplicates value on record with id: ${other}`, [field.name])];
      }
    }
    return rules.evaluate(schema.name, merged, operation);
  }

  return {
    insert(tx, schema, body) {
      const prepared = prepare(schema, body, 'insert');
      if (!prepared.ok) return prepared;
      const merged: Record<string, unknown> = {};
      for (const f of schema.fields) merged[f.name] = f.defaultValue ?? null;
      Object.assign(merged, prepared.values);
      const errors = checkRecord(schema, prepared.values, merged, undefined, 'insert');
      if (errors.length > 0) return { ok: false, errors };
      return { ok: true, id: tx.insert(schema.name, prepared.values) };
    },

    update(tx, schema, id, body) {
      const existing = store.get(schema.name, id);
      if (!existing) return { ok: false, errors: [saveError('ENTITY_IS_DELETED', 'entity is deleted')], id };
      const prepared = prepare(schema, body, 'update');
      if (!prepared.ok) return { ...prepared, id };
      const merged = { ...existing, ...prepared.values };
      const errors = checkRecord(schema, prepared.values, merged, id, 'update');
      if (errors.length > 0) return { ok: false, errors, id };
      tx.update(schema.name, id, prepared.values);
      return { ok: true, id };
    },
  };
}
