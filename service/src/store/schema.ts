/**
 * The service's tables (drizzle pg-core). One schema for both engines: PGlite (PostgreSQL 18 in wasm) and
 * PostgreSQL 15+ run the same generated migrations (TOOLCHAIN §2). No pgEnum and no schema-qualified names, so
 * the whole set can live inside any Postgres schema chosen at open time (search_path).
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  primaryKey,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { ErrorCategory } from '../lib/errors.ts';
import type { AuditOutcome, Json } from './types.ts';

/**
 * Millisecond precision: PostgreSQL keeps microseconds but a JS Date only milliseconds, so a microsecond value
 * read back and used as a bound (`at <= to`, paging) would no longer match its own row.
 */
const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });
const createdAt = () => timestamptz('created_at').notNull().defaultNow();
const updatedAt = () => timestamptz('updated_at').notNull().defaultNow();

export const connections = pgTable('connections', {
  id: text('id').primaryKey(),
  system: text('system').notNull(),
  name: text('name').notNull(),
  config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
  /** Names only, so list() never needs the key; the values live in secrets_sealed. */
  secretNames: jsonb('secret_names').$type<string[]>().notNull().default([]),
  /** One secret-box blob holding the JSON object of every secret, bound to the connection id. */
  secretsSealed: text('secrets_sealed').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const flowStates = pgTable('flow_states', {
  flowId: text('flow_id').primaryKey(),
  enabled: boolean('enabled').notNull(),
  updatedAt: updatedAt(),
});

export const cursors = pgTable('cursors', {
  flowId: text('flow_id').primaryKey(),
  value: jsonb('value').$type<Json>(),
  updatedAt: updatedAt(),
});

export const recordLinks = pgTable(
  'record_links',
  {
    flowId: text('flow_id').notNull(),
    sourceConnection: text('source_connection').notNull(),
    sourceEntity: text('source_entity').notNull(),
    sourceId: text('source_id').notNull(),
    targetConnection: text('target_connection').notNull(),
    targetEntity: text('target_entity').notNull(),
    targetId: text('target_id'),
    targetKey: text('target_key').notNull(),
    contentHash: text('content_hash').notNull(),
    sourceVersion: text('source_version').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'record_links_pk', columns: [t.flowId, t.sourceId] }),
    index('record_links_source_idx').on(t.sourceConnection, t.sourceEntity, t.sourceId),
    index('record_links_target_idx').on(t.targetConnection, t.targetEntity, t.targetId),
  ],
);

export const jobs = pgTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Json>(),
    status: text('status').$type<'queued' | 'running' | 'done' | 'failed'>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    runAfter: timestamptz('run_after').notNull().defaultNow(),
    lockedUntil: timestamptz('locked_until'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('jobs_status_check', sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
    // claim() scans by status + kind, oldest due first; lease expiry is checked on the running rows it finds.
    index('jobs_claim_idx').on(t.status, t.kind, t.runAfter),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamptz('at').notNull().defaultNow(),
    flowId: text('flow_id'),
    runId: text('run_id'),
    sourceId: text('source_id'),
    sourceVersion: text('source_version'),
    targetId: text('target_id'),
    contentHash: text('content_hash'),
    outcome: text('outcome').$type<AuditOutcome>().notNull(),
    errorCategory: text('error_category').$type<ErrorCategory>(),
    message: text('message'),
    requestIds: jsonb('request_ids').$type<string[]>().notNull().default([]),
    details: jsonb('details').$type<Record<string, Json>>().notNull().default({}),
  },
  (t) => [
    index('audit_events_flow_idx').on(t.flowId, t.id),
    index('audit_events_run_idx').on(t.runId, t.id),
    index('audit_events_source_idx').on(t.sourceId, t.id),
    index('audit_events_target_idx').on(t.targetId, t.id),
    index('audit_events_at_idx').on(t.at),
  ],
);

export const parkedRecords = pgTable(
  'parked_records',
  {
    id: serial('id').primaryKey(),
    flowId: text('flow_id').notNull(),
    sourceId: text('source_id').notNull(),
    sourceVersion: text('source_version').notNull(),
    category: text('category').$type<ErrorCategory>().notNull(),
    reason: text('reason').notNull(),
    payload: jsonb('payload').$type<Json>(),
    attempts: integer('attempts').notNull().default(1),
    status: text('status').$type<'parked' | 'resolved'>().notNull().default('parked'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('parked_records_status_check', sql`${t.status} in ('parked', 'resolved')`),
    // At most one open row per record: re-parking updates it, resolved rows stay as history.
    uniqueIndex('parked_records_open_idx').on(t.flowId, t.sourceId).where(sql`status = 'parked'`),
    index('parked_records_list_idx').on(t.status, t.flowId, t.category),
  ],
);

export const runs = pgTable(
  'runs',
  {
    id: text('id').primaryKey(),
    flowId: text('flow_id').notNull(),
    trigger: text('trigger').notNull(),
    status: text('status').$type<'running' | 'succeeded' | 'failed'>().notNull().default('running'),
    startedAt: timestamptz('started_at').notNull().defaultNow(),
    finishedAt: timestamptz('finished_at'),
    stats: jsonb('stats').$type<Record<string, number>>().notNull().default({}),
    error: text('error'),
  },
  (t) => [
    check('runs_status_check', sql`${t.status} in ('running', 'succeeded', 'failed')`),
    index('runs_flow_idx').on(t.flowId, t.startedAt),
  ],
);

/** Subscriptions or channels a system holds for a connection's push face (webhooks), kept alive by upkeep. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    connectionId: text('connection_id').notNull(),
    /** Chosen by the connector, unique per connection (e.g. the watched entity set). */
    key: text('key').notNull(),
    entity: text('entity').notNull(),
    externalId: text('external_id'),
    expiresAt: timestamptz('expires_at'),
    lastRenewedAt: timestamptz('last_renewed_at'),
    lastError: text('last_error'),
    state: jsonb('state').$type<Json>().notNull().default({}),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ name: 'push_subscriptions_pk', columns: [t.connectionId, t.key] })],
);

/** One row per pushed record version already queued: a replayed notification finds its row and queues nothing. */
export const pushReceipts = pgTable(
  'push_receipts',
  {
    connectionId: text('connection_id').notNull(),
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    version: text('version').notNull(),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'push_receipts_pk', columns: [t.connectionId, t.entity, t.recordId, t.version] }),
    index('push_receipts_received_idx').on(t.receivedAt),
  ],
);
