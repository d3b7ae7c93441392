import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApiUsage, type ApiUsage } from './api-usage.ts';
import { createSandboxApp } from './app.ts';
import { createIngestJobs, type BulkIngestSettings, type IngestJobs } from './bulk/ingest-jobs.ts';
import type { SandboxDeps, SandboxEnv, SandboxSettings } from './context.ts';
import { createDml } from './dml.ts';
import { createCallCounters, createFaults, type CallCounters, type Faults } from './faults.ts';
import { toId18 } from './ids.ts';
import { createOrgLimits, type OrgLimits } from './org-limits.ts';
import { createQueryCursors } from './query-cursors.ts';
import { createRecordRules, type RecordRules } from './record-rules.ts';
import { createRecordStore } from './record-store.ts';
import { createSandboxRecords, type SandboxRecords } from './sandbox-records.ts';
import type { CustomSchema } from './schema/field-spec.ts';
import { createSchemaRegistry, type SchemaRegistry } from './schema/registry.ts';
import { createSessionManager } from './sessions.ts';

const DEFAULT_SESSION_TIMEOUT_MS = 2 * 60 * 60 * 1000;
const DEFAULT_DAILY_API_LIMIT = 100_000;

export interface SalesforceSandboxOptions {
  clientId?: string;
  clientSecret?: string;
  /** Package namespace: custom names become `ns__Name__c`. Defaults to customSchema.namespace, else none. */
  namespace?: string;
  /** The package's custom fields and objects, in the PACKAGE_SCHEMA shape. */
  customSchema?: CustomSchema;
  host?: string;
  port?: number;
  /** Serve the REST API on a second listener and advertise it as instance_url (the login host answers only OAuth). */
  separateInstanceListener?: boolean;
  instancePort?: number;
  /** instance_url to advertise instead of the listener's own origin (e.g. behind a proxy). */
  advertisedInstanceUrl?: string;
  /** Inactivity timeout of access tokens (the org's session timeout; default 2 h). */
  sessionTimeoutMs?: number;
  dailyApiLimit?: number;
  queryBatchSize?: number;
  deserializationErrors?: SandboxSettings['deserializationErrors'];
  minApiVersion?: number;
  maxApiVersion?: number;
  replicationWindowDays?: number;
  maxReplicationIds?: number;
  /** Bulk API 2.0 ingest: processing delays on the sandbox clock, autoProcess, upload size limit, batch size. */
  bulk?: Partial<BulkIngestSettings>;
  /** Daily Bulk API batches (15,000) and Bulk API 2.0 ingest records (150,000,000). */
  dailyBulkBatchLimit?: number;
  dailyBulkV2RecordLimit?: number;
  now?: () => number;
}

export interface SalesforceSandbox {
  /** The My Domain / login URL (token endpoint). Available after start(). */
  readonly url: string;
  /** The instance URL advertised in token responses. Available after start(). */
  readonly instanceUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly orgId: string;
  readonly userId: string;
  readonly namespace: string;
  /** The instance app, for `app.request()` tests without a listener. */
  readonly app: Hono<SandboxEnv>;
  readonly schema: SchemaRegistry;
  readonly records: SandboxRecords;
  readonly rules: RecordRules;
  readonly faults: Faults;
  readonly counters: CallCounters;
  readonly apiUsage: ApiUsage;
  /** Daily allocations other than API requests (Bulk API batches and records), as `/limits` reports them. */
  readonly orgLimits: OrgLimits;
  /** Bulk API 2.0 ingest jobs: `processNow()` plays Salesforce's queue, `list()` shows every job. */
  readonly bulk: Pick<IngestJobs, 'processNow' | 'list' | 'configure' | 'settings'>;
  readonly sessions: { expireAll(): number; expire(token: string): boolean; issuedCount(): number; activeCount(): number };
  /** Unexpected exceptions inside the emulator (answered as 500 UNKNOWN_EXCEPTION). */
  internalErrors(): unknown[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

function listen(app: Hono<SandboxEnv>, host: string, port: number): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      resolve({ server, url: `http://${host}:${info.port}` });
    });
    server.once('error', reject);
  });
}

function close(server: ServerType): Promise<void> {
  return new Promise((resolve, reject) => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close((err) => (err ? reject(err) : resolve()));
  });
}

