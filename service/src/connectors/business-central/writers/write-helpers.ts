/** Shared pieces of the BC writers: key normalisation, field checks, diffs against what BC holds, lookups. */
import { ConnectorError } from '../../../lib/errors.ts';
import type { BcClient } from '../client.ts';
import { CODE_FIELDS } from '../entities.ts';
import { anyOf, chunk } from '../odata.ts';

/** Keys per `$filter=(k eq 'a' or k eq 'b' …)`: keeps URLs short. */
const KEYS_PER_LOOKUP = 20;

/** A key as BC stores it: trimmed and upper-case (Code fields), and no longer than BC takes. */
export function normalizeKey(raw: string, field: string, maxLength: number): string {
  const key = raw.trim().toUpperCase();
  if (key === '') throw new ConnectorError('validation', `${field} is empty`, { fields: [field] });
  if (key.length > maxLength) {
    throw new ConnectorError('validation', `${field} "${key}" is ${key.length} characters long; Business Central takes at most ${maxLength}`, { fields: [field] });
  }
  return key;
}

export function checkWritable(fields: Record<string, unknown>, writable: readonly string[], entity: string, except: readonly string[] = []): void {
  const unknown = Object.keys(fields).filter((f) => !writable.includes(f) && !except.includes(f));
  if (unknown.length > 0) {
    throw new ConnectorError('validation', `${entity}: ${unknown.map((f) => `"${f}"`).join(', ')} cannot be written through the API (writable: ${writable.join(', ')})`, {
      fields: unknown,
    });
  }
}

function normalizeValue(field: string, value: unknown, like: unknown): unknown {
  if (value === null || value === undefined) {
    if (typeof like === 'number') return 0;
    if (typeof like === 'boolean') return false;
    return '';
  }
  if (typeof value === 'string' && CODE_FIELDS.has(field)) return value.toUpperCase();
  return value;
}

/** Body for a create: nulls dropped (BC applies its defaults), Code values upper-cased. */
export function createBody(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== null && v !== undefined) out[k] = normalizeValue(k, v, v);
  return out;
}

/** The properties whose desired value differs from what BC holds (a null means "blank"). */
export function diffFields(existing: Record<string, unknown>, desired: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(desired)) {
    const want = normalizeValue(k, v, existing[k]);
    const have = existing[k];
    const same = typeof want === 'number' && typeof have === 'number' ? Math.abs(want - have) < 1e-9 : want === have;
    if (!same) patch[k] = want;
  }
  return patch;
}

/** Records whose `field` equals one of `keys`, grouped by that key (BC stores Code keys upper-case). */
export async function lookupByKeys<T extends Record<string, unknown>>(client: BcClient, path: string, field: string, keys: string[], select?: string[]): Promise<Map<string, T[]>> {
  const found = new Map<string, T[]>();
  for (const group of chunk([...new Set(keys)], KEYS_PER_LOOKUP)) {
    const rows = await client.listAll<T>(path, { filter: anyOf(field, group), select });
    for (const row of rows) {
      const k = String(row[field]).toUpperCase();
      found.set(k, [...(found.get(k) ?? []), row]);
    }
  }
  return found;
}

/** Split items so that no round holds the same key twice (the second one must see the first one's result). */
export function splitRounds<T>(items: T[], keyOf: (item: T) => string | undefined): T[][] {
  const rounds: T[][] = [];
  const seen: Array<Set<string>> = [];
  for (const item of items) {
    const key = keyOf(item);
    let r = key === undefined ? 0 : seen.findIndex((s) => !s.has(key));
    if (r === -1) r = rounds.length;
    const round = (rounds[r] ??= []);
    const keys = (seen[r] ??= new Set());
    round.push(item);
    if (key !== undefined) keys.add(key);
  }
  return rounds;
}
