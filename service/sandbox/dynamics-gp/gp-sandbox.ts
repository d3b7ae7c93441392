/**
 * The Dynamics GP Service (SBA) emulator: Windows/NTLM authentication per connection, the politeness limits of
 * the seeds (concurrency enforced, spacing counted), fault and latency injection, and the REST resources of the
 * registry over the demo company "Fabrikam, Inc." (TWO).
 *
 * Request pipeline: /_sandbox admin → NTLM → politeness gate → fault → latency → resource routes.
 */
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createNtlmServerAuth, type NtlmServerCounters } from '../../src/lib/ntlm/ntlm-server-auth.ts';
import { handleAdminRequest } from './admin-routes.ts';
import { createFabrikamCompany, generateCustomers, type GenerateCustomersOptions } from './demo-data.ts';
import { createFaultQueue, type FaultSpec } from './faults.ts';
import { findCompany, type GpCompany } from './gp-company.ts';
import { createGpClock, type GpClock, type GpClockState } from './gp-clock.ts';
import { normalizeKey } from './gp-columns.ts';
import { createPolitenessGate, type PolitenessCounters, type PolitenessOptions } from './politeness-gate.ts';
import { createResourceRegistry, type GpResource } from './resource-registry.ts';
import { customersResource } from './resources/customers.ts';
import { RECEIVABLES_RESOURCES } from './resources/receivables-resources.ts';
import { fiscalPeriodsResource, glAccountsResource, receivablesResource, salesTransactionsResource, seedDocumentSetup } from './resources/document-setup.ts';
import { createDocumentsAdmin, type GpDocumentsAdmin } from './documents-admin.ts';
import { createLedgerAdmin, type GpLedgerAdmin } from './ledger-admin.ts';
import { seedLedger } from './ledger-demo-data.ts';
import { createPurchasingAdmin, type GpPurchasingAdmin } from './purchasing-admin.ts';
import { seedPurchasing } from './purchasing-demo-data.ts';
import { createPurchasingResources } from './resources/purchasing-resources.ts';
import type { PurchasingOptions } from './resources/purchasing-setup.ts';
import { findCustomer, updateCustomer } from './resources/customer-store.ts';
import { GP_SANDBOX_DEFAULT_USER, type GpSandboxUser } from './sandbox-users.ts';
import { createSbaRoutes } from './sba-routes.ts';
import { productVersion, sbaResourceAvailable, type GpVersion, type VersionOffers } from './gp-versions.ts';
import { createSoapEndpoint } from './soap/soap-endpoint.ts';
import { SbaError, renderErrorBody } from './sba-error.ts';

export interface GpSandboxOptions {
  host?: string;
  port?: number;
  tenant?: string;
  users?: GpSandboxUser[];
  ntlm?: { netbiosDomain?: string; dnsDomain?: string; computer?: string; allowNtlmV1?: boolean; offerExtendedSecurity?: boolean };
  /**
   * Defaults: 2 concurrent (the politeness limit), 150 ms spacing, 503 with Retry-After 1, and 15 ms of arrival
   * jitter forgiven — client and emulator often share one event loop in tests, so a request can reach the
   * handler a few ms after the client started it while the next one arrives on time.
   */
  limits?: Partial<PolitenessOptions>;
  latency?: { fixedMs: number; jitterMs: number };
  /** Offset of the GP SQL server's local time from UTC (default -360, US Central standard time). */
  utcOffsetMinutes?: number;
  now?: () => number;
  /** Largest $top accepted (default 1000). */
  maxTop?: number;
  /** Synthetic customers added to Fabrikam at start-up (benchmarks: 10,000). */
  syntheticCustomers?: number;
  /** Serve https with this key/cert (the real SBA is HTTPS-only, FACTS §2.3 #9). */
  tls?: { key: string; cert: string };
  /** How long an idle kept-alive connection (and its NTLM authentication) survives (default 120 s, like IIS). */
  keepAliveTimeoutMs?: number;
  random?: () => number;
  /** The GP version played (default 2018): what it lacks is hidden from SBA and SOAP (gp-versions.ts). */
  gpVersion?: GpVersion;
  /** Purchasing policy choices that are [U] (resources/purchasing-setup.ts). */
  purchasing?: PurchasingOptions;
  /** Override what the version offers, per SBA path or SOAP operation (the [U] rows of gp-versions.ts). */
  versionOffers?: VersionOffers;
  /** SOAP GetSalesOrderByKey also returns dates, totals and origin (soap/README.md). Default false. */
  soapByKeyExtras?: boolean;
}

