/**
 * The HTTP surface: health, readiness, metrics, and the admin API under /api (API key). Feature sub-apps are
 * joined with app.route(); every dependency comes in through createApp.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Engine } from '../engine/engine.ts';
import type { Logger } from '../lib/logger.ts';
import type { Store } from '../store/types.ts';
import type { ConnectionRegistry } from '../engine/connection-registry.ts';
import type { ModuleRegistry } from '../engine/module-registry.ts';
import type { PushService } from '../engine/push.ts';
import { createApiKeyGuard } from './api/api-key.ts';
import { createAuditRoutes } from './api/audit.ts';
import { createConnectionRoutes } from './api/connections.ts';
import { createErrorQueueRoutes } from './api/error-queue.ts';
import { createFlowRoutes } from './api/flows.ts';
import { createSalesforcePackageRoutes } from './salesforce/routes.ts';
import type { MappingProblem } from '../flows/mapping-overrides.ts';
import { createWebhookRoutes } from './webhooks/routes.ts';
import { ApiError, toErrorResponse } from './errors.ts';
import type { Metrics } from './metrics.ts';

export interface AppDeps {
  store: Store;
  engine: Engine;
  connections: ConnectionRegistry;
  /** The connector modules merged: field catalogs and transforms for the mapping editor and mapping rows. */
  modules: ModuleRegistry;
  /** Pushed changes (webhooks) and subscription upkeep: the public /webhooks routes and the admin push calls. */
  push: PushService;
  metrics: Metrics;
  logger: Logger;
  /** Admin API key (also the Salesforce package's Named Credential key). */
  apiKey: string;
  /** Mapping rows from Salesforce that were rejected (shown to admins in the mapping editor). */
  mappingProblems?: (flowId: string) => MappingProblem[];
  /** Least time between two "Sync now" of one record (default 30 s). */
  syncIntervalMs?: number;
  now?: () => number;
}

export type AppEnv = { Variables: { requestId: string; logger: Logger } };

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.set('logger', deps.logger.child({ requestId }));
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    const route = c.req.routePath;
    deps.metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    c.get('logger').debug({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });

  app.onError((err, c) => toErrorResponse(err, c, c.get('logger') ?? deps.logger));
  app.notFound((c) => c.json({ code: 'NOT_FOUND', message: `no route for ${c.req.method} ${c.req.path}`, requestId: c.get('requestId') }, 404));

  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/ready', async (c) => {
    try {
      await deps.store.ping();
      return c.json({ status: 'ready', store: deps.store.kind });
    } catch {
      return c.json({ status: 'not ready', store: deps.store.kind, message: 'store unreachable' }, 503);
    }
  });
  app.get('/metrics', async (c) => {
    const body = await deps.metrics.registry.metrics();
    return c.text(body, 200, { 'Content-Type': deps.metrics.registry.contentType });
  });

  // Public: senders prove themselves to the connection's push face, not with the API key.
  app.route('/webhooks', createWebhookRoutes({ push: deps.push }));

  const api = new Hono<AppEnv>();
  api.use('*', createApiKeyGuard(deps.apiKey));
  api.route('/connections', createConnectionRoutes(deps));
  api.route('/flows', createFlowRoutes(deps));
  api.route('/audit', createAuditRoutes(deps));
  api.route('/errors', createErrorQueueRoutes(deps));
  api.route('/salesforce', createSalesforcePackageRoutes({ ...deps, catalogs: deps.modules.catalogs }));
  app.route('/api', api);

  return app;
}

export { ApiError };
