/**
 * A stored row as the Web API writes it (FACTS §4, 4.1 #13 [V], samples in webapi-examples.json):
 * `@odata.etag` `W/"<versionnumber>"`, the selected columns, lookups as `_<name>_value` (GUID strings), money and
 * decimals as JSON numbers, datetimes as UTC ISO strings with `Z`, the primary id, and `_transactioncurrencyid_value`
 * whenever a money column is in the answer. Without `$select` every readable column is returned (nulls included).
 * With `Prefer: odata.include-annotations` naming them, choices / lookups / money / booleans carry
 * `@OData.Community.Display.V1.FormattedValue`, lookups `@Microsoft.Dynamics.CRM.lookuplogicalname` and
 * `…associatednavigationproperty` [V names; formatting of values C].
 */
import { isoSeconds } from './clock.ts';
import { propertyNotFound } from './errors.ts';
import type { LookupValue, RecordStore, Row } from './record-store.ts';
import type { ColumnDef, Schema, TableDef } from './schema.ts';

const FORMATTED = 'OData.Community.Display.V1.FormattedValue';

export interface AnnotationPrefs {
  formatted: boolean;
  lookup: boolean;
}

export function readAnnotationPrefs(prefer: string | null | undefined): AnnotationPrefs {
  const m = /odata\.include-annotations\s*=\s*"?([^";]*)"?/i.exec(prefer ?? '');
  const parts = m ? (m[1] as string).split(',').map((p) => p.trim()) : [];
  const wants = (name: string): boolean => parts.some((p) => p === '*' || p === name || (p.endsWith('*') && name.startsWith(p.slice(0, -1))));
  return { formatted: wants(FORMATTED), lookup: wants('Microsoft.Dynamics.CRM.lookuplogicalname') };
}

export const etagOf = (row: Row): string => `W/"${String(row.versionnumber)}"`;

/** The names `$select` accepts for a column: its logical name, or `_<name>_value` for a lookup. */
export function propertyNameOf(col: ColumnDef): string {
  return col.type === 'lookup' ? `_${col.logicalName}_value` : col.logicalName;
}

/** Resolve `$select` names to columns; an unknown or unreadable name is the documented 400. */
export function resolveSelect(table: TableDef, select: string | null): ColumnDef[] | null {
  if (select === null) return null;
  const names = select.split(',').map((s) => s.trim()).filter(Boolean);
  const byProperty = new Map([...table.columns.values()].filter((c) => c.validForRead).map((c) => [propertyNameOf(c), c]));
  return names.map((n) => {
    const col = byProperty.get(n);
    if (!col) throw propertyNotFound(n, table.logicalName);
    return col;
  });
}

function formatMoney(value: number): string {
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export interface SerializeDeps {
  schema: Schema;
  store: RecordStore;
}

export function serializeRow(deps: SerializeDeps, table: TableDef, row: Row, columns: ColumnDef[] | null, prefs: AnnotationPrefs): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.etag': etagOf(row) };
  const chosen = [...(columns ?? [...table.columns.values()].filter((c) => c.validForRead))];
  const idCol = table.columns.get(table.primaryIdAttribute) as ColumnDef;
  if (!chosen.includes(idCol)) chosen.push(idCol);
  const currency = table.columns.get('transactioncurrencyid');
  if (currency && chosen.some((c) => c.type === 'money') && !chosen.includes(currency)) chosen.push(currency);
  for (const col of chosen) writeColumn(deps, out, col, row[col.logicalName], prefs);
  return out;
}

function writeColumn(deps: SerializeDeps, out: Record<string, unknown>, col: ColumnDef, value: unknown, prefs: AnnotationPrefs): void {
  const name = propertyNameOf(col);
  if (value === undefined || value === null) {
    out[name] = null;
    return;
  }
  switch (col.type) {
    case 'lookup': {
      const ref = value as LookupValue;
      out[name] = ref.id;
      if (prefs.formatted) {
        const target = deps.schema.table(ref.table);
        const related = target ? deps.store.get(ref.table, ref.id) : undefined;
        out[`${name}@${FORMATTED}`] = related && target ? (related[target.primaryNameAttribute] ?? null) : null;
      }
      if (prefs.lookup) {
        out[`${name}@Microsoft.Dynamics.CRM.associatednavigationproperty`] = col.targets?.find((t) => t.table === ref.table)?.navigation ?? col.logicalName;
        out[`${name}@Microsoft.Dynamics.CRM.lookuplogicalname`] = ref.table;
      }
      return;
    }
    case 'datetime':
      out[name] = isoSeconds(value as number);
      if (prefs.formatted) out[`${name}@${FORMATTED}`] = new Date(value as number).toLocaleString('en-US', { timeZone: 'UTC' });
      return;
    case 'picklist':
    case 'state':
    case 'status':
      out[name] = value;
      if (prefs.formatted) out[`${name}@${FORMATTED}`] = col.options?.find((o) => o.value === value)?.label ?? String(value);
      return;
    case 'money':
      out[name] = value;
      if (prefs.formatted) out[`${name}@${FORMATTED}`] = formatMoney(value as number);
      return;
    case 'boolean':
      out[name] = value;
      if (prefs.formatted) out[`${name}@${FORMATTED}`] = value ? 'Yes' : 'No';
      return;
    default:
      out[name] = value;
  }
}
