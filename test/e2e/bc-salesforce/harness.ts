/**
 * The real service (startService with the real connector modules) between the Business Central emulator and the
 * Salesforce REST + Pub/Sub emulators, on PGlite, with the BC ↔ Salesforce flow templates; BC's notifications reach
 * the service's own /webhooks route. Runs, queued jobs and subscription upkeep are driven by the test (no
 * scheduler); retry sleeps are recorded and cut short.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { resolveServiceConfig, type ServiceConfig } from '../../../service/src/config/service-config.ts';
import { CONNECTOR_MODULES } from '../../../service/src/connectors/modules.ts';
import { PACKAGE_SCHEMA } from '../../../service/src/connectors/salesforce/package-schema.generated.ts';
import { bcFlowEntries } from '../../../service/src/flows/bc-salesforce/index.ts';
import { FLOW_TEMPLATES } from '../../../service/src/flows/index.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import { startService, type RunningService } from '../../../service/src/service.ts';
import { createBcSandbox, type BcSandbox } from '../../../service/sandbox/business-central/index.ts';
import { createSalesforceSandbox, type SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';
import { createPubSubEmulator, readChannelMembers, type PubSubEmulator } from '../../../service/sandbox/salesforce-pubsub/index.ts';
import { storeEngines, type TestStore } from '../../helpers/stores.ts';

export const API_KEY = 'e2e-bc-api-key-0123456789abcdefghij';
export const CLIENT_STATE = 'e2e-bc-client-state-0123456789abcdef';
export const BC = 'bc';
export const SF = 'sf';
const FORCE_APP = fileURLToPath(new URL('../../../force-app/main/default', import.meta.url));

export interface BcHarness {
  bc: BcSandbox;
  sf: SalesforceSandbox;
  pubsub: PubSubEmulator;
  store: TestStore;
  service: RunningService;
  /** Public URL of the webhook route for the BC connection. */
  webhookUrl: string;
  /** Every sleep the engine asked for (retry waits), in ms. */
  sleeps: number[];
  run(flowId: string): ReturnType<RunningService['engine']['runOnce']>;
  /** Run a flow until `done` holds (CDC events reach the feed asynchronously). */
  runUntil(flowId: string, done: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>;
  /** BC delivers what it has batched; then every queued job (webhook syncs, catch-up runs) is worked off. */
  deliverAndWork(): Promise<number>;
  /** Work off queued jobs as the engine's worker does; returns how many ran. */
  workJobs(): Promise<number>;
  stop(): Promise<void>;
}

export interface BcHarnessOptions {
  /** The BC emulator's base clock (subscription expiry tests). */
  bcNow?: () => number;
  /** Leave the BC connection without notificationUrl (polling only). */
  webhooks?: boolean;
}

/** startService as main.ts runs it, without the scheduler. `workJobs` works off queued jobs as the engine's worker does. */
export async function startBcService(opts: { store: TestStore; config: ServiceConfig; port: number; sleeps?: number[] }) {
  const { store } = opts;
  const logger = silentLogger();
  const service = await startService({
    store,
    config: opts.config,
    modules: CONNECTOR_MODULES,
    logger,
    apiKey: API_KEY,
    port: opts.port,
    host: '127.0.0.1',
    schedule: false,
    // Waits are recorded (to check Retry-After is honoured) and cut short so suites stay fast.
    sleep: (ms) => {
      opts.sleeps?.push(ms);
      return new Promise((r) => setTimeout(r, Math.min(ms, 20)));
    },
  });

  async function workJobs(): Promise<number> {
    let ran = 0;
    for (;;) {
      const [job] = await store.jobs.claim(['run', 'sync'], 1, 60_000);
      if (!job) return ran;
      const p = job.payload as { flowId: string; trigger: string; sourceIds?: string[] };
      const result = job.kind === 'sync' ? await service.engine.syncRecords(p.flowId, p.sourceIds ?? [], p.trigger) : await service.engine.runOnce(p.flowId, p.trigger);
      if ('skipped' in result && result.skipped === 'locked') throw new Error(`job ${job.id}: flow busy`);
      await store.jobs.complete([job.id]);
      ran++;
    }
  }
  return { service, workJobs };
}

