/**
 * The endpoints the Salesforce package calls (ConnectorServiceController.cls), mounted at /api/salesforce:
 *
 *   GET  /records/{recordId}/audit?limit=n  → { recordId, events, parked }        (404: never seen)
 *   POST /records/{recordId}/sync           → 202 { jobIds, message }            (404: never synced, 409: too soon)
 *   POST /parked/{id}/replay                → { id, outcome, message }           (404: not an open parked record)
 *   GET  /flows                             → { flows: [{ id, name, source, target, mapping, locked }] }
 *
 * All JSON, `X-API-Key` required, errors `{ code, message, requestId }`. Every request is about one Salesforce
 * connection (org-connection.ts) and sees only the flows that read from or write to it.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { FieldCatalogs } from '../../engine/catalog.ts';
import type { ConnectionRuntime } from '../../engine/connections.ts';
import type { Engine } from '../../engine/engine.ts';
import type { MappingProblem } from '../../flows/mapping-overrides.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Store } from '../../store/types.ts';
import { createApiKeyGuard } from '../api/api-key.ts';
import type { AppEnv } from '../app.ts';
import { ApiError, formatIssues, toErrorResponse } from '../errors.ts';
import { buildFlowCatalog } from './flow-catalog.ts';
import { CONNECTION_HEADER, CONNECTION_QUERY, selectSalesforceConnection } from './org-connection.ts';
import { readRecordActivity } from './record-activity.ts';
import { toRecordId18 } from './record-id.ts';
import { flowsOfConnection } from './record-links.ts';
import { planRecordSync, queueRecordSync } from './record-sync.ts';
import { createSyncRateLimiter } from './sync-rate-limit.ts';

export interface SalesforcePackageDeps {
  store: Store;
  engine: Pick<Engine, 'flows' | 'replay' | 'requestSync'>;
  connections: { list(): Array<Pick<ConnectionRuntime, 'id' | 'system'>> };
  logger: Logger;
  /** The key the package's External Credential sends in X-API-Key. */
  apiKey: string;
  /** Every connector module's field catalogs (the module registry). */
  catalogs: FieldCatalogs;
  /** Mapping rows the resolver rejected (flows/mapping-overrides.ts `problems`), shown in GET /flows. */
  mappingProblems?: (flowId: string) => MappingProblem[];
  /** Least time between two syncs of one record (default 30 s). */
  syncIntervalMs?: number;
  now?: () => number;
}

type SalesforceEnv = { Variables: AppEnv['Variables'] & { salesforceConnection: string } };

export const DEFAULT_SYNC_INTERVAL_MS = 30_000;
export const DEFAULT_EVENT_LIMIT = 50;
/** The package asks for at most 200 (ConnectorServiceController.MAX_EVENT_LIMIT). */
export const MAX_EVENT_LIMIT = 200;

const connectionParam = { [CONNECTION_QUERY]: z.string().min(1).optional() };
const auditQuery = z.object({ limit: z.coerce.number().int().min(1).max(MAX_EVENT_LIMIT).default(DEFAULT_EVENT_LIMIT), ...connectionParam }).strict();
const plainQuery = z.object(connectionParam).strict();
const parkedId = z.coerce.number().int().positive();

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new ApiError(400, 'BAD_REQUEST', `${what}: ${formatIssues(r.error)}`);
  return r.data;
}

function recordIdParam(raw: string): string {
  const id = toRecordId18(raw);
  if (!id) throw new ApiError(400, 'BAD_REQUEST', `recordId: "${raw.slice(0, 40)}" is not a Salesforce record id (15 or 18 letters and digits)`);
  return id;
}

