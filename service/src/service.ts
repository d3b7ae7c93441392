/**
 * Wire config → store → connections → engine → http. Used by main.ts and by end-to-end tests, so the service
 * a test drives is the service users run.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { ServiceConfig } from './config/service-config.ts';
import { createConnectionRegistry, type ConnectionRegistry } from './engine/connection-registry.ts';
import type { ConnectorModule } from './engine/connector.ts';
import { createEngine, type Engine } from './engine/engine.ts';
import { createModuleRegistry, type ModuleRegistry } from './engine/module-registry.ts';
import { createPushService, type PushService } from './engine/push.ts';
import type { RetryPolicy } from './engine/retry.ts';
import { createMappingOverridesResolver } from './flows/mapping-overrides.ts';
import { createApp } from './http/app.ts';
import { createMetrics } from './http/metrics.ts';
import type { Logger } from './lib/logger.ts';
import type { Store } from './store/types.ts';

const MAPPING_TTL_MS = 60_000;

export interface ServiceOptions {
  store: Store;
  config: ServiceConfig;
  modules: readonly ConnectorModule[];
  logger: Logger;
  apiKey: string;
  port: number;
  host: string;
  /** Start schedules and the job worker (tests drive runs themselves when false). */
  schedule?: boolean;
  retryPolicy?: RetryPolicy;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** How often push subscription upkeep is considered (default: a minute, or a connection's shorter interval). */
  pushUpkeepTickMs?: number;
}

export interface RunningService {
  url: string;
  app: ReturnType<typeof createApp>;
  engine: Engine;
  connections: ConnectionRegistry;
  modules: ModuleRegistry;
  push: PushService;
  store: Store;
  /** Stop accepting requests, finish the page in flight, close connections. Does not close the store. */
  stop(): Promise<void>;
}

export async function startService(opts: ServiceOptions): Promise<RunningService> {
  const { store, logger } = opts;
  const modules = createModuleRegistry(opts.modules);
  const connections = createConnectionRegistry({ store, modules: modules.modules, logger });
  for (const c of opts.config.connections) await connections.upsert(c);
  await connections.load();

  const metrics = createMetrics();
  metrics.addConnectionGauges(() =>
    connections.list().flatMap((rt) => Object.entries(rt.gauges?.() ?? {}).map(([name, value]) => ({ connection: rt.id, name, value }))),
  );
  metrics.addParkedGauge(() => store.parked.count());

  const systemOf = (id: string): string | undefined => connections.list().find((rt) => rt.id === id)?.system;
  // Field mappings an admin edited in the CRM (Salesforce: Field_Mapping__c) override the flow's defaults.
  const mappings = createMappingOverridesResolver({
    overridesOf: (id) => connections.list().find((rt) => rt.id === id)?.mappingOverrides,
    systemOf,
    catalogs: modules.catalogs,
    transforms: modules.transforms,
    logger,
    ttlMs: MAPPING_TTL_MS,
  });
  const engine = createEngine({
    resolveFlow: mappings.resolveFlow,
    store,
    flows: opts.config.flows,
    connections,
    transforms: modules.transforms,
    logger,
    metrics: metrics.engine,
    retryPolicy: opts.retryPolicy,
    sleep: opts.sleep,
  });
  // Pushed changes (webhooks) become sync jobs; subscriptions are kept alive on the engine's schedule.
  const push = createPushService({ store, connections, engine, logger });
  push.schedule(engine, { tickMs: opts.pushUpkeepTickMs });
  const app = createApp({ store, engine, connections, modules, push, metrics, logger, apiKey: opts.apiKey, mappingProblems: mappings.problems });

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
  // After the server listens: subscription upkeep makes systems such as BC call us back (validation handshake).
  if (opts.schedule !== false) engine.start();

  return {
    url,
    app,
    engine,
    connections,
    modules,
    push,
    store,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.stop();
      await connections.close();
    },
  };
}
