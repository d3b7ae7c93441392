/**
 * Checks a POST/PATCH body against the entity's shape the way BC does: unknown properties and read-only
 * properties are refused, Text/Code lengths enforced (Application_StringExceededLength [V code]), enums closed,
 * JSON types strict. Code values come back upper-cased, as AL stores them.
 */
import { bcError } from './errors.ts';
import type { EntityShape, FieldSpec } from './shapes.ts';

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function typeError(name: string, value: unknown, expected: string): Error {
  return bcError(400, 'BadRequest', `Cannot convert the literal '${String(value)}' to the expected type '${expected}' of property '${name}'.`);
}

function checkValue(name: string, spec: FieldSpec, value: unknown): unknown {
  switch (spec.kind) {
    case 'text':
    case 'code': {
      if (typeof value !== 'string') throw typeError(name, value, 'Edm.String');
      if (spec.maxLength !== undefined && value.length > spec.maxLength) {
        throw bcError(
          400,
          'Application_StringExceededLength',
          `The length of the string is ${value.length}, but it must be less than or equal to ${spec.maxLength} characters. Value: ${value}`,
        );
      }
      return spec.kind === 'code' ? value.toUpperCase() : value;
    }
    case 'enum':
      if (typeof value !== 'string' || !spec.values?.includes(value)) throw typeError(name, value, `one of ${spec.values?.map((v) => `'${v}'`).join(', ')}`);
      return value;
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw typeError(name, value, 'Edm.Decimal');
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(name, value, 'Edm.Int32');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw typeError(name, value, 'Edm.Boolean');
      return value;
    case 'date':
      if (typeof value !== 'string' || !DATE_RE.test(value) || Number.isNaN(Date.parse(value))) throw typeError(name, value, 'Edm.Date');
      return value;
    case 'guid':
      if (typeof value !== 'string' || !GUID_RE.test(value)) throw typeError(name, value, 'Edm.Guid');
      return value.toLowerCase();
    case 'datetime':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw typeError(name, value, 'Edm.DateTimeOffset');
      return value;
  }
}

export function validateBody(shape: EntityShape, typeName: string, body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw bcError(400, 'BadRequest', 'The request body must be a JSON object.');
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name.startsWith('@odata.')) continue;
    const spec = shape[name];
    if (!spec) {
      throw bcError(
        400,
        'BadRequest',
        `The property '${name}' does not exist on type 'Microsoft.NAV.${typeName}'. Make sure to only use property names that are defined by the type.`,
      );
    }
    // [U] exact code: BC refuses writes to read-only API fields.
    if (spec.readOnly) throw bcError(400, 'BadRequest', `The property '${name}' is read-only and cannot be modified.`);
    out[name] = checkValue(name, spec, value);
  }
  return out;
}

export function isGuid(value: string): boolean {
  return GUID_RE.test(value);
}
