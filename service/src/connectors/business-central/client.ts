/**
 * Typed calls to the BC API v2.0 of one company: `{apiBase}/v2.0/{tenant}/{environment}/api/v2.0/companies({id})/…`
 * (FACTS §3 [V]). Every call goes through the request budget (never a self-inflicted 429), carries a cached
 * Entra token (one re-auth on 401), and fails as a ConnectorError. Paging follows `@odata.nextLink` verbatim;
 * PATCH sends the entity's `@odata.etag` as If-Match; `$batch` groups up to 100 operations in one request.
 */
import type { Dispatcher } from 'undici';
import { ConnectorError } from '../../lib/errors.ts';
import { createJsonClient, type CredentialSource } from '../../lib/http/json-client.ts';
import { createRequestBudget, type RequestBudget, type RequestBudgetStats } from '../../lib/http/request-budget.ts';
import type { Logger } from '../../lib/logger.ts';
import { createBcAuth, type BcAuth } from './auth.ts';
import type { BcConfig } from './config.ts';
import { mapBcFailure } from './errors.ts';
import { BC_FACTS, serviceRootUrl } from './facts.ts';
import { chunk, toQueryString, type ODataQuery } from './odata.ts';

export interface BcResponse<T> {
  status: number;
  body: T;
  requestId: string | undefined;
}

export interface BcRequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface BcPage<T> {
  value: T[];
  requestId: string | undefined;
  nextLink: string | undefined;
}

