/**
 * What the engine, the HTTP layer and the connectors need from the store. One implementation
 * (drizzle over PGlite or postgres.js); every method behaves the same on both engines.
 */
import type { ErrorCategory } from '../lib/errors.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ConnectionInput {
  id: string;
  system: string;
  name: string;
  /** Non-secret settings (base URL, tenant, company, user name...). */
  config: Record<string, unknown>;
  /** Secret settings (password, client secret...). Encrypted at rest; never returned by list(). */
  secrets: Record<string, string>;
}
export interface ConnectionSummary {
  id: string;
  system: string;
  name: string;
  config: Record<string, unknown>;
  /** Names of the secrets that are set, never their values. */
  secretNames: string[];
  createdAt: Date;
  updatedAt: Date;
}
export interface ConnectionWithSecrets extends ConnectionSummary {
  secrets: Record<string, string>;
}

export interface RecordLink {
  flowId: string;
  sourceConnection: string;
  sourceEntity: string;
  sourceId: string;
  targetConnection: string;
  targetEntity: string;
  targetId: string | null;
  /** Match-key value written on the target (External Id value etc.). */
  targetKey: string;
  /** Hash of the last mapped content written to the target. */
  contentHash: string;
  sourceVersion: string;
  updatedAt: Date;
}
export type RecordLinkInput = Omit<RecordLink, 'updatedAt'>;

export type AuditOutcome =
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'parked'
  | 'refused'
  | 'deleted'
  | 'run_started'
  | 'run_succeeded'
  | 'run_failed'
  | 'replay_requested'
  | 'fallback';

export interface AuditEventInput {
  flowId: string | null;
  runId: string | null;
  sourceId?: string | null;
  sourceVersion?: string | null;
  targetId?: string | null;
  contentHash?: string | null;
  outcome: AuditOutcome;
  errorCategory?: ErrorCategory | null;
  message?: string | null;
  requestIds?: string[];
  details?: Record<string, Json>;
}
export interface AuditEvent extends Required<Omit<AuditEventInput, 'details' | 'requestIds'>> {
  id: number;
  at: Date;
  requestIds: string[];
  details: Record<string, Json>;
}
export interface AuditQuery {
  flowId?: string;
  runId?: string;
  /** Matches source id or target id. */
  recordId?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
  /** Return events with id < beforeId (paging, newest first). */
  beforeId?: number;
  limit?: number;
}

export interface ParkedInput {
  flowId: string;
  sourceId: string;
  sourceVersion: string;
  category: ErrorCategory;
  reason: string;
  /** The source change as read, so replay can re-run it without re-reading the source. */
  payload: Json;
}
export interface ParkedRecord extends ParkedInput {
  id: number;
  status: 'parked' | 'resolved';
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
}
export interface ParkedQuery {
  flowId?: string;
  category?: ErrorCategory;
  status?: 'parked' | 'resolved';
  sourceId?: string;
  /** Any of these source ids (batch lookup of open parked rows for a page of changes). */
  sourceIds?: string[];
  ids?: number[];
  limit?: number;
}

