/**
 * Typed calls to the Dynamics GP Service (SBA). Every call goes through the politeness limiter (2–5 in
 * flight, 100–200 ms between starts — seeds 000/001) and a pool of NTLM-authenticated connections, carries a
 * fresh request id (returned for audit), and fails with a ConnectorError (gp-errors.ts).
 */
import { randomUUID } from 'node:crypto';
import { ConnectorError } from '../../lib/errors.ts';
import { createRequestBudget, type RequestBudget, type RequestBudgetStats } from '../../lib/http/request-budget.ts';
import type { Logger } from '../../lib/logger.ts';
import {
  type DispatcherFactory,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
  type NtlmLease,
  type NtlmPoolStats,
} from '../../lib/ntlm/ntlm-connection-pool.ts';
import { accountOf, createGpConnectionPool } from './auth.ts';
import { parseGpConnectionConfig, type GpConnectionConfig } from './config.ts';
import { toGpCustomer, toWireCustomerInput, wireCustomerSchema, type GpCustomer, type GpCustomerInput } from './entities.ts';
import { mapGpResponse, mapGpTransportError, type GpErrorContext } from './errors.ts';
import { buildCompanyPath, buildModifiedFilter, buildQueryString, encodeSbaSegment } from './sba-url.ts';
import { createServerTime } from './server-time.ts';

export interface GpClientDeps {
  logger: Logger;
  /** Epoch-ms clock (Retry-After dates, durations). */
  clock?: { now(): number };
  /** Builds the undici dispatcher of one pooled connection (tests, proxies). */
  dispatcherFactory?: DispatcherFactory;
  /** One limiter per GP server: an SBA and a SOAP client of one connection share it (seeds 000/001). */
  limiter?: RequestBudget;
}

export interface ListCustomersOptions {
  /** ModifiedDate on or after this server-local date (YYYY-MM-DD). */
  modifiedFrom?: string | null;
  /** Keyset position: records after (ModifiedDate, CustomerId). Takes precedence over modifiedFrom. */
  after?: { modifiedDate: string; customerId: string } | null;
  top: number;
  signal?: AbortSignal;
}

export interface GpClient {
  listCustomers(opts: ListCustomersOptions): Promise<{ customers: GpCustomer[]; requestId: string }>;
  /** Undefined when GP has no such customer. */
  getCustomer(id: string, opts?: { signal?: AbortSignal }): Promise<{ customer: GpCustomer | undefined; requestId: string }>;
  createCustomer(input: GpCustomerInput, opts?: { signal?: AbortSignal }): Promise<{ customer: GpCustomer; requestId: string }>;
  /** PATCH: the customer must exist (FACTS §2.3 #11). */
  updateCustomer(id: string, changes: Partial<GpCustomerInput>, opts?: { signal?: AbortSignal }): Promise<{ customer: GpCustomer; requestId: string }>;
  /**
   * One call to a resource below the company (`Sales/Transactions(2;X)`, `Financials/GLAccounts?$filter=…`) through
   * the same limiter and NTLM pool: POST/PATCH bodies are wrapped in the request envelope, the response is unwrapped.
   * With `allowNotFound`, a 404 whose code means "no such record" answers `{ found: false }`.
   */
  send(operation: string, method: HttpMethod, resourcePath: string, opts?: GpSendOptions): Promise<{ body: unknown; found: boolean; requestId: string }>;
  stats(): { limiter: RequestBudgetStats; pool: NtlmPoolStats };
  close(): Promise<void>;
}

export interface GpSendOptions {
  body?: Record<string, unknown>;
  allowNotFound?: boolean;
  signal?: AbortSignal;
}

export interface GpSbaClient extends GpClient {
  /**
   * The tenant's help resource (`/GPService/Tenants(<t>)/help`, FACTS §2.1 [V]); what it holds is [U]: the
   * emulator answers { Tenant, Companies, Resources, Version } (service/sandbox/dynamics-gp/README.md).
   */
  describe(opts?: { signal?: AbortSignal }): Promise<{ body: unknown; requestId: string }>;
}

interface CallResult {
  body: unknown;
  status: number;
  requestId: string;
  response: HttpResponse;
}

