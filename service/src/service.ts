/**
 * Wire config → store → connections → engine → http. Used by main.ts and by end-to-end tests, so the service
 * a test drives is the service users run.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createEngine, type Engine } from './engine/engine.ts';
import type { RetryPolicy } from './engine/retry.ts';
import { createApp } from './http/app.ts';
import { createMetrics } from './http/metrics.ts';
import type { Logger } from './lib/logger.ts';
import type { ServiceConfig } from './config/service-config.ts';
import { createConnectionRegistry, type ConnectionRegistry, type ConnectorModule } from './connectors/registry.ts';
import type { Store } from './store/types.ts';
import { salesforceClientOf } from './connectors/salesforce/module.ts';
import { createBcWebhookService } from './connectors/business-central/webhook-service.ts';
import { createSalesforceMappingResolver } from './flows/salesforce-mappings.ts';

const MAPPING_TTL_MS = 60_000;

export interface ServiceOptions {
  store: Store;
  config: ServiceConfig;
  modules: ConnectorModule[];
  logger: Logger;
  apiKey: string;
  port: number;
  host: string;
  /** Start schedules and the job worker (tests drive runs themselves when false). */
  schedule?: boolean;
  retryPolicy?: RetryPolicy;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface RunningService {
  url: string;
  app: ReturnType<typeof createApp>;
  engine: Engine;
  connections: ConnectionRegistry;
  store: Store;
  /** Stop accepting requests, finish the page in flight, close connections. Does not close the store. */
  stop(): Promise<void>;
}

export async function startService(opts: ServiceOptions): Promise<RunningService> {
  const { store, logger } = opts;
  const connections = createConnectionRegistry({ store, modules: opts.modules, logger });
  for (const c of opts.config.connections) await connections.upsert(c);
  await connections.load();

  const metrics = createMetrics();
  metrics.addConnectionGauges(() =>
    connections.list().flatMap((rt) => Object.entries(rt.gauges?.() ?? {}).map(([name, value]) => ({ connection: rt.id, name, value }))),
  );
  metrics.addParkedGauge(() => store.parked.count());

  // Field mappings an admin edited in Salesforce (Field_Mapping__c) override the flow's defaults.
  const mappings = createSalesforceMappingResolver({
    clientFor: (id) => salesforceClientOf(connections.get(id)),
    systemOf: (id) => connections.get(id).system,
    logger,
    ttlMs: MAPPING_TTL_MS,
  });
  const engine = createEngine({
    resolveFlow: mappings.resolveFlow,
    store,
    flows: opts.config.flows,
    connections,
    logger,
    metrics: metrics.engine,
    retryPolicy: opts.retryPolicy,
    sleep: opts.sleep,
  });
  // Business Central change notifications: subscriptions kept renewed, notifications turned into sync jobs.
  const bcWebhooks = createBcWebhookService({ connections, engine, store, logger });
  const app = createApp({ store, engine, connections, metrics, logger, apiKey: opts.apiKey, mappingProblems: mappings.problems, bcWebhooks });

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
  if (opts.schedule !== false) {
    engine.start();
    bcWebhooks.start();
  }

  return {
    url,
    app,
    engine,
    connections,
    store,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bcWebhooks.stop();
      await engine.stop();
      await connections.close();
    },
  };
}
