/**
 * One listener for every tenant: `/<domain>/...` stands for `https://<domain>.procurify.com/...` (FACTS §6 [V]:
 * per-tenant host), so a client's base URL is `<sandbox url>/<domain>`.
 * - `POST /<domain>/oauth/token` — tokens.ts.
 * - `/<domain>/api/...` — the route table, in DRF's order: route match (a URL no route knows → Django's HTML 404),
 *   authentication (401), the `X-Procurify-Client: api` header the docs ask for (OAS `Oauth_tokenRequest`
 *   description; refusal [U], `clientHeader`), throttle (429, off by default), method (405: DRF looks the
 *   handler up after `initial()`), then the view (filters 400, lookups 404). Bodies must be JSON (other media types 415: the sandbox emulates only JSON).
 *   `?format=json` is accepted; `format=csv` answers 501 (CSV rendering is not emulated).
 * - `/_sandbox/...` — the admin surface (admin-routes.ts).
 * Faults and latency apply to the token endpoint and the API, matched on "METHOD /route/template".
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import type { CallCounters } from './counters.ts';
import { DrfError, detailError, djangoNotFoundPage, errorResponse, jsonResponse, methodNotAllowed, serverErrorPage } from './errors.ts';
import type { Fault, Faults } from './faults.ts';
import type { RateLimiter } from './rate-limits.ts';
import type { Router } from './router.ts';
import { createSerializeContext } from './serialize-common.ts';
import type { ProcurifySettings } from './settings.ts';
import type { TenantRuntime } from './tenant-runtime.ts';
import type { TokenService } from './tokens.ts';

export type SandboxEnv = { Bindings: HttpBindings };

export interface SandboxAppDeps {
  tenants: Map<string, TenantRuntime>;
  router: Router;
  tokens: TokenService;
  limiter: RateLimiter;
  faults: Faults;
  counters: CallCounters;
  settings(): ProcurifySettings;
  admin: Hono<SandboxEnv>;
  onInternalError(err: unknown): void;
}

const TOKEN_LABEL = 'POST /oauth/token';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Close the client's connection without an answer (a dropped request, or a response lost after commit). */
function destroyConnection(c: Context<SandboxEnv>): Response {
  c.env?.incoming?.socket?.destroy();
  return new Response(null, { status: 599 });
}

function faultResponse(fault: Extract<Fault, { kind: 'status' }>): Response {
  const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
  if (fault.status >= 500) return serverErrorPage(fault.status, headers);
  const detail = fault.message ?? (fault.status === 429 ? `Request was throttled. Expected available in ${fault.retryAfterSeconds ?? 1} seconds.` : `Injected fault: HTTP ${fault.status}`);
  return errorResponse(detailError(fault.status, detail, headers));
}

async function readJsonBody(raw: Request): Promise<unknown> {
  const text = await raw.text();
  const type = (raw.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (text === '') return {};
  if (type !== 'application/json') throw detailError(415, `Unsupported media type "${type}" in request.`);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw detailError(400, `JSON parse error - ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function readTokenBody(raw: Request, allowForm: boolean): Promise<unknown> {
  const type = (raw.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const text = await raw.text();
  if (type === 'application/json') {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  if (allowForm && type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  return undefined;
}

export function createSandboxApp(deps: SandboxAppDeps): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });
  const toResponse = (err: unknown): Response => {
    if (err instanceof DrfError) return errorResponse(err);
    deps.onInternalError(err);
    return serverErrorPage(500);
  };

  app.route('/_sandbox', deps.admin);

  app.all('/:domain/oauth/token', async (c) => {
    const domain = c.req.param('domain');
    if (!deps.tenants.has(domain)) return djangoNotFoundPage();
    deps.counters.record(TOKEN_LABEL);
    const fault = deps.faults.take(TOKEN_LABEL);
    if (fault?.kind === 'drop') return destroyConnection(c);
    if (fault?.kind === 'status') return faultResponse(fault);
    const settings = deps.settings();
    const latencyMs = deps.faults.latencyFor(TOKEN_LABEL);
    if (latencyMs > 0) await sleep(latencyMs);
    if (c.req.method !== 'POST') return jsonResponse(405, settings.tokenErrorStyle === 'auth0' ? { error: 'invalid_request', error_description: 'Method not allowed' } : { detail: `Method "${c.req.method}" not allowed.` });
    const body = await readTokenBody(c.req.raw, settings.tokenBody === 'json-or-form');
    const answer = deps.tokens.issue(domain, body ?? null, settings.tokenErrorStyle, settings.tokenLifetimeSeconds);
    if (fault?.kind === 'loseResponse') return destroyConnection(c);
    return jsonResponse(answer.status, answer.body, answer.status === 200 ? { 'cache-control': 'no-store', pragma: 'no-cache' } : {});
  });

  app.all('/:domain/*', async (c) => {
    const domain = c.req.param('domain');
    const tenant = deps.tenants.get(domain);
    if (!tenant) return djangoNotFoundPage();
    const url = new URL(c.req.url);
    const method = c.req.method.toUpperCase();
    const route = deps.router.match(method, url.pathname.slice(domain.length + 1));
    if (!route) return djangoNotFoundPage();
    const label = `${method} ${route.template}`;
    deps.counters.record(label);
    const fault = deps.faults.take(label);
    if (fault?.kind === 'drop') return destroyConnection(c);
    if (fault?.kind === 'status') return faultResponse(fault);
    const settings = deps.settings();
    try {
      const clientId = deps.tokens.verify(c.req.header('authorization'), domain);
      if (settings.clientHeader === 'require' && c.req.header('x-procurify-client')?.trim().toLowerCase() !== 'api') {
        throw detailError(400, 'Missing or invalid X-Procurify-Client header; API clients must send "X-Procurify-Client: api".');
      }
      deps.limiter.admit(`${domain}:${clientId}`, settings.rateLimit);
      if (!route.handler) throw methodNotAllowed(method, route.allowed);
      const latencyMs = deps.faults.latencyFor(label);
      if (latencyMs > 0) await sleep(latencyMs);
      const format = url.searchParams.get('format');
      if (format !== null && format !== 'json') {
        if (format === 'csv') throw detailError(501, 'format=csv is not emulated by the Procurify sandbox.');
        throw detailError(404, 'Not found.');
      }
      const body = WRITE_METHODS.has(method) ? await readJsonBody(c.req.raw) : undefined;
      const result = route.handler({ method, url, params: route.params, query: url.searchParams, body, tenant, ctx: createSerializeContext(tenant.data), settings });
      if (fault?.kind === 'loseResponse') return destroyConnection(c);
      return jsonResponse(result.status, result.body, route.allowed.length > 0 ? { allow: [...route.allowed, 'OPTIONS'].join(', ') } : {});
    } catch (err) {
      if (fault?.kind === 'loseResponse') return destroyConnection(c);
      return toResponse(err);
    }
  });

  app.notFound(() => djangoNotFoundPage());
  app.onError((err) => toResponse(err));
  return app;
}
