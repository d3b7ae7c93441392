import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WriteItem } from '../../../service/src/engine/types.ts';
import { createSalesforceClient, type SalesforceClient } from '../../../service/src/connectors/salesforce/client.ts';
import { categorizeStatusCode } from '../../../service/src/connectors/salesforce/errors.ts';
import { createUpsertWriter } from '../../../service/src/connectors/salesforce/writers/upsert-writer.ts';
import { ConnectorError } from '../../../service/src/lib/errors.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import type { SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';
import { clientConfig, startSandbox } from './helpers.ts';

const customer = (n: number, fields: Record<string, unknown> = {}): WriteItem => ({
  sourceId: `GP-${n}`,
  key: `W${String(n).padStart(5, '0')}`,
  fields: { Name: `Customer ${n}`, GP_Customer_Class__c: 'RETAIL', ...fields },
});

describe('Salesforce upsert writer (GP customers → Accounts)', () => {
  let sandbox: SalesforceSandbox;
  let client: SalesforceClient;

  beforeAll(async () => {
    sandbox = await startSandbox();
    client = createSalesforceClient(clientConfig(sandbox), { logger: silentLogger() });
  });
  afterAll(async () => {
    await sandbox.stop();
  });
  beforeEach(() => {
    sandbox.rules.clear();
    sandbox.faults.clear();
  });

  it('creates then updates on GP_Customer_Number__c, 200 records per call', async () => {
    const writer = createUpsertWriter(client, { sobject: 'Account', externalIdField: 'GP_Customer_Number__c' });
    expect(writer.maxBatchSize).toBe(200);
    const items = Array.from({ length: 200 }, (_, i) => customer(i));
    sandbox.counters.reset();
    const created = await writer.write(items);
    expect(sandbox.counters.get('composite.upsert')).toBe(1);
    expect(created).toHaveLength(200);
    expect(created.every((r) => r.ok && r.created && /^001/.test(r.targetId) && typeof r.requestId === 'string')).toBe(true);
    expect(sandbox.records.findByField('Account', 'GP_Customer_Number__c', 'W00007')[0]).toMatchObject({ Name: 'Customer 7', GP_Customer_Class__c: 'RETAIL' });

    const updated = await writer.write(items.map((item) => ({ ...item, fields: { ...item.fields, Name: `${String(item.fields.Name)} (renamed)` } })));
    expect(updated.every((r) => r.ok && !r.created)).toBe(true);
    expect(updated.map((r) => (r.ok ? r.targetId : ''))).toEqual(created.map((r) => (r.ok ? r.targetId : '')));
    expect(sandbox.records.findByField('Account', 'GP_Customer_Number__c', 'w00007')[0]?.Name).toBe('Customer 7 (renamed)');
  });

  it('returns a per-record error value for the failing record only', async () => {
    const writer = createUpsertWriter(client, { sobject: 'Account', externalIdField: 'GP_Customer_Number__c' });
    const results = await writer.write([customer(300), customer(301, { Name: 'n'.repeat(300) }), customer(302)]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    const failed = results[1];
    if (failed?.ok !== false) throw new Error('expected a failure');
    expect(failed.error).toBeInstanceOf(ConnectorError);
    expect(failed.error).toMatchObject({ category: 'validation', code: 'STRING_TOO_LONG', fields: ['Name'] });
    expect(failed.error.message).toContain('W00301');
  });

  it('categorises per-record failures: lock → transient, duplicate → conflict, validation rule → validation', async () => {
    const writer = createUpsertWriter(client, { sobject: 'Account', externalIdField: 'GP_Customer_Number__c' });
    sandbox.rules.add({ name: 'lock', sobject: 'Account', when: (r) => r.GP_Customer_Number__c === 'W00400', message: 'unable to obtain exclusive access to this record', statusCode: 'UNABLE_TO_LOCK_ROW' });
    sandbox.rules.add({ name: 'credit-hold', sobject: 'Account', when: (r) => r.GP_Customer_Class__c === 'HOLD', message: 'Customers on hold cannot be synced', fields: ['GP_Customer_Class__c'] });
    const results = await writer.write([customer(400), customer(401), { ...customer(401), sourceId: 'GP-401b' }, customer(402, { GP_Customer_Class__c: 'HOLD' }), customer(403)]);
    const categories = results.map((r) => (r.ok ? 'ok' : r.error.category));
    expect(categories).toEqual(['transient', 'conflict', 'conflict', 'validation', 'ok']);

    // The cause is fixed (rule removed): replaying the parked record succeeds.
    sandbox.rules.remove('credit-hold');
    const replay = await writer.write([customer(402, { GP_Customer_Class__c: 'HOLD' })]);
    expect(replay[0]).toMatchObject({ ok: true, created: true });
  });

  it('throws whole-call failures and rejects oversize batches', async () => {
    const writer = createUpsertWriter(client, { sobject: 'Account', externalIdField: 'GP_Customer_Number__c' });
    sandbox.faults.failNext({ status: 503, retryAfterSeconds: 3, endpoint: 'composite.upsert' });
    await expect(writer.write([customer(500)])).rejects.toMatchObject({ category: 'transient', retryAfterMs: 3000 });
    await expect(writer.write(Array.from({ length: 201 }, (_, i) => customer(600 + i)))).rejects.toThrow(RangeError);
    expect(await writer.write([])).toEqual([]);
    const unknownField = await writer.write([customer(700, { Not_A_Field__c: 1 })]).catch((e: unknown) => e);
    expect(unknownField).toMatchObject({ category: 'validation', code: 'INVALID_FIELD' });
  });

  it('refuses an item whose mapped fields carry a different external id value', async () => {
    const writer = createUpsertWriter(client, { sobject: 'Account', externalIdField: 'GP_Customer_Number__c' });
    const results = await writer.write([customer(800, { GP_Customer_Number__c: 'OTHER' }), customer(801)]);
    expect(results[0]).toMatchObject({ ok: false, error: { category: 'validation' } });
    expect(results[1]).toMatchObject({ ok: true });
    expect(sandbox.records.findByField('Account', 'GP_Customer_Number__c', 'OTHER')).toEqual([]);
  });

  it('applies the namespace prefix to the object, the external id and custom fields', async () => {
    const namespaced = await startSandbox({ namespace: 'mlc' });
    try {
      const nsClient = createSalesforceClient(clientConfig(namespaced, { namespace: 'mlc' }), { logger: silentLogger() });
      const writer = createUpsertWriter(nsClient, { sobject: 'Account', externalIdField: 'GP_Customer_Number__c' });
      const results = await writer.write([customer(900)]);
      expect(results[0]).toMatchObject({ ok: true, created: true });
      expect(namespaced.records.findByField('Account', 'mlc__GP_Customer_Number__c', 'W00900')[0]).toMatchObject({ mlc__GP_Customer_Class__c: 'RETAIL' });

      const unprefixed = createUpsertWriter(createSalesforceClient(clientConfig(namespaced, { namespace: '' }), { logger: silentLogger() }), {
        sobject: 'Account',
        externalIdField: 'GP_Customer_Number__c',
      });
      await expect(unprefixed.write([customer(901)])).rejects.toMatchObject({ category: 'validation', status: 404 });
    } finally {
      await namespaced.stop();
    }
  });
});

describe('per-record status code categories', () => {
  it('maps Salesforce status codes to engine categories', () => {
    expect(categorizeStatusCode('UNABLE_TO_LOCK_ROW')).toBe('transient');
    expect(categorizeStatusCode('DUPLICATE_VALUE')).toBe('conflict');
    expect(categorizeStatusCode('DUPLICATE_EXTERNAL_ID')).toBe('conflict');
    expect(categorizeStatusCode('INSUFFICIENT_ACCESS_OR_READONLY')).toBe('auth');
    expect(categorizeStatusCode('REQUIRED_FIELD_MISSING')).toBe('validation');
    expect(categorizeStatusCode('FIELD_CUSTOM_VALIDATION_EXCEPTION')).toBe('validation');
    expect(categorizeStatusCode('STRING_TOO_LONG')).toBe('validation');
  });
});
