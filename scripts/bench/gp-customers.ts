/**
 * Benchmark: N Dynamics GP customers through the GP customers → Salesforce Accounts flow, against the emulators
 * with latency on. Not a test: it prints figures (and writes them as JSON to scripts/bench/results/).
 *
 *   npm run bench -- --customers 10000 --gp-latency-ms 20 --sf-latency-ms 40
 *
 * Reports: Salesforce API calls vs the lower bound ceil(N/200); GP requests/s vs the politeness ceiling
 * (concurrency / (latency + spacing)) in a burst of direct reads through the connector; limiter violations seen by
 * the GP emulator (must be 0); peak RSS; and a second run with no changes (must write nothing).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolveServiceConfig } from '../../service/src/config/service-config.ts';
import { createGpClient } from '../../service/src/connectors/dynamics-gp/client.ts';
import { parseGpConnectionConfig } from '../../service/src/connectors/dynamics-gp/config.ts';
import { CONNECTOR_MODULES } from '../../service/src/connectors/modules.ts';
import { PACKAGE_SCHEMA } from '../../service/src/connectors/salesforce/package-schema.generated.ts';
import { FLOW_TEMPLATES } from '../../service/src/flows/index.ts';
import { silentLogger } from '../../service/src/lib/logger.ts';
import { startService } from '../../service/src/service.ts';
import { openStore } from '../../service/src/store/open-store.ts';
import { createGpSandbox, GP_SANDBOX_DEFAULT_USER } from '../../service/sandbox/dynamics-gp/index.ts';
import { createSalesforceSandbox } from '../../service/sandbox/salesforce/index.ts';
import { randomBytes } from 'node:crypto';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '10000' },
    'gp-latency-ms': { type: 'string', default: '20' },
    'sf-latency-ms': { type: 'string', default: '40' },
    'max-concurrent': { type: 'string', default: '2' },
    'min-spacing-ms': { type: 'string', default: '150' },
    'page-size': { type: 'string', default: '1000' },
    'burst-requests': { type: 'string', default: '40' },
  },
});
const N = Number(args.customers);
const GP_LATENCY_MS = Number(args['gp-latency-ms']);
const SF_LATENCY_MS = Number(args['sf-latency-ms']);
const MAX_CONCURRENT = Number(args['max-concurrent']);
const MIN_SPACING_MS = Number(args['min-spacing-ms']);
const PAGE_SIZE = Number(args['page-size']);
const BURST = Number(args['burst-requests']);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const mb = (bytes: number) => Math.round(bytes / 1_048_576);

async function main() {
  const gp = createGpSandbox({
    syntheticCustomers: N,
    latency: { fixedMs: GP_LATENCY_MS, jitterMs: 0 },
    limits: { maxConcurrent: MAX_CONCURRENT, minSpacingMs: MIN_SPACING_MS },
    maxTop: Math.max(1000, PAGE_SIZE),
  });
  const sf = createSalesforceSandbox({ customSchema: PACKAGE_SCHEMA });
  await gp.start();
  await sf.start();
  sf.faults.setLatency(SF_LATENCY_MS, 'composite.upsert');
  const total = gp.company().table('RM00101').size;
  // DATABASE_URL → PostgreSQL in a throwaway schema; otherwise in-memory PGlite (whose WASM heap dominates RSS).
  const schema = process.env.DATABASE_URL ? `bench_${randomBytes(4).toString('hex')}` : undefined;
  const store = await openStore({ secretKey: randomBytes(32), databaseUrl: process.env.DATABASE_URL, schema });
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
        { id: 'sf', system: 'salesforce', name: 'SF', config: { loginUrl: sf.url, clientId: sf.clientId, allowInsecureHttp: true }, secrets: { clientSecret: sf.clientSecret } },
      ],
      flows: [{ template: 'gp-customers-to-sf-accounts', connections: { source: 'gp', target: 'sf' }, pageSize: PAGE_SIZE }],
    },
    { templates: FLOW_TEMPLATES, modules: CONNECTOR_MODULES },
  );
  const service = await startService({ store, config, modules: CONNECTOR_MODULES, logger: silentLogger(), apiKey: 'bench-key-0123456789abcdefghij', port: 0, host: '127.0.0.1', schedule: false });

  const upserts = () => sf.counters.get('composite.upsert');
  const gpRequests = () => gp.counters().politeness.requests;

  const t0 = performance.now();
  const first = await service.engine.runOnce('gp-customers-to-sf-accounts', 'bench');
  const firstMs = performance.now() - t0;
  if (!('status' in first) || first.status !== 'succeeded') throw new Error(`first run did not succeed: ${JSON.stringify(first)}`);
  const firstUpserts = upserts();
  const firstGpRequests = gpRequests();
  const accounts = sf.records.count('Account');

  const t1 = performance.now();
  const second = await service.engine.runOnce('gp-customers-to-sf-accounts', 'bench');
  const secondMs = performance.now() - t1;
  if (!('status' in second)) throw new Error('second run skipped');
  const secondUpserts = upserts() - firstUpserts;

  // Burst: BURST concurrent single-customer reads through the connector's limiter.
  const client = createGpClient(parseGpConnectionConfig({ ...gpConfig, password: GP_SANDBOX_DEFAULT_USER.password }), { logger: silentLogger() });
  const ids = gp.company().table<Record<string, unknown>>('RM00101').values().slice(0, BURST).map((r) => String(r.CUSTNMBR ?? r.CustomerId).trim());
  // The burst uses its own client (its own limiter): let the service's last request age past the spacing first.
  await new Promise((r) => setTimeout(r, MIN_SPACING_MS * 2));
  const before = gpRequests();
  const tb = performance.now();
  await Promise.all(ids.map((id) => client.getCustomer(id)));
  const burstMs = performance.now() - tb;
  const burstRequests = gpRequests() - before;
  await client.close();
  const politeness = gp.counters().politeness;

  const ceilingPerS = MAX_CONCURRENT / ((GP_LATENCY_MS + MIN_SPACING_MS) / 1000);
  const spacingCeilingPerS = 1000 / MIN_SPACING_MS;
  // n requests spaced s apart span (n - 1) intervals: rate = (n - 1) / duration.
  const burstPerS = (burstRequests - 1) / (burstMs / 1000);
  const result = {
    customers: total,
    store: store.kind,
    settings: { gpLatencyMs: GP_LATENCY_MS, sfLatencyMs: SF_LATENCY_MS, maxConcurrent: MAX_CONCURRENT, minSpacingMs: MIN_SPACING_MS, pageSize: PAGE_SIZE },
    firstRun: {
      seconds: +(firstMs / 1000).toFixed(2),
      recordsPerSecond: Math.round(total / (firstMs / 1000)),
      created: first.stats.created,
      accountsInSalesforce: accounts,
      salesforceUpsertCalls: firstUpserts,
      lowerBound: Math.ceil(total / 200),
      callsPerLowerBound: +(firstUpserts / Math.ceil(total / 200)).toFixed(3),
      gpRequests: firstGpRequests,
      // One page per PAGE_SIZE customers; a full last page needs one more (empty) read to know it was the last.
      gpRequestsLowerBound: Math.ceil(total / PAGE_SIZE) + (total % PAGE_SIZE === 0 ? 1 : 0),
    },
    secondRun: {
      seconds: +(secondMs / 1000).toFixed(2),
      read: second.stats.read,
      created: second.stats.created,
      updated: second.stats.updated,
      unchanged: second.stats.unchanged,
      salesforceUpsertCalls: secondUpserts,
    },
    gpBurst: {
      requests: burstRequests,
      seconds: +(burstMs / 1000).toFixed(2),
      requestsPerSecond: +burstPerS.toFixed(2),
      ceilingConcurrencyOverLatencyPlusSpacing: +ceilingPerS.toFixed(2),
      ceilingOneOverSpacing: +spacingCeilingPerS.toFixed(2),
      ratioToSpacingCeiling: +(burstPerS / Math.min(ceilingPerS, spacingCeilingPerS)).toFixed(3),
    },
    gpEmulator: {
      concurrencyViolations: politeness.concurrencyViolations,
      spacingViolations: politeness.spacingViolations,
      peakInFlight: politeness.peakInFlight,
      minObservedSpacingMs: politeness.minObservedSpacingMs,
    },
    peakRssMb: mb(Math.max(peakRss, process.memoryUsage().rss)),
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync('scripts/bench/results', { recursive: true });
  writeFileSync(`scripts/bench/results/gp-customers-${total}.json`, JSON.stringify(result, null, 2));

  await service.stop();
  if (schema) {
    const postgres = (await import('postgres')).default;
    const sql = postgres(process.env.DATABASE_URL as string, { max: 1, onnotice: () => {} });
    await sql`drop schema if exists ${sql(schema)} cascade`;
    await sql.end();
  }
  await store.close();
  await gp.stop();
  await sf.stop();
  clearInterval(sampler);
  const failures = [
    result.gpEmulator.concurrencyViolations + result.gpEmulator.spacingViolations > 0 && 'the GP emulator saw limiter violations',
    result.secondRun.salesforceUpsertCalls > 0 && 'the second run wrote to Salesforce',
    accounts !== total && `Salesforce has ${accounts} Accounts for ${total} customers`,
  ].filter(Boolean);
  if (failures.length) {
    console.error(`bench: FAILED: ${failures.join('; ')}`);
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
