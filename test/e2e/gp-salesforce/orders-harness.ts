/**
 * The real service (startService, the real connector modules, the flow templates) between the Salesforce REST +
 * Pub/Sub (CDC) emulators and the GP SBA emulator, on PGlite: the customers flow (GP → Accounts, which makes the
 * customer links) and the orders flow (Order CDC → GP sales documents). Runs are driven by the test; retry sleeps
 * are recorded and cut short. `restart()` stops the service and starts a new one on the same store and emulators.
 */
import { fileURLToPath } from 'node:url';
import { resolveServiceConfig, type ServiceConfig } from '../../../service/src/config/service-config.ts';
import { CONNECTOR_MODULES } from '../../../service/src/connectors/modules.ts';
import { PACKAGE_SCHEMA } from '../../../service/src/connectors/salesforce/package-schema.generated.ts';
import { FLOW_TEMPLATES } from '../../../service/src/flows/index.ts';
import { createSfOrdersToGpTemplate, SF_ORDERS_TO_GP_SALES_DOCUMENTS_ID, type SfOrdersToGpOptions } from '../../../service/src/flows/gp-salesforce/sf-orders-to-gp-sales-documents.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import { startService, type RunningService } from '../../../service/src/service.ts';
import { gpSandboxConnection } from '../../../service/sandbox/dynamics-gp/sandbox-system.ts';
import { salesforceSandboxConnection } from '../../../service/sandbox/salesforce/sandbox-system.ts';
import { createGpSandbox, type GpSandbox } from '../../../service/sandbox/dynamics-gp/index.ts';
import { createSalesforceSandbox, type SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';
import { createPubSubEmulator, readChannelMembers, type PubSubEmulator } from '../../../service/sandbox/salesforce-pubsub/index.ts';
import { storeEngines, type TestStore } from '../../helpers/stores.ts';

export const API_KEY = 'gp-orders-api-key-0123456789abcdefghij';
export const ORDERS = SF_ORDERS_TO_GP_SALES_DOCUMENTS_ID;
export const CUSTOMERS = 'gp-customers-to-sf-accounts';
const FORCE_APP = fileURLToPath(new URL('../../../force-app/main/default', import.meta.url));

export interface OrdersHarness {
  gp: GpSandbox;
  sf: SalesforceSandbox;
  pubsub: PubSubEmulator;
  store: TestStore;
  service: RunningService;
  sleeps: number[];
  run(flowId: string): ReturnType<RunningService['engine']['runOnce']>;
  /** Runs a flow until `done` holds (CDC events reach the feed asynchronously); fails on a failed run. */
  runUntil(flowId: string, done: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>;
  /** POST /api/errors/replay for the orders flow. */
  replay(): Promise<{ replayed: number; results: Array<{ sourceId: string; outcome: string; message: string }> }>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOrdersHarness(opts: { template?: SfOrdersToGpOptions } = {}): Promise<OrdersHarness> {
  // Client and emulator share one event loop on a busy 2-core machine: forgive 50 ms of arrival jitter when judging
  // spacing, as test/connectors/dynamics-gp/politeness.test.ts does (the client's limiter itself spaces starts ≥ 100 ms).
  const gp = createGpSandbox({ latency: { fixedMs: 0, jitterMs: 0 }, limits: { minSpacingMs: 100, spacingToleranceMs: 50 } });
  const sf = createSalesforceSandbox({ customSchema: PACKAGE_SCHEMA });
  await Promise.all([gp.start(), sf.start()]);
  const pubsub = createPubSubEmulator({ sandbox: sf, channels: readChannelMembers(FORCE_APP), keepaliveMs: 150 });
  await pubsub.start();
  const [pglite] = await storeEngines();
  const store = await pglite!.open();
  const config: ServiceConfig = resolveServiceConfig(
    {
      connections: [
        gpSandboxConnection(gp, { config: { minSpacingMs: 100 } }),
        salesforceSandboxConnection(sf, {
          id: 'sf',
          config: { changeFeed: { pubsubEndpoint: pubsub.endpoint, caPem: pubsub.caPem, initialReplay: 'EARLIEST', settleMs: 300, reconnectDelaysMs: [50, 100, 200] } },
        }),
      ],
      flows: [
        { template: CUSTOMERS, connections: { source: 'gp', target: 'sf' } },
        { template: ORDERS, connections: { source: 'sf', target: 'gp' } },
      ],
    },
    { templates: { ...FLOW_TEMPLATES, [ORDERS]: createSfOrdersToGpTemplate(opts.template) }, modules: CONNECTOR_MODULES },
  );
  const sleeps: number[] = [];
  const start = () =>
    startService({
      store,
      config,
      modules: CONNECTOR_MODULES,
      logger: silentLogger(),
      apiKey: API_KEY,
      port: 0,
      host: '127.0.0.1',
      schedule: false,
      sleep: (ms) => {
        sleeps.push(ms);
        return new Promise((r) => setTimeout(r, Math.min(ms, 20)));
      },
    });
  let service = await start();
  const h: OrdersHarness = {
    gp,
    sf,
    pubsub,
    store,
    get service() {
      return service;
    },
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
    async replay() {
      const res = await service.app.request('/api/errors/replay', {
        method: 'POST',
        headers: { 'X-API-Key': API_KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify({ flowId: ORDERS }),
      });
      if (res.status !== 200) throw new Error(`replay answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as Awaited<ReturnType<OrdersHarness['replay']>>;
    },
    async restart() {
      await service.stop();
      service = await start();
    },
    async stop() {
      await service.stop();
      await store.close();
      await pubsub.stop();
      await Promise.allSettled([gp.stop(), sf.stop()]);
    },
  };
  return h;
}

/** A Salesforce order for an Account: products (by GP item number, or none), an Order, its lines, then activation. */
export function createOrder(
  sf: SalesforceSandbox,
  opts: { accountId: string; lines: Array<{ item: string | null; qty: number; price: number }>; effectiveDate?: string; poNumber?: string; activate?: boolean },
) {
  const products = opts.lines.map(
    (l, i) =>
      (l.item ? sf.records.findByField('Product2', 'GP_Item_Number__c', l.item)[0] : undefined) ??
      sf.records.create('Product2', { Name: `Product ${l.item ?? `unmapped-${i}`}`, IsActive: true, ...(l.item ? { GP_Item_Number__c: l.item } : {}) }),
  );
  const order = sf.records.create('Order', { AccountId: opts.accountId, EffectiveDate: opts.effectiveDate ?? today(), Status: 'Draft', ...(opts.poNumber ? { PoNumber: opts.poNumber } : {}) });
  opts.lines.forEach((l, i) => sf.records.create('OrderItem', { OrderId: order.Id, Product2Id: products[i]!.Id, Quantity: l.qty, UnitPrice: l.price }));
  if (opts.activate !== false) sf.records.update('Order', order.Id as string, { Status: 'Activated' });
  return sf.records.get('Order', order.Id as string)!;
}

/** The GP sandbox's server-local date (fiscal periods are seeded around it). */
export function today(): string {
  return new Date(Date.now() - 6 * 3_600_000).toISOString().slice(0, 10);
}

/** The Account the customer flow made for a GP customer number. */
export function accountFor(sf: SalesforceSandbox, customerNumber: string): Record<string, unknown> {
  const [a] = sf.records.findByField('Account', 'GP_Customer_Number__c', customerNumber);
  if (!a) throw new Error(`no Account for ${customerNumber}`);
  return a;
}

export const sopDocs = (gp: GpSandbox) => gp.documents.listSalesDocuments().filter((d) => String(d.SopNumber).startsWith('SF'));
