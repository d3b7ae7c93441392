/**
 * Where a flow stands on one CDC channel. Persisted by the engine only once the page's outcomes are durable, so
 * the replay id written is always one whose events were fully handled.
 */
export interface SalesforceCdcCursor {
  channel: string;
  /** Base64 of the opaque replay id bytes of the last handled event (or keepalive position); null = none yet. */
  replayId: string | null;
  /** Epoch ms commit time of the last handled change: where a fallback poll starts (FACTS 1.3 #12). */
  lastCommitTimestamp: number | null;
}

/** Equal positions; null (no cursor yet) equals a cursor with neither replay id nor commit timestamp. */
export function sameCursor(a: SalesforceCdcCursor | null, b: SalesforceCdcCursor | null): boolean {
  const replay = (c: SalesforceCdcCursor | null) => c?.replayId ?? null;
  const commit = (c: SalesforceCdcCursor | null) => c?.lastCommitTimestamp ?? null;
  if (a && b && a.channel !== b.channel) return false;
  return replay(a) === replay(b) && commit(a) === commit(b);
}
