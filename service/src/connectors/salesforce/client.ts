import type { Dispatcher } from 'undici';
import { ConnectorError } from '../../lib/errors.ts';
import { createJsonClient, type CredentialSource } from '../../lib/http/json-client.ts';
import type { Logger } from '../../lib/logger.ts';
import { createSalesforceAuth, type SalesforceAuth } from './auth.ts';
import type { SalesforceConfig } from './config.ts';
import { mapHttpFailure } from './errors.ts';
import { parseLimitInfo, type ApiLimits } from './limit-info.ts';
import { createNamespacer, type Namespacer } from './namespace.ts';

export interface SfResponse<T> {
  status: number;
  body: T;
  requestId: string | undefined;
}

export interface RequestOptions {
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface QueryPage<T> {
  totalSize: number;
  done: boolean;
  records: T[];
  requestId: string | undefined;
}

export interface UpsertResultItem {
  id?: string | null;
  success: boolean;
  created?: boolean;
  errors: Array<{ statusCode: string; message: string; fields?: string[] }>;
}

export interface SalesforceClient {
  readonly apiVersion: string;
  /** Qualifies the package's custom names with the configured namespace. */
  readonly names: Namespacer;
  /**
   * One REST call. `path` is relative to `/services/data/vXX.X/` unless it starts with `/services/`.
   * A 401 refreshes the session once and retries once; other failures throw a ConnectorError.
   */
  request<T = unknown>(method: string, path: string, opts?: RequestOptions): Promise<SfResponse<T>>;
  /** Every page of a SOQL query, following nextRecordsUrl until done (FACTS 1.3 #13). */
  queryPages<T = Record<string, unknown>>(soql: string, opts?: { signal?: AbortSignal; batchSize?: number }): AsyncGenerator<QueryPage<T>>;
  /** Every record of a SOQL query. */
  query<T = Record<string, unknown>>(soql: string, opts?: { signal?: AbortSignal; batchSize?: number }): AsyncGenerator<T>;
  getUpdated(sobject: string, start: Date, end: Date, opts?: { signal?: AbortSignal }): Promise<{ ids: string[]; latestDateCovered: string; requestId: string | undefined }>;
  getDeleted(
    sobject: string,
    start: Date,
    end: Date,
    opts?: { signal?: AbortSignal },
  ): Promise<{ deletedRecords: Array<{ id: string; deletedDate: string }>; latestDateCovered: string; earliestDateAvailable?: string; requestId: string | undefined }>;
  describe(sobject: string, opts?: { signal?: AbortSignal }): Promise<{ name: string; fields: Array<{ name: string; type: string; externalId?: boolean; length?: number }> }>;
  /** sObject Collections upsert (≤200 records, all of type `sobject`). Names must already be qualified. */
  upsertCollection(
    sobject: string,
    externalIdField: string,
    records: Array<Record<string, unknown>>,
    opts?: { allOrNone?: boolean; signal?: AbortSignal },
  ): Promise<{ results: UpsertResultItem[]; requestId: string | undefined }>;
  /** The org's API usage from the last Sforce-Limit-Info header seen (FACTS 1.3 #15). */
  limits(): ApiLimits | undefined;
  /** Request ids of the most recent calls, newest last. */
  recentRequestIds(): string[];
}

export interface SalesforceClientDeps {
  logger: Logger;
  dispatcher?: Dispatcher;
  /** Share one auth between clients of the same credential (defaults to a new one). */
  auth?: SalesforceAuth;
}

const RECENT_REQUEST_IDS = 50;

export function createSalesforceClient(cfg: SalesforceConfig, deps: SalesforceClientDeps): SalesforceClient {
  const auth = deps.auth ?? createSalesforceAuth(cfg, { logger: deps.logger, dispatcher: deps.dispatcher });
  const names = createNamespacer(cfg.namespace);
  const dataBase = `/services/data/v${cfg.apiVersion}`;
  const requestIds: string[] = [];
  let lastLimits: ApiLimits | undefined;
  // The API host comes with the session (instance_url), never from the login URL (FACTS 1.3 #16).
  const credentials: CredentialSource = {
    get: async () => {
      const s = await auth.getSession();
      return { token: s.accessToken, baseUrl: s.instanceUrl };
    },
    refreshAfterRejection: async (rejected) => {
      const s = await auth.refreshAfterRejection(rejected);
      return { token: s.accessToken, baseUrl: s.instanceUrl };
    },
  };

  function resolvePath(path: string): string {
    if (path.startsWith('/services/')) return path;
    return `${dataBase}/${path.replace(/^\/+/, '')}`;
  }

  const http = createJsonClient({
    system: 'Salesforce',
    resolveUrl: (path, credential) => `${credential?.baseUrl ?? cfg.loginUrl}${resolvePath(path)}`,
    credentials,
    timeoutMs: cfg.requestTimeoutMs,
    requestIdHeaders: ['x-sfdc-request-id', 'x-request-id'],
    mapFailure: (f, now) =>
      mapHttpFailure(
        { method: f.method, path: f.path, status: f.status, body: f.body, retryAfter: f.retryAfter, requestId: f.requestId },
        { requestLimitBackoffMs: cfg.requestLimitBackoffMs, now },
      ),
    onResponse({ headers, requestId }) {
      if (requestId) {
        requestIds.push(requestId);
        if (requestIds.length > RECENT_REQUEST_IDS) requestIds.shift();
      }
      const limits = parseLimitInfo(headers['sforce-limit-info']);
      if (limits) lastLimits = limits;
    },
    logger: deps.logger,
    dispatcher: deps.dispatcher,
  });

  const client: SalesforceClient = {
    apiVersion: cfg.apiVersion,
    names,

    request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<SfResponse<T>> {
      // A 401 (the session expired; there is no expires_in to plan by, FACTS 1.3 #14/#16) refreshes once, retries once.
      return http.request<T>(method, path, opts);
    },

    async *queryPages<T>(soql: string, opts: { signal?: AbortSignal; batchSize?: number } = {}): AsyncGenerator<QueryPage<T>> {
      const headers = opts.batchSize ? { 'sforce-query-options': `batchSize=${opts.batchSize}` } : undefined;
      type Page = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: T[] };
      let res = await client.request<Page>('GET', 'query', { query: { q: soql }, headers, signal: opts.signal });
      for (;;) {
        const { totalSize, done, nextRecordsUrl, records } = res.body;
        yield { totalSize, done, records, requestId: res.requestId };
        if (done || !nextRecordsUrl) return;
        // nextRecordsUrl is a path on the instance, fetched unchanged (FACTS 1.2).
        res = await client.request<Page>('GET', nextRecordsUrl, { headers, signal: opts.signal });
      }
    },

    async *query<T>(soql: string, opts: { signal?: AbortSignal; batchSize?: number } = {}): AsyncGenerator<T> {
      for await (const page of client.queryPages<T>(soql, opts)) yield* page.records;
    },

    async getUpdated(sobject, start, end, opts = {}) {
      const res = await client.request<{ ids: string[]; latestDateCovered: string }>('GET', `sobjects/${names.qualify(sobject)}/updated/`, {
        query: { start: start.toISOString(), end: end.toISOString() },
        signal: opts.signal,
      });
      return { ...res.body, requestId: res.requestId };
    },

    async getDeleted(sobject, start, end, opts = {}) {
      const res = await client.request<{ deletedRecords: Array<{ id: string; deletedDate: string }>; latestDateCovered: string; earliestDateAvailable?: string }>(
        'GET',
        `sobjects/${names.qualify(sobject)}/deleted/`,
        { query: { start: start.toISOString(), end: end.toISOString() }, signal: opts.signal },
      );
      return { ...res.body, requestId: res.requestId };
    },

    async describe(sobject, opts = {}) {
      const res = await client.request<{ name: string; fields: Array<{ name: string; type: string; externalId?: boolean; length?: number }> }>(
        'GET',
        `sobjects/${names.qualify(sobject)}/describe`,
        { signal: opts.signal },
      );
      return res.body;
    },

    async upsertCollection(sobject, externalIdField, records, opts = {}) {
      const res = await client.request<UpsertResultItem[]>('PATCH', `composite/sobjects/${sobject}/${externalIdField}`, {
        body: { allOrNone: opts.allOrNone ?? false, records },
        signal: opts.signal,
      });
      if (!Array.isArray(res.body)) {
        throw new ConnectorError('transient', `Salesforce collections upsert on ${sobject} answered ${res.status} without a result array`, { requestId: res.requestId });
      }
      return { results: res.body, requestId: res.requestId };
    },

    limits: () => (lastLimits ? { ...lastLimits } : undefined),
    recentRequestIds: () => [...requestIds],
  };
  return client;
}
