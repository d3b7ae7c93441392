/**
 * Column rules of GP tables, shared by every emulated resource (GP-DOMAIN §2, §8):
 * - strings are fixed char(N): the input maximum is enforced, values are stored space-padded to N and
 *   returned padded (clients must trim), keys and IDs are upper-cased the way eConnect does;
 * - phone numbers are digits only; amounts are numeric(19,5);
 * - document/master dates are date-only, DEX_ROW_TS is a UTC datetime.
 */
import { SbaError } from './sba-error.ts';

export type ColumnSpec =
  | { kind: 'char'; wire: string; column: string; sqlWidth: number; maxInput: number; upper?: boolean; digitsOnly?: boolean }
  | { kind: 'smallint'; wire: string; column: string }
  | { kind: 'money'; wire: string; column: string }
  | { kind: 'flag'; wire: string; column: string; inverted?: boolean }
  | { kind: 'date'; wire: string; column: string; readOnly: true }
  | { kind: 'timestamp'; wire: string; column: string; readOnly: true };

export type RowValue = string | number;
export type Row = Record<string, RowValue>;

/** numeric(19,5): 14 integer digits, 5 decimals. */
const MONEY_MAX_ABS = 1e14;
const MONEY_DECIMALS = 5;

export function charColumn(
  wire: string,
  column: string,
  sqlWidth: number,
  maxInput: number,
  extra: { upper?: boolean; digitsOnly?: boolean } = {},
): ColumnSpec {
  return { kind: 'char', wire, column, sqlWidth, maxInput, ...extra };
}

export function padChar(value: string, width: number): string {
  return value.padEnd(width, ' ');
}

/** SQL compares char values ignoring trailing blanks and, in GP's CI collation, ignoring case. */
export function normalizeKey(value: string): string {
  return value.trimEnd().toUpperCase();
}

function invalid(spec: ColumnSpec, problem: string): SbaError {
  return new SbaError(400, 'ValidationFailed', `${spec.wire} (${spec.column}) ${problem}`);
}

export function countDecimals(n: number): number {
  const s = String(n);
  if (s.includes('e-')) return Number(s.split('e-')[1]);
  const dot = s.indexOf('.');
  return dot === -1 ? 0 : s.length - dot - 1;
}

/** Converts one wire value to its stored form, or throws an SbaError naming the field. */
export function toStoredValue(spec: ColumnSpec, value: unknown): RowValue {
  switch (spec.kind) {
    case 'char': {
      if (value === null) return padChar('', spec.sqlWidth);
      if (typeof value !== 'string') throw invalid(spec, `must be a string, got ${typeof value}`);
      // Trailing blanks are insignificant in char(N); leading ones are kept, as SQL does.
      let v = value.trimEnd();
      if ([...v].some((ch) => ch.charCodeAt(0) < 0x20)) throw invalid(spec, 'must not contain control characters');
      if (spec.upper) v = v.toUpperCase();
      if (spec.digitsOnly && !/^\d*$/.test(v)) {
        throw invalid(spec, `must contain digits only (GP stores 10 digits of number + 4 of extension, no punctuation); got "${value}"`);
      }
      if (v.length > spec.maxInput) throw invalid(spec, `is ${v.length} characters long; GP accepts at most ${spec.maxInput}`);
      return padChar(v, spec.sqlWidth);
    }
    case 'smallint':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < -32768 || value > 32767) {
        throw invalid(spec, 'must be a smallint');
      }
      return value;
    case 'money':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(spec, 'must be a number');
      if (Math.abs(value) >= MONEY_MAX_ABS) throw invalid(spec, 'overflows numeric(19,5)');
      if (countDecimals(value) > MONEY_DECIMALS) throw invalid(spec, `has more than ${MONEY_DECIMALS} decimals (numeric(19,5))`);
      return value;
    case 'flag':
      if (typeof value !== 'boolean') throw invalid(spec, 'must be true or false');
      return (spec.inverted ? !value : value) ? 1 : 0;
    case 'date':
    case 'timestamp':
      throw invalid(spec, 'is read-only');
  }
}

/** Renders one stored value for the wire (char padded as stored, dates as SQL datetime without zone). */
export function toWireValue(spec: ColumnSpec, stored: RowValue | undefined): unknown {
  switch (spec.kind) {
    case 'char':
      return typeof stored === 'string' ? stored : padChar('', spec.sqlWidth);
    case 'smallint':
    case 'money':
      return typeof stored === 'number' ? stored : 0;
    case 'flag':
      return spec.inverted ? stored === 0 : stored === 1;
    case 'date':
      return `${typeof stored === 'string' ? stored : '1900-01-01'}T00:00:00`;
    case 'timestamp':
      return typeof stored === 'number' ? new Date(stored).toISOString().slice(0, 23) : null;
  }
}

export function blankRow(specs: ColumnSpec[]): Row {
  const row: Row = {};
  for (const s of specs) {
    if (s.kind === 'char') row[s.column] = padChar('', s.sqlWidth);
    else if (s.kind === 'date') row[s.column] = '1900-01-01';
    else row[s.column] = 0;
  }
  return row;
}
