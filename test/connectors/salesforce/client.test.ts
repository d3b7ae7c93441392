import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesforceClient, type SalesforceClient } from '../../../service/src/connectors/salesforce/client.ts';
import { parseSalesforceConfig } from '../../../service/src/connectors/salesforce/config.ts';
import { detectNamespace } from '../../../service/src/connectors/salesforce/detect-namespace.ts';
import { mapHttpFailure } from '../../../service/src/connectors/salesforce/errors.ts';
import { parseLimitInfo } from '../../../service/src/connectors/salesforce/limit-info.ts';
import { createNamespacer } from '../../../service/src/connectors/salesforce/namespace.ts';
import { ConfigError, ConnectorError } from '../../../service/src/lib/errors.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import type { SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';
import { clientConfig, startSandbox } from './helpers.ts';

const HOUR_MS = 3_600_000;

describe('Salesforce client against the sandbox', () => {
  let sandbox: SalesforceSandbox;
  let client: SalesforceClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ dailyApiLimit: 50_000 });
    client = createSalesforceClient(clientConfig(sandbox), { logger: silentLogger() });
    sandbox.records.createMany(
      'Account',
      Array.from({ length: 4500 }, (_, i) => ({ Name: `Customer ${i}`, GP_Customer_Number__c: `P${String(i).padStart(5, '0')}` })),
    );
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('reads every page of a 4,500-record query by following nextRecordsUrl', async () => {
    sandbox.counters.reset();
    const pages = [];
    for await (const page of client.queryPages<{ GP_Customer_Number__c: string }>('SELECT Id, GP_Customer_Number__c FROM Account ORDER BY GP_Customer_Number__c')) {
      pages.push(page);
    }
    expect(pages.map((p) => p.records.length)).toEqual([2000, 2000, 500]);
    expect(pages.map((p) => p.done)).toEqual([false, false, true]);
    expect(pages.every((p) => p.totalSize === 4500 && typeof p.requestId === 'string')).toBe(true);
    const keys = pages.flatMap((p) => p.records.map((r) => r.GP_Customer_Number__c));
    expect(new Set(keys).size).toBe(4500);
    expect(keys[4499]).toBe('P04499');
    expect(sandbox.counters.snapshot().byEndpoint).toMatchObject({ query: 1, 'query.more': 2 });

    let n = 0;
    for await (const record of client.query('SELECT Id FROM Account', { batchSize: 1000 })) if (record) n++;
    expect(n).toBe(4500);
  });

  it('maps MALFORMED_QUERY to a validation error carrying the code', async () => {
    const err = await client.query('SELECT Id FROMM Account').next().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err).toMatchObject({ category: 'validation', status: 400, code: 'MALFORMED_QUERY' });
    expect(typeof (err as ConnectorError).requestId).toBe('string');
  });

  it('parses Sforce-Limit-Info into limits()', async () => {
    sandbox.apiUsage.set({ used: 41_000 });
    await client.request('GET', 'sobjects');
    expect(client.limits()).toEqual({ used: 41_001, max: 50_000, remaining: 8_999 });
    sandbox.apiUsage.set({ used: 0 });
  });

  it('treats 403 REQUEST_LIMIT_EXCEEDED as transient with a long wait, and does not retry it', async () => {
    sandbox.apiUsage.set({ used: 50_000 });
    sandbox.counters.reset();
    const err = await client.request('GET', 'sobjects').catch((e: unknown) => e);
    expect(err).toMatchObject({ category: 'transient', status: 403, code: 'REQUEST_LIMIT_EXCEEDED' });
    expect((err as ConnectorError).retryAfterMs).toBeGreaterThanOrEqual(HOUR_MS);
    expect(sandbox.counters.get('sobjects.list')).toBe(1);
    sandbox.apiUsage.set({ used: 0 });
  });

  it('maps 429 and 503 with Retry-After, 500 and dropped connections to transient errors', async () => {
    sandbox.faults.failNext({ status: 429, retryAfterSeconds: 7 });
    expect(await client.request('GET', 'sobjects').catch((e: unknown) => e)).toMatchObject({ category: 'transient', status: 429, retryAfterMs: 7000 });
    sandbox.faults.failNext({ status: 503, retryAfterSeconds: 2 });
    expect(await client.request('GET', 'sobjects').catch((e: unknown) => e)).toMatchObject({ category: 'transient', status: 503, retryAfterMs: 2000 });
    sandbox.faults.failNext({ status: 500 });
    expect(await client.request('GET', 'sobjects').catch((e: unknown) => e)).toMatchObject({ category: 'transient', status: 500, retryAfterMs: undefined });
    sandbox.faults.dropNext();
    expect(await client.request('GET', 'sobjects').catch((e: unknown) => e)).toMatchObject({ category: 'transient' });
    expect((await client.request('GET', 'sobjects')).status).toBe(200);
  });

  it('maps 404 to validation and a 300 multiple-match to conflict', async () => {
    expect(await client.request('GET', 'sobjects/Account/001RO000000ZZZZ').catch((e: unknown) => e)).toMatchObject({ category: 'validation', status: 404, code: 'NOT_FOUND' });
    sandbox.records.create('Contact', { LastName: 'A', Legacy_Key__c: 'dup' });
    sandbox.records.create('Contact', { LastName: 'B', Legacy_Key__c: 'dup' });
    const err = await client.request('PATCH', 'sobjects/Contact/Legacy_Key__c/dup', { body: { LastName: 'C' } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ category: 'conflict', status: 300 });
  });

  it('reads updated ids, deleted records and describes', async () => {
    const now = Date.now();
    const updated = await client.getUpdated('Account', new Date(now - HOUR_MS), new Date(now + HOUR_MS));
    expect(updated.latestDateCovered).toMatch(/\+0000$/);
    expect(Array.isArray(updated.ids)).toBe(true);
    const deleted = await client.getDeleted('Account', new Date(now - HOUR_MS), new Date(now + HOUR_MS));
    expect(deleted.deletedRecords).toEqual([]);
    const describe = await client.describe('Account');
    expect(describe.fields.some((f) => f.name === 'GP_Customer_Number__c' && f.externalId)).toBe(true);
    expect(await detectNamespace(client, 'Account', 'GP_Customer_Number__c')).toBe('');
    expect(client.recentRequestIds().length).toBeGreaterThan(0);
  });
});

