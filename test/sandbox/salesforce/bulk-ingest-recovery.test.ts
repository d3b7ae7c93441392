import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';
import { connect, readCsvObjects, startSandbox, waitForJob, type Client, type JobInfo } from './client.ts';

/** Lists every ingest job by following nextRecordsUrl, as a client recovering after a crash would. */
async function listAllJobs(client: Client): Promise<{ jobs: JobInfo[]; pages: number }> {
  const jobs: JobInfo[] = [];
  let page = await client.call('GET', 'jobs/ingest?jobType=V2Ingest');
  let pages = 1;
  for (;;) {
    const body = page.json as { done: boolean; records: JobInfo[]; nextRecordsUrl: string | null };
    jobs.push(...body.records);
    if (body.done) {
      expect(body.nextRecordsUrl).toBeNull();
      return { jobs, pages };
    }
    expect(body.nextRecordsUrl).toMatch(/^\/services\/data\/v63\.0\/jobs\/ingest\?queryLocator=/);
    page = await client.at('GET', String(body.nextRecordsUrl));
    pages += 1;
  }
}

describe('sandbox Bulk API 2.0 ingest: a client finds and finishes its jobs after a crash', () => {
  let sandbox: SalesforceSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ bulk: { autoProcess: false, listPageSize: 2 } });
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('lists jobs page by page, and a new session finds its Open and closed upserts by object, operation and external id', async () => {
    const before = await connect(sandbox);
    // Noise: other jobs in the org.
    await before.call('POST', 'jobs/ingest', { object: 'Contact', operation: 'insert' });
    await before.call('POST', 'jobs/ingest', { object: 'Account', operation: 'insert' });
    // An earlier run's upsert that finished: not one to resume.
    const earlier = (await before.call('POST', 'jobs/ingest', { object: 'Account', operation: 'upsert', externalIdFieldName: 'GP_Customer_Number__c' })).json as JobInfo;
    await before.call('PUT', `jobs/ingest/${earlier.id}/batches`, 'GP_Customer_Number__c,Name\nR-0,Earlier\n');
    await before.call('PATCH', `jobs/ingest/${earlier.id}`, { state: 'UploadComplete' });
    await before.admin('POST', 'bulk/process');
    // The run that "crashed": one upsert job closed (queued), one still Open with its data uploaded.
    const closed = (await before.call('POST', 'jobs/ingest', { object: 'Account', operation: 'upsert', externalIdFieldName: 'GP_Customer_Number__c' })).json as JobInfo;
    await before.call('PUT', `jobs/ingest/${closed.id}/batches`, 'GP_Customer_Number__c,Name\nR-1,Recovered One\nR-2,Recovered Two\n');
    await before.call('PATCH', `jobs/ingest/${closed.id}`, { state: 'UploadComplete' });
    const openJob = (await before.call('POST', 'jobs/ingest', { object: 'Account', operation: 'upsert', externalIdFieldName: 'GP_Customer_Number__c' })).json as JobInfo;
    await before.call('PUT', `jobs/ingest/${openJob.id}/batches`, 'GP_Customer_Number__c,Name\nR-3,Recovered Three\n');

    // After the restart: a new token, no memory of the job ids.
    sandbox.sessions.expireAll();
    const after = await connect(sandbox);
    const { jobs, pages } = await listAllJobs(after);
    expect(pages).toBe(3);
    expect(jobs).toHaveLength(5);
    expect(jobs.every((j) => j.externalIdFieldName === undefined && j.numberRecordsProcessed === undefined)).toBe(true);
    const candidates = jobs.filter((j) => j.object === 'Account' && j.operation === 'upsert' && !['JobComplete', 'Failed', 'Aborted'].includes(j.state));
    const mine: JobInfo[] = [];
    for (const candidate of candidates) {
      const info = (await after.call('GET', `jobs/ingest/${candidate.id}`)).json as JobInfo;
      if (info.externalIdFieldName === 'GP_Customer_Number__c') mine.push(info);
    }
    expect(mine.map((j) => [j.id, j.state])).toEqual([
      [closed.id, 'UploadComplete'],
      [openJob.id, 'Open'],
    ]);
    // Finish them rather than start again: close the Open one, let Salesforce process both.
    expect((await after.call('PATCH', `jobs/ingest/${openJob.id}`, { state: 'UploadComplete' })).status).toBe(200);
    await after.admin('POST', 'bulk/process');
    for (const job of mine) expect(await waitForJob(after, job.id)).toMatchObject({ state: 'JobComplete', numberRecordsFailed: 0 });
    const rows = readCsvObjects((await after.call('GET', `jobs/ingest/${closed.id}/successfulResults`)).text);
    expect(rows.map((r) => r.GP_Customer_Number__c)).toEqual(['R-1', 'R-2']);
    expect(['R-1', 'R-2', 'R-3'].map((k) => sandbox.records.findByField('Account', 'GP_Customer_Number__c', k).length)).toEqual([1, 1, 1]);

    const filtered = (await after.call('GET', 'jobs/ingest?jobType=Classic')).json as { done: boolean; records: unknown[] };
    expect(filtered).toEqual({ done: true, records: [], nextRecordsUrl: null });
    expect((await after.call('GET', 'jobs/ingest?isPkChunkingEnabled=true')).json).toMatchObject({ records: [] });
    expect((await after.call('GET', 'jobs/ingest?jobType=Bogus')).status).toBe(400);
    expect((await after.call('GET', 'jobs/ingest?queryLocator=01gnope-2')).status).toBe(400);
  });

  it('keeps a close whose answer was lost: the job is found UploadComplete, a second close is refused, nothing runs twice', async () => {
    const client = await connect(sandbox);
    const job = (await client.call('POST', 'jobs/ingest', { object: 'Account', operation: 'upsert', externalIdFieldName: 'GP_Customer_Number__c' })).json as JobInfo;
    // An upload that meets a 503 with Retry-After stores nothing; the retry stores the data once.
    sandbox.faults.failNext({ status: 503, retryAfterSeconds: 2, endpoint: 'bulk.ingest.upload' });
    const busy = await client.call('PUT', `jobs/ingest/${job.id}/batches`, 'GP_Customer_Number__c,Name\nL-1,Lost Answer\n');
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('2');
    expect((await client.call('PUT', `jobs/ingest/${job.id}/batches`, 'GP_Customer_Number__c,Name\nL-1,Lost Answer\n')).status).toBe(201);

    sandbox.faults.loseResponseNext({ endpoint: 'bulk.ingest.state' });
    await expect(client.call('PATCH', `jobs/ingest/${job.id}`, { state: 'UploadComplete' })).rejects.toThrow();
    const seen = (await client.call('GET', `jobs/ingest/${job.id}`)).json as JobInfo;
    expect(seen.state).toBe('UploadComplete');
    expect((await client.call('PATCH', `jobs/ingest/${job.id}`, { state: 'UploadComplete' })).status).toBe(400);
    await client.admin('POST', 'bulk/process');
    expect(await waitForJob(client, job.id)).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 1 });
    expect(sandbox.records.findByField('Account', 'GP_Customer_Number__c', 'L-1')).toHaveLength(1);
  });
});
