/**
 * Validates a create / update body against the table as registered now and turns it into stored values, the way
 * Dataverse's OData layer and platform do:
 * - an unknown property → 400 `0x80048d19` with Microsoft.OData's "The property '…' does not exist on type …"
 *   (payload-error prefix [V], inner text [C]); a navigation property with only an `@odata.bind` annotation it does not
 *   declare → the undeclared-property message of web-api-client-errors.md [V];
 * - lookups are set with `<navigation>@odata.bind: "/<entityset>(<id>)"`; writing `_<x>_value` directly is refused
 *   ("CRM do not support direct update of Entity Reference properties" [C]); a bind to a missing row → 404
 *   ObjectDoesNotExist [U status];
 * - JSON types must match the column (Edm.String / Int32 / Decimal / Boolean / DateTimeOffset / Guid), strings
 *   respect MaxLength (`0x80044331` [C]), choices must be one of the column's options (`0x8004431a` [U]).
 * [U] Columns that are not valid for create / update (createdon, versionnumber, fullname…) are ignored, not refused.
 */
import { dvError, payloadError, recordNotFound, type DvHttpError } from './errors.ts';
import type { RecordStore, Row } from './record-store.ts';
import type { ColumnDef, Schema, TableDef } from './schema.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EDM: Record<string, string> = {
  string: 'Edm.String',
  memo: 'Edm.String',
  integer: 'Edm.Int32',
  bigint: 'Edm.Int64',
  decimal: 'Edm.Decimal',
  money: 'Edm.Decimal',
  double: 'Edm.Double',
  boolean: 'Edm.Boolean',
  datetime: 'Edm.DateTimeOffset',
  picklist: 'Edm.Int32',
  state: 'Edm.Int32',
  status: 'Edm.Int32',
  uniqueidentifier: 'Edm.Guid',
};

export interface ParseContext {
  schema: Schema;
  store: RecordStore;
  table: TableDef;
}

export interface ParsedBody {
  values: Row;
  /** The columns the request set (logical names), for filtering attributes and webhook Targets. */
  setColumns: string[];
}

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

function outOfRange(table: TableDef, col: ColumnDef, value: unknown, accepted?: string): DvHttpError {
  const tail = accepted ? ` Accepted Values: ${accepted}` : '';
  return dvError(400, '0x8004431a', `A validation error occurred. The value ${String(value)} of '${col.logicalName}' on record of type '${table.logicalName}' is outside the valid range.${tail}`);
}

function convertError(table: TableDef, col: ColumnDef, value: unknown): DvHttpError {
  const literal = typeof value === 'string' ? value : JSON.stringify(value);
  return payloadError(table.entitySetName, `Cannot convert the literal '${literal}' to the expected type '${EDM[col.type] ?? 'Edm.String'}'.`);
}

function coerce(table: TableDef, col: ColumnDef, value: unknown): unknown {
  if (value === null) return null;
  switch (col.type) {
    case 'string':
    case 'memo':
      if (typeof value !== 'string') throw convertError(table, col, value);
      if (col.maxLength !== undefined && value.length > col.maxLength) {
        throw dvError(400, '0x80044331', `A validation error occurred. The length of the '${col.logicalName}' attribute of the '${table.logicalName}' entity exceeded the maximum allowed length of '${col.maxLength}'.`);
      }
      return value;
    case 'integer':
    case 'bigint':
    case 'decimal':
    case 'money':
    case 'double': {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw convertError(table, col, value);
      if ((col.type === 'integer' || col.type === 'bigint') && !Number.isInteger(value)) throw convertError(table, col, value);
      if (col.type === 'integer' && (value > 2_147_483_647 || value < -2_147_483_648)) throw convertError(table, col, value);
      if ((col.minValue !== undefined && value < col.minValue) || (col.maxValue !== undefined && value > col.maxValue)) throw outOfRange(table, col, value);
      return value;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw convertError(table, col, value);
      return value;
    case 'datetime': {
      const ms = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value) ? Date.parse(value) : Number.NaN;
      if (Number.isNaN(ms)) throw convertError(table, col, value);
      return ms;
    }
    case 'picklist':
    case 'state':
    case 'status': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw convertError(table, col, value);
      const options = col.options ?? [];
      if (!options.some((o) => o.value === value)) throw outOfRange(table, col, value, options.map((o) => o.value).join(','));
      return value;
    }
    case 'uniqueidentifier':
      if (!isGuid(value)) throw convertError(table, col, value);
      return value.toLowerCase();
    case 'lookup':
      throw convertError(table, col, value);
  }
}

