/**
 * Collection reads: `$filter`, `$orderby`, `$top`, `$select`, and server-driven paging (FACTS §3 [V]):
 * `Prefer: odata.maxpagesize=N` (capped at 20,000; larger → 413), pages continued by an `@odata.nextLink`
 * carrying an opaque `$skiptoken`. The skiptoken is key-based (the last row's sort key), so rows inserted or
 * changed between pages neither repeat nor vanish the way offsets would make them.
 */
import { bcError } from './errors.ts';
import { matchesFilter, parseFilter } from './odata-filter.ts';
import type { EntityShape } from './shapes.ts';

/** FACTS §3 [V]: the online cap on odata.maxpagesize. */
export const MAX_PAGE_SIZE_LIMIT = 20_000;
const SUPPORTED_OPTIONS = new Set(['$filter', '$top', '$select', '$orderby', '$skiptoken']);

type SortKey = Array<string | number | boolean>;
interface Skip {
  k: SortKey;
  n: number;
}

export interface PageRequest {
  query: URLSearchParams;
  preferHeader: string | undefined;
  /** The server's own page size when the client states none. */
  defaultPageSize: number;
}

export interface PageResult {
  rows: Record<string, unknown>[];
  /** Query string for the next page (without '?'), if there is one. */
  nextQuery?: string;
  appliedPageSize?: number;
}

export function readMaxPageSize(prefer: string | undefined): number | undefined {
  const m = /odata\.maxpagesize\s*=\s*"?(\d+)"?/i.exec(prefer ?? '');
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n > MAX_PAGE_SIZE_LIMIT) {
    throw bcError(413, 'BadRequest', `The page size ${n} requested by odata.maxpagesize exceeds the maximum allowed page size of ${MAX_PAGE_SIZE_LIMIT}.`);
  }
  return n > 0 ? n : undefined;
}

export function checkQueryOptions(query: URLSearchParams, allowed: Set<string> = SUPPORTED_OPTIONS): void {
  for (const key of query.keys()) {
    if (key.startsWith('$') && !allowed.has(key)) throw bcError(400, 'BadRequest', `The query parameter '${key}' is not supported.`);
  }
}

export function applySelect(row: Record<string, unknown>, select: string | null, shape: EntityShape, typeName: string): Record<string, unknown> {
  if (!select) return row;
  const out: Record<string, unknown> = {};
  for (const name of select.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(name in shape)) throw bcError(400, 'BadRequest', `Could not find a property named '${name}' on type 'Microsoft.NAV.${typeName}'.`);
    out[name] = row[name];
  }
  return out;
}

function parseOrderBy(text: string | null, shape: EntityShape, typeName: string): Array<{ field: string; desc: boolean }> {
  const fields = (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const [field = '', dir = 'asc', extra] = part.split(/\s+/);
      if (!(field in shape)) throw bcError(400, 'BadRequest', `Could not find a property named '${field}' on type 'Microsoft.NAV.${typeName}'.`);
      if ((dir !== 'asc' && dir !== 'desc') || extra) throw bcError(400, 'BadRequest', `Syntax error in '$orderby': '${part}'.`);
      return { field, desc: dir === 'desc' };
    });
  // BC's default order is the table key; `number` stands in for it. `id` always closes ties so paging is total.
  if (fields.length === 0 && 'number' in shape) fields.push({ field: 'number', desc: false });
  fields.push({ field: 'id', desc: false });
  return fields;
}

function compareKeys(a: SortKey, b: SortKey, desc: boolean[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string | number | boolean;
    const y = b[i] as string | number | boolean;
    if (x === y) continue;
    const c = x < y ? -1 : 1;
    return desc[i] ? -c : c;
  }
  return 0;
}

function decodeSkip(token: string): Skip {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Skip;
    if (Array.isArray(parsed.k) && typeof parsed.n === 'number') return parsed;
  } catch {
    // fall through to the 400 below
  }
  throw bcError(400, 'BadRequest', `The skip token value '${token}' is invalid.`);
}

export function readPage(all: Record<string, unknown>[], shape: EntityShape, typeName: string, req: PageRequest): PageResult {
  const { query } = req;
  checkQueryOptions(query);
  const filterText = query.get('$filter');
  const filter = filterText ? parseFilter(filterText, shape, typeName) : undefined;
  const order = parseOrderBy(query.get('$orderby'), shape, typeName);
  const topText = query.get('$top');
  const top = topText === null ? undefined : Number(topText);
  if (top !== undefined && (!Number.isInteger(top) || top < 0)) throw bcError(400, 'BadRequest', `Invalid value '${topText}' for $top query option.`);
  const preferred = readMaxPageSize(req.preferHeader);
  const pageSize = preferred ?? req.defaultPageSize;

  const keyOf = (row: Record<string, unknown>): SortKey => order.map((o) => row[o.field] as string | number | boolean);
  const desc = order.map((o) => o.desc);
  const sorted = all.filter((r) => !filter || matchesFilter(filter, r)).sort((a, b) => compareKeys(keyOf(a), keyOf(b), desc));

  const skipText = query.get('$skiptoken');
  const skip = skipText ? decodeSkip(skipText) : { k: undefined, n: 0 };
  const after = skip.k ? sorted.filter((r) => compareKeys(keyOf(r), skip.k as SortKey, desc) > 0) : sorted;
  const remaining = top === undefined ? Infinity : Math.max(0, top - skip.n);
  const take = Math.min(pageSize, remaining);
  const rows = after.slice(0, take);
  const last = rows.at(-1);
  const morePossible = after.length > rows.length && skip.n + rows.length < (top ?? Infinity);
  const result: PageResult = { rows, appliedPageSize: preferred };
  if (morePossible && last) {
    const next = new URLSearchParams(query);
    next.set('$skiptoken', Buffer.from(JSON.stringify({ k: keyOf(last), n: skip.n + rows.length } satisfies Skip)).toString('base64url'));
    result.nextQuery = next.toString().replace(/%24/g, '$');
  }
  return result;
}
