/**
 * The service as the Salesforce package meets it: the admin app with the package routes mounted at
 * /api/salesforce (as createApp will), a real store (PGlite), the Salesforce sandbox with the package schema as
 * the flow's target, and an in-memory GP customer feed (test/engine/fakes.ts) as its source.
 */
import { Writable } from 'node:stream';
import { dynamicsGpModule } from '../../../service/src/connectors/dynamics-gp/index.ts';
import { salesforceModule } from '../../../service/src/connectors/salesforce/index.ts';
import { PACKAGE_SCHEMA } from '../../../service/src/connectors/salesforce/package-schema.generated.ts';
import { createConnectionRegistry } from '../../../service/src/engine/connection-registry.ts';
import type { ConnectorModule } from '../../../service/src/engine/connector.ts';
import { createEngine, type Engine } from '../../../service/src/engine/engine.ts';
import { flowSchema, type FlowDefinition } from '../../../service/src/engine/flow.ts';
import { createModuleRegistry } from '../../../service/src/engine/module-registry.ts';
import { createPushService } from '../../../service/src/engine/push.ts';
import { GP_CUSTOMERS_TO_SF_ACCOUNTS } from '../../../service/src/flows/gp-salesforce/gp-customers-to-sf-accounts.ts';
import { createMappingOverridesResolver, type MappingOverridesResolver } from '../../../service/src/flows/mapping-overrides.ts';
import { createApp } from '../../../service/src/http/app.ts';
import { createMetrics } from '../../../service/src/http/metrics.ts';
import { createLogger } from '../../../service/src/lib/logger.ts';
import { createSalesforceSandbox, type SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';
import { createFakeFeed, type FakeRow } from '../../engine/fakes.ts';
import { storeEngines, type TestStore } from '../../helpers/stores.ts';

export const API_KEY = 'package-api-key-0123456789abcdef';
export const FLOW_ID = GP_CUSTOMERS_TO_SF_ACCOUNTS.id;
export const auth = { 'X-API-Key': API_KEY, Accept: 'application/json' };

export function gpCustomer(id: string, overrides: Record<string, unknown> = {}, modified = 1): FakeRow {
  return {
    id,
    modified,
    data: {
      CustomerId: id,
      Name: `Customer ${id}`,
      Address1: '100 Main St',
      Address2: 'Suite 4',
      Address3: '',
      City: 'Chicago',
      State: 'IL',
      Zip: '60601',
      Country: 'USA',
      Phone1: '31255501000000',
      Fax: '',
      Class: 'USA-ILMO-T1',
      PaymentTerms: 'Net 30',
      CreditLimitType: 2,
      CreditLimitAmount: 5000,
      OnHold: false,
      ...overrides,
    },
  };
}

/** A GP connection whose customers come from `rows` (mutable: edit a row, bump `modified`, and the source changed). */
function fakeGpModule(feed: ReturnType<typeof createFakeFeed>['feed']): ConnectorModule {
  return {
    ...dynamicsGpModule,
    secretKeys: [],
    validate: () => [],
    create: (conn) => ({
      id: conn.id,
      system: 'dynamics-gp',
      feed: () => feed,
      writer: () => {
        throw new Error('GP is only a source in these tests');
      },
      test: async () => [],
      close: async () => {},
    }),
  };
}

export interface Harness {
  app: ReturnType<typeof createApp>;
  store: TestStore;
  sandbox: SalesforceSandbox;
  engine: Engine;
  resolver: MappingOverridesResolver;
  rows: FakeRow[];
  feedState: ReturnType<typeof createFakeFeed>['state'];
  flow: FlowDefinition;
  logLines: string[];
  clock: { now: number };
  close(): Promise<void>;
}

export interface HarnessOptions {
  rows?: FakeRow[];
  /** Extra Salesforce connections (ids), to make the org choice ambiguous. */
  extraSalesforceConnections?: string[];
  ttlMs?: number;
  syncIntervalMs?: number;
}

const [pglite] = await storeEngines();

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const store = await pglite!.open();
  const sandbox = createSalesforceSandbox({ customSchema: PACKAGE_SCHEMA });
  await sandbox.start();
  const logLines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: new Writable({ write: (chunk, _enc, cb) => (logLines.push(String(chunk)), cb()) }) });
  const rows = opts.rows ?? [gpCustomer('AARONFIT0001')];
  const { feed, state: feedState } = createFakeFeed(rows);
  const modules = createModuleRegistry([salesforceModule, fakeGpModule(feed)]);
  const connections = createConnectionRegistry({ store, modules: modules.modules, logger });
  const sfConfig = { loginUrl: sandbox.url, clientId: sandbox.clientId, allowInsecureHttp: true, namespace: sandbox.namespace };
  for (const id of ['sf', ...(opts.extraSalesforceConnections ?? [])]) {
    await connections.upsert({ id, system: 'salesforce', name: `Salesforce ${id}`, config: sfConfig, secrets: { clientSecret: sandbox.clientSecret } });
  }
  await connections.upsert({ id: 'gp', system: 'dynamics-gp', name: 'GP', config: {}, secrets: {} });
  // A yearly cron: nothing is scheduled during a test, so the worker only runs what a test queues.
  const flow = flowSchema.parse({ ...GP_CUSTOMERS_TO_SF_ACCOUNTS.build({ source: 'gp', target: 'sf' }), schedule: { cron: '0 0 1 1 *' } });
  const clock = { now: Date.parse('2026-11-20T09:00:00.000Z') };
  const resolver = createMappingOverridesResolver({
    overridesOf: (id) => connections.list().find((rt) => rt.id === id)?.mappingOverrides,
    systemOf: (id) => connections.get(id).system,
    catalogs: modules.catalogs,
    transforms: modules.transforms,
    logger,
    ttlMs: opts.ttlMs ?? 0,
    now: () => clock.now,
  });
  const metrics = createMetrics({ defaultMetrics: false });
  const engine = createEngine({ store, flows: [flow], connections, transforms: modules.transforms, logger, metrics: metrics.engine, resolveFlow: resolver.resolveFlow, workerPollMs: 20 });
  const app = createApp({
    store,
    engine,
    connections,
    modules,
    push: createPushService({ store, connections, engine, logger }),
    metrics,
    logger,
    apiKey: API_KEY,
    mappingProblems: resolver.problems,
    syncIntervalMs: opts.syncIntervalMs,
    now: () => clock.now,
  });
  return {
    app,
    store,
    sandbox,
    engine,
    resolver,
    rows,
    feedState,
    flow,
    logLines,
    clock,
    async close() {
      await engine.stop();
      await connections.close();
      await sandbox.stop();
      await store.close();
    },
  };
}

/** The Account the flow wrote for a GP customer. */
export function accountOf(h: Harness, customerId: string): Record<string, unknown> {
  const [account] = h.sandbox.records.findByField('Account', 'GP_Customer_Number__c', customerId);
  if (!account) throw new Error(`no Account for GP customer ${customerId}`);
  return account;
}

let mappingSeq = 0;
/** One Field_Mapping__c row as the package's FieldMappingController saves it. */
export function saveMappingRow(h: Harness, target: string, source: string, transform: string | null = null): string {
  const row = h.sandbox.records.create('Field_Mapping__c', {
    Name: `FM-${String(++mappingSeq).padStart(6, '0')}`,
    Flow_Id__c: FLOW_ID,
    Target_Field__c: target,
    Source_Field__c: source,
    Transform__c: transform,
    Mapping_Key__c: `${FLOW_ID}:${target.toLowerCase()}`,
  });
  return String(row.Id);
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