/** `/contacts(<guid>)`, `contacts(<guid>)` or an absolute `…/api/data/v9.x/contacts(<guid>)`. */
function parseBindTarget(text: unknown): { setName: string; id: string } | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(?:.*\/api\/data\/v9\.\d\/|\/)?([A-Za-z_][A-Za-z0-9_]*)\(([^)]+)\)$/.exec(text.trim());
  if (!m || !isGuid(m[2])) return undefined;
  return { setName: m[1] as string, id: (m[2] as string).toLowerCase() };
}

function navigationIndex(table: TableDef): Map<string, { column: ColumnDef; target: string }> {
  const out = new Map<string, { column: ColumnDef; target: string }>();
  for (const col of table.columns.values()) for (const t of col.targets ?? []) out.set(t.navigation, { column: col, target: t.table });
  return out;
}

export function parseBody(ctx: ParseContext, body: unknown, mode: 'create' | 'update'): ParsedBody {
  const { table, schema } = ctx;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw payloadError(table.entitySetName, 'A JSON object was expected as the request body.');
  }
  const navs = navigationIndex(table);
  const values: Row = {};
  const setColumns: string[] = [];
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    if (key.endsWith('@odata.bind')) {
      const navName = key.slice(0, -'@odata.bind'.length);
      const nav = navs.get(navName);
      if (!nav) {
        throw payloadError(
          table.entitySetName,
          `An undeclared property '${navName}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.`,
        );
      }
      const targetTable = schema.table(nav.target) as TableDef;
      if (raw === null) {
        values[nav.column.logicalName] = null;
      } else {
        const ref = parseBindTarget(raw);
        if (!ref || ref.setName !== targetTable.entitySetName) {
          throw payloadError(table.entitySetName, `The value '${String(raw)}' of '${key}' is not a reference to a ${targetTable.entitySetName} row (expected '/${targetTable.entitySetName}(<id>)').`);
        }
        if (!ctx.store.get(targetTable.logicalName, ref.id)) throw recordNotFound(targetTable.logicalName, ref.id);
        values[nav.column.logicalName] = { table: targetTable.logicalName, id: ref.id };
      }
      setColumns.push(nav.column.logicalName);
      continue;
    }
    if (key.startsWith('@odata.') || key.startsWith('@')) continue;
    const lookupValue = /^_(.+)_value$/.exec(key);
    if (lookupValue && table.columns.get(lookupValue[1] as string)?.type === 'lookup') {
      throw dvError(
        400,
        '0x80048d19',
        `Error identified in Payload provided by the user for Entity :'${table.entitySetName}'  ---->  InnerException : Microsoft.Crm.CrmHttpException: CRM do not support direct update of Entity Reference properties, Use Navigation properties instead.`,
      );
    }
    if (navs.has(key)) {
      // [U] text: a navigation property given a value instead of an @odata.bind reference.
      throw payloadError(table.entitySetName, `A node of type 'PrimitiveValue' was read from the JSON reader when trying to read the contents of the navigation property '${key}'; however, a 'StartObject' node was expected. Use '${key}@odata.bind' to set a lookup.`);
    }
    const col = table.columns.get(key);
    if (!col || col.type === 'lookup') {
      throw payloadError(
        table.entitySetName,
        `The property '${key}' does not exist on type 'Microsoft.Dynamics.CRM.${table.logicalName}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
    if (key === table.primaryIdAttribute && mode === 'create') {
      values[key] = coerce(table, col, raw);
      continue;
    }
    if (mode === 'create' ? !col.validForCreate : !col.validForUpdate) continue;
    values[key] = coerce(table, col, raw);
    setColumns.push(key);
  }
  return { values, setColumns };
}
