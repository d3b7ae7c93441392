import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { createAdmin, type BcSandboxAdmin } from './admin.ts';
import { createAdminRoutes } from './admin-routes.ts';
import { createApiHandler } from './api-handler.ts';
import { createSandboxApp, type SandboxEnv } from './app.ts';
import { createSandboxClock, isoAt } from './clock.ts';
import { createCallCounters } from './counters.ts';
import { seedCompany, seedDemo } from './demo-data.ts';
import { createDomainContext, type EntitySetDef } from './domain.ts';
import { createFaults } from './faults.ts';
import { createCompanySet, createCustomerSet, createItemSet, createPaymentJournalSet } from './master-data.ts';
import { COLLECTION_THRESHOLD, createNotifier } from './notifier.ts';
import { MAX_PAGE_SIZE_LIMIT } from './odata-query.ts';
import { createPayments } from './payments.ts';
import { createRateLimits, type RateLimitSettings } from './rate-limits.ts';
import { createRecordStore } from './record-store.ts';
import { createSalesDocuments } from './sales-documents.ts';
import { DEFAULT_HANDSHAKE_TIMEOUT_MS, createSubscriptionRegistry } from './subscription-registry.ts';
import { DEFAULT_TOKEN_LIFETIME_S, createTokenService } from './tokens.ts';

/** BC waits 30 s before notifying (FACTS 3.1 #5); the sandbox shortens it so local runs feel live. */
const SANDBOX_NOTIFICATION_DELAY_MS = 250;
const SANDBOX_NOTIFICATION_RETRY_DELAYS_MS = [200, 1_000, 5_000, 30_000];
const NOTIFICATION_DELIVERY_TIMEOUT_MS = 10_000;

export interface BcSandboxOptions {
  tenantId?: string;
  environment?: string;
  companyId?: string;
  companyName?: string;
  clientId?: string;
  clientSecret?: string;
  tokenLifetimeSeconds?: number;
  host?: string;
  port?: number;
  /** Base time source; the sandbox clock adds the offset `admin.advanceClock()` accumulates. */
  now?: () => number;
  /** Server page size when the client sends no odata.maxpagesize (BC online: 20,000). */
  defaultPageSize?: number;
  limits?: Partial<RateLimitSettings>;
  notificationDelayMs?: number;
  collectionThreshold?: number;
  notificationRetryDelaysMs?: number[];
  handshakeTimeoutMs?: number;
  /** 'demo' (default): two customers and two items from the published examples; 'none': company + journal only. */
  seed?: 'demo' | 'none';
}

export interface BcSandbox {
  /** Origin serving both the token endpoint (authorityUrl) and the API (apiBaseUrl). Known after start(). */
  readonly url: string;
  readonly tenantId: string;
  readonly environment: string;
  readonly companyId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly app: Hono<SandboxEnv>;
  readonly admin: BcSandboxAdmin;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createBcSandbox(opts: BcSandboxOptions = {}): BcSandbox {
  const clock = createSandboxClock(opts.now);
  const tenantId = opts.tenantId ?? randomUUID();
  const environment = opts.environment ?? 'production';
  const companyId = (opts.companyId ?? randomUUID()).toLowerCase();
  const clientId = opts.clientId ?? randomUUID();
  const clientSecret = opts.clientSecret ?? 'sandbox-bc-client-secret';
  const userId = randomUUID();
  let defaultPageSize = Math.min(opts.defaultPageSize ?? MAX_PAGE_SIZE_LIMIT, MAX_PAGE_SIZE_LIMIT);
  const internalErrors: unknown[] = [];

  const store = createRecordStore(clock);
  const ctx = createDomainContext(store, clock);
  const docs = createSalesDocuments(ctx);
  const payments = createPayments(ctx, docs);
  const sets = new Map<string, EntitySetDef>(
    [createCompanySet(), createCustomerSet(ctx), createItemSet(ctx), createPaymentJournalSet(ctx), docs.orders, docs.orderLines, docs.invoices, docs.invoiceLines, payments.lines].map((d) => [d.name, d]),
  );
  seedCompany(store, { id: companyId, name: opts.companyName ?? 'CRONUS USA, Inc.', userId, now: isoAt(clock.now()) });
  seedDemo(sets, (opts.seed ?? 'demo') === 'demo');

  const subscriptions = createSubscriptionRegistry({ clock, companyId, userId, handshakeTimeoutMs: opts.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS });
  const notifier = createNotifier({
    clock,
    registry: subscriptions,
    companyId,
    delayMs: opts.notificationDelayMs ?? SANDBOX_NOTIFICATION_DELAY_MS,
    collectionThreshold: opts.collectionThreshold ?? COLLECTION_THRESHOLD,
    retryDelaysMs: opts.notificationRetryDelaysMs ?? SANDBOX_NOTIFICATION_RETRY_DELAYS_MS,
    deliveryTimeoutMs: NOTIFICATION_DELIVERY_TIMEOUT_MS,
  });
  store.onChange((change) => notifier.onChange(change));

  const tokens = createTokenService({ clock, tenantId, clients: new Map([[clientId, clientSecret]]), lifetimeSeconds: opts.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_S });
  const limits = createRateLimits(clock, opts.limits);
  const faults = createFaults();
  const counters = createCallCounters();
  const deniedSets = new Set<string>();
  const handle = createApiHandler({ sets, store, companyId, subscriptions, defaultPageSize: () => defaultPageSize, deniedSets });
  const admin = createAdmin({
    clock,
    store,
    sets,
    docs,
    payments,
    notifier,
    subscriptions,
    faults,
    limits,
    tokens,
    counters,
    deniedSets,
    setDefaultPageSize(n) {
      if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE_LIMIT) throw new RangeError(`page size must be 1..${MAX_PAGE_SIZE_LIMIT}, got ${n}`);
      defaultPageSize = n;
    },
    internalErrors: () => [...internalErrors],
  });
  const app = createSandboxApp({ environment, tokens, limits, faults, counters, handle, admin: createAdminRoutes(() => admin), onInternalError: (err) => internalErrors.push(err) });

  let server: ServerType | undefined;
  let url: string | undefined;
  return {
    get url() {
      if (url === undefined) throw new Error('business-central sandbox: url is known only after start()');
      return url;
    },
    tenantId,
    environment,
    companyId,
    clientId,
    clientSecret,
    app,
    admin,
    async start() {
      if (server) throw new Error('business-central sandbox already started');
      const host = opts.host ?? '127.0.0.1';
      await new Promise<void>((resolve, reject) => {
        const s = serve({ fetch: app.fetch, hostname: host, port: opts.port ?? 0 }, (info: AddressInfo) => {
          url = `http://${host}:${info.port}`;
          resolve();
        });
        s.once('error', reject);
        server = s;
      });
    },
    async stop() {
      notifier.stop();
      const s = server;
      server = undefined;
      url = undefined;
      if (!s) return;
      await new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in s) s.closeAllConnections();
        s.close((err) => (err ? reject(err) : resolve()));
      });
    },
  };
}