export interface JobInput {
  /** Deterministic id, e.g. `${flowId}:${sourceId}:${sourceVersion}`. Enqueueing an existing id is a no-op. */
  id: string;
  kind: string;
  payload: Json;
  runAfter?: Date;
}
export interface Job extends Required<JobInput> {
  status: 'queued' | 'running' | 'done' | 'failed';
  attempts: number;
  lastError: string | null;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RunRecord {
  id: string;
  flowId: string;
  trigger: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: Date;
  finishedAt: Date | null;
  stats: Record<string, number>;
  error: string | null;
}

/** A subscription or channel a system holds for a connection's push face (engine/connector.ts). */
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

/** A pushed record version, queued once (the dedupe key). */
export interface PushReceipt {
  connectionId: string;
  entity: string;
  recordId: string;
  version: string;
}

export interface StoreOps {
  connections: {
    /** Create or update; a secret omitted from `secrets` keeps its stored value. */
    upsert(input: ConnectionInput): Promise<ConnectionSummary>;
    list(): Promise<ConnectionSummary[]>;
    get(id: string): Promise<ConnectionWithSecrets | undefined>;
    delete(id: string): Promise<boolean>;
  };
  flows: {
    /** Flow state kept in the store (definitions are code/config; the store keeps enabled + last run). */
    setEnabled(flowId: string, enabled: boolean): Promise<void>;
    isEnabled(flowId: string): Promise<boolean | undefined>;
  };
  cursors: {
    get<C = Json>(flowId: string): Promise<C | null>;
    set(flowId: string, value: Json): Promise<void>;
  };
  links: {
    get(flowId: string, sourceIds: string[]): Promise<Map<string, RecordLink>>;
    /** Links of a flow by target id (lookups such as Order.AccountId → the GP customer linked to that Account). */
    getByTarget(flowId: string, targetIds: string[]): Promise<Map<string, RecordLink>>;
    upsert(links: RecordLinkInput[]): Promise<void>;
    findBySource(sourceConnection: string, sourceEntity: string, sourceId: string): Promise<RecordLink[]>;
    findByTarget(targetConnection: string, targetEntity: string, targetId: string): Promise<RecordLink[]>;
  };
  audit: {
    append(events: AuditEventInput[]): Promise<void>;
    query(q: AuditQuery): Promise<AuditEvent[]>;
  };
  parked: {
    /** Park (or re-park: same flow + source id updates the open row, attempts + 1). */
    park(entries: ParkedInput[]): Promise<void>;
    list(q: ParkedQuery): Promise<ParkedRecord[]>;
    /** Mark open rows for these flow+source ids resolved (a later successful write). */
    resolve(flowId: string, sourceIds: string[]): Promise<number>;
    count(q?: { flowId?: string }): Promise<number>;
  };
  jobs: {
    /** Returns the ids actually inserted (existing ids are left untouched). */
    enqueue(jobs: JobInput[]): Promise<string[]>;
    /** Claim up to `limit` due jobs of these kinds (FOR UPDATE SKIP LOCKED), leasing them for leaseMs. */
    claim(kinds: string[], limit: number, leaseMs: number): Promise<Job[]>;
    complete(ids: string[]): Promise<void>;
    /** Put back for a later attempt. */
    retry(id: string, runAfter: Date, error: string): Promise<void>;
    fail(id: string, error: string): Promise<void>;
    get(id: string): Promise<Job | undefined>;
    counts(): Promise<Record<string, number>>;
  };
  push: {
    subscriptions(connectionId: string): Promise<PushSubscriptionState[]>;
    /** The connection's subscriptions become exactly `rows` (keys not listed are dropped). */
    replaceSubscriptions(connectionId: string, rows: PushSubscriptionState[]): Promise<void>;
    /** Record receipts; returns those not seen before (the ones to queue). */
    recordReceipts(receipts: PushReceipt[]): Promise<PushReceipt[]>;
    /** Drop receipts older than `before`; returns how many. */
    pruneReceipts(before: Date): Promise<number>;
  };
  runs: {
    start(run: { id: string; flowId: string; trigger: string }): Promise<void>;
    finish(id: string, status: 'succeeded' | 'failed', stats: Record<string, number>, error?: string | null): Promise<void>;
    list(q: { flowId?: string; limit?: number }): Promise<RunRecord[]>;
  };
}

export interface Store extends StoreOps {
  readonly kind: 'pglite' | 'postgres';
  /** Run fn in one database transaction; everything written through `tx` commits or rolls back together. */
  transaction<T>(fn: (tx: StoreOps) => Promise<T>): Promise<T>;
  /**
   * Run fn while holding a cluster-wide lock on `key` (Postgres advisory lock on a session/transaction).
   * Returns { acquired: false } immediately if another holder has it.
   */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }>;
  /** Cheap round trip for /ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
