/**
 * One data centre's API origin (`https://www.zohoapis.<tld>` in production): `/crm/v8/...` behind fault
 * injection, `Authorization: Zoho-oauthtoken <token>` (FACTS §5.1 #2 [V]; another scheme → 401
 * AUTHENTICATION_FAILURE [U]; a token from another DC, expired or revoked → 401 INVALID_TOKEN [C]), the route's
 * scope (OAUTH_SCOPE_MISMATCH), the org's API credits and concurrency (429), then the handler. The admin surface
 * is mounted under `/_sandbox`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { resolveRoute, labelOf, type ApiRequest } from './api-routes.ts';
import type { SandboxClock } from './clock.ts';
import type { CallCounters } from './counters.ts';
import type { DataCenter } from './data-centers.ts';
import { ZohoHttpError, authenticationFailure, errorBody, internalError, invalidUrlPattern, scopeMismatch, zohoError } from './errors.ts';
import { defaultFaultCode, type Faults } from './faults.ts';
import type { OAuthServer } from './oauth.ts';
import type { Org } from './org.ts';
import type { PageTokens } from './page-tokens.ts';
import { hasScope } from './scopes.ts';
import type { BehaviourSettings } from './settings.ts';

export type SandboxEnv = { Bindings: HttpBindings };

export interface ApiAppDeps {
  dc: DataCenter;
  clock: SandboxClock;
  oauth: OAuthServer;
  org(orgId: string): Org | undefined;
  behaviour(): BehaviourSettings;
  faults: Faults;
  counters: CallCounters;
  pageTokens: PageTokens;
  apiDomain(): string;
  admin: Hono<SandboxEnv>;
  onInternalError(err: unknown): void;
}

const JSON_TYPE = 'application/json;charset=UTF-8';

function respond(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const noBody = status === 204 || status === 304 || body === undefined;
  return new Response(noBody ? null : JSON.stringify(body), { status, headers: { 'content-type': JSON_TYPE, ...headers } });
}

function bearerToken(authorization: string | undefined, acceptBearer: boolean): string {
  const m = /^(\S+)\s+(\S+)$/.exec(authorization?.trim() ?? '');
  if (!m) throw authenticationFailure();
  const scheme = (m[1] as string).toLowerCase();
  if (scheme === 'zoho-oauthtoken' || (acceptBearer && scheme === 'bearer')) return m[2] as string;
  throw authenticationFailure();
}

export function createApiApp(deps: ApiAppDeps): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });
  app.route('/_sandbox', deps.admin);

  app.all('/crm/*', async (c) => {
    const url = new URL(c.req.url);
    const parts = url.pathname.split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p));
    const segments = parts.slice(2);
    const label = labelOf(c.req.method, segments);
    deps.counters.record(label);
    let release: (() => void) | undefined;
    try {
      const fault = deps.faults.take(label);
      if (fault?.kind === 'drop') {
        c.env.incoming.socket.destroy();
        return new Response(null, { status: 500 });
      }
      if (fault?.kind === 'status') {
        const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
        throw zohoError(fault.status, fault.code ?? defaultFaultCode(fault.status), fault.message ?? `Injected fault: HTTP ${fault.status}`, {}, headers);
      }
      if (parts[1] !== 'v8') throw invalidUrlPattern();
      const behaviour = deps.behaviour();
      const now = deps.clock.now();
      const grant = deps.oauth.verify(deps.dc, bearerToken(c.req.header('authorization'), behaviour.acceptBearer), now);
      const org = deps.org(grant.orgId);
      if (!org) throw zohoError(401, 'INVALID_TOKEN', 'invalid oauth token');
      const req: ApiRequest = { method: c.req.method, segments, query: url.searchParams, headers: c.req.raw.headers, rawBody: c.req.method === 'GET' ? '' : await c.req.text() };
      const route = resolveRoute(org, req);
      if (!hasScope(grant.scopes, route.need)) throw scopeMismatch();
      // A call refused for concurrency spends no credit [U]; one refused for credits frees its slot (finally).
      release = org.credits.acquire(route.bigWrite);
      deps.counters.spend(label, org.credits.charge(now, route.credit));
      await deps.faults.waitIfHeld(label);
      const latencyMs = deps.faults.latencyFor(label);
      if (latencyMs > 0) await sleep(latencyMs);
      const result = route.run({ org, behaviour, now: deps.clock.now(), userId: grant.userId, apiDomain: deps.apiDomain(), pageTokens: deps.pageTokens });
      if (fault?.kind === 'loseResponse') {
        c.env.incoming.socket.destroy();
        return new Response(null, { status: 500 });
      }
      return respond(result.status, result.body);
    } catch (err) {
      if (err instanceof ZohoHttpError) return respond(err.status, err.body, err.headers);
      deps.onInternalError(err);
      const e = internalError();
      return respond(e.status, e.body);
    } finally {
      release?.();
    }
  });

  app.notFound(() => respond(404, errorBody('INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one')));
  app.onError((err) => {
    deps.onInternalError(err);
    return respond(500, internalError().body);
  });
  return app;
}
