/**
 * Benchmark: Salesforce Order CDC events → GP Work documents, end to end (Salesforce REST + Pub/Sub emulators, GP
 * SBA emulator with latency and the politeness limits on, the real service). Orders are activated at a steady rate;
 * each one's latency is from its activation (the change event's commit) to the GP document's DEX_ROW_TS. Runs of the
 * orders flow are started every --run-interval-ms (what a short schedule does). Printed next to the emulator's own write
 * latency: a direct POST of the same document through the GP client, which no flow can beat.
 *
 *   npx tsx scripts/bench/cdc-orders-to-gp.ts --rate 2 --seconds 30 --gp-latency-ms 20
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveServiceConfig } from '../../service/src/config/service-config.ts';
import { createGpClient } from '../../service/src/connectors/dynamics-gp/client.ts';
import { parseGpConnectionConfig } from '../../service/src/connectors/dynamics-gp/config.ts';
import { CONNECTOR_MODULES } from '../../service/src/connectors/modules.ts';
import { PACKAGE_SCHEMA } from '../../service/src/connectors/salesforce/package-schema.generated.ts';
import { FLOW_TEMPLATES } from '../../service/src/flows/index.ts';
import { SF_ORDERS_TO_GP_SALES_DOCUMENTS, SF_ORDERS_TO_GP_SALES_DOCUMENTS_ID as ORDERS } from '../../service/src/flows/gp-salesforce/sf-orders-to-gp-sales-documents.ts';
import { silentLogger } from '../../service/src/lib/logger.ts';
import { startService } from '../../service/src/service.ts';
import { openStore } from '../../service/src/store/open-store.ts';
import { createGpSandbox, GP_SANDBOX_DEFAULT_USER } from '../../service/sandbox/dynamics-gp/index.ts';
import { createSalesforceSandbox } from '../../service/sandbox/salesforce/index.ts';
import { createPubSubEmulator, readChannelMembers } from '../../service/sandbox/salesforce-pubsub/index.ts';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '2' },
    seconds: { type: 'string', default: '30' },
    'gp-latency-ms': { type: 'string', default: '20' },
    'max-concurrent': { type: 'string', default: '2' },
    'min-spacing-ms': { type: 'string', default: '150' },
    lines: { type: 'string', default: '3' },
    'direct-writes': { type: 'string', default: '40' },
    'run-interval-ms': { type: 'string', default: '100' },
  },
});
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const GP_LATENCY_MS = Number(args['gp-latency-ms']);
const MAX_CONCURRENT = Number(args['max-concurrent']);
const MIN_SPACING_MS = Number(args['min-spacing-ms']);
const LINES = Number(args.lines);
const DIRECT = Number(args['direct-writes']);
const RUN_INTERVAL_MS = Number(args['run-interval-ms']);
const ITEMS = ['ACCS-CRD-12WH', 'ACCS-CRD-25BK', 'ACCS-HDS-1EAR', 'ACCS-HDS-2EAR', '100XLG'];
const CUSTOMERS = ['AARONFIT0001', 'ADVANCED0001', 'BLUEYOND0001', 'CONTOSOL0001', 'GRAHAMAR0001'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: Math.round(percentile(s, 50)), p99: Math.round(percentile(s, 99)), max: Math.round(s[s.length - 1] ?? NaN) };
};

async function main() {
  const gp = createGpSandbox({ latency: { fixedMs: GP_LATENCY_MS, jitterMs: 0 }, limits: { maxConcurrent: MAX_CONCURRENT, minSpacingMs: MIN_SPACING_MS } });
  const sf = createSalesforceSandbox({ customSchema: PACKAGE_SCHEMA });
  await Promise.all([gp.start(), sf.start()]);
  const pubsub = createPubSubEmulator({ sandbox: sf, channels: readChannelMembers(fileURLToPath(new URL('../../force-app/main/default', import.meta.url))), keepaliveMs: 150 });
  await pubsub.start();
  const store = await openStore({ secretKey: randomBytes(32) }); // in-memory PGlite
  const gpConfig = {
    baseUrl: gp.url,
    company: 'Fabrikam, Inc.',
    domain: GP_SANDBOX_DEFAULT_USER.domain,
    username: GP_SANDBOX_DEFAULT_USER.username,
    maxConcurrent: MAX_CONCURRENT,
    minSpacingMs: MIN_SPACING_MS,
    allowInsecureHttp: true,
  };
  const config = resolveServiceConfig(
    {
      connections: [
        { id: 'gp', system: 'dynamics-gp', name: 'GP', config: gpConfig, secrets: { password: GP_SANDBOX_DEFAULT_USER.password } },
        {
          id: 'sf',
          system: 'salesforce',
          name: 'Salesforce',
          config: {
            loginUrl: sf.url,
            clientId: sf.clientId,
            allowInsecureHttp: true,
            changeFeed: { pubsubEndpoint: pubsub.endpoint, caPem: pubsub.caPem, initialReplay: 'EARLIEST', settleMs: 100 },
          },
          secrets: { clientSecret: sf.clientSecret },
        },
      ],
      flows: [
        { template: 'gp-customers-to-sf-accounts', connections: { source: 'gp', target: 'sf' } },
        { template: ORDERS, connections: { source: 'sf', target: 'gp' } },
      ],
    },
    { templates: { ...FLOW_TEMPLATES, [ORDERS]: SF_ORDERS_TO_GP_SALES_DOCUMENTS }, modules: CONNECTOR_MODULES },
  );
  const service = await startService({ store, config, modules: CONNECTOR_MODULES, logger: silentLogger(), apiKey: 'bench-api-key-0123456789abcdefghij', port: 0, host: '127.0.0.1', schedule: false });
  await service.engine.runOnce('gp-customers-to-sf-accounts', 'bench');
  await service.engine.runOnce(ORDERS, 'bench'); // subscribes (EARLIEST: nothing for this flow yet)
  const accounts = CUSTOMERS.map((c) => sf.records.findByField('Account', 'GP_Customer_Number__c', c)[0]!.Id as string);
  const products = ITEMS.map((item) => sf.records.create('Product2', { Name: item, IsActive: true, GP_Item_Number__c: item }).Id as string);
  gp.resetCounters();

  // Producer: one activation every 1/RATE s. Consumer: a run every RUN_INTERVAL_MS until every order is in GP.
  const total = Math.round(RATE * SECONDS);
  const activatedAt = new Map<string, number>();
  const producer = (async () => {
    const start = Date.now();
    for (let i = 0; i < total; i++) {
      await sleep(Math.max(0, start + (i * 1000) / RATE - Date.now()));
      const order = sf.records.create('Order', { AccountId: accounts[i % accounts.length], EffectiveDate: gp.clock.localDate(), Status: 'Draft' });
      for (let l = 0; l < LINES; l++) sf.records.create('OrderItem', { OrderId: order.Id, Product2Id: products[(i + l) % products.length], Quantity: 1 + l, UnitPrice: 10 + l });
      sf.records.update('Order', order.Id as string, { Status: 'Activated' });
      activatedAt.set(`SF${String(order.OrderNumber)}`, Date.now());
    }
  })();
  const latencies = new Map<string, number>();
  const deadline = Date.now() + SECONDS * 1000 + 120_000;
  let runs = 0;
  const started = Date.now();
  while (latencies.size < total && Date.now() < deadline) {
    const run = await service.engine.runOnce(ORDERS, 'bench');
    if ('status' in run && run.status === 'failed') throw new Error(`orders run failed: ${run.error?.message}`);
    runs++;
    // A schedule's gap between runs; it also lets the event loop deliver the gRPC stream's events.
    await sleep(RUN_INTERVAL_MS);
    for (const [number, at] of activatedAt) {
      if (latencies.has(number)) continue;
      const doc = gp.documents.getSalesDocument(2, number);
      if (doc) latencies.set(number, Date.parse(`${String(doc.LastModifiedDate)}Z`) - at);
    }
  }
  await producer;
  const elapsedS = (Date.now() - started) / 1000;
  const counters = gp.counters();

  // The emulator's own write latency: the same document POSTed directly through a GP client (limiter on).
  const client = createGpClient(parseGpConnectionConfig({ ...gpConfig, password: GP_SANDBOX_DEFAULT_USER.password }), { logger: silentLogger() });
  const direct: number[] = [];
  for (let i = 0; i < DIRECT; i++) {
    const t = performance.now();
    await client.send('bench', 'POST', 'Sales/Transactions', {
      body: { SopType: 2, DocumentId: 'STDORD', CustomerId: 'AARONFIT0001', DocumentDate: gp.clock.localDate(), BatchId: 'BENCH', Lines: ITEMS.slice(0, LINES).map((item, l) => ({ ItemNumber: item, Quantity: 1 + l, UnitPrice: 10 + l })) },
    });
    direct.push(performance.now() - t);
  }
  await client.close();

  const result = {
    settings: { rate: RATE, seconds: SECONDS, orders: total, linesPerOrder: LINES, gpLatencyMs: GP_LATENCY_MS, maxConcurrent: MAX_CONCURRENT, minSpacingMs: MIN_SPACING_MS },
    cdcToGpWorkDocumentMs: summary([...latencies.values()]),
    arrived: latencies.size,
    flowRuns: runs,
    ordersPerSecond: Number((latencies.size / elapsedS).toFixed(2)),
    gpRequestsPerOrder: Number((counters.politeness.requests / Math.max(1, latencies.size)).toFixed(2)),
    gpEmulator: { requests: counters.politeness.requests, concurrencyViolations: counters.politeness.concurrencyViolations, spacingViolations: counters.politeness.spacingViolations, responses: counters.responses },
    directGpWriteMs: summary(direct),
  };
  console.log(`CDC event → GP Work document: p50 ${result.cdcToGpWorkDocumentMs.p50} ms, p99 ${result.cdcToGpWorkDocumentMs.p99} ms (${result.arrived}/${total} orders, ${RATE}/s, ${runs} runs)`);
  console.log(`GP emulator direct POST:      p50 ${result.directGpWriteMs.p50} ms, p99 ${result.directGpWriteMs.p99} ms (latency ${GP_LATENCY_MS} ms, limiter ${MAX_CONCURRENT} × ${MIN_SPACING_MS} ms)`);
  console.log(`GP requests per order ${result.gpRequestsPerOrder}; politeness violations: concurrency ${result.gpEmulator.concurrencyViolations}, spacing ${result.gpEmulator.spacingViolations}`);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/cdc-orders-to-gp-${total}.json`, import.meta.url), `${JSON.stringify(result, null, 2)}\n`);

  await service.stop();
  await store.close();
  await pubsub.stop();
  await Promise.allSettled([gp.stop(), sf.stop()]);
  if (latencies.size < total || counters.politeness.concurrencyViolations + counters.politeness.spacingViolations > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
