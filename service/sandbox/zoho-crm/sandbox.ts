/**
 * `createZohoCrmSandbox(opts)`: a Zoho CRM v8 emulator with one accounts origin and one API origin per data
 * centre (loopback listeners on port 0 unless `ports` fixes them), a primary org in `primaryDataCenter` (com),
 * an OAuth client registered there with a refresh token, demo data, and the sandbox admin (typed `admin`, HTTP
 * `/_sandbox` on every API origin). The facts it follows are cited in each file's header; README.md lists every
 * [U] assumption and its switch.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { createAccountsApp } from './accounts-app.ts';
import { createAdmin, type NewOrgInput, type ZohoSandboxAdmin } from './admin.ts';
import { createAdminWriter } from './admin-records.ts';
import { createAdminRoutes } from './admin-routes.ts';
import { createApiApp, type SandboxEnv } from './api-app.ts';
import { createSandboxClock, parseOffset } from './clock.ts';
import { createCallCounters } from './counters.ts';
import type { CreditOperation, Edition, LimitErrorSettings } from './credits.ts';
import { DEFAULT_DATA_CENTERS, type DataCenter, type DataCenterUrls } from './data-centers.ts';
import { seedDemo } from './demo-data.ts';
import { createFaults } from './faults.ts';
import { createNotifier } from './notifier.ts';
import { createOAuthServer, type OAuthSettings } from './oauth.ts';
import { createOrg, type Org } from './org.ts';
import { createPageTokens } from './page-tokens.ts';
import { DEFAULT_SANDBOX_SCOPES } from './scopes.ts';
import { DEFAULT_BEHAVIOUR, type BehaviourSettings } from './settings.ts';

const NOTIFICATION_TIMEOUT_MS = 10_000;
const ORG_ID_PREFIXES = ['5725767', '6183042', '7260519', '8340176', '9412853', '4518394', '3674021', '2793658'];

export interface ZohoCrmSandboxOptions {
  dataCenters?: DataCenter[];
  primaryDataCenter?: DataCenter;
  host?: string;
  ports?: Partial<Record<DataCenter, { accounts?: number; api?: number }>>;
  /** Base time source; the sandbox clock adds what `admin.advanceClock()` accumulates. */
  now?: () => number;
  seed?: 'demo' | 'none';
  companyName?: string;
  /** The org's fixed UTC offset for record times, `-05:00` by default. */
  timeZoneOffset?: string;
  edition?: Edition;
  userLicenses?: number;
  addOnCredits?: number;
  creditCosts?: Partial<Record<CreditOperation, number>>;
  concurrency?: number;
  limitError?: Partial<LimitErrorSettings>;
  /** Fixed credentials (npm start); random by default. */
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  scopes?: string[];
  oauth?: Partial<OAuthSettings>;
  behaviour?: Partial<BehaviourSettings>;
  notificationDelayMs?: number;
  notificationTimeoutMs?: number;
  notificationRetryDelaysMs?: number[];
}

export interface ZohoCrmSandbox {
  readonly dataCenters: readonly DataCenter[];
  readonly primaryDataCenter: DataCenter;
  /** Accounts and API origins of a DC (the primary one by default); known after start(). */
  urls(dc?: DataCenter): DataCenterUrls;
  readonly accountsUrl: string;
  readonly apiUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly orgId: string;
  readonly admin: ZohoSandboxAdmin;
  /** The Hono apps, for in-process `app.request()` calls. */
  readonly apps: Record<string, { accounts: Hono<{ Bindings: SandboxEnv['Bindings'] }>; api: Hono<SandboxEnv> }>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function checkBehaviour(patch: Partial<BehaviourSettings>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (!Object.hasOwn(DEFAULT_BEHAVIOUR, key)) throw new RangeError(`unknown behaviour setting '${key}'`);
    const expected = typeof DEFAULT_BEHAVIOUR[key as keyof BehaviourSettings];
    if (typeof value !== expected) throw new RangeError(`behaviour '${key}' must be a ${expected}`);
  }
}

