/** Canonical JSON and content hashes: the same content always hashes the same, whatever its key order. */
import { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted, undefined dropped, so the same content always hashes the same whatever
 * order a connector produced the fields in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Content hash of mapped target content (key + fields): equal hash → nothing to write. */
export function hashContent(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
