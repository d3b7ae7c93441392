import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';
import { connect, startSandbox, submitJob, waitForJob, type Client, type JobInfo } from './client.ts';

describe('sandbox Bulk API 2.0 ingest: refusals, aborts and failed jobs', () => {
  let sandbox: SalesforceSandbox;
  let client: Client;

  beforeAll(async () => {
    sandbox = await startSandbox();
    client = await connect(sandbox);
  });
  afterAll(async () => {
    await sandbox.stop();
  });
  beforeEach(() => {
    sandbox.bulk.configure({ autoProcess: true, queueDelayMs: 0, processingDelayMs: 0, maxUploadBase64Bytes: 150 * 1024 * 1024 });
  });

  const open = async (job: Record<string, unknown> = { object: 'Account', operation: 'insert' }) => {
    const created = await client.call('POST', 'jobs/ingest', job);
    expect(created.status).toBe(200);
    return (created.json as JobInfo).id;
  };

  it('refuses job definitions Salesforce refuses, naming what is wrong', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ object: 'Account', operation: 'upsert' }, 'External ID was blank for Account. An External ID must be specified for upsert.'],
      [{ object: 'Account', operation: 'upsert', externalIdFieldName: 'Name' }, 'InvalidJob : Field name provided, Name does not match an External ID, Salesforce Id, or indexed field for Account'],
      [{ object: 'Nope__c', operation: 'insert' }, 'InvalidJob : Unable to find object: Nope__c'],
    ];
    for (const [body, message] of cases) {
      const res = await client.call('POST', 'jobs/ingest', body);
      expect(res.status).toBe(400);
      expect(res.json).toEqual([{ errorCode: 'INVALIDJOB', message }]);
    }
    for (const body of [{ object: 'Account', operation: 'INSERT' }, { object: 'Account', operation: 'insert', contentType: 'JSON' }, { object: 'Account', operation: 'insert', lineEnding: 'CR' }, { operation: 'insert' }]) {
      const res = await client.call('POST', 'jobs/ingest', body);
      expect(res.status).toBe(400);
      expect((res.json as Array<{ errorCode: string }>)[0]?.errorCode).toBe('INVALIDJOB');
    }
    const malformed = await client.call('POST', 'jobs/ingest', '{"object":', 'application/json');
    expect(malformed.status).toBe(400);
    expect((malformed.json as Array<{ errorCode: string }>)[0]?.errorCode).toBe('JSON_PARSER_ERROR');
    const old = await (await connect(sandbox, '40.0')).call('POST', 'jobs/ingest', { object: 'Account', operation: 'insert' });
    expect(old.status).toBe(404);
    const unknown = await client.call('GET', 'jobs/ingest/750RO0000000zzz');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });

  it('aborts a job: nothing is written, the uploaded rows come back as unprocessed, and it can be deleted', async () => {
    const id = await open();
    await client.call('PUT', `jobs/ingest/${id}/batches`, 'Name,AccountNumber\nNever One,ABORT-1\nNever Two,ABORT-2\n');
    const aborted = await client.call('PATCH', `jobs/ingest/${id}`, { state: 'Aborted' });
    expect(aborted.status).toBe(200);
    expect(aborted.json).toMatchObject({ id, state: 'Aborted' });
    sandbox.bulk.processNow();
    expect((await client.call('GET', `jobs/ingest/${id}`)).json).toMatchObject({ state: 'Aborted', numberRecordsProcessed: 0 });
    expect(sandbox.records.findByField('Account', 'AccountNumber', 'ABORT-1')).toHaveLength(0);
    expect((await client.call('GET', `jobs/ingest/${id}/unprocessedrecords`)).text).toBe('Name,AccountNumber\nNever One,ABORT-1\nNever Two,ABORT-2\n');
    expect((await client.call('PATCH', `jobs/ingest/${id}`, { state: 'Aborted' })).status).toBe(400);
    expect((await client.call('DELETE', `jobs/ingest/${id}`)).status).toBe(204);
    expect((await client.call('GET', `jobs/ingest/${id}`)).status).toBe(404);
  });

  it('refuses an upload after close, a second close, deleting an Open job, and any state but UploadComplete / Aborted', async () => {
    const id = await open();
    expect((await client.call('DELETE', `jobs/ingest/${id}`)).status).toBe(400);
    expect((await client.call('PATCH', `jobs/ingest/${id}`, { state: 'JobComplete' })).status).toBe(400);
    await client.call('PUT', `jobs/ingest/${id}/batches`, 'Name\nClosed Co\n');
    expect((await client.call('PATCH', `jobs/ingest/${id}`, { state: 'UploadComplete' })).status).toBe(200);
    const late = await client.call('PUT', `jobs/ingest/${id}/batches`, 'Name\nToo Late\n');
    expect(late.status).toBe(400);
    expect((late.json as Array<{ errorCode: string }>)[0]?.errorCode).toBe('INVALIDJOBSTATE');
    expect((await client.call('PATCH', `jobs/ingest/${id}`, { state: 'UploadComplete' })).status).toBe(400);
    await waitForJob(client, id);
    expect(sandbox.records.findByField('Account', 'Name', 'Too Late')).toHaveLength(0);
  });

  it('takes a second upload but refuses to close the job, as Salesforce does', async () => {
    const id = await open();
    expect((await client.call('PUT', `jobs/ingest/${id}/batches`, 'Name\nPart One\n')).status).toBe(201);
    expect((await client.call('PUT', `jobs/ingest/${id}/batches`, 'Name\nPart Two\n')).status).toBe(201);
    const close = await client.call('PATCH', `jobs/ingest/${id}`, { state: 'UploadComplete' });
    expect(close.status).toBe(400);
    expect(close.json).toEqual([
      { errorCode: 'INVALIDJOB', message: `Found multipe contents for job: <${id}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.` },
    ]);
    expect(((await client.call('GET', `jobs/ingest/${id}`)).json as JobInfo).state).toBe('Open');
  });

  it('fails the job when the CSV names an unknown field, has the wrong line endings or a stray quote', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ object: 'Account', operation: 'insert' }, 'Name,Nope__c\nA,B\n', 'InvalidBatch : Field name not found : Nope__c'],
      [{ object: 'Account', operation: 'insert' }, 'Name\r\nCRLF Co\r\n', 'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF'],
      [{ object: 'Account', operation: 'insert', lineEnding: 'CRLF' }, 'Name\nLF Co\n', 'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is CRLF'],
      [{ object: 'Account', operation: 'insert' }, 'Name,Site\nQuote, "Co"\n', 'InvalidBatch : Failed to parse CSV. Found unescaped quote. A value with quote should be within a quote'],
      [{ object: 'Account', operation: 'upsert', externalIdFieldName: 'GP_Customer_Number__c' }, 'Name,Name\nTwice,Twice\n', 'InvalidBatch : Duplicate field name : Name'],
    ];
    for (const [job, csv, message] of cases) {
      const id = await submitJob(client, job, csv);
      const info = await waitForJob(client, id);
      expect(info).toMatchObject({ state: 'Failed', errorMessage: message, numberRecordsProcessed: 0 });
    }
    expect(sandbox.records.findByField('Account', 'Name', 'CRLF Co')).toHaveLength(0);
    const unknown = (await client.call('GET', 'jobs/ingest')).json as { records: JobInfo[] };
    const failedId = unknown.records.find((j) => j.state === 'Failed')?.id;
    expect((await client.call('GET', `jobs/ingest/${failedId}/unprocessedrecords`)).text).toBe('Name,Nope__c\nA,B\n');
  });

  it('refuses an upload over the size limit (base64-encoded) and one that is not text/csv', async () => {
    sandbox.bulk.configure({ maxUploadBase64Bytes: 64 });
    const id = await open();
    const fits = 'Name\n' + 'x'.repeat(42) + '\n'; // 48 bytes → 64 base64 bytes
    const tooBig = 'Name\n' + 'x'.repeat(43) + '\n'; // 49 bytes → 68
    const refused = await client.call('PUT', `jobs/ingest/${id}/batches`, tooBig);
    expect(refused.status).toBe(413);
    expect((refused.json as Array<{ errorCode: string; message: string }>)[0]).toMatchObject({ errorCode: 'EXCEEDED_MAX_SIZE_REQUEST' });
    expect((await client.call('PUT', `jobs/ingest/${id}/batches`, fits, 'application/json')).status).toBe(415);
    expect((await client.call('PUT', `jobs/ingest/${id}/batches`, fits)).status).toBe(201);
  });
});
