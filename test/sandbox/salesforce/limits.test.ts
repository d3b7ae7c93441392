import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';
import { connect, readCsv, startSandbox, submitJob, waitForJob, type Client } from './client.ts';

type Limits = Record<string, { Max: number; Remaining: number }>;

function headerUsage(headers: Headers): { used: number; max: number } {
  const m = /^api-usage=(\d+)\/(\d+)$/.exec(headers.get('sforce-limit-info') ?? '');
  if (!m) throw new Error(`no Sforce-Limit-Info: ${headers.get('sforce-limit-info')}`);
  return { used: Number(m[1]), max: Number(m[2]) };
}

describe('sandbox /limits and API usage of Bulk API 2.0', () => {
  let sandbox: SalesforceSandbox;
  let client: Client;

  beforeAll(async () => {
    sandbox = await startSandbox({ dailyApiLimit: 5000, bulk: { recordsPerBatch: 2 } });
    client = await connect(sandbox);
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('reports DailyApiRequests in agreement with Sforce-Limit-Info on the same response, and follows usage set by the admin', async () => {
    const first = await client.call('GET', 'limits/');
    expect(first.status).toBe(200);
    const limits = first.json as Limits;
    expect(Object.keys(limits)).toEqual(['DailyApiRequests', 'DailyBulkApiBatches', 'DailyBulkV2QueryFileStorageMB', 'DailyBulkV2QueryJobs']);
    const header = headerUsage(first.headers);
    expect(limits.DailyApiRequests).toEqual({ Max: header.max, Remaining: header.max - header.used });
    expect(limits.DailyBulkApiBatches).toEqual({ Max: 15000, Remaining: 15000 });
    expect(limits.DailyBulkV2QueryJobs).toEqual({ Max: 10000, Remaining: 10000 });

    expect((await client.admin('PUT', 'api-usage', { used: 4200 })).status).toBe(200);
    const climbed = await client.call('GET', 'limits');
    expect((climbed.json as Limits).DailyApiRequests).toEqual({ Max: 5000, Remaining: 5000 - 4201 });
    expect(headerUsage(climbed.headers)).toEqual({ used: 4201, max: 5000 });
    await client.admin('PUT', 'api-usage', { used: 0 });
  });

  it('counts every Bulk API 2.0 call against the daily API requests and the job data against the daily batches', async () => {
    const before = headerUsage((await client.call('GET', 'limits')).headers).used;
    sandbox.counters.reset();
    const id = await submitJob(client, { object: 'Account', operation: 'insert' }, 'Name\nOne\nTwo\nThree\nFour\nFive\n'); // 3 calls
    await waitForJob(client, id); // ≥ 1 call
    const results = await client.call('GET', `jobs/ingest/${id}/successfulResults`);
    expect(readCsv(results.text)).toHaveLength(6);
    const calls = sandbox.counters.snapshot().byEndpoint;
    const bulkCalls = Object.entries(calls).filter(([k]) => k.startsWith('bulk.ingest.')).reduce((n, [, v]) => n + (v ?? 0), 0);
    expect(calls['bulk.ingest.create']).toBe(1);
    expect(calls['bulk.ingest.upload']).toBe(1);
    expect(calls['bulk.ingest.state']).toBe(1);
    expect(calls['bulk.ingest.results']).toBe(1);
    const after = await client.call('GET', 'limits');
    expect(headerUsage(after.headers).used).toBe(before + bulkCalls + 1);
    // 5 records at 2 a batch: 3 batches.
    expect((after.json as Limits).DailyBulkApiBatches).toEqual({ Max: 15000, Remaining: 15000 - 3 });
    expect(sandbox.orgLimits.snapshot().bulkV2Records.used).toBe(5);
  });

  it('fails a job past the daily Bulk API 2.0 record allocation, leaving the rest unprocessed', async () => {
    await client.admin('PUT', 'org-limits', { bulkV2Records: { used: 0, max: 3 } });
    const id = await submitJob(client, { object: 'Account', operation: 'insert' }, 'Name,AccountNumber\nL1,LIM-1\nL2,LIM-2\nL3,LIM-3\nL4,LIM-4\nL5,LIM-5\n');
    const info = await waitForJob(client, id);
    expect(info).toMatchObject({ state: 'Failed', numberRecordsProcessed: 3, numberRecordsFailed: 0 });
    expect(info.errorMessage).toContain('records');
    expect((await client.call('GET', `jobs/ingest/${id}/unprocessedrecords`)).text).toBe('Name,AccountNumber\nL4,LIM-4\nL5,LIM-5\n');
    expect(sandbox.records.findByField('Account', 'AccountNumber', 'LIM-3')).toHaveLength(1);
    expect(sandbox.records.findByField('Account', 'AccountNumber', 'LIM-4')).toHaveLength(0);

    await client.admin('PUT', 'org-limits', { bulkV2Records: { used: 0, max: 150_000_000 }, bulkBatches: { used: 15_000 } });
    const noBatches = await submitJob(client, { object: 'Account', operation: 'insert' }, 'Name\nNo Batch\n');
    expect(await waitForJob(client, noBatches)).toMatchObject({ state: 'Failed', numberRecordsProcessed: 0 });
    expect(((await client.call('GET', 'limits')).json as Limits).DailyBulkApiBatches).toEqual({ Max: 15000, Remaining: 0 });
  });

  it('answers 403 REQUEST_LIMIT_EXCEEDED to Bulk API calls once the daily allowance is used up', async () => {
    await client.admin('PUT', 'api-usage', { used: 5000 });
    const refused = await client.call('POST', 'jobs/ingest', { object: 'Account', operation: 'insert' });
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    await client.admin('PUT', 'api-usage', { used: 0 });
  });
});
