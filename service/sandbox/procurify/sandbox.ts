/**
 * `createProcurifySandbox(opts)`: an in-process emulator of Procurify's API (FACTS §6; OAS in
 * test/fixtures/procurify/) for one or more tenants on one listener (port 0 by default). Each tenant's base URL
 * is `<url>/<domain>` — the stand-in for `https://<domain>.procurify.com` — with its token URL at
 * `<base>/oauth/token`. See README.md for what is emulated and every [U] choice.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { createSandboxAdmin, type ProcurifySandboxAdmin } from './admin.ts';
import { createAdminRoutes } from './admin-routes.ts';
import { createSandboxApp, type SandboxEnv } from './app.ts';
import { createSandboxClock } from './clock.ts';
import { createCallCounters } from './counters.ts';
import { seedOrganisation, seedTransactions } from './demo-data.ts';
import { createFaults } from './faults.ts';
import { notEmulatedRoutes } from './not-emulated-routes.ts';
import { orderRoutes } from './order-routes.ts';
import { purchaseOrderRoutes } from './purchase-order-routes.ts';
import { createRateLimiter } from './rate-limits.ts';
import { referenceRoutes } from './reference-routes.ts';
import { createRouter } from './router.ts';
import { DEFAULT_SETTINGS, mergeSettings, type ProcurifySettings } from './settings.ts';
import { createTenantData } from './tenant-data.ts';
import { createTenantRuntime, type TenantRuntime } from './tenant-runtime.ts';
import { checkTimeZone } from './time-zone.ts';
import { createTokenService } from './tokens.ts';
import { vendorRoutes } from './vendor-routes.ts';

export interface ProcurifyTenantOptions {
  /** The subdomain (`<domain>.procurify.com`); default `fabrikam-mfg`. */
  domain?: string;
  companyName?: string;
  clientId?: string;
  clientSecret?: string;
  /** Email of the user who created the API credentials (in the token's scope). */
  apiUserEmail?: string;
  /** Django's current time zone for this tenant [U]; default UTC. */
  timeZone?: string;
  /** 'demo' (default): organisation, vendors and requests/POs in every state; 'reference': no requests or POs. */
  seed?: 'demo' | 'reference';
}

export interface ProcurifySandboxOptions {
  host?: string;
  port?: number;
  /** Base time source; the sandbox clock adds what `admin.advanceClock()` accumulates. */
  now?: () => number;
  settings?: Partial<ProcurifySettings>;
  /** Default: one demo tenant. The first is the primary one (`sandbox.admin`, `sandbox.baseUrl`). */
  tenants?: ProcurifyTenantOptions[];
}

export interface ProcurifyTenantHandle {
  readonly domain: string;
  /** `<url>/<domain>`: where `https://<domain>.procurify.com` is. Known after start(). */
  readonly baseUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiUserEmail: string;
}

export interface ProcurifySandbox extends ProcurifyTenantHandle {
  /** The listener's origin. Known after start(). */
  readonly url: string;
  readonly app: Hono<SandboxEnv>;
  readonly admin: ProcurifySandboxAdmin;
  tenant(domain: string): ProcurifyTenantHandle;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_DOMAIN = 'fabrikam-mfg';
const DOMAIN_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function createProcurifySandbox(opts: ProcurifySandboxOptions = {}): ProcurifySandbox {
  const clock = createSandboxClock(opts.now);
  let settings = mergeSettings(DEFAULT_SETTINGS, opts.settings ?? {});
  const tokens = createTokenService(clock);
  const internalErrors: unknown[] = [];
  const runtimes = new Map<string, TenantRuntime>();

  for (const t of opts.tenants ?? [{}]) {
    const domain = t.domain ?? DEFAULT_DOMAIN;
    if (!DOMAIN_PATTERN.test(domain)) throw new RangeError(`tenant domain '${domain}' is not a valid subdomain`);
    if (runtimes.has(domain)) throw new RangeError(`tenant domain '${domain}' given twice`);
    const companyName = t.companyName ?? 'Fabrikam Manufacturing';
    const data = createTenantData(domain, companyName, checkTimeZone(t.timeZone ?? 'UTC'));
    const credentials = {
      domain,
      clientId: t.clientId ?? randomBytes(16).toString('hex'),
      clientSecret: t.clientSecret ?? randomBytes(32).toString('base64url'),
      email: t.apiUserEmail ?? `integrations@${domain}.example`,
    };
    const runtime = createTenantRuntime(data, credentials, clock, () => settings);
    const seededAt = clock.now();
    seedOrganisation(data, { companyName, apiUserEmail: credentials.email, at: seededAt - 30 * 86_400_000 });
    if ((t.seed ?? 'demo') === 'demo') seedTransactions(data, runtime.procurement, seededAt);
    tokens.addTenant(credentials);
    runtimes.set(domain, runtime);
  }
  const primary = runtimes.values().next().value as TenantRuntime;

  const faults = createFaults();
  const counters = createCallCounters();
  const limiter = createRateLimiter(clock);
  const admin = createSandboxAdmin({
    tenants: runtimes,
    primaryDomain: primary.data.domain,
    clock,
    faults,
    tokens,
    limiter,
    counters,
    getSettings: () => settings,
    setSettings: (next) => {
      settings = next;
    },
    internalErrors: () => [...internalErrors],
  });
  const router = createRouter([...purchaseOrderRoutes, ...orderRoutes, ...vendorRoutes, ...referenceRoutes, ...notEmulatedRoutes]);
  const app = createSandboxApp({
    tenants: runtimes,
    router,
    tokens,
    limiter,
    faults,
    counters,
    settings: () => settings,
    admin: createAdminRoutes(() => admin, runtimes),
    onInternalError: (err) => internalErrors.push(err),
  });

  let server: ServerType | undefined;
  let url: string | undefined;
  const origin = (): string => {
    if (url === undefined) throw new Error('procurify sandbox: urls are known only after start()');
    return url;
  };
  const handle = (domain: string): ProcurifyTenantHandle => {
    const runtime = runtimes.get(domain);
    if (!runtime) throw new RangeError(`no tenant '${domain}' in this sandbox`);
    const { clientId, clientSecret, email } = runtime.credentials;
    return {
      domain,
      get baseUrl() {
        return `${origin()}/${domain}`;
      },
      get tokenUrl() {
        return `${origin()}/${domain}/oauth/token`;
      },
      clientId,
      clientSecret,
      apiUserEmail: email,
    };
  };
  const primaryHandle = handle(primary.data.domain);

  return {
    get url() {
      return origin();
    },
    domain: primaryHandle.domain,
    get baseUrl() {
      return primaryHandle.baseUrl;
    },
    get tokenUrl() {
      return primaryHandle.tokenUrl;
    },
    clientId: primaryHandle.clientId,
    clientSecret: primaryHandle.clientSecret,
    apiUserEmail: primaryHandle.apiUserEmail,
    app,
    admin,
    tenant: handle,
    async start() {
      if (server) throw new Error('procurify sandbox already started');
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
