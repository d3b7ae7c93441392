import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Hono } from 'hono';
import { NOT_FOUND_MESSAGE, sfErrorResponse, type SandboxDeps, type SandboxEnv } from './context.ts';
import { labelEndpoint } from './endpoint-label.ts';
import { createAdminRoutes } from './routes/admin.ts';
import { createBulkAdminRoutes } from './routes/admin-bulk.ts';
import { createBulkIngestRoutes } from './routes/bulk-ingest.ts';
import { createCompositeRoutes } from './routes/composite.ts';
import { createCompositeUpdateRoutes } from './routes/composite-update.ts';
import { createLimitsRoutes } from './routes/limits.ts';
import { createOAuthRoutes } from './routes/oauth.ts';
import { createQueryRoutes } from './routes/query.ts';
import { createReplicationRoutes } from './routes/replication.ts';
import { createRestGuard } from './routes/rest-guard.ts';
import { createSObjectRoutes } from './routes/sobjects.ts';
import type { SandboxRecords } from './sandbox-records.ts';
import { SandboxHttpError } from './save-error.ts';

/** Default bodies of injected status faults ([U] texts; 503 SERVER_UNAVAILABLE is in Salesforce's error table). */
const FAULT_ERROR_CODES: Record<number, string> = { 429: 'REQUEST_LIMIT_EXCEEDED', 500: 'UNKNOWN_EXCEPTION', 502: 'SERVER_UNAVAILABLE', 503: 'SERVER_UNAVAILABLE' };

export interface SandboxAppOptions {
  /** 'login': token endpoint only (the My Domain login host); 'instance': everything. */
  role: 'login' | 'instance';
  onInternalError(err: unknown): void;
}

export function createSandboxApp(deps: SandboxDeps, records: SandboxRecords, opts: SandboxAppOptions): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });

  app.use('*', async (c, next) => {
    const requestId = randomBytes(16).toString('hex');
    const endpoint = labelEndpoint(c.req.method, new URL(c.req.url).pathname);
    deps.counters.record(endpoint);
    const latencyMs = deps.faults.latencyFor(endpoint);
    if (latencyMs > 0) await sleep(latencyMs);
    const fault = deps.faults.take(endpoint);
    if (fault?.kind === 'drop') {
      const socket = c.env?.incoming?.socket;
      if (!socket) throw new Error('a dropped-connection fault needs a real HTTP listener (not app.request())');
      socket.destroy();
      return new Response(null, { status: 500 });
    }
    if (fault?.kind === 'status') {
      const errorCode = fault.errorCode ?? FAULT_ERROR_CODES[fault.status] ?? 'UNKNOWN_EXCEPTION';
      const headers: Record<string, string> = { 'x-sfdc-request-id': requestId };
      if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
      return c.json([{ message: fault.message ?? `Injected fault: HTTP ${fault.status}`, errorCode }], fault.status as 500, headers);
    }
    await next();
    if (fault?.kind === 'lose-response') {
      const socket = c.env?.incoming?.socket;
      if (!socket) throw new Error('a lost-response fault needs a real HTTP listener (not app.request())');
      socket.destroy();
    }
    c.res.headers.set('x-sfdc-request-id', requestId);
    c.res.headers.set('x-request-id', requestId);
  });

  app.route('/services/oauth2', createOAuthRoutes(deps));
  app.route('/_sandbox', createAdminRoutes(deps, records));
  app.route('/_sandbox', createBulkAdminRoutes(deps));

  if (opts.role === 'instance') {
    app.get('/services/data', (c) =>
      c.json(
        Array.from({ length: deps.settings.maxApiVersion - deps.settings.minApiVersion + 1 }, (_, i) => {
          const version = `${deps.settings.minApiVersion + i}.0`;
          return { label: `v${version}`, url: `/services/data/v${version}`, version };
        }),
      ),
    );
    const rest = new Hono<SandboxEnv>({ strict: false });
    rest.get('/', (c) => {
      const base = `/services/data/v${c.get('apiVersion')}`;
      return c.json({ sobjects: `${base}/sobjects`, query: `${base}/query`, composite: `${base}/composite`, jobs: `${base}/jobs`, limits: `${base}/limits` });
    });
    rest.route('/sobjects', createReplicationRoutes(deps));
    rest.route('/sobjects', createSObjectRoutes(deps));
    rest.route('/composite', createCompositeRoutes(deps));
    rest.route('/composite', createCompositeUpdateRoutes(deps));
    rest.route('/query', createQueryRoutes(deps));
    rest.route('/jobs/ingest', createBulkIngestRoutes(deps));
    rest.route('/limits', createLimitsRoutes(deps));
    app.use('/services/data/:version/*', createRestGuard(deps));
    app.use('/services/data/:version', createRestGuard(deps));
    app.route('/services/data/:version', rest);
  }

  app.notFound((c) => c.json([{ errorCode: 'NOT_FOUND', message: NOT_FOUND_MESSAGE }], 404));
  app.onError((err, c) => {
    if (err instanceof SandboxHttpError) return sfErrorResponse(c, err);
    opts.onInternalError(err);
    const errorId = randomBytes(6).toString('hex');
    return c.json([{ message: `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId}`, errorCode: 'UNKNOWN_EXCEPTION' }], 500);
  });
  return app;
}
