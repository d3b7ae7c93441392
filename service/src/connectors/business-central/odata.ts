/** OData literal and query helpers for BC's `$filter` (FACTS §3). */

/** A string literal: single quotes, embedded quotes doubled. */
export function stringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * A DateTimeOffset literal, unquoted (FACTS 3.1 #13: `lastModifiedDateTime gt 2024-01-01T00:00:00Z`).
 * A quoted one is a type error in BC's OData stack.
 */
export function dateTimeLiteral(value: string | Date): string {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new TypeError(`not a date-time: ${String(value)}`);
  return new Date(ms).toISOString();
}

/** `(field eq 'a' or field eq 'b')` for a list of string keys. */
export function anyOf(field: string, values: string[]): string {
  return `(${values.map((v) => `${field} eq ${stringLiteral(v)}`).join(' or ')})`;
}

/** Split a list into chunks (filters with many `or` terms make long URLs; batches take ≤ 100). */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface ODataQuery {
  filter?: string;
  select?: string[];
  orderby?: string;
  top?: number;
}

/** Query string with `$` options percent-encoded the way BC expects (%20 for spaces, never '+'). */
export function toQueryString(q: ODataQuery): string {
  const parts: string[] = [];
  if (q.filter) parts.push(`$filter=${encodeURIComponent(q.filter)}`);
  if (q.select?.length) parts.push(`$select=${encodeURIComponent(q.select.join(','))}`);
  if (q.orderby) parts.push(`$orderby=${encodeURIComponent(q.orderby)}`);
  if (q.top !== undefined) parts.push(`$top=${q.top}`);
  return parts.join('&');
}
