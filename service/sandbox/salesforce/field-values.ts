import { formatSfDate, formatSfDateTime, parseSfDate, parseSfDateTime } from './dates.ts';
import { normalizeId } from './ids.ts';
import type { SObjectField } from './schema/field-spec.ts';
import { saveError, type SaveError } from './save-error.ts';

/**
 * Converting a JSON value into a field value happens in two phases, as in Salesforce:
 * - deserialize: the JSON kind does not fit the field type at all (an object for a Text, 'abc' for a Number,
 *   '2024-13-45' for a Date). Salesforce's JSON parser rejects these for the whole request (JSON_PARSER_ERROR);
 *   the emulator can instead report them per record (INVALID_TYPE_ON_FIELD_IN_RECORD).
 * - save: the value has the right type but breaks a field rule (length, range, email, restricted picklist, id).
 */
export type CoerceResult =
  | { ok: true; value: unknown }
  | { ok: false; phase: 'deserialize'; requestError: SaveError; recordError: SaveError }
  | { ok: false; phase: 'save'; error: SaveError };

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const JAVA_TYPE: Record<string, string> = {
  boolean: 'boolean',
  int: 'int',
  double: 'double',
  currency: 'double',
  percent: 'double',
  date: 'date',
  datetime: 'datetime',
};

function mismatch(field: SObjectField, raw: unknown): CoerceResult {
  const token = typeof raw === 'string' ? 'VALUE_STRING' : Array.isArray(raw) ? 'START_ARRAY' : raw !== null && typeof raw === 'object' ? 'START_OBJECT' : typeof raw === 'boolean' ? `VALUE_${String(raw).toUpperCase()}` : 'VALUE_NUMBER_INT';
  const shown = typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
  const javaType = JAVA_TYPE[field.type] ?? 'String';
  return {
    ok: false,
    phase: 'deserialize',
    requestError: saveError(
      'JSON_PARSER_ERROR',
      `Cannot deserialize instance of ${javaType} from ${token} value ${shown} or request may be missing a required field`,
    ),
    recordError: saveError('INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: value not of required type: ${shown}`, [field.name]),
  };
}

function fail(statusCode: string, message: string, field: SObjectField): CoerceResult {
  return { ok: false, phase: 'save', error: saveError(statusCode, message, [field.name]) };
}

function coerceText(field: SObjectField, raw: unknown): CoerceResult {
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return mismatch(field, raw);
  const value = String(raw);
  // Salesforce stores an empty string in a text field as null.
  if (value === '') return { ok: true, value: null };
  if (value.length > field.length) {
    return fail('STRING_TOO_LONG', `${field.label}: data value too large: ${value} (max length=${field.length})`, field);
  }
  if (field.type === 'email' && !EMAIL_RE.test(value)) {
    return fail('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${value}`, field);
  }
  if (field.restrictedPicklist) {
    const allowed = field.type === 'multipicklist' ? value.split(';') : [value];
    if (allowed.some((v) => !field.picklistValues.includes(v))) {
      return fail('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${value}`, field);
    }
  }
  return { ok: true, value };
}

function coerceNumber(field: SObjectField, raw: unknown): CoerceResult {
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && raw.trim() !== '' && !Number.isNaN(Number(raw))) n = Number(raw);
  else return mismatch(field, raw);
  if (!Number.isFinite(n)) return mismatch(field, raw);
  const scale = field.type === 'int' ? 0 : field.scale;
  const factor = 10 ** scale;
  const rounded = Math.round(n * factor) / factor;
  const integerDigits = Math.trunc(Math.abs(rounded)).toString().length;
  if (field.precision > 0 && integerDigits > field.precision - scale) {
    return fail('NUMBER_OUTSIDE_VALID_RANGE', `${field.label}: value outside of valid range on numeric field: ${String(raw)}`, field);
  }
  return { ok: true, value: rounded };
}

function coerceBoolean(field: SObjectField, raw: unknown): CoerceResult {
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
  return mismatch(field, raw);
}

function coerceDate(field: SObjectField, raw: unknown): CoerceResult {
  if (typeof raw !== 'string') return mismatch(field, raw);
  const dateMs = parseSfDate(raw) ?? parseSfDateTime(raw);
  return dateMs === undefined ? mismatch(field, raw) : { ok: true, value: formatSfDate(dateMs) };
}

function coerceDateTime(field: SObjectField, raw: unknown): CoerceResult {
  if (typeof raw !== 'string') return mismatch(field, raw);
  const ms = parseSfDateTime(raw) ?? parseSfDate(raw);
  return ms === undefined ? mismatch(field, raw) : { ok: true, value: formatSfDateTime(ms) };
}

function coerceReference(field: SObjectField, raw: unknown, prefixesOf: (sobject: string) => string | undefined): CoerceResult {
  if (typeof raw !== 'string') return mismatch(field, raw);
  if (raw === '') return { ok: true, value: null };
  const id = normalizeId(raw);
  if (!id) return fail('MALFORMED_ID', `${field.label}: id value of incorrect type: ${raw}`, field);
  const known = field.referenceTo.map(prefixesOf).filter((p): p is string => p !== undefined);
  if (known.length > 0 && !known.includes(id.slice(0, 3))) {
    return fail('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${raw}`, field);
  }
  return { ok: true, value: id };
}

/**
 * Converts a JSON value for `field` into its stored form (text, number, boolean, `YYYY-MM-DD`,
 * `…T…+0000`, 18-char id). Null clears the field (a Checkbox becomes false).
 */
export function coerceFieldValue(
  field: SObjectField,
  raw: unknown,
  prefixesOf: (sobject: string) => string | undefined,
): CoerceResult {
  if (raw === null) return { ok: true, value: field.type === 'boolean' ? false : null };
  switch (field.type) {
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
    case 'picklist':
    case 'multipicklist':
      return coerceText(field, raw);
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return coerceNumber(field, raw);
    case 'boolean':
      return coerceBoolean(field, raw);
    case 'date':
      return coerceDate(field, raw);
    case 'datetime':
      return coerceDateTime(field, raw);
    case 'reference':
    case 'id':
      return coerceReference(field, raw, prefixesOf);
  }
}
