/**
 * The engine's contract with connectors. Vendor-agnostic: nothing here knows GP, Salesforce or BC.
 *
 * A flow reads a ChangeFeed from its cursor, maps each change, skips unchanged content (hash in the link
 * table), writes the rest through a Writer in batches, and advances the cursor only when every change of the
 * page has a durable outcome (written, unchanged, or parked).
 */
import type { ConnectorError } from '../lib/errors.ts';

/** One changed record as read from a source system. */
export interface SourceChange {
  /** Stable id of the record in the source system (trimmed, as the source keys it). */
  id: string;
  /** Version of the record in the source (a row timestamp, replayId, etag...). Part of the job id. */
  version: string;
  op: 'upsert' | 'delete';
  /** The record's fields as the source returned them (already trimmed/normalised by the connector). */
  data: Record<string, unknown>;
}

export interface FeedPage<C> {
  changes: SourceChange[];
  /** Cursor positioned after the last change of this page. Persisted once the page's outcomes are durable. */
  cursor: C;
  /** True if more changes are available right now (read again with `cursor`). */
  hasMore: boolean;
  /** Request ids of the calls that produced this page (audit correlation). */
  requestIds?: string[];
}

export interface ChangeFeed<C = unknown> {
  /**
   * The cursor a new run starts from, given the last persisted one (null = first run ever).
   * A polling feed applies its overlap window here (e.g. GP: watermark date minus overlap, no id tiebreak).
   */
  beginRun(stored: C | null): C | null;
  /** Read the next page after `cursor` (null = from the beginning). Throws ConnectorError for page-level failures. */
  read(cursor: C | null, opts: { pageSize: number; signal?: AbortSignal }): Promise<FeedPage<C>>;
  /** Re-read one record by id (used by replay when the parked payload is stale). Undefined if gone. */
  get?(id: string): Promise<SourceChange | undefined>;
}

/** One mapped record to write. */
export interface WriteItem {
  /** Source id the item came from (for links, audit and error reporting). */
  sourceId: string;
  /** Value of the target's match key (External Id value, alternate key, document number...). */
  key: string;
  /** Target fields to write (target field name → value), already mapped. Does not include the match key field. */
  fields: Record<string, unknown>;
}

export type WriteResult =
  | { ok: true; targetId: string; created: boolean; requestId?: string }
  | { ok: false; error: ConnectorError };

export interface Writer {
  /** Most items one write() call may take (Salesforce collections: 200). */
  readonly maxBatchSize: number;
  /**
   * Write a batch. Per-item results are values in input order; a failure of the whole call
   * (auth, 5xx, network, malformed request) is thrown as a ConnectorError.
   */
  write(items: WriteItem[], opts?: { signal?: AbortSignal }): Promise<WriteResult[]>;
}
