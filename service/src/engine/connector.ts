/**
 * The contract every system plugs in through. Each `connectors/<system>/index.ts` exports one ConnectorModule;
 * the module registry (`connectors/modules.ts`) lists them; nothing else in the service names a system.
 *
 * - A module is static: config schema and secret keys, validation, its field catalog (for the mapping editor), and
 *   the transforms it owns. `create` builds a ConnectionRuntime for one configured connection.
 * - A runtime (engine/connections.ts) has the connection's feeds by entity, writers by target, related-record
 *   reads, its connection test and gauges, and optionally a push face (below) and mapping overrides.
 * - A push face is what a system with a push channel (webhooks, notifications, subscriptions) adds: verify and parse
 *   what it sends (handshakes included), and keep its subscriptions or channels alive. The engine (engine/push.ts)
 *   does the rest for every system alike: the route, the body limit, dedupe, queueing, state, upkeep scheduling.
 */
import type { z } from 'zod';
import type { Logger } from '../lib/logger.ts';
import type { ConnectionWithSecrets, Json } from '../store/types.ts';
import type { EntityCatalog } from './catalog.ts';
import type { ConnectionRuntime } from './connections.ts';
import type { TransformDefinitions } from './transforms.ts';

export interface ConnectorDeps {
  logger: Logger;
  /** Epoch-ms clock (token and subscription expiry); Date.now unless a test injects one. */
  now?: () => number;
}

export interface ConnectorModule {
  /** System id, equal to the connector's folder name (e.g. dynamics-gp). */
  readonly system: string;
  /** The system's name for people ("Dynamics GP"). */
  readonly displayName: string;
  /** The non-secret settings of a connection (what goes in `config`), for documentation and admin forms. */
  readonly configSchema: z.ZodType;
  /** Secret keys this system takes (the rest of the input is non-secret config). */
  readonly secretKeys: readonly string[];
  /** Validate config + secrets; returns problems, each naming its field (empty = valid). */
  validate(config: Record<string, unknown>, secrets: Record<string, string>): string[];
  create(connection: ConnectionWithSecrets, deps: ConnectorDeps): ConnectionRuntime;
  /** The entities the connector reads or writes, as the mapping editor and mapping rows are checked against. */
  readonly catalog: readonly EntityCatalog[];
  /** Transforms that know this system's conventions; merged into the engine's registry at boot. */
  readonly transforms: TransformDefinitions;
}

/** An HTTP request a system pushed to us, as the push face sees it (framework-free). */
export interface PushRequest {
  method: string;
  query: Record<string, string | undefined>;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  /** The raw body (already limited to bodyLimitBytes), undefined without one. */
  body: string | undefined;
}

export interface PushResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One record the notification says changed. */
export interface PushedChange {
  /** The feed entity (as flows name it in `source.entity`). */
  entity: string;
  /** The record id as the entity's feed keys it. */
  id: string;
  op: 'upsert' | 'delete';
  /** The record's version when the notification carries one (a timestamp, an etag); part of the dedupe key. */
  version?: string;
  /**
   * The notification item as received. Without `version`, the dedupe key is a digest of it, so the same
   * notification delivered again queues nothing.
   */
  item?: unknown;
}

export interface PushReceipt {
  /** What to answer the sender once `changes` are queued. */
  response: PushResponse;
  changes: PushedChange[];
  /** Entities to poll now from their cursor (a "too many changes" notification, a record-less one...). */
  catchUp: string[];
}

/** One subscription or channel the system holds for us, as kept in the push_subscriptions table. */
export interface PushSubscriptionState {
  /** Unique per connection, chosen by the connector (e.g. the watched entity set). */
  key: string;
  entity: string;
  /** The system's id of it (subscription id, channel id). */
  externalId: string | null;
  expiresAt: Date | null;
  lastRenewedAt: Date | null;
  /** The last upkeep's failure, null when it worked. */
  lastError: string | null;
  /** What the connector needs to renew or recreate it (etag, resource, notification URL...). */
  state: Json;
}

export interface PushHealth {
  key: string;
  entity: string;
  ok: boolean;
  /** created, renewed, recreated, adopted, unchanged, removed, failed. */
  action: string;
  message: string;
}

export interface PushUpkeepResult {
  /** The subscriptions as they are now: these rows replace the connection's stored ones (absent keys are dropped). */
  state: PushSubscriptionState[];
  /** Entities to poll now: changes made while nothing was subscribed were never notified. */
  catchUp: string[];
  health: PushHealth[];
}

export interface PushUpkeepContext {
  now(): number;
  logger: Logger;
}

/** What a runtime adds when its system pushes changes (see the module comment). */
export interface PushFace {
  /** Largest body accepted; counted while the body streams in, larger is answered 413 unread. */
  readonly bodyLimitBytes: number;
  /** How long the sender waits for an answer; the route answers within it (503 + Retry-After if it cannot). */
  readonly timeoutMs: number;
  /** How often upkeep() runs (absent with no upkeep). */
  readonly upkeepIntervalMs?: number;
  /** Verify, answer a handshake, or parse a notification. Throwing is our fault: the sender gets 503 and retries. */
  receive(req: PushRequest): Promise<PushReceipt>;
  /** Create, renew before expiry, recreate when lost; given the stored state, returns the state to keep. */
  upkeep?(stored: PushSubscriptionState[], ctx: PushUpkeepContext): Promise<PushUpkeepResult>;
}

/** A mapping override row as an admin edited it in the CRM (one target field; text, as the editor keeps it). */
export interface MappingOverrideRow {
  target: string;
  source: string | null;
  transform: string | null;
}

/** Where a connection keeps admin-edited field mappings (Salesforce: the package's Field_Mapping__c). */
export interface MappingOverrides {
  read(flowId: string): Promise<MappingOverrideRow[]>;
}
