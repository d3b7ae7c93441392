/**
 * Metadata endpoints (modules.json / fields.json v8 [V]): GET /settings/modules[/{api_name}], GET
 * /settings/fields?module= (REQUIRED_PARAM_MISSING without `module`), and the admin operations a Zoho
 * administrator performs through the API: POST /settings/modules (custom module, 201 "module created
 * successfully" [V example]) and POST /settings/fields?module= (custom fields, 201 "field created" [V example]).
 */
import { ZohoHttpError, errorBody, invalidModuleBody, requiredParamMissing, type ZohoErrorBody } from './errors.ts';
import type { FieldDataType } from './field-defs.ts';
import { renderField, renderModule } from './metadata-shapes.ts';
import type { CustomFieldInput } from './module-registry.ts';
import type { Org } from './org.ts';
import type { ReadResult } from './record-reads.ts';
import type { Json } from './record-shapes.ts';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function moduleParam(org: Org, query: URLSearchParams) {
  const name = query.get('module');
  if (name === null || name === '') throw requiredParamMissing('module');
  const mod = org.modules.get(name);
  if (!mod) throw new ZohoHttpError(400, invalidModuleBody());
  return mod;
}

function itemsOf(body: unknown, key: string): unknown[] {
  const items = isObject(body) ? body[key] : undefined;
  if (!Array.isArray(items) || items.length === 0) throw new ZohoHttpError(400, errorBody('MANDATORY_NOT_FOUND', 'required field not found', { api_name: key, json_path: `$.${key}` }));
  return items;
}

function batchStatus(results: Array<Json | ZohoErrorBody>, okStatus: number): number {
  const ok = results.filter((r) => r.status === 'success').length;
  return ok === 0 ? 400 : ok < results.length ? 207 : okStatus;
}

function asError(err: unknown, path: string): ZohoErrorBody {
  if (err instanceof ZohoHttpError && isObject(err.body)) {
    const body = err.body as unknown as ZohoErrorBody;
    const details = typeof body.details.json_path === 'string' ? { ...body.details, json_path: body.details.json_path.replace(/\[0\]/, path) } : body.details;
    return { ...body, details };
  }
  throw err;
}

export function getModules(org: Org): ReadResult {
  return { status: 200, body: { modules: org.modules.all().map((m) => renderModule(org, m)) } };
}

export function getModule(org: Org, apiName: string): ReadResult {
  const mod = org.modules.get(apiName);
  if (!mod) throw new ZohoHttpError(400, invalidModuleBody());
  return { status: 200, body: { modules: [renderModule(org, mod)] } };
}

export function getFields(org: Org, query: URLSearchParams, fieldId?: string): ReadResult {
  const mod = moduleParam(org, query);
  const fields = [...mod.fields.values()].filter((f) => fieldId === undefined || f.id === fieldId);
  if (fields.length === 0) return { status: 204 };
  return { status: 200, body: { fields: fields.map((f) => renderField(org, f, (name) => org.modules.get(name))) } };
}

export function createModules(org: Org, body: unknown, now: number): ReadResult {
  const results = itemsOf(body, 'modules').map((raw, i): Json | ZohoErrorBody => {
    try {
      const item = isObject(raw) ? raw : {};
      const mod = org.modules.createModule(
        { apiName: typeof item.api_name === 'string' ? item.api_name : undefined, pluralLabel: typeof item.plural_label === 'string' ? item.plural_label : '', singularLabel: typeof item.singular_label === 'string' ? item.singular_label : undefined },
        now,
      );
      return { code: 'SUCCESS', details: { id: mod.id }, message: 'module created successfully', status: 'success' };
    } catch (err) {
      return asError(err, `[${i}]`);
    }
  });
  return { status: batchStatus(results, 201), body: { modules: results } };
}

/** A POST /settings/fields element → the registry's input (`unique: {case_sensitive}`, `external: {type, show}`, `lookup.module.api_name`). */
export function fieldInputOf(raw: Record<string, unknown>): CustomFieldInput {
  const lookup = isObject(raw.lookup) && isObject(raw.lookup.module) ? raw.lookup.module.api_name : undefined;
  const picklist = Array.isArray(raw.pick_list_values) ? raw.pick_list_values.map((p) => (isObject(p) ? String(p.actual_value ?? p.display_value ?? '') : String(p))) : undefined;
  return {
    fieldLabel: typeof raw.field_label === 'string' ? raw.field_label : '',
    apiName: typeof raw.api_name === 'string' ? raw.api_name : undefined,
    dataType: raw.data_type as FieldDataType,
    length: typeof raw.length === 'number' ? raw.length : undefined,
    decimalPlace: typeof raw.decimal_place === 'number' ? raw.decimal_place : undefined,
    unique: raw.unique !== undefined && raw.unique !== null && raw.unique !== false,
    external: isObject(raw.external),
    lookupModule: typeof lookup === 'string' ? lookup : undefined,
    picklist,
  };
}

export function createFields(org: Org, query: URLSearchParams, body: unknown, now: number): ReadResult {
  const mod = moduleParam(org, query);
  const results = itemsOf(body, 'fields').map((raw, i): Json | ZohoErrorBody => {
    try {
      const field = org.modules.createField(mod.apiName, fieldInputOf(isObject(raw) ? raw : {}), now);
      return { code: 'SUCCESS', details: { id: field.id }, message: 'field created', status: 'success' };
    } catch (err) {
      return asError(err, `[${i}]`);
    }
  });
  return { status: batchStatus(results, 201), body: { fields: results } };
}

/** POSIX `Etc/GMT±h` names count westward, hence the inverted sign. */
function timeZoneName(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'Etc/GMT';
  const hours = Math.abs(offsetMinutes) / 60;
  return Number.isInteger(hours) ? `Etc/GMT${offsetMinutes < 0 ? '+' : '-'}${hours}` : 'Etc/GMT';
}

/** GET /org: the org's identity and licence ([U] subset of org.json's keys). */
export function getOrg(org: Org, edition: string, users: number): ReadResult {
  return {
    status: 200,
    body: {
      org: [
        {
          id: org.id,
          company_name: org.companyName,
          primary_email: org.primaryUser.email,
          primary_zuid: org.primaryUser.zuid,
          zgid: org.id.slice(0, 9),
          domain_name: `org${org.id.slice(0, 9)}`,
          time_zone: timeZoneName(org.timeZoneOffsetMinutes),
          iso_code: 'USD',
          currency: 'US Dollar - USD',
          currency_symbol: '$',
          country_code: 'US',
          mc_status: false,
          license_details: { paid: edition !== 'free', paid_type: edition, users_license_purchased: users, trial_type: null, paid_expiry: null },
        },
      ],
    },
  };
}