export function createSalesforcePackageRoutes(deps: SalesforcePackageDeps) {
  const app = new Hono<SalesforceEnv>();
  const { catalogs } = deps;
  const limiter = createSyncRateLimiter({ windowMs: deps.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS, now: deps.now });
  const systemOf = (id: string) => deps.connections.list().find((c) => c.id === id)?.system;

  app.onError((err, c) => toErrorResponse(err, c, c.get('logger') ?? deps.logger));
  app.use('*', async (c, next) => {
    // Mounted in createApp the request id and logger are set already; standalone (tests) they are set here.
    if (!c.get('requestId')) {
      const requestId = randomUUID();
      c.set('requestId', requestId);
      c.set('logger', deps.logger.child({ requestId }));
      c.header('X-Request-Id', requestId);
    }
    await next();
  });
  app.use('*', createApiKeyGuard(deps.apiKey));
  app.use('*', async (c, next) => {
    c.set('salesforceConnection', selectSalesforceConnection(deps.connections.list(), c.req.header(CONNECTION_HEADER) ?? c.req.query(CONNECTION_QUERY)));
    await next();
  });
  const scopedFlows = (connectionId: string) => flowsOfConnection(deps.engine.flows(), connectionId);

  app.get('/records/:recordId/audit', async (c) => {
    const recordId = recordIdParam(c.req.param('recordId'));
    const { limit } = parse(auditQuery, c.req.query(), 'query');
    const connectionId = c.get('salesforceConnection');
    const activity = await readRecordActivity(deps.store, scopedFlows(connectionId), connectionId, recordId, limit);
    if (!activity) throw new ApiError(404, 'NOT_FOUND', `record ${recordId} has not been synced by the connector`);
    return c.json(activity);
  });

  app.post('/records/:recordId/sync', async (c) => {
    const recordId = recordIdParam(c.req.param('recordId'));
    parse(plainQuery, c.req.query(), 'query');
    const connectionId = c.get('salesforceConnection');
    const plan = await planRecordSync(deps.store, scopedFlows(connectionId), connectionId, recordId);
    if (plan.length === 0) throw new ApiError(404, 'NOT_FOUND', `record ${recordId} has never been synced by the connector, so there is nothing to sync again`);
    const slot = limiter.tryAcquire(`${connectionId}:${recordId}`);
    if (!slot.ok) {
      c.header('Retry-After', String(Math.ceil(slot.retryAfterMs / 1000)));
      throw new ApiError(409, 'SYNC_TOO_SOON', `a sync of this record was requested ${Math.floor(slot.sinceMs / 1000)} s ago; try again in ${Math.ceil(slot.retryAfterMs / 1000)} s`);
    }
    try {
      const result = await queueRecordSync(deps.engine, plan);
      c.get('logger').info({ connectionId, recordId, jobIds: result.jobIds }, 'record sync queued from Salesforce');
      return c.json(result, 202);
    } catch (err) {
      slot.release();
      throw err;
    }
  });

  app.post('/parked/:id/replay', async (c) => {
    const id = parse(parkedId, c.req.param('id'), 'id');
    parse(plainQuery, c.req.query(), 'query');
    const flowIds = new Set(scopedFlows(c.get('salesforceConnection')).map((f) => f.id));
    const notFound = new ApiError(404, 'NOT_FOUND', `no open parked record #${id}`);
    const [parked] = await deps.store.parked.list({ ids: [id], status: 'parked', limit: 1 });
    if (!parked || !flowIds.has(parked.flowId)) throw notFound;
    const [result] = await deps.engine.replay({ ids: [id] });
    if (!result) throw notFound;
    c.get('logger').info({ parkedId: id, flowId: result.flowId, outcome: result.outcome }, 'parked record replayed from Salesforce');
    return c.json({ id: result.id, outcome: result.outcome, message: result.message });
  });

  const problems = deps.mappingProblems;
  const rejectedRows = problems && ((flowId: string) => problems(flowId).map(({ target, source, transform, reason }) => ({ target, source, transform, reason })));

  app.get('/flows', (c) => {
    parse(plainQuery, c.req.query(), 'query');
    const flows = buildFlowCatalog(scopedFlows(c.get('salesforceConnection')), { catalogs, systemOf, logger: c.get('logger'), rejectedRows });
    return c.json({ flows });
  });

  return app;
}
