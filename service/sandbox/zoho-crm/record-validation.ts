/**
 * Checks one record of a write against the module metadata, the way Zoho answers per record (v8 OAS examples
 * [V]): wrong type → INVALID_DATA with `expected_data_type`, too long → INVALID_DATA with `maximum_length`,
 * missing mandatory field → MANDATORY_NOT_FOUND, a unique value already used → DUPLICATE_DATA naming the
 * existing record (`details.id`, `details.duplicate_record`), all with `api_name` and `json_path`. The first
 * problem of a record is reported. Unknown field names are refused by default (settings.unknownFieldPolicy [U]);
 * read-only system fields are ignored [U]. Values come back normalised for the store.
 */
import { isValidDate, parseZohoDateTime, truncateToSecond } from './clock.ts';
import { errorBody, type ZohoErrorBody } from './errors.ts';
import type { FieldDef } from './field-defs.ts';
import { isZohoId } from './ids.ts';
import type { ModuleDef } from './module-registry.ts';
import type { Org } from './org.ts';
import type { SubformRow } from './record-store.ts';
import type { BehaviourSettings } from './settings.ts';

export type Mode = 'insert' | 'update';

export interface Normalised {
  values: Record<string, unknown>;
  ownerId?: string;
}

export type Validated = { ok: Normalised } | { error: ZohoErrorBody };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+()\-.\sxX/]+$/;
const IGNORED_KEYS = new Set(['id', 'Tag', 'Layout', '$append_values']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function invalid(field: string, path: string, extra: Record<string, unknown> = {}, message = 'invalid data'): ZohoErrorBody {
  return errorBody('INVALID_DATA', message, { ...extra, api_name: field, json_path: path });
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** A lookup given as `{id}` (also `{id, name}`) or as the id string. */
function lookupId(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isPlainObject(value) && typeof value.id === 'string') return value.id;
  return undefined;
}

interface FieldCheck {
  org: Org;
  behaviour: BehaviourSettings;
  mode: Mode;
}

function checkScalar(ctx: FieldCheck, field: FieldDef, value: unknown, path: string): { value: unknown } | { error: ZohoErrorBody } {
  const typeError = () => ({ error: invalid(field.apiName, path, { expected_data_type: field.dataType }) });
  switch (field.dataType) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'website':
    case 'picklist': {
      if (typeof value !== 'string') return typeError();
      if (field.length > 0 && value.length > field.length) return { error: invalid(field.apiName, path, { maximum_length: field.length }) };
      if (field.dataType === 'email' && value !== '' && !EMAIL.test(value)) return typeError();
      if (field.dataType === 'phone' && value !== '' && !PHONE.test(value)) return typeError();
      if (field.dataType === 'picklist' && value !== '' && !(field.picklist ?? []).includes(value)) {
        return { error: invalid(field.apiName, path, { supported_values: field.picklist ?? [] }) };
      }
      return { value };
    }
    case 'integer':
      return Number.isInteger(value) && Math.abs(value as number) < 10 ** field.length ? { value } : typeError();
    case 'bigint':
      if (Number.isSafeInteger(value)) return { value: String(value) };
      return typeof value === 'string' && /^-?\d{1,18}$/.test(value) ? { value } : typeError();
    case 'double':
    case 'currency':
    case 'percent':
      return typeof value === 'number' && Number.isFinite(value) ? { value } : typeError();
    case 'boolean':
      return typeof value === 'boolean' ? { value } : typeError();
    case 'date':
      return typeof value === 'string' && isValidDate(value) ? { value } : typeError();
    case 'datetime': {
      const ms = typeof value === 'string' ? parseZohoDateTime(value) : undefined;
      return ms === undefined ? typeError() : { value: truncateToSecond(ms) };
    }
    case 'lookup': {
      const id = lookupId(value);
      if (id === undefined) return { error: invalid(field.apiName, path, { expected_data_type: 'jsonobject' }) };
      const target = field.lookupModule ? ctx.org.store.get(field.lookupModule, id) : undefined;
      if (!isZohoId(id) || !target) return { error: invalid(field.apiName, path, {}, 'the related id given seems to be invalid') };
      return { value: id };
    }
    case 'ownerlookup': {
      const id = lookupId(value);
      if (id === undefined || !ctx.org.userById(id)) return { error: invalid(field.apiName, path, { expected_data_type: 'ownerlookup' }) };
      return { value: id };
    }
    default:
      return typeError();
  }
}

