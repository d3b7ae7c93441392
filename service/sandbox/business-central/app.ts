/**
 * The emulator's HTTP surface on one listener: the Entra token endpoint (`/<tenant>/oauth2/v2.0/token`), the
 * BC API (`/v2.0/<tenant>/<environment>/api/v2.0/...`) behind auth, environment check, fault injection and the
 * per-user limits, and the admin surface (`/_sandbox/...`).
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import type { ApiHandler, ApiRequest } from './api-handler.ts';
import { runBatch } from './batch.ts';
import type { CallCounters } from './counters.ts';
import { BcHttpError, bcError, errorResponse } from './errors.ts';
import type { Faults } from './faults.ts';
import type { RateLimits } from './rate-limits.ts';
import type { TokenService } from './tokens.ts';

export type SandboxEnv = { Bindings: HttpBindings };

export interface SandboxAppDeps {
  environment: string;
  tokens: TokenService;
  limits: RateLimits;
  faults: Faults;
  counters: CallCounters;
  handle: ApiHandler;
  admin: Hono<SandboxEnv>;
  onInternalError(err: unknown): void;
}

const FAULT_CODES: Record<number, string> = { 408: 'Internal_RequestTimeout', 429: 'Application_TooManyRequests', 500: 'Internal_ServerError', 503: 'Internal_ServiceUnavailable', 504: 'Internal_GatewayTimeout' };

async function readJson(raw: Request): Promise<unknown> {
  const text = await raw.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw bcError(400, 'BadRequest', 'The request body is not valid JSON.');
  }
}

export function createSandboxApp(deps: SandboxAppDeps): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });

  const toResponse = (err: unknown, correlationId: string): Response => {
    if (err instanceof BcHttpError) return errorResponse(err, correlationId);
    deps.onInternalError(err);
    return errorResponse(bcError(500, 'Internal_ServerError', 'An unexpected error occurred.'), correlationId);
  };
  const execute = (req: ApiRequest): Promise<Response> => deps.handle(req).catch((err: unknown) => toResponse(err, randomUUID()));

  app.post('/:tenant/oauth2/v2.0/token', async (c) => {
    deps.counters.record('POST token');
    const type = c.req.header('content-type') ?? '';
    if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return c.json({ error: 'invalid_request', error_description: 'AADSTS900144: The request body must contain the following parameter: grant_type.' }, 400);
    }
    const result = deps.tokens.issue(c.req.param('tenant'), new URLSearchParams(await c.req.text()));
    return c.json(result.body, result.status as 200);
  });

  app.route('/_sandbox', deps.admin);

  app.all('/v2.0/:tenant/:environment/api/v2.0/*', async (c) => {
    const url = new URL(c.req.url);
    const tenant = c.req.param('tenant');
    const environment = c.req.param('environment');
    const prefix = `/v2.0/${tenant}/${environment}/api/v2.0`;
    const path = url.pathname.slice(url.pathname.indexOf('/api/v2.0') + '/api/v2.0'.length).replace(/^\//, '');
    const label = `${c.req.method} ${decodeURIComponent(path).replace(/\([^)]*\)/g, '()')}`;
    const correlationId = randomUUID();
    deps.counters.record(label);
    try {
      const fault = deps.faults.take(label);
      if (fault?.kind === 'drop') {
        c.env.incoming.socket.destroy();
        return new Response(null, { status: 500 });
      }
      if (fault?.kind === 'status') {
        const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
        throw bcError(fault.status, fault.code ?? FAULT_CODES[fault.status] ?? 'Internal_ServerError', fault.message ?? `Injected fault: HTTP ${fault.status}`, headers);
      }
      const user = deps.tokens.verify(c.req.header('authorization'), tenant);
      // [U] code/text for an unknown environment name.
      if (environment !== deps.environment) throw bcError(404, 'BadRequest_ResourceNotFound', `Environment '${environment}' does not exist.`);
      deps.limits.admit(user);
      const release = await deps.limits.acquire();
      try {
        const latencyMs = deps.faults.latencyFor(label);
        if (latencyMs > 0) await sleep(latencyMs);
        const req: ApiRequest = {
          method: c.req.method,
          path,
          query: url.searchParams,
          headers: c.req.raw.headers,
          body: c.req.method === 'GET' || c.req.method === 'DELETE' ? undefined : await readJson(c.req.raw),
          serviceRoot: `${url.origin}${prefix}`,
        };
        let res: Response;
        if (path === '$batch') {
          if (c.req.method !== 'POST') throw bcError(405, 'BadRequest_MethodNotAllowed', '$batch takes POST.');
          res = await runBatch(req, execute);
        } else {
          res = await deps.handle(req);
        }
        if (fault?.kind === 'loseResponse') {
          c.env.incoming.socket.destroy();
          return new Response(null, { status: 500 });
        }
        res.headers.set('request-id', correlationId);
        return res;
      } finally {
        release();
      }
    } catch (err) {
      const res = toResponse(err, correlationId);
      res.headers.set('request-id', correlationId);
      return res;
    }
  });

  app.notFound((c) => c.json({ error: { code: 'BadRequest_NotFound', message: `No HTTP resource was found that matches the request URI '${c.req.url}'.` } }, 404));
  app.onError((err) => toResponse(err, randomUUID()));
  return app;
}
