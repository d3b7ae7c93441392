/**
 * `createDataverseSandbox(opts)` — an in-process Dynamics 365 Sales (Dataverse Web API v9.2) org and its Entra ID
 * authority, each on its own listener (port 0 by default). See README.md in this folder for the URLs a client
 * configures, the admin surface and every [U] assumption with its option.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { createAdmin, type DataverseSandboxAdmin } from './admin.ts';
import { createAdminRoutes } from './admin-routes.ts';
import { createApiHandler } from './api-handler.ts';
import { createAuthorityApp, createOrgApp, type SandboxEnv } from './app.ts';
import { DEFAULT_EXPIRED_TOKEN_ERROR, type ExpiredTokenError } from './change-tracking.ts';
import { createSandboxClock } from './clock.ts';
import { createCollectionReader } from './collection-reader.ts';
import { createCallCounters } from './counters.ts';
import { createEntityRoutes } from './entity-routes.ts';
import { createFaults } from './faults.ts';
import { createMetadataRoutes } from './metadata.ts';
import { createPrivileges } from './privileges.ts';
import { createServiceProtection, type ServiceProtectionSettings } from './rate-limits.ts';
import { createRecordStore } from './record-store.ts';
import { createRecordService } from './records.ts';
import { createSchema } from './schema.ts';
import { registerStandardTables } from './standard-tables.ts';
import { createTableRules } from './table-rules.ts';
import { DEFAULT_TOKEN_LIFETIME_S, createTokenService } from './tokens.ts';
import { DEFAULT_WEBHOOK_SETTINGS, createWebhookNotifier, type WebhookSettings } from './webhook-notifier.ts';
import { seedDemo, seedOrg } from './seed.ts';

export interface DataverseSandboxOptions {
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  organizationName?: string;
  host?: string;
  /** Org (Web API) listener port; 0 = any free port. */
  port?: number;
  /** Authority (token endpoint) listener port when `separateAuthority` (default true). */
  authorityPort?: number;
  /** false: serve the token endpoint on the org listener too (one origin). */
  separateAuthority?: boolean;
  tokenLifetimeSeconds?: number;
  /** Base time source; `admin.advanceClock()` adds to it. */
  now?: () => number;
  limits?: Partial<ServiceProtectionSettings>;
  changeTracking?: { account?: boolean; contact?: boolean; expireDays?: number; expiredError?: ExpiredTokenError };
  webhooks?: Partial<WebhookSettings>;
  /** The solution publisher's customization prefix (custom column names start with `<prefix>_`). */
  publisherPrefix?: string;
  /** The publisher's option value prefix: solution-added choice values start at prefix × 10,000. */
  optionValuePrefix?: number;
  /** [U] 'cap' (default): a maxpagesize above 5,000 is served as 5,000; 'error': 400. */
  oversizedPageSize?: 'cap' | 'error';
  /** [U] Reject a body whose Content-Type is not application/json with 415 (default true). */
  rejectNonJsonContentType?: boolean;
  /** [U] request size limit → 413 (default 128 MiB). */
  maxRequestBytes?: number;
  /** 'demo' (default): twelve sample accounts with contacts; 'none': an empty org. */
  seed?: 'demo' | 'none';
}

export interface DataverseSandbox {
  /** The org URL (= the token's resource; scope `<orgUrl>/.default`). Known after start(). */
  readonly url: string;
  readonly orgUrl: string;
  /** Base of the Entra authority (`<authorityUrl>/<tenantId>/oauth2/v2.0/token`). */
  readonly authorityUrl: string;
  readonly tokenUrl: string;
  readonly apiBaseUrl: string;
  readonly scope: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** systemuserid of the application user behind clientId (WhoAmI's UserId). */
  readonly appUserId: string;
  readonly uiUserId: string;
  readonly organizationId: string;
  readonly app: Hono<SandboxEnv>;
  readonly authorityApp: Hono<SandboxEnv>;
  readonly admin: DataverseSandboxAdmin;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function listen(app: Hono<SandboxEnv>, host: string, port: number): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => resolve({ server, url: `http://${host}:${info.port}` }));
    server.once('error', reject);
  });
}

async function close(server: ServerType | undefined): Promise<void> {
  if (!server) return;
  await new Promise<void>((resolve, reject) => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close((err) => (err ? reject(err) : resolve()));
  });
}

