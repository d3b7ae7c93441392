/**
 * Records as Zoho answers them (record.json Record / Response_Wrapper [V]; FACTS §5.1 #12): ids are strings,
 * lookups and users are `{name, id}` objects (users with `email`), date-times carry the org's offset, empty
 * fields are `null`, subform rows are objects with their own `id`. A list GET returns `id` plus the requested
 * fields only; a single-record GET returns every field.
 */
import { formatZohoDateTime } from './clock.ts';
import type { FieldDef } from './field-defs.ts';
import type { ModuleDef } from './module-registry.ts';
import type { Org } from './org.ts';
import type { StoredRecord, SubformRow } from './record-store.ts';

export type Json = Record<string, unknown>;

export function userRef(org: Org, userId: string): Json | null {
  const u = org.userById(userId);
  return u ? { name: u.name, id: u.id, email: u.email } : null;
}

/** The name a lookup to `record` shows: the module's display field. */
export function displayNameOf(org: Org, record: StoredRecord): string | null {
  const mod = org.modules.get(record.module);
  const value = mod ? record.values[mod.displayField] : undefined;
  return typeof value === 'string' ? value : null;
}

function lookupRef(org: Org, targetModule: string | undefined, id: unknown): Json | null {
  if (typeof id !== 'string' || !targetModule) return null;
  const target = org.store.get(targetModule, id);
  return target ? { name: displayNameOf(org, target), id } : null;
}

function renderRows(org: Org, field: FieldDef, rows: unknown): Json[] | null {
  const subform = field.subformModule ? org.modules.get(field.subformModule) : undefined;
  if (!Array.isArray(rows) || !subform) return null;
  return (rows as SubformRow[]).map((row) => {
    const out: Json = {};
    for (const f of subform.fields.values()) out[f.apiName] = renderValue(org, f, row.values[f.apiName]);
    out.id = row.id;
    return out;
  });
}

export function renderValue(org: Org, field: FieldDef, value: unknown): unknown {
  if (value === undefined || value === null) return field.dataType === 'boolean' ? false : null;
  switch (field.dataType) {
    case 'lookup':
      return lookupRef(org, field.lookupModule, value);
    case 'ownerlookup':
      return typeof value === 'string' ? userRef(org, value) : null;
    case 'datetime':
      return typeof value === 'number' ? formatZohoDateTime(value, org.timeZoneOffsetMinutes) : null;
    case 'subform':
      return renderRows(org, field, value);
    default:
      return value;
  }
}

function systemValue(org: Org, record: StoredRecord, apiName: string): unknown {
  switch (apiName) {
    case 'Owner':
      return userRef(org, record.ownerId);
    case 'Created_By':
      return userRef(org, record.createdById);
    case 'Modified_By':
      return userRef(org, record.modifiedById);
    case 'Created_Time':
      return formatZohoDateTime(record.createdAt, org.timeZoneOffsetMinutes);
    case 'Modified_Time':
      return formatZohoDateTime(record.modifiedAt, org.timeZoneOffsetMinutes);
    default:
      return undefined;
  }
}

export function renderField(org: Org, record: StoredRecord, field: FieldDef): unknown {
  const system = systemValue(org, record, field.apiName);
  return system !== undefined ? system : renderValue(org, field, record.values[field.apiName]);
}

/** The record with `fields` (API names) or, when omitted, every field of the module; `id` always. */
export function renderRecord(org: Org, mod: ModuleDef, record: StoredRecord, fields?: string[]): Json {
  const out: Json = {};
  const wanted = fields ?? [...mod.fields.keys()];
  for (const name of wanted) {
    if (name === 'id') continue;
    const field = mod.fields.get(name);
    if (field) out[name] = renderField(org, record, field);
  }
  out.id = record.id;
  return out;
}

/** `details` of a SUCCESS item of insert / update / upsert (v8 OAS examples [V]). */
export function writeDetails(org: Org, record: StoredRecord): Json {
  return {
    Modified_Time: formatZohoDateTime(record.modifiedAt, org.timeZoneOffsetMinutes),
    Modified_By: pickNameId(userRef(org, record.modifiedById)),
    Created_Time: formatZohoDateTime(record.createdAt, org.timeZoneOffsetMinutes),
    id: record.id,
    Created_By: pickNameId(userRef(org, record.createdById)),
    $approval_state: 'approved',
  };
}

function pickNameId(ref: Json | null): Json | null {
  return ref ? { name: ref.name, id: ref.id } : null;
}