export interface BatchOperation {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Company-relative path (`customers`, `salesOrders(<id>)/salesOrderLines`), with an optional query string. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface BatchResult {
  status: number;
  body: unknown;
  ok: boolean;
  /** The operation's failure as a ConnectorError (undefined when ok). */
  error: ConnectorError | undefined;
}

type Etagged = { '@odata.etag'?: string };

export interface BcClient {
  readonly serviceRoot: string;
  readonly companyId: string;
  /**
   * One call. `path` is company-relative (`customers(<id>)`), service-relative when it starts with '/'
   * (`/subscriptions`, `/companies`), or an absolute URL on the API host (a nextLink).
   */
  request<T = unknown>(method: string, path: string, opts?: BcRequestOptions): Promise<BcResponse<T>>;
  /** Every page of a collection, following @odata.nextLink as given. */
  pages<T>(path: string, query?: ODataQuery, opts?: { maxPageSize?: number; signal?: AbortSignal }): AsyncGenerator<BcPage<T>>;
  listAll<T>(path: string, query?: ODataQuery, opts?: { maxPageSize?: number; signal?: AbortSignal }): Promise<T[]>;
  /** One entity, or undefined if BC answers 404. */
  get<T>(path: string, id: string, opts?: { signal?: AbortSignal }): Promise<(T & Etagged) | undefined>;
  create<T>(path: string, body: Record<string, unknown>, opts?: { signal?: AbortSignal }): Promise<T & Etagged>;
  /** PATCH with If-Match: a stale etag fails as a `conflict` (409 Request_EntityChanged). */
  update<T>(path: string, id: string, etag: string, patch: Record<string, unknown>, opts?: { signal?: AbortSignal }): Promise<T & Etagged>;
  /**
   * Read, derive the change from the current record (`mutate` returns the patch, or undefined for none), PATCH
   * with its etag; if another writer got there first (409), read again, re-apply, and retry once.
   */
  updateWithRetryOnConflict<T>(path: string, id: string, mutate: (current: T & Etagged) => Record<string, unknown> | undefined): Promise<T & Etagged>;
  remove(path: string, id: string, etag?: string): Promise<void>;
  /** A bound action, e.g. `salesInvoices(<id>)/Microsoft.NAV.post` (204, FACTS §3). */
  invokeAction(path: string, id: string, action: string): Promise<void>;
  /** JSON $batch, split into requests of ≤ 100 operations; results in input order, each ok or with its error. */
  batch(ops: BatchOperation[], opts?: { signal?: AbortSignal }): Promise<BatchResult[]>;
  stats(): RequestBudgetStats & { tokenRequests: number };
}

export interface BcClientDeps {
  logger: Logger;
  dispatcher?: Dispatcher;
  now?: () => number;
  auth?: BcAuth;
  budget?: RequestBudget;
}

export function createBcClient(cfg: BcConfig, deps: BcClientDeps): BcClient {
  const now = deps.now ?? Date.now;
  const auth = deps.auth ?? createBcAuth(cfg, { logger: deps.logger, dispatcher: deps.dispatcher, now });
  // BC's per-user limits (FACTS §3 [V]): 5 requests processed at once, 6,000 in any 5-minute window.
  const budget =
    deps.budget ?? createRequestBudget({ maxConcurrent: cfg.maxConcurrent, window: { requests: cfg.requestsPerWindow, ms: cfg.rateWindowMs } });
  const serviceRoot = serviceRootUrl(cfg.apiBaseUrl, cfg.tenantId, cfg.environment);
  const companyRoot = `${serviceRoot}/companies(${cfg.companyId})`;
  const apiOrigin = new URL(cfg.apiBaseUrl).origin;
  const credentials: CredentialSource = {
    get: async () => ({ token: await auth.getToken() }),
    refreshAfterRejection: async (rejected) => ({ token: await auth.refreshAfterRejection(rejected) }),
  };

  function resolve(path: string): string {
    if (/^https?:\/\//i.test(path)) {
      // A nextLink is followed verbatim, but the bearer token only ever goes to the configured API host.
      if (new URL(path).origin !== apiOrigin) throw new ConnectorError('validation', `Business Central returned a link to another host (${new URL(path).origin}); refusing to follow it`);
      return path;
    }
    if (path.startsWith('/')) return `${serviceRoot}${path}`;
    return `${companyRoot}/${path}`;
  }

  const http = createJsonClient({
    system: 'Business Central',
    resolveUrl: resolve,
    credentials,
    budget,
    timeoutMs: cfg.requestTimeoutMs,
    requestIdHeaders: ['request-id', 'x-ms-request-id'],
    mapFailure: (f, at) => mapBcFailure({ method: f.method, what: f.url, status: f.status, body: f.body, retryAfter: f.retryAfter, requestId: f.requestId }, at),
    logger: deps.logger,
    dispatcher: deps.dispatcher,
    now,
  });

  const client: BcClient = {
    serviceRoot,
    companyId: cfg.companyId,

    request<T>(method: string, path: string, opts: BcRequestOptions = {}): Promise<BcResponse<T>> {
      return http.request<T>(method, path, opts);
    },

    async *pages<T>(path: string, query: ODataQuery = {}, opts: { maxPageSize?: number; signal?: AbortSignal } = {}): AsyncGenerator<BcPage<T>> {
      const size = Math.min(opts.maxPageSize ?? cfg.pageSize, BC_FACTS.maxPageSize);
      const qs = toQueryString(query);
      let next: string | undefined = qs ? `${path}?${qs}` : path;
      while (next !== undefined) {
        const res: BcResponse<{ value?: T[]; '@odata.nextLink'?: string }> = await client.request('GET', next, {
          headers: { prefer: `odata.maxpagesize=${size}` },
          signal: opts.signal,
        });
        if (!Array.isArray(res.body?.value)) throw new ConnectorError('transient', `Business Central GET ${path} answered without a value array`, { requestId: res.requestId });
        const nextLink = res.body['@odata.nextLink'];
        yield { value: res.body.value, requestId: res.requestId, nextLink };
        next = nextLink;
      }
    },

    async listAll<T>(path: string, query: ODataQuery = {}, opts: { maxPageSize?: number; signal?: AbortSignal } = {}): Promise<T[]> {
      const out: T[] = [];
      for await (const page of client.pages<T>(path, query, opts)) out.push(...page.value);
      return out;
    },

    async get<T>(path: string, id: string, opts: { signal?: AbortSignal } = {}) {
      try {
        return (await client.request<T & Etagged>('GET', `${path}(${id})`, { signal: opts.signal })).body;
      } catch (err) {
        if (err instanceof ConnectorError && err.status === 404) return undefined;
        throw err;
      }
    },

    async create<T>(path: string, body: Record<string, unknown>, opts: { signal?: AbortSignal } = {}) {
      return (await client.request<T & Etagged>('POST', path, { body, signal: opts.signal })).body;
    },

    async update<T>(path: string, id: string, etag: string, patch: Record<string, unknown>, opts: { signal?: AbortSignal } = {}) {
      return (await client.request<T & Etagged>('PATCH', `${path}(${id})`, { body: patch, headers: { 'if-match': etag }, signal: opts.signal })).body;
    },

    async updateWithRetryOnConflict<T>(path: string, id: string, mutate: (current: T & Etagged) => Record<string, unknown> | undefined) {
      for (let attempt = 1; ; attempt++) {
        const current = await client.get<T>(path, id);
        if (!current) throw new ConnectorError('validation', `Business Central ${path}(${id}) no longer exists`, { status: 404 });
        const patch = mutate(current);
        if (!patch || Object.keys(patch).length === 0) return current;
        try {
          return await client.update<T>(path, id, current['@odata.etag'] ?? '*', patch);
        } catch (err) {
          if (attempt >= 2 || !(err instanceof ConnectorError) || err.category !== 'conflict') throw err;
          deps.logger.info({ path, id }, 'business central record changed under us; re-reading and retrying once');
        }
      }
    },

    async remove(path: string, id: string, etag?: string) {
      await client.request('DELETE', `${path}(${id})`, { headers: { 'if-match': etag ?? '*' } });
    },

    async invokeAction(path: string, id: string, action: string) {
      await client.request('POST', `${path}(${id})/Microsoft.NAV.${action}`);
    },

    async batch(ops: BatchOperation[], opts: { signal?: AbortSignal } = {}): Promise<BatchResult[]> {
      const results: BatchResult[] = [];
      for (const group of chunk(ops, BC_FACTS.maxBatchOperations)) {
        const requests = group.map((op, i) => ({
          id: String(i + 1),
          method: op.method,
          url: `companies(${cfg.companyId})/${op.path}`,
          headers: { ...(op.body === undefined ? {} : { 'content-type': 'application/json' }), ...op.headers },
          ...(op.body === undefined ? {} : { body: op.body }),
        }));
        const res = await client.request<{ responses?: Array<{ id?: string; status?: number; body?: unknown; headers?: Record<string, string> }> }>('POST', '/$batch', {
          body: { requests },
          signal: opts.signal,
        });
        const byId = new Map((res.body?.responses ?? []).map((r) => [String(r.id), r]));
        group.forEach((op, i) => {
          const r = byId.get(String(i + 1));
          const status = typeof r?.status === 'number' ? r.status : 0;
          const ok = status >= 200 && status < 300;
          const error = ok
            ? undefined
            : r
              ? mapBcFailure({ method: op.method, what: `$batch ${op.path.split('?')[0]}`, status, body: r.body, retryAfter: r.headers?.['retry-after'], requestId: res.requestId }, now())
              : new ConnectorError('transient', `Business Central $batch gave no response for ${op.method} ${op.path.split('?')[0]}`, { requestId: res.requestId });
          results.push({ status, body: r?.body, ok, error });
        });
      }
      return results;
    },

    stats: () => ({ ...budget.stats(), tokenRequests: auth.tokenRequests() }),
  };
  return client;
}
