/**
 * The one HTTP client for JSON REST systems (Salesforce, Business Central, and the systems that come next). One
 * call: resolve the URL, take a token from the connection's token cache, wait for the request budget, send with
 * timeouts (and the caller's abort signal), parse JSON, and on failure hand the connector's error mapper what
 * happened so it can name the category (ConnectorError). What it does for every system alike:
 * - a 401 refreshes the token once (single flight, lib/token-cache.ts) and the call is sent again once;
 * - a 429, or a 503 with Retry-After, pauses the whole budget for the Retry-After (everyone waits);
 * - network failures (reset, refused, timeout) are transient ConnectorErrors; an aborted call rethrows the abort;
 * - the response's request id (first of the connector's `requestIdHeaders`) travels with the result and errors.
 * What stays with the connector: URL rules (`resolveUrl`), the error envelope (`mapFailure`), response headers it
 * cares about (`onResponse`, e.g. Sforce-Limit-Info).
 */
import { request, type Dispatcher } from 'undici';
import { ConnectorError, parseRetryAfter } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { RequestBudget } from './request-budget.ts';

/** A bearer token and, for systems that hand out the API host with the token (Salesforce), that base URL. */
export interface Credential {
  token: string;
  baseUrl?: string;
}

/** The connection's token cache, seen from the client. */
export interface CredentialSource {
  get(): Promise<Credential>;
  /** After a 401 with `rejectedToken`: refresh unless a newer token already replaced it. */
  refreshAfterRejection(rejectedToken: string): Promise<Credential>;
}

/** A failed call, as the connector's error mapper sees it. */
export interface HttpFailure {
  method: string;
  /** The URL called, without its query string (queries may carry customer data). */
  url: string;
  /** Its path alone. */
  path: string;
  status: number;
  /** Parsed JSON, else the text, else undefined. */
  body: unknown;
  retryAfter: string | undefined;
  requestId: string | undefined;
}

export interface JsonRequestOptions {
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface JsonResponse<T> {
  status: number;
  body: T;
  requestId: string | undefined;
}

export interface JsonClientOptions {
  /** The system's name in messages ("Business Central"). */
  system: string;
  /** The absolute URL of `path` (relative paths, nextLinks...); may throw a ConnectorError to refuse one. */
  resolveUrl(path: string, credential: Credential | undefined): string;
  credentials?: CredentialSource;
  budget?: RequestBudget;
  /** Headers and body timeout of one call. */
  timeoutMs: number;
  mapFailure(failure: HttpFailure, nowMs: number): ConnectorError;
  /** Response headers carrying the server's request id, in order of preference (lower-case). */
  requestIdHeaders: readonly string[];
  /** Every response's status and headers (limits the system reports, request ids kept for audit...). */
  onResponse?(res: { status: number; headers: Record<string, string | undefined>; requestId: string | undefined }): void;
  logger: Logger;
  dispatcher?: Dispatcher;
  /** Epoch-ms clock (Retry-After dates). */
  now?: () => number;
}

export interface JsonClient {
  /** One call; 2xx answers the parsed body, anything else throws the mapped ConnectorError. */
  request<T = unknown>(method: string, path: string, opts?: JsonRequestOptions): Promise<JsonResponse<T>>;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function flatHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, header(v)]));
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 10_000);
  }
}

export function createJsonClient(opts: JsonClientOptions): JsonClient {
  const now = opts.now ?? Date.now;

  async function send(credential: Credential | undefined, method: string, path: string, req: JsonRequestOptions) {
    const url = new URL(opts.resolveUrl(path, credential));
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { accept: 'application/json', ...(credential ? { authorization: `Bearer ${credential.token}` } : {}), ...req.headers };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    const target = { url: `${url.origin}${url.pathname}`, path: url.pathname };
    const call = async () => {
      const started = now();
      let res: Dispatcher.ResponseData;
      try {
        res = await request(url, {
          method: method as Dispatcher.HttpMethod,
          headers,
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
          dispatcher: opts.dispatcher,
          signal: req.signal,
          headersTimeout: opts.timeoutMs,
          bodyTimeout: opts.timeoutMs,
        });
      } catch (err) {
        if (req.signal?.aborted) throw err;
        throw new ConnectorError('transient', `${opts.system} ${method} ${target.url}: network error: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      const body = parseBody(await res.body.text());
      const flat = flatHeaders(res.headers);
      const requestId = opts.requestIdHeaders.map((h) => flat[h]).find((v) => v !== undefined);
      const retryAfter = flat['retry-after'];
      if (opts.budget && (res.statusCode === 429 || (res.statusCode === 503 && retryAfter))) {
        opts.budget.pauseFor(parseRetryAfter(retryAfter, now()) ?? 1_000);
      }
      opts.onResponse?.({ status: res.statusCode, headers: flat, requestId });
      opts.logger.debug({ method, url: target.url, status: res.statusCode, requestId, ms: now() - started }, `${opts.system} request`);
      return { status: res.statusCode, body, requestId, retryAfter, ...target };
    };
    return opts.budget ? opts.budget.run(call) : call();
  }

  return {
    async request<T>(method: string, path: string, req: JsonRequestOptions = {}): Promise<JsonResponse<T>> {
      const credential = await opts.credentials?.get();
      let res = await send(credential, method, path, req);
      if (res.status === 401 && credential && opts.credentials) {
        const fresh = await opts.credentials.refreshAfterRejection(credential.token);
        res = await send(fresh, method, path, req);
      }
      if (res.status >= 200 && res.status < 300) return { status: res.status, body: res.body as T, requestId: res.requestId };
      throw opts.mapFailure({ method, url: res.url, path: res.path, status: res.status, body: res.body, retryAfter: res.retryAfter, requestId: res.requestId }, now());
    },
  };
}