export function createDataverseSandbox(opts: DataverseSandboxOptions = {}): DataverseSandbox {
  const clock = createSandboxClock(opts.now);
  const tenantId = opts.tenantId ?? randomUUID();
  const clientId = opts.clientId ?? randomUUID();
  const clientSecret = opts.clientSecret ?? 'sandbox-dataverse-client-secret';
  const ids = { organizationId: randomUUID(), businessUnitId: randomUUID(), appUserId: randomUUID(), uiUserId: randomUUID(), currencyId: randomUUID() };
  const settings = { rejectNonJsonContentType: opts.rejectNonJsonContentType ?? true, maxRequestBytes: opts.maxRequestBytes ?? 128 * 1024 * 1024 };
  const tracking = { expireDays: opts.changeTracking?.expireDays ?? 7, expiredError: opts.changeTracking?.expiredError ?? DEFAULT_EXPIRED_TOKEN_ERROR };
  const internalErrors: unknown[] = [];
  let orgUrl: string | undefined;
  let authorityUrl: string | undefined;
  const known = (v: string | undefined, what: string): string => {
    if (v === undefined) throw new Error(`dataverse sandbox: ${what} is known only after start()`);
    return v;
  };

  const schema = createSchema({ publisherPrefix: opts.publisherPrefix ?? 'mlc', optionValuePrefix: opts.optionValuePrefix ?? 10_000 });
  registerStandardTables(schema, { account: opts.changeTracking?.account ?? true, contact: opts.changeTracking?.contact ?? true });
  const store = createRecordStore();
  const records = createRecordService({ schema, store, now: () => clock.now(), baseCurrencyId: () => ids.currencyId, rules: createTableRules(schema) });
  const privileges = createPrivileges({ schema, businessUnitId: ids.businessUnitId, appUserId: () => ids.appUserId });
  const organizationName = opts.organizationName ?? 'mlconnectorsandbox';
  const notifier = createWebhookNotifier({
    store,
    org: { organizationId: ids.organizationId, organizationName, businessUnitId: ids.businessUnitId },
    orgHost: () => new URL(known(orgUrl, 'the org URL')).host,
    now: () => clock.now(),
    settings: { ...DEFAULT_WEBHOOK_SETTINGS, ...opts.webhooks },
  });
  records.beforeCommit((e) => notifier.beforeCommit(e));
  records.afterCommit((e) => notifier.afterCommit(e));

  seedOrg(store, { ...ids, clientId, at: clock.now() });

  const tokens = createTokenService({
    clock,
    tenantId,
    clients: new Map([[clientId, clientSecret]]),
    lifetimeSeconds: opts.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_S,
    orgUrl: () => known(orgUrl, 'the org URL'),
    authorityUrl: () => known(authorityUrl, 'the authority URL'),
  });
  const limits = createServiceProtection(clock, opts.limits);
  const faults = createFaults();
  const counters = createCallCounters();
  const reader = createCollectionReader({ schema, store, now: () => clock.now(), tracking: () => tracking, oversizedPageSize: () => opts.oversizedPageSize ?? 'cap' });
  const entities = createEntityRoutes({ schema, store, records, privileges, reader });
  const handle = createApiHandler({
    schema,
    privileges,
    entities,
    reader,
    metadata: createMetadataRoutes(schema),
    identity: () => ({ BusinessUnitId: ids.businessUnitId, OrganizationId: ids.organizationId }),
  });
  const admin = createAdmin({ clock, schema, store, records, privileges, notifier, faults, limits, tokens, counters, uiUserId: ids.uiUserId, appUserId: ids.appUserId, tracking, internalErrors: () => [...internalErrors] });
  const authorityApp = createAuthorityApp({ tokens, counters });
  const app = createOrgApp({
    tokens,
    limits,
    faults,
    counters,
    handle,
    admin: createAdminRoutes(() => admin),
    userFor: (id) => store.list('systemuser').find((u) => u.applicationid === id && u.isdisabled !== true)?.systemuserid as string | undefined,
    settings: () => settings,
    onInternalError: (err) => internalErrors.push(err),
  });
  const separate = opts.separateAuthority ?? true;
  if (!separate) app.route('/', authorityApp);

  let orgServer: ServerType | undefined;
  let authorityServer: ServerType | undefined;
  let seeded = false;
  return {
    get url() {
      return known(orgUrl, 'the org URL');
    },
    get orgUrl() {
      return known(orgUrl, 'the org URL');
    },
    get authorityUrl() {
      return known(authorityUrl, 'the authority URL');
    },
    get tokenUrl() {
      return `${known(authorityUrl, 'the authority URL')}/${tenantId}/oauth2/v2.0/token`;
    },
    get apiBaseUrl() {
      return `${known(orgUrl, 'the org URL')}/api/data/v9.2`;
    },
    get scope() {
      return `${known(orgUrl, 'the org URL')}/.default`;
    },
    tenantId,
    clientId,
    clientSecret,
    appUserId: ids.appUserId,
    uiUserId: ids.uiUserId,
    organizationId: ids.organizationId,
    app,
    authorityApp,
    admin,
    async start() {
      if (orgServer) throw new Error('dataverse sandbox already started');
      const host = opts.host ?? '127.0.0.1';
      const org = await listen(app, host, opts.port ?? 0);
      orgServer = org.server;
      orgUrl = org.url;
      if (separate) {
        const auth = await listen(authorityApp, host, opts.authorityPort ?? 0);
        authorityServer = auth.server;
        authorityUrl = auth.url;
      } else {
        authorityUrl = org.url;
      }
      if (!seeded && (opts.seed ?? 'demo') === 'demo') {
        seeded = true;
        await seedDemo({ schema, store, records, uiUserId: ids.uiUserId });
      }
    },
    async stop() {
      notifier.stop();
      const servers = [orgServer, authorityServer];
      orgServer = undefined;
      authorityServer = undefined;
      orgUrl = undefined;
      authorityUrl = undefined;
      await Promise.all(servers.map(close));
    },
  };
}