export function createZohoCrmSandbox(opts: ZohoCrmSandboxOptions = {}): ZohoCrmSandbox {
  const dataCenters = [...new Set(opts.dataCenters ?? DEFAULT_DATA_CENTERS)];
  const primaryDc = opts.primaryDataCenter ?? 'com';
  if (!dataCenters.includes(primaryDc)) throw new RangeError(`primaryDataCenter ${primaryDc} is not among dataCenters ${dataCenters.join(', ')}`);
  if (opts.behaviour) checkBehaviour(opts.behaviour);
  let behaviour: BehaviourSettings = { ...DEFAULT_BEHAVIOUR, ...opts.behaviour };
  const clock = createSandboxClock(opts.now);
  const oauth = createOAuthServer(opts.oauth);
  const faults = createFaults();
  const counters = createCallCounters();
  const pageTokens = createPageTokens();
  const internalErrors: unknown[] = [];
  const urls = new Map<DataCenter, DataCenterUrls>();
  const apiDomainOf = (dc: DataCenter): string => {
    const u = urls.get(dc);
    if (!u) throw new Error(`zoho-crm sandbox: the ${dc} data centre has no URL before start()`);
    return u.apiUrl;
  };
  const notifier = createNotifier({
    clock,
    apiDomainOf: (org) => apiDomainOf(org.dc),
    delayMs: opts.notificationDelayMs ?? 0,
    deliveryTimeoutMs: opts.notificationTimeoutMs ?? NOTIFICATION_TIMEOUT_MS,
    retryDelaysMs: opts.notificationRetryDelaysMs ?? [],
  });

  const orgs = new Map<string, Org>();
  const addOrg = (input: NewOrgInput & { timeZoneOffsetMinutes?: number }): Org => {
    if (!dataCenters.includes(input.dc)) throw new RangeError(`data centre ${input.dc} is not running (running: ${dataCenters.join(', ')})`);
    const prefix = ORG_ID_PREFIXES[orgs.size];
    if (!prefix) throw new RangeError(`at most ${ORG_ID_PREFIXES.length} orgs`);
    const org = createOrg({
      dc: input.dc,
      idPrefix: prefix,
      companyName: input.companyName,
      timeZoneOffsetMinutes: input.timeZoneOffsetMinutes,
      credits: { edition: input.edition ?? opts.edition, userLicenses: input.userLicenses ?? opts.userLicenses, addOnCredits: opts.addOnCredits, costs: opts.creditCosts, concurrency: opts.concurrency, limitError: opts.limitError },
    });
    orgs.set(org.id, org);
    notifier.attach(org);
    if (input.enableDefaultClient !== false && input.dc !== primaryDc) oauth.enableDataCenter(client.clientId, input.dc);
    if ((input.seed ?? 'none') === 'demo') seedDemo(createAdminWriter(org, () => behaviour, () => clock.now()));
    return org;
  };

  const client = oauth.registerClient({ clientId: opts.clientId, clientSecret: opts.clientSecret, dataCenters: [primaryDc] });
  const scopes = opts.scopes ?? DEFAULT_SANDBOX_SCOPES;
  const primary = addOrg({ dc: primaryDc, companyName: opts.companyName, seed: opts.seed ?? 'demo', timeZoneOffsetMinutes: parseOffset(opts.timeZoneOffset ?? '-05:00') });
  const refreshToken = oauth.issueRefreshToken({ dc: primaryDc, clientId: client.clientId, orgId: primary.id, userId: primary.primaryUser.id, scopes }, opts.refreshToken);

  const admin = createAdmin({
    clock,
    oauth,
    notifier,
    faults,
    counters,
    primaryOrgId: primary.id,
    defaultClientId: client.clientId,
    defaultScopes: scopes,
    orgs,
    addOrg,
    behaviour: () => behaviour,
    setBehaviour(patch) {
      checkBehaviour(patch);
      behaviour = { ...behaviour, ...patch };
    },
    internalErrors: () => [...internalErrors],
  });

  const apps: ZohoCrmSandbox['apps'] = {};
  for (const dc of dataCenters) {
    apps[dc] = {
      accounts: createAccountsApp({ dc, clock, oauth, faults, counters, apiDomain: () => apiDomainOf(dc) }),
      api: createApiApp({
        dc,
        clock,
        oauth,
        org: (id) => orgs.get(id),
        behaviour: () => behaviour,
        faults,
        counters,
        pageTokens,
        apiDomain: () => apiDomainOf(dc),
        admin: createAdminRoutes(() => admin),
        onInternalError: (err) => internalErrors.push(err),
      }),
    };
  }

  const servers: ServerType[] = [];
  const host = opts.host ?? '127.0.0.1';
  const listen = (app: { fetch: (req: Request, env: never) => Response | Promise<Response> }, port: number): Promise<string> =>
    new Promise((resolve, reject) => {
      const s = serve({ fetch: app.fetch as never, hostname: host, port }, (info: AddressInfo) => resolve(`http://${host}:${info.port}`));
      s.once('error', reject);
      servers.push(s);
    });

  return {
    dataCenters,
    primaryDataCenter: primaryDc,
    urls(dc = primaryDc) {
      const u = urls.get(dc);
      if (!u) throw new Error(`zoho-crm sandbox: urls of ${dc} are known only after start() (running: ${dataCenters.join(', ')})`);
      return { ...u };
    },
    get accountsUrl() {
      return this.urls().accountsUrl;
    },
    get apiUrl() {
      return this.urls().apiUrl;
    },
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    refreshToken,
    orgId: primary.id,
    admin,
    apps,
    async start() {
      if (servers.length > 0) throw new Error('zoho-crm sandbox already started');
      for (const dc of dataCenters) {
        const app = apps[dc] as (typeof apps)[string];
        const accountsUrl = await listen(app.accounts as never, opts.ports?.[dc]?.accounts ?? 0);
        const apiUrl = await listen(app.api as never, opts.ports?.[dc]?.api ?? 0);
        urls.set(dc, { accountsUrl, apiUrl });
      }
    },
    async stop() {
      notifier.stop();
      faults.releaseHeld();
      const all = servers.splice(0);
      urls.clear();
      await Promise.all(
        all.map(
          (s) =>
            new Promise<void>((resolve, reject) => {
              if ('closeAllConnections' in s) s.closeAllConnections();
              s.close((err) => (err ? reject(err) : resolve()));
            }),
        ),
      );
    },
  };
}
