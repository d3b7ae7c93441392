/**
 * One data centre's accounts origin (`https://accounts.zoho.<tld>` in production): `POST /oauth/v2/token` with
 * parameters in the query string (as Zoho documents [V]) or a form body [C] — see oauth.ts for the answers.
 */
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import type { SandboxClock } from './clock.ts';
import type { CallCounters } from './counters.ts';
import type { DataCenter } from './data-centers.ts';
import type { Faults } from './faults.ts';
import type { OAuthServer } from './oauth.ts';

export interface AccountsAppDeps {
  dc: DataCenter;
  clock: SandboxClock;
  oauth: OAuthServer;
  faults: Faults;
  counters: CallCounters;
  apiDomain(): string;
}

export function createAccountsApp(deps: AccountsAppDeps): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>({ strict: false });
  app.post('/oauth/v2/token', async (c) => {
    const label = `POST /oauth/v2/token@${deps.dc}`;
    deps.counters.record(label);
    const fault = deps.faults.take(label);
    if (fault?.kind === 'drop') {
      c.env.incoming.socket.destroy();
      return new Response(null, { status: 500 });
    }
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      return c.json({ error: fault.code ?? 'server_error' }, fault.status as 500, headers);
    }
    const params = new URLSearchParams(new URL(c.req.url).search);
    const type = c.req.header('content-type') ?? '';
    if (type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(await c.req.text())) params.set(k, v);
    }
    const result = deps.oauth.tokenRequest(deps.dc, params, deps.clock.now(), deps.apiDomain());
    if (fault?.kind === 'loseResponse') {
      c.env.incoming.socket.destroy();
      return new Response(null, { status: 500 });
    }
    return c.json(result.body, result.status as 200);
  });
  return app;
}
