/**
 * What the engine needs from a configured connection: a feed for an entity, a writer for an entity, a
 * connection test, and optionally a push face. Each connector module (engine/connector.ts) builds one of these.
 */
import type { MappingOverrides, PushFace } from './connector.ts';
import type { ChangeFeed, Writer } from './types.ts';

export interface ConnectionCheck {
  /** What was checked: reach, tls, auth, version, company, permission:<entity>, api-budget... */
  name: string;
  ok: boolean;
  /** What was found, and when not ok, what to fix. Never a secret. */
  message: string;
}

/** What a feed can tell the engine besides changes (it becomes an audit row). */
export interface FeedHooks {
  /** The feed fell back to another way of reading (e.g. CDC replay refused → poll), with what it read. */
  onFallback?(message: string, details: Record<string, unknown>, requestIds: string[]): void;
}

export interface ConnectionRuntime {
  readonly id: string;
  readonly system: string;
  /** A feed for one flow's source (`key` identifies the flow: push-based feeds keep one subscription per key). */
  feed(entity: string, options: Record<string, unknown>, hooks?: FeedHooks & { key?: string }): ChangeFeed;
  writer(entity: string, matchField: string, options: Record<string, unknown>): Writer;
  /** Child records of many parents at once (flow `source.include`), keyed by parent id. */
  related?(entity: string, parentField: string, parentIds: string[], fields?: string[]): Promise<Map<string, Record<string, unknown>[]>>;
  test(): Promise<ConnectionCheck[]>;
  /** Live numbers for /metrics (requests in flight, API budget left...). */
  gauges?(): Record<string, number>;
  /** The system pushes changes (webhooks, notifications): verify + parse, handshakes, subscription upkeep. */
  readonly push?: PushFace;
  /** The connection keeps admin-edited field mappings (applied over a flow's defaults at each run). */
  readonly mappingOverrides?: MappingOverrides;
  close(): Promise<void>;
}

export interface ConnectionResolver {
  get(id: string): ConnectionRuntime;
  list(): ConnectionRuntime[];
}
