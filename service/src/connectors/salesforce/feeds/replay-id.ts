/**
 * Replay ids are opaque bytes that must be stored and returned byte-exact (FACTS 1.3 #1). The cursor keeps them
 * as base64. The Pub/Sub client exchanges them as numbers (it reads the 8 bytes as an unsigned big-endian
 * integer and writes them back the same way), so only 8-byte ids below 2^53 survive the round trip.
 */
export function replayIdToBase64(replayId: number): string {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(BigInt(replayId));
  return buf.toString('base64');
}

/** The client's number for a stored replay id, or undefined if the bytes are not an id the client can send back. */
export function replayIdFromBase64(encoded: string): number | undefined {
  const buf = Buffer.from(encoded, 'base64');
  if (buf.length !== 8 || buf.toString('base64') !== encoded) return undefined;
  const value = buf.readBigUInt64BE();
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
}