describe('Salesforce namespace handling', () => {
  it('qualifies custom names only, segment by segment', () => {
    const ns = createNamespacer('mlc');
    expect(ns.qualify('GP_Customer_Number__c')).toBe('mlc__GP_Customer_Number__c');
    expect(ns.qualify('Invoice__r.GP_Number__c')).toBe('mlc__Invoice__r.mlc__GP_Number__c');
    expect(ns.qualify('Account.Name')).toBe('Account.Name');
    expect(ns.qualify('other__Field__c')).toBe('other__Field__c');
    expect(ns.localName('mlc__GP_Customer_Number__c')).toBe('GP_Customer_Number__c');
    expect(createNamespacer('').qualify('GP_Customer_Number__c')).toBe('GP_Customer_Number__c');
  });

  it('detects and uses the namespace of an installed package', async () => {
    const sandbox = await startSandbox({ namespace: 'mlc' });
    try {
      const plain = createSalesforceClient(clientConfig(sandbox, { namespace: '' }), { logger: silentLogger() });
      expect(await detectNamespace(plain, 'Account', 'GP_Customer_Number__c')).toBe('mlc');
      const client = createSalesforceClient(clientConfig(sandbox, { namespace: 'mlc__' }), { logger: silentLogger() });
      expect(client.names.namespace).toBe('mlc');
      sandbox.records.create('Account', { Name: 'N', mlc__GP_Customer_Number__c: 'NS1' });
      const rows = [];
      for await (const r of client.query(`SELECT ${client.names.qualify('GP_Customer_Number__c')} FROM Account`)) rows.push(r);
      expect(rows).toEqual([expect.objectContaining({ mlc__GP_Customer_Number__c: 'NS1' })]);
    } finally {
      await sandbox.stop();
    }
  });
});

describe('Salesforce config, limit header and error mapping', () => {
  it('validates config and names every bad field', () => {
    const good = parseSalesforceConfig({ loginUrl: 'https://acme.my.salesforce.com/', clientId: 'id', clientSecret: 's' });
    expect(good).toMatchObject({ loginUrl: 'https://acme.my.salesforce.com', apiVersion: '63.0', namespace: '' });
    try {
      parseSalesforceConfig({ loginUrl: 'http://acme.my.salesforce.com', clientId: '', apiVersion: '63', namespace: '9bad' }, 'connections.sf');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const field of ['connections.sf.loginUrl', 'connections.sf.clientId', 'connections.sf.clientSecret', 'connections.sf.apiVersion', 'connections.sf.namespace']) {
        expect(problems).toContain(field);
      }
    }
  });

  it('parses Sforce-Limit-Info with and without per-app usage', () => {
    expect(parseLimitInfo('api-usage=18/5000')).toEqual({ used: 18, max: 5000, remaining: 4982 });
    expect(parseLimitInfo('api-usage=25/5000; per-app-api-usage=17/250(appName=sample-connected-app)')).toEqual({
      used: 25, max: 5000, remaining: 4975, perApp: { used: 17, max: 250, appName: 'sample-connected-app' },
    });
    expect(parseLimitInfo(undefined)).toBeUndefined();
    expect(parseLimitInfo('garbage')).toBeUndefined();
  });

  it('maps statuses to categories', () => {
    const map = (status: number, errorCode?: string, retryAfter?: string) =>
      mapHttpFailure({ method: 'GET', path: '/x', status, body: errorCode ? [{ errorCode, message: 'm', fields: ['F'] }] : undefined, retryAfter, requestId: 'r1' }, { requestLimitBackoffMs: HOUR_MS });
    expect(map(400, 'INVALID_FIELD')).toMatchObject({ category: 'validation', code: 'INVALID_FIELD', fields: ['F'], requestId: 'r1' });
    expect(map(401, 'INVALID_SESSION_ID').category).toBe('auth');
    expect(map(403, 'INSUFFICIENT_ACCESS').category).toBe('auth');
    expect(map(403, 'REQUEST_LIMIT_EXCEEDED', '10')).toMatchObject({ category: 'transient', retryAfterMs: HOUR_MS });
    expect(map(404, 'NOT_FOUND').category).toBe('validation');
    expect(map(300).category).toBe('conflict');
    expect(map(502).category).toBe('transient');
  });
});
