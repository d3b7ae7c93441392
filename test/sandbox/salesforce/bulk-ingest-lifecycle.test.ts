import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';
import { connect, readCsv, readCsvObjects, startSandbox, submitJob, waitForJob, type Client, type JobInfo } from './client.ts';

describe('sandbox Bulk API 2.0 ingest: a job from create to results', () => {
  let sandbox: SalesforceSandbox;
  let client: Client;
  let clock = Date.parse('2026-05-04T08:00:00.000Z');

  beforeAll(async () => {
    sandbox = await startSandbox({ now: () => clock });
    client = await connect(sandbox);
  });
  afterAll(async () => {
    await sandbox.stop();
  });
  beforeEach(() => {
    sandbox.bulk.configure({ queueDelayMs: 0, processingDelayMs: 0, autoProcess: true });
    sandbox.rules.clear();
  });

  it('creates an Open job with a relative contentUrl, takes the CSV, and answers JobComplete with per-row results', async () => {
    const created = await client.call('POST', 'jobs/ingest', { object: 'Account', operation: 'insert', lineEnding: 'LF' });
    expect(created.status).toBe(200);
    const job = created.json as JobInfo & Record<string, unknown>;
    expect(job).toMatchObject({ object: 'Account', operation: 'insert', state: 'Open', contentType: 'CSV', jobType: 'V2Ingest', concurrencyMode: 'Parallel', apiVersion: 63, lineEnding: 'LF', columnDelimiter: 'COMMA' });
    expect(job.id).toMatch(/^750[A-Za-z0-9]{15}$/);
    expect(job.contentUrl).toBe(`services/data/v63.0/jobs/ingest/${job.id}/batches`);
    expect(job.createdDate).toBe('2026-05-04T08:00:00.000+0000');

    const csv = [
      'Name,BillingCity,ERP_Credit_Limit__c,Description',
      'Alpha Ltd,Milano,1500.5,"Says ""hi"", twice"',
      ',Nowhere,10,missing name',
      'Delta Inc,"Line one\nline two",12345678901234567890,x',
    ].join('\n');
    const upload = await client.at('PUT', String(job.contentUrl), `${csv}\n`);
    expect(upload.status).toBe(201);
    expect(upload.text).toBe('');
    expect(upload.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/\d+$/);

    const closed = await client.call('PATCH', `jobs/ingest/${job.id}`, { state: 'UploadComplete' });
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ id: job.id, state: 'UploadComplete' });
    expect((closed.json as JobInfo).contentUrl).toBeUndefined();

    const done = await waitForJob(client, job.id);
    expect(done).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 3, numberRecordsFailed: 2, retries: 0, apexProcessingTime: 0 });

    const successful = await client.call('GET', `jobs/ingest/${job.id}/successfulResults/`);
    expect(successful.headers.get('content-type')).toContain('text/csv');
    expect(successful.text.split('\n')[0]).toBe('"sf__Id","sf__Created",Name,BillingCity,ERP_Credit_Limit__c,Description');
    const ok = readCsvObjects(successful.text);
    expect(ok).toHaveLength(1);
    expect(ok[0]).toMatchObject({ sf__Created: 'true', Name: 'Alpha Ltd', Description: 'Says "hi", twice' });
    const alpha = sandbox.records.get('Account', ok[0]?.sf__Id ?? '');
    expect(alpha).toMatchObject({ Name: 'Alpha Ltd', BillingCity: 'Milano', ERP_Credit_Limit__c: 1500.5, Description: 'Says "hi", twice' });

    const failed = readCsvObjects((await client.call('GET', `jobs/ingest/${job.id}/failedResults/`)).text);
    expect(failed.map((r) => [r.sf__Id, r.sf__Error, r.Name, r.Description])).toEqual([
      ['', 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --', '', 'missing name'],
      ['', 'NUMBER_OUTSIDE_VALID_RANGE:ERP Credit Limit: value outside of valid range on numeric field: 12345678901234567890:ERP_Credit_Limit__c --', 'Delta Inc', 'x'],
    ]);
    expect(failed[1]?.BillingCity).toBe('Line one\nline two');

    const unprocessed = await client.call('GET', `jobs/ingest/${job.id}/unprocessedrecords/`);
    expect(unprocessed.text).toBe('Name,BillingCity,ERP_Credit_Limit__c,Description\n');
  });

  it('upserts on the external id: creates first, then updates the same Accounts; empty leaves a value, #N/A clears it', async () => {
    const first = await submitJob(
      client,
      { object: 'Account', operation: 'upsert', externalIdFieldName: 'GP_Customer_Number__c' },
      'GP_Customer_Number__c,Name,Phone,ERP_On_Hold__c\nC-100,Aaron Fitness,555-0100,TRUE\nC-101,Blue Yonder,555-0101,false\n',
    );
    const firstInfo = await waitForJob(client, first);
    expect(firstInfo).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 2, numberRecordsFailed: 0, externalIdFieldName: 'GP_Customer_Number__c' });
    const created = readCsvObjects((await client.call('GET', `jobs/ingest/${first}/successfulResults`)).text);
    expect(created.map((r) => [r.GP_Customer_Number__c, r.sf__Created])).toEqual([
      ['C-100', 'true'],
      ['C-101', 'true'],
    ]);
    expect(sandbox.records.findByField('Account', 'GP_Customer_Number__c', 'C-100')[0]).toMatchObject({ Phone: '555-0100', ERP_On_Hold__c: true });

    // Matching is case-insensitive on this field; Phone empty → untouched; #N/A → null.
    const second = await submitJob(
      client,
      { object: 'Account', operation: 'upsert', externalIdFieldName: 'GP_Customer_Number__c' },
      'GP_Customer_Number__c,Name,Phone\nc-100,Aaron Fitness Centre,\nC-101,Blue Yonder,#N/A\nC-102,Contoso,555-0102\n',
    );
    await waitForJob(client, second);
    const results = readCsvObjects((await client.call('GET', `jobs/ingest/${second}/successfulResults`)).text);
    expect(results.map((r) => [r.GP_Customer_Number__c, r.sf__Created, r.sf__Id])).toEqual([
      ['c-100', 'false', created[0]?.sf__Id],
      ['C-101', 'false', created[1]?.sf__Id],
      ['C-102', 'true', expect.stringMatching(/^001/)],
    ]);
    const query = await client.call('GET', `query?q=${encodeURIComponent("SELECT Name, Phone FROM Account WHERE GP_Customer_Number__c IN ('C-100','C-101') ORDER BY Name")}`);
    expect((query.json as { records: Array<Record<string, unknown>> }).records.map((r) => [r.Name, r.Phone])).toEqual([
      ['Aaron Fitness Centre', '555-0100'],
      ['Blue Yonder', null],
    ]);
  });

  it('reports a validation rule failure with the same text the REST API gives for the same record', async () => {
    await client.admin('POST', 'validation-rules', { name: 'no-test-accounts', sobject: 'Account', field: 'Name', equals: 'Test Account', message: 'Test accounts are not allowed', statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' });
    const rest = await client.call('PATCH', 'composite/sobjects/Account/GP_Customer_Number__c', {
      allOrNone: false,
      records: [{ attributes: { type: 'Account' }, GP_Customer_Number__c: 'V-1', Name: 'Test Account' }],
    });
    const restError = (rest.json as Array<{ errors: Array<{ statusCode: string; message: string; fields: string[] }> }>)[0]?.errors[0];
    expect(restError).toBeDefined();

    const id = await submitJob(client, { object: 'Account', operation: 'upsert', externalIdFieldName: 'GP_Customer_Number__c' }, 'GP_Customer_Number__c,Name\nV-1,Test Account\nV-2,Real Account\n');
    expect(await waitForJob(client, id)).toMatchObject({ numberRecordsProcessed: 2, numberRecordsFailed: 1 });
    const failed = readCsvObjects((await client.call('GET', `jobs/ingest/${id}/failedResults`)).text);
    expect(failed).toEqual([{ sf__Id: '', sf__Error: `${restError?.statusCode}:${restError?.message}:${restError?.fields.join(',')} --`, GP_Customer_Number__c: 'V-1', Name: 'Test Account' }]);
    expect(failed[0]?.sf__Error).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION:Test accounts are not allowed:Name --');
    expect(sandbox.records.findByField('Account', 'GP_Customer_Number__c', 'V-1')).toHaveLength(0);
    expect(sandbox.records.findByField('Account', 'GP_Customer_Number__c', 'V-2')).toHaveLength(1);
  });

  it('fails both rows when one job batch names an external id twice, and links parents by a relationship column', async () => {
    const parent = sandbox.records.create('Account', { Name: 'Parent Co', GP_Customer_Number__c: 'P-1' });
    const id = await submitJob(
      client,
      { object: 'Account', operation: 'upsert', externalIdFieldName: 'GP_Customer_Number__c', columnDelimiter: 'SEMICOLON', lineEnding: 'CRLF' },
      'GP_Customer_Number__c;Name;Parent.GP_Customer_Number__c\r\nD-1;Dup One;\r\nD-1;Dup Two;\r\nK-1;Kid;P-1\r\nK-2;Orphan;P-404\r\n',
    );
    expect(await waitForJob(client, id)).toMatchObject({ numberRecordsProcessed: 4, numberRecordsFailed: 3 });
    const failedText = (await client.call('GET', `jobs/ingest/${id}/failedResults`)).text;
    expect(failedText.split('\r\n')[0]).toBe('"sf__Id";"sf__Error";GP_Customer_Number__c;Name;Parent.GP_Customer_Number__c');
    const errors = failedText.split('\r\n').slice(1, -1).map((line) => line.split(';')[1]);
    expect(errors).toEqual([
      '"DUPLICATE_VALUE:Duplicate external id specified: D-1:GP_Customer_Number__c --"',
      '"DUPLICATE_VALUE:Duplicate external id specified: D-1:GP_Customer_Number__c --"',
      '"INVALID_FIELD:Foreign key external ID: P-404 not found for field GP_Customer_Number__c in entity Account:--"',
    ]);
    expect(sandbox.records.findByField('Account', 'GP_Customer_Number__c', 'K-1')[0]?.ParentId).toBe(parent.Id);
  });

  it('updates and deletes by Id, reporting the record id of a failed update', async () => {
    const a = sandbox.records.create('Account', { Name: 'To Update' });
    const b = sandbox.records.create('Account', { Name: 'To Delete' });
    const update = await submitJob(client, { object: 'Account', operation: 'update' }, `Id,Name\n${a.Id},Updated\n${b.Id},\n001RO0000009999,Ghost\nnot-an-id,Bad\n`);
    await waitForJob(client, update);
    expect(sandbox.records.get('Account', a.Id)?.Name).toBe('Updated');
    const failed = readCsvObjects((await client.call('GET', `jobs/ingest/${update}/failedResults`)).text);
    expect(failed.map((r) => r.sf__Error?.split(':')[0])).toEqual(['INVALID_CROSS_REFERENCE_KEY', 'MALFORMED_ID']);

    await client.admin('POST', 'validation-rules', { name: 'no-updated', sobject: 'Account', field: 'Name', equals: 'Blocked', message: 'Blocked name' });
    const blocked = await submitJob(client, { object: 'Account', operation: 'update' }, `Id,Name\n${a.Id},Blocked\n`);
    await waitForJob(client, blocked);
    const blockedRow = readCsvObjects((await client.call('GET', `jobs/ingest/${blocked}/failedResults`)).text)[0];
    expect(blockedRow?.sf__Id).toBe(a.Id);

    const del = await submitJob(client, { object: 'Account', operation: 'delete' }, `Id\n${b.Id}\n${b.Id}\n`);
    expect(await waitForJob(client, del)).toMatchObject({ numberRecordsProcessed: 2, numberRecordsFailed: 1 });
    expect(sandbox.records.get('Account', b.Id)).toBeUndefined();
    const delFailed = readCsv((await client.call('GET', `jobs/ingest/${del}/failedResults`)).text);
    expect(delFailed[1]?.[1]).toBe('ENTITY_IS_DELETED:entity is deleted:--');
  });

  it('moves UploadComplete → InProgress → JobComplete on the sandbox clock, and writes nothing before', async () => {
    sandbox.bulk.configure({ queueDelayMs: 5_000, processingDelayMs: 10_000 });
    const id = await submitJob(client, { object: 'Account', operation: 'insert' }, 'Name,AccountNumber\nSlow One,SLOW-1\n');
    const state = async () => ((await client.call('GET', `jobs/ingest/${id}`)).json as JobInfo).state;
    expect(await state()).toBe('UploadComplete');
    clock += 5_000;
    expect(await state()).toBe('InProgress');
    expect(sandbox.records.findByField('Account', 'AccountNumber', 'SLOW-1')).toHaveLength(0);
    const early = await client.call('GET', `jobs/ingest/${id}/successfulResults`);
    expect(early.status).toBe(400);
    clock += 10_000;
    const info = (await client.call('GET', `jobs/ingest/${id}`)).json as Record<string, unknown>;
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 1, totalProcessingTime: 10_000, apiActiveProcessingTime: 10_000 });
    expect(sandbox.records.findByField('Account', 'AccountNumber', 'SLOW-1')).toHaveLength(1);
  });

  it('with autoProcess off, holds closed jobs until the admin "process now"', async () => {
    sandbox.bulk.configure({ autoProcess: false });
    const id = await submitJob(client, { object: 'Account', operation: 'insert' }, 'Name\nHeld\n');
    clock += 60 * 60 * 1000;
    expect(((await client.call('GET', `jobs/ingest/${id}`)).json as JobInfo).state).toBe('UploadComplete');
    const processed = await client.admin('POST', 'bulk/process');
    expect(processed.json).toEqual({ processed: [id] });
    expect(((await client.call('GET', `jobs/ingest/${id}`)).json as JobInfo).state).toBe('JobComplete');
  });
});
