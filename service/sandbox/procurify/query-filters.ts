/**
 * django-filter FilterSets as Procurify's list endpoints declare them in the OAS: `<f>_0`/`<f>_1` date ranges
 * (format date, YYYY-MM-DD), integer / choice / model-choice / boolean / comma-separated-list filters, `search`
 * (DRF SearchFilter: every term, case-insensitive, in any search field) and `order_by` (DRF OrderingFilter with
 * that parameter name: unknown fields are dropped, none left → the default ordering).
 * Invalid values answer 400 with django-filter's form errors, all at once. django-filter keys a range error by
 * the filter (`modified_date`), not by the `_0`/`_1` parameter; which one Procurify shows is [U] — the
 * `filterErrorKey` setting ('filter' | 'parameter').
 * An empty parameter means "not given" (django-filter skips empty values). Unknown parameters are ignored.
 */
import { validationError } from './errors.ts';
import { isIsoDate, nextIsoDate, startOfLocalDay } from './time-zone.ts';

export type FilterErrorKey = 'filter' | 'parameter';

export type FilterSpec<T> =
  | { kind: 'dateRange'; name: string; value(row: T): number | null | undefined }
  | { kind: 'int'; name: string; test(row: T, value: number): boolean }
  | { kind: 'model'; name: string; exists(id: number): boolean; test(row: T, id: number): boolean }
  | { kind: 'choice'; name: string; choices: readonly number[]; test(row: T, value: number): boolean }
  | { kind: 'bool'; name: string; test(row: T, value: boolean): boolean }
  | { kind: 'text'; name: string; test(row: T, value: string): boolean }
  | { kind: 'intList'; name: string; test(row: T, values: number[]): boolean };

export interface FilterContext {
  timeZone: string;
  errorKey: FilterErrorKey;
}

const INVALID_DATE = 'Enter a valid date.';
const INVALID_NUMBER = 'Enter a number.';
const INVALID_MODEL_CHOICE = 'Select a valid choice. That choice is not one of the available choices.';

function given(query: URLSearchParams, name: string): string | undefined {
  const v = query.get(name);
  return v === null || v === '' ? undefined : v;
}

function parseNumber(text: string): number | undefined {
  return /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(text) ? Number(text) : undefined;
}

/** Builds one predicate from the query; throws DRF 400 listing every invalid filter value. */
export function buildFilter<T>(query: URLSearchParams, specs: Array<FilterSpec<T>>, ctx: FilterContext): (row: T) => boolean {
  const errors: Record<string, string[]> = {};
  const tests: Array<(row: T) => boolean> = [];
  const fail = (key: string, message: string): void => {
    errors[key] = [...(errors[key] ?? []), message];
  };
  for (const spec of specs) {
    if (spec.kind === 'dateRange') {
      const bounds: [number | undefined, number | undefined] = [undefined, undefined];
      for (const [index, suffix] of (['_0', '_1'] as const).entries()) {
        const text = given(query, spec.name + suffix);
        if (text === undefined) continue;
        if (!isIsoDate(text)) {
          const key = ctx.errorKey === 'filter' ? spec.name : spec.name + suffix;
          if (!errors[key]?.includes(INVALID_DATE)) fail(key, INVALID_DATE);
          continue;
        }
        bounds[index] = index === 0 ? startOfLocalDay(text, ctx.timeZone) : startOfLocalDay(nextIsoDate(text), ctx.timeZone);
      }
      const [from, until] = bounds;
      if (from !== undefined || until !== undefined) {
        tests.push((row) => {
          const v = spec.value(row);
          if (v === null || v === undefined) return false;
          return (from === undefined || v >= from) && (until === undefined || v < until);
        });
      }
      continue;
    }
    const text = given(query, spec.name);
    if (text === undefined) continue;
    switch (spec.kind) {
      case 'int': {
        const n = parseNumber(text);
        if (n === undefined) fail(spec.name, INVALID_NUMBER);
        else tests.push((row) => spec.test(row, n));
        break;
      }
      case 'model': {
        const n = /^\s*\d+\s*$/.test(text) ? Number(text) : undefined;
        if (n === undefined || !spec.exists(n)) fail(spec.name, INVALID_MODEL_CHOICE);
        else tests.push((row) => spec.test(row, n));
        break;
      }
      case 'choice': {
        const n = /^-?\d+$/.test(text) ? Number(text) : undefined;
        if (n === undefined || !spec.choices.includes(n)) fail(spec.name, `Select a valid choice. ${text} is not one of the available choices.`);
        else tests.push((row) => spec.test(row, n));
        break;
      }
      case 'bool': {
        // django-filter's BooleanWidget: 'true'/'false' in any case; anything else means "not filtered".
        const lowered = text.toLowerCase();
        if (lowered === 'true' || lowered === 'false') tests.push((row) => spec.test(row, lowered === 'true'));
        break;
      }
      case 'text':
        tests.push((row) => spec.test(row, text));
        break;
      case 'intList': {
        const parts = text.split(',').map((p) => p.trim());
        if (parts.some((p) => !/^\d+$/.test(p))) fail(spec.name, INVALID_NUMBER);
        else tests.push((row) => spec.test(row, parts.map(Number)));
        break;
      }
    }
  }
  if (Object.keys(errors).length > 0) throw validationError(errors);
  return (row) => tests.every((t) => t(row));
}

/** DRF SearchFilter: whitespace/comma separated terms, each must appear (icontains) in some field. */
export function buildSearch<T>(query: URLSearchParams, fields: (row: T) => Array<string | null | undefined>): (row: T) => boolean {
  const text = query.get('search');
  if (!text) return () => true;
  const terms = text
    .replace(/\0/g, '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((t) => t.toLowerCase());
  return (row) => {
    const haystack = fields(row).map((v) => (v ?? '').toLowerCase());
    return terms.every((term) => haystack.some((h) => h.includes(term)));
  };
}

export type SortKey<T> = (row: T) => string | number | null;

/** DRF OrderingFilter over `order_by`; ties (and the default) fall back to `tieBreak` ascending. */
export function sortRows<T>(rows: T[], query: URLSearchParams, fields: Record<string, SortKey<T>>, defaultOrder: string[], tieBreak: SortKey<T>): T[] {
  const asked = (query.get('order_by') ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '' && Object.hasOwn(fields, t.replace(/^-/, '')));
  const terms = asked.length > 0 ? asked : defaultOrder;
  const compare = (a: string | number | null, b: string | number | null): number => {
    if (a === b) return 0;
    if (a === null) return 1; // NULLs last, as PostgreSQL sorts them ascending
    if (b === null) return -1;
    return a < b ? -1 : 1;
  };
  return [...rows].sort((x, y) => {
    for (const term of terms) {
      const key = fields[term.replace(/^-/, '')] as SortKey<T>;
      const c = compare(key(x), key(y));
      if (c !== 0) return term.startsWith('-') ? -c : c;
    }
    return compare(tieBreak(x), tieBreak(y));
  });
}
