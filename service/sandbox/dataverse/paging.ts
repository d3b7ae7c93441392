/**
 * Server-driven paging (FACTS §4, 4.1 #4 [V], page-results.md): `Prefer: odata.maxpagesize=N` (default and maximum
 * 5,000; echoed in `Preference-Applied`), `@odata.nextLink` while rows remain, none on the last page. The nextLink
 * carries a `$skiptoken` shaped like Dataverse's paging cookie — `<cookie pagenumber="2" pagingcookie="…"
 * istracking="False" />` with the percent-encoded inner `<cookie page="1"><col last=… first=… /></cookie>` — and is
 * to be followed verbatim. The cookie holds the sort key of the page's last row, so rows written between pages
 * neither repeat nor vanish. `$skip` is not supported (error); `$top` with maxpagesize → `$top` ignored [V].
 * [U] A maxpagesize above 5,000 is capped to 5,000 (`oversizedPageSize: 'cap'`, default) or refused with 400
 * (`'error'`).
 */
import { queryError } from './errors.ts';
import type { LookupValue, Row } from './record-store.ts';
import type { ColumnDef, TableDef } from './schema.ts';
import { propertyNameOf } from './serializer.ts';

export const MAX_PAGE_SIZE = 5_000;

export interface SortField {
  column: ColumnDef;
  desc: boolean;
}

export interface PagePosition {
  pageNumber: number;
  lastKey: Array<string | number | boolean | null>;
  /** Change-tracking pages carry the version their deltaLink will start from. */
  snapshot?: number;
}

export function readMaxPageSize(prefer: string | null | undefined, oversized: 'cap' | 'error'): number | undefined {
  const m = /odata\.maxpagesize\s*=\s*"?(\d+)"?/i.exec(prefer ?? '');
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n < 1) throw queryError(`The value '${m[1] as string}' of odata.maxpagesize is not valid; it must be a positive integer.`);
  if (n > MAX_PAGE_SIZE) {
    if (oversized === 'error') throw queryError(`The odata.maxpagesize value ${n} exceeds the maximum page size of ${MAX_PAGE_SIZE}.`);
    return MAX_PAGE_SIZE;
  }
  return n;
}

export function parseOrderBy(text: string | null, table: TableDef): SortField[] {
  const byProperty = new Map([...table.columns.values()].filter((c) => c.validForRead).map((c) => [propertyNameOf(c), c]));
  const fields: SortField[] = (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const [name = '', dir = 'asc', extra] = part.split(/\s+/);
      const column = byProperty.get(name);
      if (!column) throw queryError(`Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`);
      if ((dir !== 'asc' && dir !== 'desc') || extra) throw queryError(`Syntax error at position ${part.length} in '${part}'.`);
      return { column, desc: dir === 'desc' };
    });
  // The primary key closes every sort, so the order (and the paging cookie) is total.
  const id = table.columns.get(table.primaryIdAttribute) as ColumnDef;
  if (!fields.some((f) => f.column === id)) fields.push({ column: id, desc: false });
  return fields;
}

function keyPart(row: Row, col: ColumnDef): string | number | boolean | null {
  const v = row[col.logicalName];
  if (v === undefined || v === null) return null;
  if (col.type === 'lookup') return (v as LookupValue).id;
  return typeof v === 'string' && col.type !== 'uniqueidentifier' ? v.toLowerCase() : (v as string | number | boolean);
}

export const sortKeyOf = (row: Row, order: SortField[]): Array<string | number | boolean | null> => order.map((f) => keyPart(row, f.column));

export function compareKeys(a: Array<string | number | boolean | null>, b: Array<string | number | boolean | null>, order: SortField[]): number {
  for (let i = 0; i < order.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    // SQL Server sorts NULL first in ascending order.
    const c = x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
    return (order[i] as SortField).desc ? -c : c;
  }
  return 0;
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const xmlUnescape = (s: string): string => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const encodeLower = (s: string): string => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

function cookieValue(v: string | number | boolean | null, col: ColumnDef): string {
  if (col.type === 'uniqueidentifier' || col.type === 'lookup') return `{${String(v).toUpperCase()}}`;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (col.type === 'datetime') return new Date(v as number).toISOString();
  return String(v);
}

function parseCookieValue(text: string, col: ColumnDef): string | number | boolean {
  if (col.type === 'uniqueidentifier' || col.type === 'lookup') return text.replace(/[{}]/g, '').toLowerCase();
  if (col.type === 'boolean') return text === '1';
  if (col.type === 'datetime') return Date.parse(text);
  if (col.type === 'string' || col.type === 'memo') return text.toLowerCase();
  return Number(text);
}

/** The decoded `$skiptoken` value for the page after `rows`. */
export function encodePagingCookie(pos: PagePosition, firstKey: PagePosition['lastKey'], order: SortField[], tracking: boolean): string {
  const parts = order.map((f, i) => {
    const last = pos.lastKey[i] ?? null;
    const first = firstKey[i] ?? null;
    const lastAttr = last === null ? 'lastnull="1"' : `last="${xmlEscape(cookieValue(last, f.column))}"`;
    const firstAttr = first === null ? 'firstnull="1"' : `first="${xmlEscape(cookieValue(first, f.column))}"`;
    return `<${f.column.logicalName} ${lastAttr} ${firstAttr} />`;
  });
  const snapshot = pos.snapshot === undefined ? '' : ` snapshot="${pos.snapshot}"`;
  const inner = `<cookie page="${pos.pageNumber - 1}"${snapshot}>${parts.join('')}</cookie>`;
  return `<cookie pagenumber="${pos.pageNumber}" pagingcookie="${encodeLower(inner)}" istracking="${tracking ? 'True' : 'False'}" />`;
}

export function decodePagingCookie(token: string, order: SortField[]): PagePosition {
  const invalid = () => queryError(`The $skiptoken value '${token}' is not valid for this request. Follow the @odata.nextLink as returned.`);
  const outer = /^<cookie pagenumber="(\d+)" pagingcookie="([^"]*)" istracking="(True|False)" \/>$/.exec(token);
  if (!outer) throw invalid();
  let inner: string;
  try {
    inner = decodeURIComponent(outer[2] as string);
  } catch {
    throw invalid();
  }
  const head = /^<cookie page="\d+"(?: snapshot="(\d+)")?>(.*)<\/cookie>$/.exec(inner);
  if (!head) throw invalid();
  const elements = [...(head[2] as string).matchAll(/<([a-z0-9_]+) (?:last="([^"]*)"|lastnull="1") (?:first="[^"]*"|firstnull="1") \/>/g)];
  if (elements.length !== order.length || elements.some((m, i) => m[1] !== order[i]?.column.logicalName)) throw invalid();
  const lastKey = elements.map((m, i) => (m[2] === undefined ? null : parseCookieValue(xmlUnescape(m[2]), (order[i] as SortField).column)));
  return { pageNumber: Number(outer[1]), lastKey, snapshot: head[1] === undefined ? undefined : Number(head[1]) };
}

/** The query string of the next page: the request's own options, in order, with the new `$skiptoken`. */
export function nextQuery(query: URLSearchParams, cookie: string): string {
  const parts: string[] = [];
  for (const [k, v] of query) if (k !== '$skiptoken') parts.push(`${k}=${encodeURIComponent(v).replace(/%2C/g, ',')}`);
  parts.push(`$skiptoken=${encodeURIComponent(cookie).replace(/%3D/g, '=').replace(/%2F/g, '/')}`);
  return parts.join('&');
}