function checkRows(ctx: FieldCheck, field: FieldDef, value: unknown, path: string): { value: SubformRow[] } | { error: ZohoErrorBody } {
  const subform = field.subformModule ? ctx.org.modules.get(field.subformModule) : undefined;
  if (!Array.isArray(value) || !subform) return { error: invalid(field.apiName, path, { expected_data_type: 'jsonarray' }) };
  const rows: SubformRow[] = [];
  for (const [j, raw] of value.entries()) {
    const rowPath = `${path}[${j}]`;
    const checked = validateRecordInput(ctx.org, ctx.behaviour, subform, raw, rowPath, 'insert');
    if ('error' in checked) return checked;
    const rowId = isPlainObject(raw) && typeof raw.id === 'string' ? raw.id : '';
    rows.push({ id: rowId, values: checked.ok.values });
  }
  return { value: rows };
}

function findDuplicate(org: Org, mod: ModuleDef, field: FieldDef, value: unknown, selfId: string | undefined) {
  const key = typeof value === 'string' ? value.toLowerCase() : value;
  return org.store.list(mod.apiName).find((r) => {
    if (r.id === selfId) return false;
    const other = r.values[field.apiName];
    return (typeof other === 'string' ? other.toLowerCase() : other) === key;
  });
}

export function duplicateError(org: Org, mod: ModuleDef, field: FieldDef, path: string, existingId: string): ZohoErrorBody {
  const existing = org.store.get(mod.apiName, existingId);
  const owner = existing ? org.userById(existing.ownerId) : undefined;
  return errorBody('DUPLICATE_DATA', 'duplicate data', {
    api_name: field.apiName,
    json_path: path,
    id: existingId,
    duplicate_record: { id: existingId, Owner: owner ? { name: owner.name, id: owner.id, zuid: owner.zuid } : null, module: { api_name: mod.apiName, id: mod.id } },
    more_records: false,
  });
}

/**
 * Validates `input` (one element of `data[]`) for `mode`; `path` is its JSON path (`$.data[0]`). `selfId` is the
 * record an update targets (excluded from the unique check).
 */
export function validateRecordInput(org: Org, behaviour: BehaviourSettings, mod: ModuleDef, input: unknown, path: string, mode: Mode, selfId?: string): Validated {
  if (!isPlainObject(input)) return { error: invalid('data', path, { expected_data_type: 'jsonobject' }) };
  const ctx: FieldCheck = { org, behaviour, mode };
  const values: Record<string, unknown> = {};
  let ownerId: string | undefined;
  for (const [key, raw] of Object.entries(input)) {
    if (IGNORED_KEYS.has(key) || key.startsWith('$')) continue;
    const field = mod.fields.get(key);
    const fieldPath = `${path}.${key}`;
    if (!field) {
      if (behaviour.unknownFieldPolicy === 'ignore') continue;
      return { error: invalid(key, fieldPath, {}, 'the field api name given seems to be invalid') };
    }
    if (field.readOnly) continue;
    if (raw === null || (raw === '' && field.dataType !== 'subform')) {
      if (field.apiName === 'Owner') return { error: invalid(key, fieldPath, { expected_data_type: 'ownerlookup' }) };
      values[key] = null;
      continue;
    }
    const checked = field.dataType === 'subform' ? checkRows(ctx, field, raw, fieldPath) : checkScalar(ctx, field, raw, fieldPath);
    if ('error' in checked) return checked;
    if (field.apiName === 'Owner') ownerId = checked.value as string;
    else values[key] = checked.value;
  }
  for (const field of mod.fields.values()) {
    if (!field.mandatory || field.readOnly) continue;
    const given = Object.hasOwn(values, field.apiName);
    if ((mode === 'insert' && isEmpty(values[field.apiName])) || (mode === 'update' && given && isEmpty(values[field.apiName]))) {
      return { error: errorBody('MANDATORY_NOT_FOUND', 'required field not found', { api_name: field.apiName, json_path: `${path}.${field.apiName}` }) };
    }
  }
  for (const field of mod.fields.values()) {
    if (!field.unique || isEmpty(values[field.apiName])) continue;
    const dup = findDuplicate(org, mod, field, values[field.apiName], selfId);
    if (dup) return { error: duplicateError(org, mod, field, `${path}.${field.apiName}`, dup.id) };
  }
  return { ok: { values, ownerId } };
}
