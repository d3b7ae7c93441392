/**
 * System query options shared by collection and single-row reads: which options a request may carry (`$skip` is
 * not supported by Dataverse [V]), `$select` with the `@odata.context` select list, `$top`, `$count`, and
 * `$expand` of single-valued navigation properties (lookups) with a nested `$select`.
 * [U] texts of the unsupported-option errors.
 */
import { propertyNotFound, queryError } from './errors.ts';
import type { LookupValue, RecordStore, Row } from './record-store.ts';
import type { ColumnDef, Schema, TableDef } from './schema.ts';
import { propertyNameOf, resolveSelect, serializeRow, type AnnotationPrefs } from './serializer.ts';

const KNOWN = new Set(['$select', '$filter', '$orderby', '$top', '$count', '$expand', '$skiptoken', '$deltatoken']);

export function checkOptions(query: URLSearchParams, allowed: Set<string> = KNOWN): void {
  for (const key of query.keys()) {
    if (key === '$skip') throw queryError('The query parameter $skip is not supported.');
    if (key.startsWith('$') && !allowed.has(key)) throw queryError(`The query parameter ${key} is not supported.`);
  }
}

export function readTop(query: URLSearchParams): number | undefined {
  const text = query.get('$top');
  if (text === null) return undefined;
  if (!/^\d+$/.test(text)) throw queryError(`Invalid value '${text}' for $top query option found. The $top query option requires a non-negative integer value.`);
  return Number(text);
}

export function readCount(query: URLSearchParams): boolean {
  const text = query.get('$count');
  if (text === null || text === 'false') return false;
  if (text === 'true') return true;
  throw queryError(`'${text}' is not a valid count option.`);
}

export interface ExpandItem {
  navigation: string;
  column: ColumnDef;
  target: TableDef;
  select: ColumnDef[] | null;
}

/** Split on commas that are not inside parentheses. */
function splitTop(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter(Boolean);
}

export function parseExpand(text: string | null, table: TableDef, schema: Schema): ExpandItem[] {
  if (text === null) return [];
  return splitTop(text).map((item) => {
    const m = /^([A-Za-z0-9_]+)(?:\((.*)\))?$/.exec(item);
    if (!m) throw queryError(`Syntax error in $expand: '${item}'.`);
    const navigation = m[1] as string;
    let found: { column: ColumnDef; table: string } | undefined;
    for (const col of table.columns.values()) {
      const t = col.targets?.find((x) => x.navigation === navigation);
      if (t) found = { column: col, table: t.table };
    }
    if (!found) throw propertyNotFound(navigation, table.logicalName);
    const target = schema.table(found.table) as TableDef;
    let select: ColumnDef[] | null = null;
    for (const opt of (m[2] ?? '').split(';').map((s) => s.trim()).filter(Boolean)) {
      const o = /^\$select=(.*)$/.exec(opt);
      // [U] Dataverse allows only $select (and nested $expand) inside a single-valued expansion.
      if (!o) throw queryError(`The query option '${opt.split('=')[0] ?? opt}' is not supported inside the expansion of single-valued navigation property '${navigation}'.`);
      select = resolveSelect(target, o[1] as string);
    }
    return { navigation, column: found.column, target, select };
  });
}

/** `accounts(name,revenue)` / `accounts(name,primarycontactid(fullname))` / `accounts`. */
export function contextTarget(setName: string, select: ColumnDef[] | null, expand: ExpandItem[]): string {
  const names = (select ?? []).map(propertyNameOf);
  for (const e of expand) names.push(`${e.navigation}(${(e.select ?? []).map(propertyNameOf).join(',')})`);
  return names.length ? `${setName}(${names.join(',')})` : setName;
}

export interface RowWriter {
  schema: Schema;
  store: RecordStore;
  prefs: AnnotationPrefs;
}

export function writeRow(w: RowWriter, table: TableDef, row: Row, select: ColumnDef[] | null, expand: ExpandItem[]): Record<string, unknown> {
  const out = serializeRow(w, table, row, select, w.prefs);
  for (const e of expand) {
    const ref = row[e.column.logicalName] as LookupValue | null | undefined;
    const related = ref && ref.table === e.target.logicalName ? w.store.get(ref.table, ref.id) : undefined;
    out[e.navigation] = related ? serializeRow(w, e.target, related, e.select, w.prefs) : null;
  }
  return out;
}