export function createGpClient(input: GpConnectionConfig, deps: GpClientDeps): GpSbaClient {
  // Validate again even when handed a parsed config: nothing unvalidated may reach a URL (seed 001).
  const cfg = parseGpConnectionConfig(input);
  const { facts } = cfg;
  const clock = deps.clock ?? { now: Date.now };
  const serverTime = createServerTime({ timezone: cfg.timezone, utcOffsetMinutes: cfg.utcOffsetMinutes });
  const account = accountOf(cfg);
  const companyPath = buildCompanyPath(cfg.baseUrl, facts, cfg.tenant, cfg.company);
  const customersPath = `${companyPath}/${facts.resources.customers}`;
  const limiter = deps.limiter ?? createRequestBudget({ maxConcurrent: cfg.maxConcurrent, minSpacingMs: cfg.minSpacingMs });
  const pool = createGpConnectionPool(cfg, new URL(cfg.baseUrl).origin, deps.dispatcherFactory);
  const log = deps.logger.child({ system: 'dynamics-gp', company: cfg.company });

  async function call(operation: string, method: HttpMethod, path: string, body: unknown, signal?: AbortSignal, okStatuses: number[] = []): Promise<CallResult> {
    const requestId = randomUUID();
    const ctx: GpErrorContext = { operation, requestId, account, facts, now: clock.now() };
    const headers: Record<string, string> = { accept: 'application/json', [facts.requestIdHeader]: requestId };
    if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    const req: HttpRequest = { method, path, headers, body: body === undefined ? undefined : JSON.stringify(body), signal };
    const started = clock.now();
    let lease: NtlmLease | undefined;
    try {
      lease = await pool.acquire();
      await lease.prepare(req);
      const leased = lease;
      const res = await limiter.run(() => leased.send(req));
      log.debug({ operation, method, path, status: res.status, ms: clock.now() - started, requestId }, 'GP call');
      if ((res.status < 200 || res.status >= 300) && !okStatuses.includes(res.status)) throw mapGpResponse(res, { ...ctx, now: clock.now() });
      let parsed: unknown = undefined;
      if (res.body !== '' && res.status < 300) {
        try {
          parsed = JSON.parse(res.body);
        } catch {
          throw new ConnectorError('transient', `GP ${operation} answered HTTP ${res.status} with a body that is not JSON`, { status: res.status, code: 'GP_UNEXPECTED_RESPONSE', requestId });
        }
      }
      return { body: parsed, status: res.status, requestId, response: res };
    } catch (err) {
      const mapped = mapGpTransportError(err, { ...ctx, now: clock.now() });
      log.warn({ operation, method, path, requestId, category: mapped.category, status: mapped.status, code: mapped.code }, mapped.message);
      throw mapped;
    } finally {
      lease?.release();
    }
  }

  function unwrap(result: CallResult, operation: string): unknown {
    if (facts.responseEnvelopeKey === null) return result.body;
    const body = result.body as Record<string, unknown> | null;
    if (!body || typeof body !== 'object' || !(facts.responseEnvelopeKey in body)) {
      throw new ConnectorError('transient', `GP ${operation} answered without a "${facts.responseEnvelopeKey}" property; check facts.responseEnvelopeKey for this GP Service`, {
        code: 'GP_UNEXPECTED_RESPONSE',
        requestId: result.requestId,
      });
    }
    return body[facts.responseEnvelopeKey];
  }

  function readCustomer(raw: unknown, operation: string, requestId: string): GpCustomer {
    const parsed = wireCustomerSchema.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { CustomerId?: unknown } | null)?.CustomerId;
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new ConnectorError('transient', `GP ${operation} returned a customer${typeof id === 'string' ? ` (${id.trim()})` : ''} the connector cannot read: ${problems}`, {
        code: 'GP_UNEXPECTED_RESPONSE',
        requestId,
      });
    }
    try {
      return toGpCustomer(parsed.data, facts, serverTime);
    } catch (err) {
      throw new ConnectorError('transient', `GP ${operation} returned customer ${parsed.data.CustomerId} with an unreadable date: ${(err as Error).message}`, {
        code: 'GP_UNEXPECTED_RESPONSE',
        requestId,
      });
    }
  }

  const customerPath = (id: string) => `${customersPath}(${encodeSbaSegment(id.trim())})`;
  const payload = (entity: Record<string, unknown>) => ({ [facts.requestEnvelopeKey]: entity });

  return {
    async listCustomers(opts) {
      if (!Number.isInteger(opts.top) || opts.top < 1 || opts.top > facts.maxPageSize) {
        throw new ConnectorError('validation', `listCustomers: top must be 1..${facts.maxPageSize}, got ${opts.top}`, { code: 'GP_BAD_PAGE_SIZE' });
      }
      const { modifiedDate: dateField, customerId: idField } = facts.filterFields;
      const filter = buildModifiedFilter(
        { date: dateField, id: idField },
        { modifiedFrom: opts.modifiedFrom, after: opts.after ? { modifiedDate: opts.after.modifiedDate, id: opts.after.customerId } : null },
      );
      const query = buildQueryString([
        [facts.query.filter, filter],
        [facts.query.orderBy, `${dateField} asc,${idField} asc`],
        [facts.query.top, String(opts.top)],
      ]);
      const result = await call('listCustomers', 'GET', `${customersPath}${query}`, undefined, opts.signal);
      const list = unwrap(result, 'listCustomers');
      if (!Array.isArray(list)) {
        throw new ConnectorError('transient', 'GP listCustomers did not answer with a list', { code: 'GP_UNEXPECTED_RESPONSE', requestId: result.requestId });
      }
      return { customers: list.map((raw) => readCustomer(raw, 'listCustomers', result.requestId)), requestId: result.requestId };
    },
    async getCustomer(id, opts) {
      const result = await call('getCustomer', 'GET', customerPath(id), undefined, opts?.signal, [404]);
      if (result.status === 404) {
        // Only "no such customer" means undefined; an unknown company or resource is still an error.
        const err = mapGpResponse(result.response, { operation: 'getCustomer', requestId: result.requestId, account, facts, now: clock.now() });
        if (err.code !== undefined && facts.entityNotFoundCodes.includes(err.code)) return { customer: undefined, requestId: result.requestId };
        throw err;
      }
      return { customer: readCustomer(unwrap(result, 'getCustomer'), 'getCustomer', result.requestId), requestId: result.requestId };
    },
    async createCustomer(input, opts) {
      const result = await call('createCustomer', 'POST', customersPath, payload(toWireCustomerInput(input)), opts?.signal);
      return { customer: readCustomer(unwrap(result, 'createCustomer'), 'createCustomer', result.requestId), requestId: result.requestId };
    },
    async updateCustomer(id, changes, opts) {
      const result = await call('updateCustomer', 'PATCH', customerPath(id), payload(toWireCustomerInput(changes)), opts?.signal);
      return { customer: readCustomer(unwrap(result, 'updateCustomer'), 'updateCustomer', result.requestId), requestId: result.requestId };
    },
    async send(operation, method, resourcePath, opts = {}) {
      const body = opts.body === undefined ? undefined : payload(opts.body);
      const result = await call(operation, method, `${companyPath}/${resourcePath.replace(/^\/+/, '')}`, body, opts.signal, opts.allowNotFound ? [404] : []);
      if (result.status === 404) {
        const err = mapGpResponse(result.response, { operation, requestId: result.requestId, account, facts, now: clock.now() });
        if (err.code !== undefined && facts.entityNotFoundCodes.includes(err.code)) return { body: undefined, found: false, requestId: result.requestId };
        throw err;
      }
      return { body: unwrap(result, operation), found: true, requestId: result.requestId };
    },
    async describe(opts) {
      const prefix = new URL(cfg.baseUrl).pathname.replace(/\/+$/, '');
      const result = await call('describe', 'GET', `${prefix}${facts.servicePath}/Tenants(${encodeSbaSegment(cfg.tenant)})/help`, undefined, opts?.signal);
      return { body: result.body, requestId: result.requestId };
    },
    stats: () => ({ limiter: limiter.stats(), pool: pool.stats() }),
    close: () => pool.close(),
  };
}
