/**
 * The emulator's two HTTP faces, on two listeners as in reality (login.microsoftonline.com vs <org>.crm.dynamics.com):
 * - the authority: `POST /<tenant>/oauth2/v2.0/token` (form body);
 * - the org: the Web API under `/api/data/v9.x/` behind fault injection, bearer auth, the service protection
 *   limits and emulated latency, and the admin surface under `/_sandbox/…`.
 * Every API response carries `OData-Version: 4.0` and an `x-ms-service-request-id`; every error is the Dataverse
 * envelope (errors.ts). Request bodies must be JSON with `Content-Type: application/json` (FACTS §4 [V]: required
 * header); [U] another content type → 415 (`rejectNonJsonContentType`, default on); a body over
 * `maxRequestBytes` → 413 [V status, U limit and code].
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import type { ApiHandler } from './api-handler.ts';
import type { CallCounters } from './counters.ts';
import { DvHttpError, dvError, errorResponse, payloadError, segmentNotFound } from './errors.ts';
import type { Faults } from './faults.ts';
import type { ServiceProtection } from './rate-limits.ts';
import type { ApiRequest } from './responses.ts';
import { readAnnotationPrefs } from './serializer.ts';
import type { TokenService } from './tokens.ts';

export type SandboxEnv = { Bindings: HttpBindings };

export interface OrgAppDeps {
  tokens: TokenService;
  limits: ServiceProtection;
  faults: Faults;
  counters: CallCounters;
  handle: ApiHandler;
  admin: Hono<SandboxEnv>;
  /** The systemuser id of the application user behind a client id. */
  userFor(clientId: string): string | undefined;
  settings(): { rejectNonJsonContentType: boolean; maxRequestBytes: number };
  onInternalError(err: unknown): void;
}

/** Codes for injected status faults when the test names none ([U] for 500 / 502 / 503 / 504). */
const FAULT_CODES: Record<number, string> = { 429: '0x80072322', 500: '0x80040216', 502: '0x80040216', 503: '0x80040216', 504: '0x80044151' };

export function createAuthorityApp(deps: { tokens: TokenService; counters: CallCounters }): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });
  app.post('/:tenant/oauth2/v2.0/token', async (c) => {
    deps.counters.record('POST token');
    const type = c.req.header('content-type') ?? '';
    if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return c.json({ error: 'invalid_request', error_description: 'AADSTS900144: The request body must contain the following parameter: grant_type.', error_codes: [900144] }, 400);
    }
    const result = deps.tokens.issue(c.req.param('tenant'), new URLSearchParams(await c.req.text()));
    return c.json(result.body, result.status as 200);
  });
  return app;
}

async function readBody(raw: Request, method: string, entitySet: string, settings: { rejectNonJsonContentType: boolean; maxRequestBytes: number }): Promise<unknown> {
  if (method === 'GET' || method === 'DELETE' || method === 'HEAD') return undefined;
  const text = await raw.text();
  if (Buffer.byteLength(text) > settings.maxRequestBytes) throw dvError(413, '0x80040216', `The request body of ${Buffer.byteLength(text)} bytes exceeds the maximum request length of ${settings.maxRequestBytes} bytes.`);
  if (text === '' || entitySet === '$batch') return text || undefined;
  const type = (raw.headers.get('content-type') ?? '').toLowerCase();
  if (settings.rejectNonJsonContentType && !type.startsWith('application/json')) {
    throw dvError(415, '0x80040216', `The request entity's media type '${type || '(none)'}' is not supported for this resource. Send JSON with 'Content-Type: application/json'.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw payloadError(entitySet, 'The request body is not valid JSON.');
  }
}

export function createOrgApp(deps: OrgAppDeps): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });
  app.route('/_sandbox', deps.admin);

  app.all('/api/data/:version/*', async (c) => {
    const url = new URL(c.req.url);
    const version = c.req.param('version');
    const prefix = `/api/data/${version}/`;
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : '';
    const decoded = (() => {
      try {
        return decodeURIComponent(path);
      } catch {
        return path;
      }
    })();
    const label = `${c.req.method} ${decoded.replace(/\([^)]*\)/g, '()')}`;
    const correlationId = randomUUID();
    const prefer = c.req.header('prefer');
    deps.counters.record(label);
    const finish = (res: Response): Response => {
      res.headers.set('x-ms-service-request-id', correlationId);
      if (res.status === 429) deps.counters.record('429');
      return res;
    };
    let release: ((executionMs: number) => void) | undefined;
    let latencyMs = 0;
    try {
      if (!/^v9\.[0-2]$/.test(version)) throw segmentNotFound(version);
      const fault = deps.faults.take(label);
      if (fault?.kind === 'drop') {
        c.env.incoming.socket.destroy();
        return new Response(null, { status: 500 });
      }
      if (fault?.kind === 'status') {
        const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
        throw dvError(fault.status, fault.code ?? FAULT_CODES[fault.status] ?? '0x80040216', fault.message ?? `Injected fault: HTTP ${fault.status}`, headers);
      }
      const clientId = deps.tokens.verify(c.req.header('authorization'));
      const userId = deps.userFor(clientId);
      // [U] code / text for a token of an app that has no application user in the org.
      if (!userId) throw dvError(403, '0x80072560', 'The user is not a member of the organization.');
      release = deps.limits.admit(userId);
      latencyMs = deps.faults.latencyFor(label);
      if (latencyMs > 0) await sleep(latencyMs);
      const entitySet = decoded.split(/[(/]/)[0] ?? '';
      const req: ApiRequest = {
        method: c.req.method,
        path,
        query: url.searchParams,
        headers: c.req.raw.headers,
        body: await readBody(c.req.raw, c.req.method, entitySet, deps.settings()),
        serviceRoot: `${url.origin}/api/data/${version}`,
        userId,
        prefs: readAnnotationPrefs(prefer),
        correlationId,
      };
      const res = await deps.handle(req);
      if (fault?.kind === 'loseResponse') {
        c.env.incoming.socket.destroy();
        return new Response(null, { status: 500 });
      }
      return finish(res);
    } catch (err) {
      if (err instanceof DvHttpError) return finish(errorResponse(err, { prefer, correlationId }));
      deps.onInternalError(err);
      return finish(errorResponse(dvError(500, '0x80040216', 'An unexpected error occurred.'), { prefer, correlationId }));
    } finally {
      release?.(latencyMs);
    }
  });

  app.notFound((c) => c.json({ error: { code: '', message: `No HTTP resource was found that matches the request URI '${c.req.url}'.` } }, 404));
  return app;
}
