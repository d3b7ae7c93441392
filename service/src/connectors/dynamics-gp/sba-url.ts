/**
 * SBA URLs and query strings. Tenant, company and keys are percent-encoded, including the characters
 * encodeURIComponent leaves alone but that would end or split a `Name(key)` segment: ( ) ' ! *.
 */
import type { GpSbaFacts } from './facts.ts';

export function encodeSbaSegment(value: string): string {
  return encodeURIComponent(value).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Path (below the origin) of a company: `<prefix>/GPService/Tenants(<t>)/Companies(<c>)`. */
export function buildCompanyPath(baseUrl: string, facts: GpSbaFacts, tenant: string, company: string): string {
  const prefix = new URL(baseUrl).pathname.replace(/\/+$/, '');
  return `${prefix}${facts.servicePath}/Tenants(${encodeSbaSegment(tenant)})/Companies(${encodeSbaSegment(company)})`;
}

/** OData string literal: quoted, with ' doubled. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function assertDate(value: string, what: string): string {
  if (!DATE_RE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new TypeError(`${what} must be a date (YYYY-MM-DD), got "${value}"`);
  return value;
}

/**
 * Filter for "modified on or after a date", or — inside a run — "after this (ModifiedDate, id) position":
 * `(ModifiedDate gt D) or (ModifiedDate eq D and CustomerId gt 'X')`, a keyset that never skips records
 * sharing a date (GP dates are day-granular: massive ties, GP-DOMAIN §5).
 */
export function buildModifiedFilter(
  fields: { date: string; id: string },
  from: { modifiedFrom?: string | null; after?: { modifiedDate: string; id: string } | null },
): string | undefined {
  if (from.after) {
    const d = assertDate(from.after.modifiedDate, 'after.modifiedDate');
    return `(${fields.date} gt ${d}) or (${fields.date} eq ${d} and ${fields.id} gt ${quoteLiteral(from.after.id)})`;
  }
  if (from.modifiedFrom) return `${fields.date} ge ${assertDate(from.modifiedFrom, 'modifiedFrom')}`;
  return undefined;
}

export function buildQueryString(params: Array<[string, string | undefined]>): string {
  const parts = params.filter((p): p is [string, string] => p[1] !== undefined).map(([k, v]) => `${encodeURIComponent(k).replace(/%24/g, '$')}=${encodeURIComponent(v)}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}