/** Every flow template and module, for resolveServiceConfig. */
export const CONFIG_DEPS = { templates: FLOW_TEMPLATES, modules: CONNECTOR_MODULES };

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startBcHarness(opts: BcHarnessOptions = {}): Promise<BcHarness> {
  const bc = createBcSandbox({ seed: 'none', notificationDelayMs: 30, notificationRetryDelaysMs: [50, 100, 200], now: opts.bcNow });
  const sf = createSalesforceSandbox({ customSchema: PACKAGE_SCHEMA });
  await Promise.all([bc.start(), sf.start()]);
  const pubsub = createPubSubEmulator({ sandbox: sf, channels: readChannelMembers(FORCE_APP), keepaliveMs: 150 });
  await pubsub.start();
  const [pglite] = await storeEngines();
  const store = await pglite!.open();
  const port = await freePort();
  const webhookUrl = `http://127.0.0.1:${port}/webhooks/${BC}`;
  const config = resolveServiceConfig(
    {
      connections: [
        {
          id: BC,
          system: 'business-central',
          name: 'BC',
          config: {
            tenantId: bc.tenantId,
            environment: bc.environment,
            companyId: bc.companyId,
            clientId: bc.clientId,
            authorityUrl: bc.url,
            apiBaseUrl: bc.url,
            allowInsecureHttp: true,
            ...(opts.webhooks === false ? {} : { notificationUrl: webhookUrl }),
          },
          secrets: { clientSecret: bc.clientSecret, ...(opts.webhooks === false ? {} : { clientState: CLIENT_STATE }) },
        },
        {
          id: SF,
          system: 'salesforce',
          name: 'Salesforce',
          config: {
            loginUrl: sf.url,
            clientId: sf.clientId,
            allowInsecureHttp: true,
            changeFeed: { pubsubEndpoint: pubsub.endpoint, caPem: pubsub.caPem, initialReplay: 'EARLIEST', settleMs: 300, reconnectDelaysMs: [50, 100, 200] },
          },
          secrets: { clientSecret: sf.clientSecret },
        },
      ],
      flows: bcFlowEntries({ bc: BC, salesforce: SF }),
    },
    CONFIG_DEPS,
  );
  const sleeps: number[] = [];
  const { service, workJobs } = await startBcService({ store, config, port, sleeps });

  return {
    bc,
    sf,
    pubsub,
    store,
    service,
    webhookUrl,
    sleeps,
    run: (flowId) => service.engine.runOnce(flowId, 'test'),
    async runUntil(flowId, done, timeoutMs = 8_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const r = await service.engine.runOnce(flowId, 'test');
        if ('status' in r && r.status === 'failed') throw new Error(`${flowId} failed: ${r.error?.message}`);
        if (await done()) return;
        if (Date.now() > deadline) throw new Error(`${flowId}: condition not met in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async deliverAndWork() {
      await bc.admin.notifications.flush();
      return workJobs();
    },
    workJobs,
    async stop() {
      await service.stop();
      await store.close();
      await pubsub.stop();
      await Promise.allSettled([bc.stop(), sf.stop()]);
    },
  };
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The Salesforce side of one won deal: a product per line, an Account with a Contact, an Order activated after its lines. */
export function seedDeal(sf: SalesforceSandbox, opts: { customerNumber: string; items: Array<{ number: string | null; qty: number; price: number }>; accountName?: string }) {
  const products = opts.items.map(
    (it, i) =>
      (it.number ? sf.records.findByField('Product2', 'BC_Item_Number__c', it.number)[0] : undefined) ??
      sf.records.create('Product2', { Name: `Product ${it.number ?? `no-number-${i}`}`, IsActive: true, ...(it.number ? { BC_Item_Number__c: it.number } : {}) }),
  );
  const account = sf.records.create('Account', { Name: opts.accountName ?? `Account ${opts.customerNumber}`, BC_Customer_Number__c: opts.customerNumber, BillingCity: 'Seattle' });
  const contact = sf.records.create('Contact', { LastName: 'Buyer', Email: `buyer-${opts.customerNumber.toLowerCase()}@example.com`, AccountId: account.Id });
  const order = sf.records.create('Order', { AccountId: account.Id, EffectiveDate: '2026-03-02', Status: 'Draft' });
  opts.items.forEach((it, i) => sf.records.create('OrderItem', { OrderId: order.Id, Product2Id: products[i]?.Id, Quantity: it.qty, UnitPrice: it.price }));
  sf.records.update('Order', String(order.Id), { Status: 'Activated' });
  return { products, account, contact, order: sf.records.get('Order', String(order.Id)) as Record<string, unknown> };
}
