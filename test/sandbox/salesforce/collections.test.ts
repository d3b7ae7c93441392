import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RecordChange, SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';
import { accounts, fetchToken, restCaller, startSandbox } from '../../connectors/salesforce/helpers.ts';

type Item = { id?: string | null; success: boolean; created?: boolean; errors: Array<{ statusCode: string; message: string; fields: string[] }> };
const PATH = 'composite/sobjects/Account/GP_Customer_Number__c';

describe('sandbox: sObject Collections upsert', () => {
  let sandbox: SalesforceSandbox;
  let call: ReturnType<typeof restCaller>;
  let n = 0;
  /** Unique customer numbers per test so tests do not see each other's records. */
  const key = (): string => `K${String(++n).padStart(5, '0')}`;
  const record = (fields: Record<string, unknown>) => ({ attributes: { type: 'Account' }, Name: 'Acme', GP_Customer_Number__c: key(), ...fields });

  beforeAll(async () => {
    sandbox = await startSandbox();
    call = restCaller(sandbox, (await fetchToken(sandbox)).access_token);
  });
  afterAll(async () => {
    await sandbox.stop();
  });
  beforeEach(() => {
    sandbox.rules.clear();
  });

  it('creates, then updates the same external ids (created true → false, same ids)', async () => {
    const batch = accounts(3, 1000);
    const first = await call('PATCH', PATH, { allOrNone: false, records: batch });
    expect(first.status).toBe(200);
    const created = first.body as Item[];
    expect(created.map((r) => [r.success, r.created])).toEqual([[true, true], [true, true], [true, true]]);
    created.forEach((r) => expect(r.id).toMatch(/^001[A-Za-z0-9]{15}$/));

    const second = await call('PATCH', PATH, { allOrNone: false, records: batch.map((r) => ({ ...r, Name: `${String(r.Name)} v2` })) });
    const updated = second.body as Item[];
    expect(updated.map((r) => r.created)).toEqual([false, false, false]);
    expect(updated.map((r) => r.id)).toEqual(created.map((r) => r.id));
    expect(sandbox.records.get('Account', String(created[0]?.id))?.Name).toBe('Customer 1000 v2');
  });

  it('matches a case-insensitive external id regardless of case', async () => {
    const first = (await call('PATCH', PATH, { records: [record({ GP_Customer_Number__c: 'case-01' })] })).body as Item[];
    const second = (await call('PATCH', PATH, { records: [record({ GP_Customer_Number__c: 'CASE-01', Name: 'Upper' })] })).body as Item[];
    expect(second[0]).toMatchObject({ success: true, created: false, id: first[0]?.id });
  });

  it('matches a case-sensitive external id exactly, and reports several matches as DUPLICATE_EXTERNAL_ID', async () => {
    const path = 'composite/sobjects/Contact/Legacy_Key__c';
    const contact = (k: string) => ({ attributes: { type: 'Contact' }, LastName: 'Doe', Legacy_Key__c: k });
    const res = (await call('PATCH', path, { records: [contact('abc')] })).body as Item[];
    const other = (await call('PATCH', path, { records: [contact('ABC')] })).body as Item[];
    expect(other[0]).toMatchObject({ success: true, created: true });
    expect(other[0]?.id).not.toBe(res[0]?.id);

    sandbox.records.create('Contact', { LastName: 'Twin', Legacy_Key__c: 'twin' });
    sandbox.records.create('Contact', { LastName: 'Twin', Legacy_Key__c: 'twin' });
    const ambiguous = (await call('PATCH', path, { records: [contact('twin')] })).body as Item[];
    expect(ambiguous[0]?.success).toBe(false);
    expect(ambiguous[0]?.errors[0]?.statusCode).toBe('DUPLICATE_EXTERNAL_ID');
    const single = await call('PATCH', 'sobjects/Contact/Legacy_Key__c/twin', { LastName: 'X' });
    expect(single.status).toBe(300);
    expect(single.body).toHaveLength(2);
    (single.body as string[]).forEach((url) => expect(url).toMatch(/^\/services\/data\/v63\.0\/sobjects\/Contact\/003/));
    expect(sandbox.records.findByField('Contact', 'Legacy_Key__c', 'twin').map((c) => c.LastName)).toEqual(['Twin', 'Twin']);
  });

  it('answers 200 with per-record errors in input order; only the failing record is affected', async () => {
    const records = [
      record({}),
      record({ Name: 'x'.repeat(256) }),
      record({ Name: null }),
      record({ GP_Billing_Email__c: 'not-an-email' }),
      record({ GP_Balance__c: 123456789012345.5 }),
      record({ CreatedDate: '2020-01-01T00:00:00Z' }),
      record({}),
    ];
    const res = await call('PATCH', PATH, { allOrNone: false, records });
    expect(res.status).toBe(200);
    const items = res.body as Item[];
    expect(items.map((r) => r.success)).toEqual([true, false, false, false, false, false, true]);
    expect(items[1]?.errors[0]).toEqual({ statusCode: 'STRING_TOO_LONG', message: expect.stringContaining('max length=255') as string, fields: ['Name'] });
    expect(items[2]?.errors[0]).toEqual({ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] });
    expect(items[3]?.errors[0]?.statusCode).toBe('INVALID_EMAIL_ADDRESS');
    expect(items[4]?.errors[0]).toMatchObject({ statusCode: 'NUMBER_OUTSIDE_VALID_RANGE', fields: ['GP_Balance__c'] });
    expect(items[5]?.errors[0]).toMatchObject({ statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['CreatedDate'] });
    for (const failed of items.filter((r) => !r.success)) expect(failed).not.toHaveProperty('created');
    expect(sandbox.records.findByField('Account', 'GP_Customer_Number__c', records[1]?.GP_Customer_Number__c)).toEqual([]);
  });

  it('rejects malformed requests with 400 and writes nothing', async () => {
    const before = sandbox.records.count('Account');
    const tooMany = await call('PATCH', PATH, { records: accounts(201, 5000) });
    expect(tooMany.status).toBe(400);
    expect((tooMany.body as Array<{ errorCode: string }>)[0]?.errorCode).toBe('EXCEEDED_ID_LIMIT');
    const noType = await call('PATCH', PATH, { records: [{ Name: 'A', GP_Customer_Number__c: key() }] });
    expect(noType.status).toBe(400);
    expect(noType.body).toEqual([{ message: 'Must send a concrete entity type.', errorCode: 'INVALID_TYPE' }]);
    const wrongType = await call('PATCH', PATH, { records: [{ attributes: { type: 'Contact' }, LastName: 'A', GP_Customer_Number__c: key() }] });
    expect(wrongType.status).toBe(400);
    const withId = await call('PATCH', PATH, { records: [record({ Id: '001RO0000000001YAA' })] });
    expect(withId.status).toBe(400);
    const notJson = await call('PATCH', PATH, '{"records": [');
    expect(notJson.status).toBe(400);
    expect((notJson.body as Array<{ errorCode: string }>)[0]?.errorCode).toBe('JSON_PARSER_ERROR');
    const unknownObject = await call('PATCH', 'composite/sobjects/Invoice__c/GP_Customer_Number__c', { records: [] });
    expect(unknownObject.status).toBe(404);
    const unknownField = await call('PATCH', 'composite/sobjects/Account/Nope__c', { records: [] });
    expect(unknownField.status).toBe(404);
    const notExternal = await call('PATCH', 'composite/sobjects/Account/Name', { records: [] });
    expect(notExternal.status).toBe(400);
    const oldVersion = await restCaller(sandbox, (await fetchToken(sandbox)).access_token, '45.0')('PATCH', PATH, { records: [record({})] });
    expect(oldVersion.status).toBe(404);
    expect(sandbox.records.count('Account')).toBe(before);
  });

  it('fails the whole request on an unknown field or an undeserializable value (JSON parser), writing nothing', async () => {
    const before = sandbox.records.count('Account');
    const unknown = await call('PATCH', PATH, { records: [record({}), record({ Bogus__c: 1 })] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual([{ message: "No such column 'Bogus__c' on sobject of type Account", errorCode: 'INVALID_FIELD' }]);
    const badType = await call('PATCH', PATH, { records: [record({ GP_Balance__c: 'lots' })] });
    expect(badType.status).toBe(400);
    expect((badType.body as Array<{ errorCode: string }>)[0]?.errorCode).toBe('JSON_PARSER_ERROR');
    expect(sandbox.records.count('Account')).toBe(before);
  });

  it('can report deserialization problems per record instead', async () => {
    const perRecord = await startSandbox({ deserializationErrors: 'record' });
    try {
      const c = restCaller(perRecord, (await fetchToken(perRecord)).access_token);
      const res = await c('PATCH', PATH, { records: [record({ Bogus__c: 1 }), record({ GP_On_Hold__c: 'maybe' }), record({})] });
      expect(res.status).toBe(200);
      const items = res.body as Item[];
      expect(items[0]?.errors[0]).toMatchObject({ statusCode: 'INVALID_FIELD', fields: ['Bogus__c'] });
      expect(items[1]?.errors[0]).toMatchObject({ statusCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD', fields: ['GP_On_Hold__c'] });
      expect(items[2]?.success).toBe(true);
    } finally {
      await perRecord.stop();
    }
  });

  it('fails every record that repeats an external id within the batch', async () => {
    const k = key();
    const res = await call('PATCH', PATH, { records: [record({ GP_Customer_Number__c: k }), record({}), record({ GP_Customer_Number__c: k.toLowerCase() })] });
    const items = res.body as Item[];
    expect(items.map((r) => r.success)).toEqual([false, true, false]);
    expect(items[0]?.errors[0]?.statusCode).toBe('DUPLICATE_VALUE');
  });

  it('honours allOrNone: one failure rolls back every record', async () => {
    const before = sandbox.records.count('Account');
    const events: RecordChange[] = [];
    const off = sandbox.records.onChange((changes) => events.push(...changes));
    const res = await call('PATCH', PATH, { allOrNone: true, records: [record({}), record({ Name: '' }), record({})] });
    off();
    expect(res.status).toBe(200);
    const items = res.body as Item[];
    expect(items[1]?.errors[0]?.statusCode).toBe('REQUIRED_FIELD_MISSING');
    expect(items[0]).toEqual({ id: null, success: false, errors: [expect.objectContaining({ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' })] });
    expect(items[2]?.errors[0]?.statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(sandbox.records.count('Account')).toBe(before);
    expect(events).toEqual([]);
  });

  it('parks a record on an injected validation rule, and accepts it once the rule is removed', async () => {
    sandbox.rules.add({
      name: 'no-test-customers',
      sobject: 'Account',
      when: (r) => String(r.Name).startsWith('TEST'),
      message: 'Test customers cannot be synced',
      fields: ['Name'],
    });
    const records = [record({ Name: 'TEST Corp' }), record({ Name: 'Real Corp' })];
    const first = (await call('PATCH', PATH, { records })).body as Item[];
    expect(first[0]).toEqual({ success: false, errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Test customers cannot be synced', fields: ['Name'] }] });
    expect(first[1]?.success).toBe(true);
    sandbox.rules.remove('no-test-customers');
    const replay = (await call('PATCH', PATH, { records: [records[0]] })).body as Item[];
    expect(replay[0]).toMatchObject({ success: true, created: true });
  });

  it('lets a rule fail a record a limited number of times (a lock that clears)', async () => {
    sandbox.rules.add({ name: 'lock', sobject: 'Account', when: () => true, message: 'unable to obtain exclusive access to this record', statusCode: 'UNABLE_TO_LOCK_ROW', times: 1 });
    const r = record({});
    const first = (await call('PATCH', PATH, { records: [r] })).body as Item[];
    expect(first[0]?.errors[0]?.statusCode).toBe('UNABLE_TO_LOCK_ROW');
    const second = (await call('PATCH', PATH, { records: [r] })).body as Item[];
    expect(second[0]?.success).toBe(true);
  });

  it('publishes committed changes with field names, commit timestamp and one transaction key per call', async () => {
    const events: RecordChange[] = [];
    const off = sandbox.records.onChange((changes) => events.push(...changes));
    const a = record({});
    const b = record({});
    await call('PATCH', PATH, { records: [a, b] });
    await call('PATCH', PATH, { records: [{ ...a, GP_Customer_Class__c: 'RETAIL' }] });
    off();
    expect(events.map((e) => e.changeType)).toEqual(['CREATE', 'CREATE', 'UPDATE']);
    expect(events[0]?.transactionKey).toBe(events[1]?.transactionKey);
    expect(events[2]?.transactionKey).not.toBe(events[0]?.transactionKey);
    expect(events.map((e) => e.sequenceNumber)).toEqual([1, 2, 1]);
    expect(events[0]?.changedFields).toEqual(expect.arrayContaining(['Name', 'GP_Customer_Number__c', 'CreatedDate']));
    expect(events[2]?.changedFields).toEqual(expect.arrayContaining(['GP_Customer_Class__c', 'LastModifiedDate', 'SystemModstamp']));
    expect(events[2]?.changedFields).not.toContain('Name');
    expect(events[2]?.entityName).toBe('Account');
    expect(typeof events[2]?.commitTimestamp).toBe('number');
    expect(events[2]?.commitNumber).toBeGreaterThan(events[0]?.commitNumber ?? Infinity);
  });
});

describe('sandbox: single-record REST', () => {
  let sandbox: SalesforceSandbox;
  let call: ReturnType<typeof restCaller>;

  beforeAll(async () => {
    sandbox = await startSandbox();
    call = restCaller(sandbox, (await fetchToken(sandbox)).access_token);
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('creates, reads, updates, deletes and maintains system fields', async () => {
    const created = await call('POST', 'sobjects/Account', { Name: 'Direct', GP_Customer_Number__c: 'D1' });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const read = await call('GET', `sobjects/Account/${id}`);
    expect(read.body).toMatchObject({ attributes: { type: 'Account', url: `/services/data/v63.0/sobjects/Account/${id}` }, Id: id, Name: 'Direct', IsDeleted: false });
    const fields = read.body as Record<string, string>;
    expect(fields.SystemModstamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    expect(fields.CreatedDate).toBe(fields.LastModifiedDate);
    expect((await call('PATCH', `sobjects/Account/${id}`, { Phone: '555' })).status).toBe(204);
    expect((await call('GET', `sobjects/Account/GP_Customer_Number__c/d1`)).body).toMatchObject({ Id: id, Phone: '555' });
    expect((await call('GET', `sobjects/Account/${id}?fields=Name,Phone`)).body).toEqual({ attributes: expect.anything() as unknown, Name: 'Direct', Phone: '555' });
    expect((await call('DELETE', `sobjects/Account/${id}`)).status).toBe(204);
    expect((await call('GET', `sobjects/Account/${id}`)).status).toBe(404);
    expect((await call('DELETE', `sobjects/Account/${id}`)).body).toEqual([{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' }]);
  });

  it('upserts one record: 201 created, 200 created:false, 400 with the error array, updateOnly 404', async () => {
    expect((await call('PATCH', 'sobjects/Account/GP_Customer_Number__c/S1', { Name: 'One' })).status).toBe(201);
    expect((await call('PATCH', 'sobjects/Account/GP_Customer_Number__c/S1', { Name: 'One!' })).body).toMatchObject({ created: false, success: true });
    const tooLong = await call('PATCH', 'sobjects/Account/GP_Customer_Number__c/S1', { Name: 'y'.repeat(300) });
    expect(tooLong.status).toBe(400);
    expect((tooLong.body as Array<{ errorCode: string; fields: string[] }>)[0]).toMatchObject({ errorCode: 'STRING_TOO_LONG', fields: ['Name'] });
    const longKey = await call('PATCH', `sobjects/Account/GP_Customer_Number__c/${'Z'.repeat(16)}`, { Name: 'Long key' });
    expect((longKey.body as Array<{ errorCode: string }>)[0]?.errorCode).toBe('STRING_TOO_LONG');
    expect((await call('PATCH', 'sobjects/Account/GP_Customer_Number__c/NOPE?updateOnly=true', { Name: 'x' })).status).toBe(404);
    expect((await call('PATCH', 'sobjects/Account/GP_Customer_Number__c/S2', { Name: 'x', GP_Customer_Number__c: 'OTHER' })).status).toBe(400);
  });

  it('enforces unique fields across records and checks references', async () => {
    await call('PATCH', 'sobjects/Account/GP_Customer_Number__c/U1', { Name: 'U1' });
    const other = (await call('POST', 'sobjects/Account', { Name: 'U2' })).body as { id: string };
    const clash = await call('PATCH', `sobjects/Account/${other.id}`, { GP_Customer_Number__c: 'u1' });
    expect(clash.status).toBe(400);
    expect((clash.body as Array<{ errorCode: string }>)[0]?.errorCode).toBe('DUPLICATE_VALUE');
    const badRef = await call('POST', 'sobjects/Contact', { LastName: 'Ref', AccountId: '001RO000000ZZZZ' });
    expect((badRef.body as Array<{ errorCode: string }>)[0]?.errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
    const wrongPrefix = await call('POST', 'sobjects/Contact', { LastName: 'Ref', AccountId: '003RO0000000001YAA' });
    expect((wrongPrefix.body as Array<{ errorCode: string }>)[0]?.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    const good = await call('POST', 'sobjects/Contact', { LastName: 'Ref', AccountId: other.id.slice(0, 15) });
    expect(good.status).toBe(201);
    expect(sandbox.records.get('Contact', (good.body as { id: string }).id)?.AccountId).toBe(other.id);
  });

  it('describes objects with the fields a client checks (namespace detection, external ids, lengths)', async () => {
    const res = await call('GET', 'sobjects/Account/describe');
    const body = res.body as { name: string; keyPrefix: string; fields: Array<Record<string, unknown>> };
    expect(body).toMatchObject({ name: 'Account', keyPrefix: '001' });
    expect(body.fields.find((f) => f.name === 'GP_Customer_Number__c')).toMatchObject({
      type: 'string', length: 15, externalId: true, unique: true, caseSensitive: false, custom: true, nillable: true, idLookup: true,
    });
    expect(body.fields.find((f) => f.name === 'Name')).toMatchObject({ nillable: false, createable: true });
    const global = (await call('GET', 'sobjects')).body as { sobjects: Array<{ name: string; keyPrefix: string }> };
    expect(Object.fromEntries(global.sobjects.map((s) => [s.name, s.keyPrefix]))).toMatchObject({
      Account: '001', Contact: '003', Opportunity: '006', Order: '801', OrderItem: '802', Product2: '01t',
    });
  });

  it('seeds the standard objects with their key prefixes and derived fields', () => {
    const account = sandbox.records.create('Account', { Name: 'Parent' });
    const product = sandbox.records.create('Product2', { Name: 'Widget', ProductCode: 'W-1' });
    const opportunity = sandbox.records.create('Opportunity', { Name: 'Deal', StageName: 'Prospecting', CloseDate: '2026-02-01', AccountId: account.Id });
    const order = sandbox.records.create('Order', { AccountId: account.Id, EffectiveDate: '2026-01-15' });
    const item = sandbox.records.create('OrderItem', { OrderId: order.Id, Product2Id: product.Id, Quantity: 3, UnitPrice: 2.5 });
    expect([account, product, opportunity, order, item].map((r) => r.Id.slice(0, 3))).toEqual(['001', '01t', '006', '801', '802']);
    expect(order.Status).toBe('Draft');
    expect(order.OrderNumber).toMatch(/^\d{8}$/);
    expect(() => sandbox.records.create('Opportunity', { Name: 'Bad', StageName: 'Maybe', CloseDate: '2026-02-01' })).toThrow(/INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST/);
  });
});