export interface GpSandboxCounters {
  ntlm: NtlmServerCounters;
  politeness: PolitenessCounters;
  faultsInjected: number;
  /** Authenticated requests by `METHOD status`. */
  responses: Record<string, number>;
  /** Distinct TCP connections accepted. */
  connections: number;
}

export interface GpSandbox {
  readonly url: string;
  readonly tenant: string;
  readonly clock: GpClock;
  readonly companies: GpCompany[];
  /** The default user's Windows credentials (for tests and `npm start`). */
  readonly credentials: { domain: string; username: string; password: string };
  start(): Promise<string>;
  stop(): Promise<void>;
  counters(): GpSandboxCounters;
  resetCounters(): void;
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  pendingFaults(): ReturnType<ReturnType<typeof createFaultQueue>['pending']>;
  setClock(change: { now?: string | number | null; advanceMs?: number; utcOffsetMinutes?: number }): GpClockState;
  configureLimits(change: Partial<PolitenessOptions>): PolitenessOptions;
  setLatency(latency: { fixedMs: number; jitterMs: number }): { fixedMs: number; jitterMs: number };
  company(ref?: string): GpCompany;
  /** The customer as the GP Service returns it (padded strings), or undefined. */
  getCustomer(id: string, company?: string): Record<string, unknown> | undefined;
  /** A GP user saving the customer card: validates like a PATCH and bumps ModifiedDate / LastModifiedDate. */
  editCustomer(id: string, changes: Record<string, unknown>, company?: string): Record<string, unknown>;
  generateCustomers(opts: GenerateCustomersOptions & { company?: string }): string[];
  /** Sales documents and the fiscal calendar: post/transfer, close/open periods, reads (documents-admin.ts). */
  readonly documents: GpDocumentsAdmin;
  /** Vendors, classes, payment terms and purchase orders as a GP user changes them (purchasing-admin.ts). */
  readonly purchasing: GpPurchasingAdmin;
  /** GL posting, accounts, segments, balances and fiscal-period origins (ledger-admin.ts). */
  readonly ledger: GpLedgerAdmin;
}