/** An emulated Salesforce org: OAuth client credentials, REST API (sObjects, collections, SOQL, replication). */
export function createSalesforceSandbox(opts: SalesforceSandboxOptions = {}): SalesforceSandbox {
  const now = opts.now ?? Date.now;
  const orgId = toId18('00DRO0000000ML4');
  const userId = toId18('005RO0000000IUs');
  const clientId = opts.clientId ?? '3MVG9sandbox.ml-connector.client';
  const clientSecret = opts.clientSecret ?? 'sandbox-client-secret';
  const registry = createSchemaRegistry({ customSchema: opts.customSchema, namespace: opts.namespace });
  const store = createRecordStore({ registry, now, userId });
  const rules = createRecordRules();
  const dml = createDml({ store, rules });
  const records = createSandboxRecords(store, dml);
  const sessions = createSessionManager({ orgId, sessionTimeoutMs: opts.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS, now });
  const orgLimits = createOrgLimits({ dailyBulkBatches: opts.dailyBulkBatchLimit, dailyBulkV2Records: opts.dailyBulkV2RecordLimit });
  const bulk = createIngestJobs({ store, dml, orgLimits, userId, now }, opts.bulk);
  const internalErrors: unknown[] = [];
  let loginUrl: string | undefined;
  let instanceUrl: string | undefined;
  const servers: ServerType[] = [];

  const deps: SandboxDeps = {
    registry,
    store,
    dml,
    rules,
    sessions,
    usage: createApiUsage({ dailyLimit: opts.dailyApiLimit ?? DEFAULT_DAILY_API_LIMIT }),
    orgLimits,
    bulk,
    faults: createFaults(),
    counters: createCallCounters(),
    cursors: createQueryCursors(),
    settings: {
      minApiVersion: opts.minApiVersion ?? 31,
      maxApiVersion: opts.maxApiVersion ?? 66,
      queryBatchSize: opts.queryBatchSize ?? 2000,
      deserializationErrors: opts.deserializationErrors ?? 'request',
      replicationWindowDays: opts.replicationWindowDays ?? 30,
      maxReplicationIds: opts.maxReplicationIds ?? 600_000,
    },
    clients: new Map([[clientId, clientSecret]]),
    orgId,
    userId,
    now,
    loginUrl: () => loginUrl ?? 'http://sandbox.invalid',
    instanceUrl: () => opts.advertisedInstanceUrl ?? instanceUrl ?? loginUrl ?? 'http://sandbox.invalid',
  };
  const onInternalError = (err: unknown): void => {
    internalErrors.push(err);
  };
  const instanceApp = createSandboxApp(deps, records, { role: 'instance', onInternalError });
  const started = (value: string | undefined, what: string): string => {
    if (value === undefined) throw new Error(`salesforce sandbox: ${what} is known only after start()`);
    return value;
  };

  return {
    get url() {
      return started(loginUrl, 'url');
    },
    get instanceUrl() {
      return started(opts.advertisedInstanceUrl ?? instanceUrl ?? loginUrl, 'instanceUrl');
    },
    clientId,
    clientSecret,
    orgId,
    userId,
    namespace: registry.namespace,
    app: instanceApp,
    schema: registry,
    records,
    rules,
    faults: deps.faults,
    counters: deps.counters,
    apiUsage: deps.usage,
    orgLimits,
    bulk: {
      processNow: () => bulk.processNow(),
      list: () => bulk.list(),
      configure: (settings) => bulk.configure(settings),
      settings: bulk.settings,
    },
    sessions: {
      expireAll: () => sessions.expireAll(),
      expire: (token) => sessions.expire(token),
      issuedCount: () => sessions.issuedCount(),
      activeCount: () => sessions.activeCount(),
    },
    internalErrors: () => [...internalErrors],

    async start() {
      if (servers.length > 0) throw new Error('salesforce sandbox already started');
      const host = opts.host ?? '127.0.0.1';
      if (opts.separateInstanceListener) {
        const loginApp = createSandboxApp(deps, records, { role: 'login', onInternalError });
        const login = await listen(loginApp, host, opts.port ?? 0);
        servers.push(login.server);
        const instance = await listen(instanceApp, host, opts.instancePort ?? 0);
        servers.push(instance.server);
        loginUrl = login.url;
        instanceUrl = instance.url;
      } else {
        const both = await listen(instanceApp, host, opts.port ?? 0);
        servers.push(both.server);
        loginUrl = both.url;
        instanceUrl = both.url;
      }
    },

    async stop() {
      const closing = servers.splice(0).map(close);
      await Promise.all(closing);
      loginUrl = undefined;
      instanceUrl = undefined;
    },
  };
}
