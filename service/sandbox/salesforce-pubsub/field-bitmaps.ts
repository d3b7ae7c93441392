import type { CdcSchema } from './cdc-schema.ts';

const hex = (bits: bigint): string => `0x${bits.toString(16).toUpperCase()}`;

/**
 * Encodes field names as Pub/Sub bitmaps (FACTS 1.1 payload quirks, 1.3 #6): element 0 is a bitmap over top-level
 * Avro field positions (bit n = field n, the header being field 0); `N-0xHH` entries are bitmaps over the
 * sub-fields of the compound field at position N. A compound field's own bit stays clear — only its sub-field
 * bitmap names the change, which is how the real decoded example lists `BillingAddress.City`. Upper-case hex:
 * the client's decoder only understands upper-case digits.
 */
export function encodeFieldBitmaps(schema: CdcSchema, sourceFieldNames: readonly string[]): string[] {
  const wanted = new Set(sourceFieldNames);
  let top = 0n;
  const nested: string[] = [];
  for (const field of schema.fields) {
    if (field.kind === 'scalar') {
      if (wanted.has(field.source)) top |= 1n << BigInt(field.position);
      continue;
    }
    let bits = 0n;
    field.children.forEach((child, i) => {
      if (wanted.has(child.source)) bits |= 1n << BigInt(i);
    });
    if (bits !== 0n) nested.push(`${field.position}-${hex(bits)}`);
  }
  if (top === 0n && nested.length === 0) return [];
  return [hex(top), ...nested];
}