const BODY_LIMIT_BYTES = 1_048_576;
const REQUEST_ID_HEADER = 'x-request-id';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= BODY_LIMIT_BYTES) chunks.push(c);
    });
    req.on('end', () => (size > BODY_LIMIT_BYTES ? reject(new SbaError(413, 'PayloadTooLarge', 'request body too large')) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createGpSandbox(opts: GpSandboxOptions = {}): GpSandbox {
  const tenant = opts.tenant ?? 'DefaultTenant';
  const users = opts.users ?? [GP_SANDBOX_DEFAULT_USER];
  const random = opts.random ?? Math.random;
  const clock = createGpClock({ utcOffsetMinutes: opts.utcOffsetMinutes ?? -360, now: opts.now });
  const companies = [createFabrikamCompany(clock)];
  if (opts.syntheticCustomers) generateCustomers(companies[0]!, clock, { count: opts.syntheticCustomers, seed: 42 });
  for (const c of companies) seedDocumentSetup(c, clock);
  for (const c of companies) {
    seedLedger(c, clock);
    seedPurchasing(c, clock, opts.purchasing);
  }
  const gpVersion = opts.gpVersion ?? '2018';
  const resources = createResourceRegistry(([
    customersResource as GpResource<never>,
    ...([salesTransactionsResource, receivablesResource, glAccountsResource, fiscalPeriodsResource] as unknown as GpResource<never>[]),
    ...(RECEIVABLES_RESOURCES as unknown as GpResource<never>[]),
    ...createPurchasingResources(opts.purchasing),
  ] as GpResource<never>[]).filter((r) => sbaResourceAvailable(gpVersion, r.path, opts.versionOffers)));
  const routes = createSbaRoutes({ servicePath: '/GPService', tenant, companies, resources, clock, maxTop: opts.maxTop ?? 1000, productVersion: productVersion(gpVersion) });
  const soap = createSoapEndpoint({ tenant, companies, clock, version: () => gpVersion, offers: opts.versionOffers, byKeyExtras: opts.soapByKeyExtras });
  const ntlmDomain = opts.ntlm?.netbiosDomain ?? 'FABRIKAM';
  const ntlm = createNtlmServerAuth({
    accounts: users.map((u) => ({ domain: u.domain, user: u.username, password: u.password })),
    netbiosDomain: ntlmDomain,
    dnsDomain: opts.ntlm?.dnsDomain ?? 'fabrikam.local',
    netbiosComputer: opts.ntlm?.computer ?? 'GPWEB01',
    dnsComputer: `${(opts.ntlm?.computer ?? 'GPWEB01').toLowerCase()}.${opts.ntlm?.dnsDomain ?? 'fabrikam.local'}`,
    allowNtlmV1: opts.ntlm?.allowNtlmV1,
    offerExtendedSecurity: opts.ntlm?.offerExtendedSecurity,
    now: () => clock.now(),
  });
  const gate = createPolitenessGate({
    maxConcurrent: 2,
    minSpacingMs: 150,
    spacingToleranceMs: 15,
    overLimitStatus: 503,
    retryAfterSeconds: 1,
    ...opts.limits,
  });
  const faults = createFaultQueue();
  let latency = opts.latency ?? { fixedMs: 0, jitterMs: 0 };
  let responses: Record<string, number> = {};
  let connections = 0;
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let url = '';

  function findUser(domain: string, user: string): GpSandboxUser {
    const u = users.find((x) => x.domain.toUpperCase() === domain.toUpperCase() && x.username.toUpperCase() === user.toUpperCase());
    return u ?? users.find((x) => x.username.toUpperCase() === user.toUpperCase())!;
  }

  function send(res: ServerResponse, status: number, body: string, headers: Record<string, string | string[]>): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    res.end(body);
  }

  function sendError(res: ServerResponse, err: SbaError, requestId: string): void {
    send(res, err.status, renderErrorBody(err, requestId), { ...err.headers, [REQUEST_ID_HEADER]: requestId });
  }

  function countResponse(method: string, status: number): void {
    const key = `${method} ${status}`;
    responses[key] = (responses[key] ?? 0) + 1;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = performance.now();
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const requestId = String(req.headers[REQUEST_ID_HEADER] ?? randomUUID());
    let body: string;
    try {
      body = await readBody(req);
    } catch (err) {
      return sendError(res, err instanceof SbaError ? err : new SbaError(400, 'BadRequest', 'unreadable body'), requestId);
    }
    if (url.pathname.startsWith('/_sandbox/')) {
      try {
        const out = handleAdminRequest(sandbox, req.method ?? 'GET', url.pathname, body);
        return send(res, out.status, JSON.stringify(out.body), {});
      } catch (err) {
        if (err instanceof SbaError) return sendError(res, err, requestId);
        return sendError(res, new SbaError(400, 'BadRequest', err instanceof Error ? err.message : String(err)), requestId);
      }
    }

    const auth = ntlm.authenticate(req.socket, req.headers.authorization);
    if (auth.kind !== 'authenticated') {
      // IIS answers handshake legs and refusals with 401 and keeps the connection open for the next leg.
      send(res, 401, JSON.stringify({ Error: { Code: 'Unauthorized', Message: 'Access is denied due to invalid credentials.', CorrelationId: requestId } }), {
        'WWW-Authenticate': auth.wwwAuthenticate,
      });
      return;
    }

    const admitted = gate.enter(arrivedAt);
    if (!admitted.ok) {
      countResponse(req.method ?? '', admitted.error.status);
      return sendError(res, admitted.error, requestId);
    }
    res.once('close', admitted.leave);

    // A SOAP request's SOAPAction is part of what `pathIncludes` matches (one endpoint path serves every operation).
    const soapActionHeader = typeof req.headers.soapaction === 'string' ? ` ${req.headers.soapaction}` : '';
    const fault = faults.take(`${url.pathname}${soapActionHeader}`, req.method);
    const delayMs = latency.fixedMs + random() * latency.jitterMs + (fault?.kind === 'slow' ? fault.delayMs : 0);
    if (delayMs > 0) await sleep(delayMs);
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
      countResponse(req.method ?? '', fault.status);
      return sendError(res, new SbaError(fault.status, 'InjectedFault', fault.message ?? `Injected fault: HTTP ${fault.status}`, headers), requestId);
    }

    if (soap.matches(url.pathname)) {
      // GP Web Services (SOAP, legacy endpoint) on the same data, behind the same NTLM and politeness gate.
      const out = soap.handle({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        contentType: req.headers['content-type'],
        soapAction: typeof req.headers.soapaction === 'string' ? req.headers.soapaction : undefined,
        body,
        user: findUser(auth.account.domain, auth.account.user),
        location: `${sandbox.url}${url.pathname}`,
      });
      countResponse(req.method ?? '', out.status);
      if (fault?.kind === 'lose-response') return void req.socket.destroy();
      return send(res, out.status, out.body, { ...out.headers, [REQUEST_ID_HEADER]: requestId });
    }
    try {
      const out = routes({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        contentType: req.headers['content-type'],
        body,
        user: findUser(auth.account.domain, auth.account.user),
      });
      countResponse(req.method ?? '', out.status);
      // The work is done, but the client never hears of it (a lost response).
      if (fault?.kind === 'lose-response') return void req.socket.destroy();
      send(res, out.status, JSON.stringify(out.body), { ...out.headers, [REQUEST_ID_HEADER]: requestId });
    } catch (err) {
      const e = err instanceof SbaError ? err : new SbaError(500, 'InternalError', 'The GP Service could not process the request');
      countResponse(req.method ?? '', e.status);
      sendError(res, e, requestId);
    }
  }

  function companyRef(ref?: string): GpCompany {
    const c = findCompany(companies, ref ?? 'TWO');
    if (!c) throw new SbaError(404, 'CompanyNotFound', `no company ${ref}`);
    return c;
  }

  const sandbox: GpSandbox = {
    get url() {
      if (!url) throw new Error('GP sandbox is not started');
      return url;
    },
    tenant,
    clock,
    companies,
    credentials: { domain: users[0]!.domain, username: users[0]!.username, password: users[0]!.password },
    async start() {
      const handler = (req: IncomingMessage, res: ServerResponse) => void handle(req, res);
      server = opts.tls ? createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert }, handler) : createHttpServer(handler);
      server.keepAliveTimeout = opts.keepAliveTimeoutMs ?? 120_000;
      const connectionEvent = opts.tls ? 'secureConnection' : 'connection';
      server.on(connectionEvent, (socket: Socket) => {
        connections += 1;
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
      });
      const addr = server.address() as AddressInfo;
      url = `${opts.tls ? 'https' : 'http'}://${opts.host ?? '127.0.0.1'}:${addr.port}`;
      return url;
    },
    async stop() {
      if (!server) return;
      const s = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    counters: () => ({ ntlm: ntlm.counters(), politeness: gate.counters(), faultsInjected: faults.injectedCount(), responses: { ...responses }, connections }),
    resetCounters() {
      ntlm.resetCounters();
      gate.reset();
      responses = {};
      connections = 0;
    },
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    pendingFaults: () => faults.pending(),
    setClock: (change) => clock.set(change),
    configureLimits: (change) => gate.configure(change),
    setLatency(l) {
      latency = { ...l };
      return latency;
    },
    company: companyRef,
    getCustomer(id, company) {
      const row = findCustomer(companyRef(company), normalizeKey(id));
      return row && customersResource.toWire(row);
    },
    editCustomer(id, changes, company) {
      const c = companyRef(company);
      if (!findCustomer(c, normalizeKey(id))) throw new SbaError(404, 'EntityNotFound', `Customer '${normalizeKey(id)}' was not found in company '${c.name}'`);
      return customersResource.toWire(updateCustomer(c, clock, normalizeKey(id), changes));
    },
    generateCustomers({ company, ...rest }) {
      return generateCustomers(companyRef(company), clock, rest);
    },
    documents: createDocumentsAdmin(companyRef, clock),
    purchasing: createPurchasingAdmin(companyRef, clock),
    ledger: createLedgerAdmin(companyRef, clock),
  };
  return sandbox;
}
