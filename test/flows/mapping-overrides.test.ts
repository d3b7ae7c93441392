/**
 * Mappings read from the CRM (Salesforce: Field_Mapping__c rows, as FieldMappingController saves them) applied to runs:
 * valid rows override the default, bad rows are rejected with a reason, Salesforce down → the last good rows.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesforceClient } from '../../service/src/connectors/salesforce/client.ts';
import { parseSalesforceConfig } from '../../service/src/connectors/salesforce/config.ts';
import { PACKAGE_SCHEMA } from '../../service/src/connectors/salesforce/package-schema.generated.ts';
import { flowSchema } from '../../service/src/engine/flow.ts';
import { GP_CUSTOMERS_TO_SF_ACCOUNTS } from '../../service/src/flows/gp-salesforce/gp-customers-to-sf-accounts.ts';
import { createMappingOverridesResolver } from '../../service/src/flows/mapping-overrides.ts';
import { CONNECTOR_MODULES } from '../../service/src/connectors/modules.ts';
import { createSalesforceMappingOverrides } from '../../service/src/connectors/salesforce/mapping-overrides.ts';
import { createModuleRegistry } from '../../service/src/engine/module-registry.ts';
import { createLogger } from '../../service/src/lib/logger.ts';
import { createSalesforceSandbox, type SalesforceSandbox } from '../../service/sandbox/salesforce/index.ts';
import { accountOf, auth, FLOW_ID, saveMappingRow, startHarness, type Harness } from '../http/salesforce/harness.ts';

const flow = flowSchema.parse(GP_CUSTOMERS_TO_SF_ACCOUNTS.build({ source: 'gp', target: 'sf' }));
const systemOf = (id: string) => (id === 'sf' ? 'salesforce' : 'dynamics-gp');
const { catalogs, transforms } = createModuleRegistry(CONNECTOR_MODULES);

function capturingLogger() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) }) });
  return { logger, lines };
}

describe('mappings read from Salesforce, applied to runs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('runs on the default mapping while the org has no rows', async () => {
    expect(await h.resolver.resolveFlow(h.flow)).toBe(h.flow);
    expect(await h.engine.runOnce(FLOW_ID)).toMatchObject({ stats: { created: 1 } });
    expect(accountOf(h, 'AARONFIT0001')).toMatchObject({ Name: 'Customer AARONFIT0001', BillingCity: 'Chicago', Phone: '(312) 555-0100' });
  });

  it('applies valid rows and rejects bad ones with a reason, keeping the default for their targets', async () => {
    saveMappingRow(h, 'Name', 'Name', 'trim-upper');
    saveMappingRow(h, 'website', 'class'); // a new target; names match case-insensitively
    saveMappingRow(h, 'BillingCity', 'NoSuchField', 'trim');
    saveMappingRow(h, 'Phone', 'Phone1', 'shout');
    saveMappingRow(h, 'Nope__c', 'Name');
    saveMappingRow(h, 'ERP_On_Hold__c', 'Name');
    h.rows[0]!.modified = 2;

    expect(await h.engine.runOnce(FLOW_ID)).toMatchObject({ stats: { updated: 1, parked: 0 } });
    expect(accountOf(h, 'AARONFIT0001')).toMatchObject({ Name: 'CUSTOMER AARONFIT0001', Website: 'USA-ILMO-T1', BillingCity: 'Chicago', Phone: '(312) 555-0100', ERP_On_Hold__c: false });

    const problems = h.resolver.problems(FLOW_ID);
    expect(problems.map((p) => p.target).sort()).toEqual(['BillingCity', 'ERP_On_Hold__c', 'Nope__c', 'Phone']);
    const reasonFor = (target: string) => problems.find((p) => p.target === target)?.reason;
    expect(reasonFor('BillingCity')).toMatch(/unknown source field "NoSuchField"/);
    expect(reasonFor('Phone')).toMatch(/unknown transform "shout"/);
    expect(reasonFor('Nope__c')).toMatch(/unknown target field "Nope__c"/);
    expect(reasonFor('ERP_On_Hold__c')).toMatch(/ERP_On_Hold__c \(boolean\) cannot take Name \(string\) without a transform/);
    expect(problems[0]).toMatchObject({ flowId: FLOW_ID, connectionId: 'sf' });
    expect(h.logLines.filter((l) => l.includes('mapping row rejected'))).toHaveLength(4);

    const { flows } = await (await h.app.request('/api/salesforce/flows', { headers: auth })).json();
    expect(flows[0].rejectedRows).toHaveLength(4);
    // The catalog still shows the defaults: saved rows are the editor's to show (FieldMappingController).
    expect(flows[0].mapping).toContainEqual({ target: 'Name', source: 'Name', transform: 'trim' });
  });

  it('keeps running on the last rows read while Salesforce cannot be reached', async () => {
    h.sandbox.faults.failNext({ status: 503, endpoint: 'query', count: 3 });
    h.rows[0]!.data.Name = 'Aaron Fitz';
    h.rows[0]!.modified = 3;
    expect(await h.engine.runOnce(FLOW_ID)).toMatchObject({ status: 'succeeded', stats: { updated: 1 } });
    expect(accountOf(h, 'AARONFIT0001').Name).toBe('AARON FITZ');
    expect(h.logLines.some((l) => l.includes('using the mapping last read'))).toBe(true);
  });

  it('goes back to the defaults once the rows are deleted', async () => {
    h.sandbox.faults.clear();
    for (const row of h.sandbox.records.list('Field_Mapping__c')) h.sandbox.records.delete('Field_Mapping__c', String(row.Id));
    h.rows[0]!.modified = 4;
    expect(await h.engine.runOnce(FLOW_ID)).toMatchObject({ stats: { updated: 1 } });
    expect(accountOf(h, 'AARONFIT0001').Name).toBe('Aaron Fitz');
    expect(h.resolver.problems(FLOW_ID)).toEqual([]);
  });
});

describe('mapping resolver', () => {
  let sandbox: SalesforceSandbox;
  let managed: SalesforceSandbox;
  beforeAll(async () => {
    sandbox = createSalesforceSandbox({ customSchema: PACKAGE_SCHEMA });
    managed = createSalesforceSandbox({ customSchema: PACKAGE_SCHEMA, namespace: 'mlc' });
    await Promise.all([sandbox.start(), managed.start()]);
  });
  afterAll(async () => {
    await Promise.all([sandbox.stop(), managed.stop()]);
  });

  const clientOf = (s: SalesforceSandbox, logger: ReturnType<typeof capturingLogger>['logger']) =>
    createSalesforceClient(
      parseSalesforceConfig({ loginUrl: s.url, clientId: s.clientId, clientSecret: s.clientSecret, allowInsecureHttp: true, namespace: s.namespace }),
      { logger },
    );

  it('with no mapping ever read, runs on the defaults and warns', async () => {
    const { logger, lines } = capturingLogger();
    const client = clientOf(sandbox, logger);
    const resolver = createMappingOverridesResolver({ overridesOf: (id) => (id === 'sf' ? createSalesforceMappingOverrides(client) : undefined), systemOf, catalogs, transforms, logger, ttlMs: 60_000 });
    sandbox.faults.failNext({ status: 503, endpoint: 'query' });
    expect(await resolver.resolveFlow(flow)).toBe(flow);
    expect(lines.some((l) => l.includes('"level":40') && l.includes('none was read before; running on the default mapping'))).toBe(true);
  });

  it('reads the rows once per ttl', async () => {
    const { logger } = capturingLogger();
    const client = clientOf(sandbox, logger);
    const clock = { now: 1_000_000 };
    const resolver = createMappingOverridesResolver({ overridesOf: (id) => (id === 'sf' ? createSalesforceMappingOverrides(client) : undefined), systemOf, catalogs, transforms, logger, ttlMs: 60_000, now: () => clock.now });
    sandbox.records.create('Field_Mapping__c', { Name: 'FM-1', Flow_Id__c: FLOW_ID, Target_Field__c: 'Name', Source_Field__c: 'ShortName', Mapping_Key__c: `${FLOW_ID}:name` });
    const queries = () => sandbox.counters.get('query');
    const before = queries();
    const first = await resolver.resolveFlow(flow);
    expect(first.mapping.find((m) => m.target === 'Name')).toMatchObject({ source: 'ShortName', transforms: [], required: true, maxLength: 255 });
    await resolver.resolveFlow(flow);
    expect(queries() - before).toBe(1);
    clock.now += 60_000;
    await resolver.resolveFlow(flow);
    expect(queries() - before).toBe(2);
    resolver.invalidate(FLOW_ID);
    await resolver.resolveFlow(flow);
    expect(queries() - before).toBe(3);
  });

  it('reads namespaced names in a managed-package org and maps composite sources back to several fields', async () => {
    const { logger } = capturingLogger();
    const client = clientOf(managed, logger);
    const resolver = createMappingOverridesResolver({ overridesOf: (id) => (id === 'sf' ? createSalesforceMappingOverrides(client) : undefined), systemOf, catalogs, transforms, logger, ttlMs: 0 });
    managed.records.create('mlc__Field_Mapping__c', {
      Name: 'FM-1',
      mlc__Flow_Id__c: FLOW_ID,
      mlc__Target_Field__c: 'ShippingStreet',
      mlc__Source_Field__c: 'AddressLines',
      mlc__Transform__c: 'joinLines-truncate:100',
      mlc__Mapping_Key__c: `${FLOW_ID}:shippingstreet`,
    });
    managed.records.create('mlc__Field_Mapping__c', { Name: 'FM-2', mlc__Flow_Id__c: 'another-flow', mlc__Target_Field__c: 'Name', mlc__Source_Field__c: 'Nope', mlc__Mapping_Key__c: 'another-flow:name' });
    const resolved = await resolver.resolveFlow(flow);
    expect(resolved.mapping.find((m) => m.target === 'ShippingStreet')).toEqual({
      target: 'ShippingStreet',
      source: ['Address1', 'Address2', 'Address3'],
      transforms: ['joinLines', { name: 'truncate', arg: 100 }],
      required: false,
      maxLength: 255,
      excludeFromHash: false,
    });
    expect(resolved.mapping).toHaveLength(flow.mapping.length + 1);
    expect(resolver.problems()).toEqual([]); // the other flow's row was not read for this flow
  });

  it('leaves flows without a Salesforce side alone', async () => {
    const { logger } = capturingLogger();
    const resolver = createMappingOverridesResolver({
      overridesOf: () => undefined,
      systemOf: () => 'dynamics-gp',
      catalogs,
      transforms,
      logger,
      ttlMs: 0,
    });
    expect(await resolver.resolveFlow(flow)).toBe(flow);
  });
});
