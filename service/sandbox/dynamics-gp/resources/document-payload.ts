/**
 * Reading document payloads (SOP and RM) into column values: char(N)/money/smallint through the shared column
 * rules (gp-columns.ts), document dates (date-only: GP's CHECK constraint forces time 00:00:00, GP-DOMAIN §2),
 * and child arrays (lines, distributions). Unknown and read-only properties are refused, naming the property.
 */
import { countDecimals, toStoredValue, type ColumnSpec, type Row } from '../gp-columns.ts';
import { badRequest } from '../sba-error.ts';

export interface DocumentShape {
  entity: string;
  columns: ColumnSpec[];
  /** Writable date properties: wire → column. */
  dates?: Record<string, string>;
  /** Child arrays: wire → the child's shape. */
  children?: Record<string, DocumentShape>;
  /** Properties the wire shows but a client may not send. */
  readOnly?: string[];
}

export interface ReadDocument {
  values: Row;
  children: Record<string, Row[] | undefined>;
}

const DATE_RE = /^(\d{4}-\d{2}-\d{2})(T00:00:00(\.0+)?)?$/;

export function readDate(entity: string, wire: string, column: string, value: unknown): string {
  if (typeof value !== 'string') throw badRequest(`${entity}.${wire} (${column}) must be a date (YYYY-MM-DD)`, 'ValidationFailed');
  const m = DATE_RE.exec(value);
  if (!m || Number.isNaN(Date.parse(`${m[1]}T00:00:00Z`)) || new Date(`${m[1]}T00:00:00Z`).toISOString().slice(0, 10) !== m[1]) {
    throw badRequest(`${entity}.${wire} (${column}) must be a date (YYYY-MM-DD) with no time of day; got "${value}"`, 'ValidationFailed');
  }
  return m[1]!;
}

export function readDocument(shape: DocumentShape, payload: Record<string, unknown>): ReadDocument {
  const byWire = new Map(shape.columns.map((c) => [c.wire, c]));
  const values: Row = {};
  const children: Record<string, Row[] | undefined> = {};
  for (const [prop, value] of Object.entries(payload)) {
    const child = shape.children?.[prop];
    if (child) {
      if (!Array.isArray(value)) throw badRequest(`${shape.entity}.${prop} must be an array`, 'ValidationFailed');
      children[prop] = value.map((el, i) => {
        if (!el || typeof el !== 'object' || Array.isArray(el)) throw badRequest(`${shape.entity}.${prop}[${i}] must be an object`, 'ValidationFailed');
        const read = readDocument({ ...child, entity: `${shape.entity}.${prop}[${i}]` }, el as Record<string, unknown>);
        return read.values;
      });
      continue;
    }
    const dateColumn = shape.dates?.[prop];
    if (dateColumn) {
      values[dateColumn] = readDate(shape.entity, prop, dateColumn, value);
      continue;
    }
    const spec = byWire.get(prop);
    if (!spec) {
      if (shape.readOnly?.includes(prop)) throw badRequest(`${shape.entity}.${prop} is read-only`, 'ValidationFailed');
      throw badRequest(`${shape.entity} has no property "${prop}"`, 'ValidationFailed');
    }
    if (spec.kind === 'date' || spec.kind === 'timestamp') throw badRequest(`${shape.entity}.${prop} is read-only`, 'ValidationFailed');
    try {
      values[spec.column] = toStoredValue(spec, value);
    } catch (err) {
      // Name the element (Lines[2].Quantity), not just the property.
      if (err instanceof Error && shape.entity.includes('[')) err.message = `${shape.entity}.${err.message}`;
      throw err;
    }
  }
  return { values, children };
}

/** Amount rounded to the currency's decimals (numeric(19,5) holds more; GP rounds extended prices). */
export function roundAmount(n: number, decimals: number): number {
  return Number((Math.round(n * 10 ** decimals) / 10 ** decimals).toFixed(decimals));
}

export function tooPrecise(n: number, decimals: number): boolean {
  return countDecimals(n) > decimals;
}

export const trimmed = (v: unknown): string => (typeof v === 'string' ? v.trimEnd() : '');
