/**
 * The endpoints ConnectorServiceController.cls calls, driven the way it calls them, asserting the shapes its
 * test fixtures (ConnectorServiceControllerTest AUDIT_BODY, FLOWS_BODY, the sync and replay mocks) carry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountOf, auth, FLOW_ID, gpCustomer, startHarness, waitFor, type Harness } from './harness.ts';

/** Keys of the Apex fixtures, which the controller reads with JSON.deserializeUntyped. */
const ERROR_KEYS = ['code', 'message', 'requestId'];
const ACTIVITY_KEYS = ['events', 'parked', 'recordId'];
const EVENT_KEYS = ['at', 'errorCategory', 'flowId', 'id', 'message', 'outcome', 'sourceId', 'targetId'];
const PARKED_KEYS = ['attempts', 'category', 'createdAt', 'flowId', 'id', 'reason'];
const SYNC_KEYS = ['jobIds', 'message'];
const REPLAY_KEYS = ['id', 'message', 'outcome'];
/** FieldMappingController / mappingValidation.js TRANSFORM_PATTERN. */
const TRANSFORM_PATTERN = /^[A-Za-z][A-Za-z0-9_:-]{0,39}$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.]{0,79}$/;

const keys = (o: object) => Object.keys(o).sort();
const post = { ...auth, 'Content-Type': 'application/json' };

describe('Salesforce package API', () => {
  let h: Harness;
  const get = (path: string, headers: Record<string, string> = auth) => h.app.request(`/api/salesforce${path}`, { headers });
  const send = (path: string) => h.app.request(`/api/salesforce${path}`, { method: 'POST', headers: post, body: '{}' });

  beforeAll(async () => {
    h = await startHarness({ rows: [gpCustomer('AARONFIT0001', { Name: '' }), gpCustomer('BEAUMONT0001')], syncIntervalMs: 30_000 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses a missing or wrong key with 401 and the error envelope', async () => {
    for (const headers of [{}, { 'X-API-Key': 'wrong-key' }] as Array<Record<string, string>>) {
      const res = await get('/flows', headers);
      expect(res.status).toBe(401);
      const body = await res.json();
      expect(keys(body)).toEqual(ERROR_KEYS);
      expect(body.requestId).toBeTruthy();
    }
  });

  it('answers 400 naming recordId or limit, and 404 for a record the service has never seen', async () => {
    // Not 15/18 letters and digits, or an 18-character id whose suffix does not match its first 15.
    for (const bad of ['not-an-id', '0010000000001', '001000000000001ZZZ']) {
      const res = await get(`/records/${bad}/audit?limit=50`);
      expect(res.status).toBe(400);
      expect((await res.json()).message).toMatch(/^recordId: /);
    }
    const badLimit = await get('/records/001000000000001AAA/audit?limit=500');
    expect(badLimit.status).toBe(400);
    expect((await badLimit.json()).message).toMatch(/limit/);

    const unknown = await get('/records/001000000000001AAA/audit?limit=50');
    expect(unknown.status).toBe(404);
    const body = await unknown.json();
    expect(keys(body)).toEqual(ERROR_KEYS);
    expect(body.code).toBe('NOT_FOUND');
  });

  it("shows an Account's history including its GP customer's events from before the link existed", async () => {
    expect(await h.engine.runOnce(FLOW_ID)).toMatchObject({ status: 'succeeded', stats: { created: 1, parked: 1 } });
    h.rows[0]!.data.Name = 'Aaron Fitz Electrical';
    h.rows[0]!.modified = 2;
    expect(await h.engine.runOnce(FLOW_ID)).toMatchObject({ stats: { created: 1 } });

    const accountId = String(accountOf(h, 'AARONFIT0001').Id);
    const res = await get(`/records/${accountId}/audit?limit=50`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(keys(body)).toEqual(ACTIVITY_KEYS);
    expect(body.recordId).toBe(accountId);
    expect(body.events.map((e: { outcome: string }) => e.outcome)).toEqual(['created', 'parked']);
    for (const e of body.events) expect(keys(e)).toEqual(EVENT_KEYS);
    const [created, parked] = body.events;
    expect(created).toMatchObject({ flowId: FLOW_ID, sourceId: 'AARONFIT0001', targetId: accountId, errorCategory: null });
    expect(parked).toMatchObject({ sourceId: 'AARONFIT0001', targetId: null, errorCategory: 'validation' });
    expect(parked.message).toMatch(/Name is required/);
    expect(typeof created.id).toBe('number');
    expect(new Date(created.at).toISOString()).toBe(created.at);
    expect(body.parked).toEqual([]);
    // Another customer's events stay out.
    expect(JSON.stringify(body)).not.toContain('BEAUMONT0001');

    const fifteen = await get(`/records/${accountId.slice(0, 15)}/audit?limit=1`);
    expect(fifteen.status).toBe(200);
    const short = await fifteen.json();
    expect(short.recordId).toBe(accountId);
    expect(short.events).toHaveLength(1);
  });

  it("lists the GP customer's open parked entry on the Account and replays it", async () => {
    h.rows[0]!.data.Name = '';
    h.rows[0]!.modified = 3;
    expect(await h.engine.runOnce(FLOW_ID)).toMatchObject({ stats: { parked: 1 } });
    const accountId = String(accountOf(h, 'AARONFIT0001').Id);
    const activity = await (await get(`/records/${accountId}/audit?limit=50`)).json();
    expect(activity.parked).toHaveLength(1);
    const [entry] = activity.parked;
    expect(keys(entry)).toEqual(PARKED_KEYS);
    expect(entry).toMatchObject({ flowId: FLOW_ID, category: 'validation', attempts: 1 });
    expect(entry.reason).toMatch(/Name is required/);

    const again = await send(`/parked/${entry.id}/replay`);
    expect(again.status).toBe(200);
    const parkedAgain = await again.json();
    expect(keys(parkedAgain)).toEqual(REPLAY_KEYS);
    expect(parkedAgain).toMatchObject({ id: entry.id, outcome: 'parked' });

    h.rows[0]!.data.Name = 'Aaron Fitz Electrical Ltd';
    h.rows[0]!.modified = 4;
    const fixed = await send(`/parked/${entry.id}/replay`);
    expect(fixed.status).toBe(200);
    expect(await fixed.json()).toMatchObject({ id: entry.id, outcome: 'updated' });
    expect(accountOf(h, 'AARONFIT0001').Name).toBe('Aaron Fitz Electrical Ltd');
    expect((await (await get(`/records/${accountId}/audit?limit=50`)).json()).parked).toEqual([]);

    expect((await send(`/parked/${entry.id}/replay`)).status).toBe(404);
    expect((await send('/parked/999999/replay')).status).toBe(404);
    const bad = await send('/parked/abc/replay');
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/^id: /);
  });

  it('queues "Sync now" for the linked GP customer, which the worker re-reads and writes; too soon is 409', async () => {
    const account = accountOf(h, 'BEAUMONT0001');
    const accountId = String(account.Id);
    h.rows[1]!.data.City = 'Evanston';
    h.rows[1]!.modified = 5;
    const readsBefore = h.feedState.reads;

    const res = await send(`/records/${accountId}/sync`);
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(keys(body)).toEqual(SYNC_KEYS);
    expect(body.jobIds).toHaveLength(1);
    expect(body.jobIds[0]).toMatch(/^sync:gp-customers-to-sf-accounts:BEAUMONT0001:/);
    expect(body.message).toMatch(/BEAUMONT0001/);

    h.engine.start();
    const job = await waitFor('the sync job', async () => {
      const j = await h.store.jobs.get(body.jobIds[0]);
      return j && (j.status === 'done' || j.status === 'failed') ? j : undefined;
    });
    expect(job).toMatchObject({ status: 'done', lastError: null });
    expect(accountOf(h, 'BEAUMONT0001').BillingCity).toBe('Evanston');
    expect(h.feedState.reads).toBe(readsBefore); // one record re-read, not a run of the flow
    const history = await (await get(`/records/${accountId}/audit?limit=5`)).json();
    expect(history.events[0]).toMatchObject({ outcome: 'updated', sourceId: 'BEAUMONT0001', targetId: accountId });

    const tooSoon = await send(`/records/${accountId}/sync`);
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.headers.get('Retry-After')).toBe('30');
    const conflict = await tooSoon.json();
    expect(keys(conflict)).toEqual(ERROR_KEYS);
    expect(conflict.message).toMatch(/try again in 30 s/);
    // Another record is not held up by this one.
    expect((await send(`/records/${String(accountOf(h, 'AARONFIT0001').Id)}/sync`)).status).toBe(202);

    h.clock.now += 30_000;
    expect((await send(`/records/${accountId}/sync`)).status).toBe(202);

    const never = await send('/records/001000000000009AAA/sync');
    expect(never.status).toBe(404);
    expect((await never.json()).message).toMatch(/never been synced/);
  });

  it('lists the flow with both field catalogs and its default mapping in the editor shape', async () => {
    const res = await get('/flows');
    expect(res.status).toBe(200);
    const { flows } = await res.json();
    expect(flows).toHaveLength(1);
    const [flow] = flows;
    expect(Object.keys(flow)).toEqual(expect.arrayContaining(['id', 'name', 'source', 'target', 'mapping']));
    expect(flow).toMatchObject({ id: FLOW_ID, source: { system: 'dynamics-gp', entity: 'customers' }, target: { system: 'salesforce', entity: 'Account' } });
    for (const side of [flow.source, flow.target]) {
      expect(keys(side)).toEqual(['entity', 'fields', 'system']);
      for (const f of side.fields) {
        expect(['length', 'name', 'required', 'type']).toEqual(expect.arrayContaining(Object.keys(f)));
        expect(['string', 'number', 'boolean', 'date', 'datetime']).toContain(f.type);
        expect(f.name).toMatch(FIELD_NAME);
      }
    }
    const field = (side: { fields: Array<{ name: string }> }, name: string) => side.fields.find((f) => f.name === name);
    expect(field(flow.source, 'Name')).toEqual({ name: 'Name', type: 'string', length: 65, required: true });
    expect(field(flow.source, 'CreditLimit')).toEqual({ name: 'CreditLimit', type: 'number' });
    expect(field(flow.target, 'Name')).toEqual({ name: 'Name', type: 'string', length: 255, required: true });
    expect(field(flow.target, 'ERP_Credit_Limit__c')).toEqual({ name: 'ERP_Credit_Limit__c', type: 'number' });
    expect(field(flow.target, 'ERP_On_Hold__c')).toEqual({ name: 'ERP_On_Hold__c', type: 'boolean' });
    expect(field(flow.target, 'GP_Customer_Number__c')).toBeUndefined(); // the match field is not a mapping target

    expect(flow.mapping).toEqual(
      expect.arrayContaining([
        { target: 'Name', source: 'Name', transform: 'trim' },
        { target: 'BillingStreet', source: 'AddressLines', transform: 'joinLines' },
        { target: 'BillingCity', source: 'City', transform: 'trim-nullIfBlank' },
        { target: 'ERP_Credit_Limit__c', source: 'CreditLimit', transform: 'gpCreditLimit' },
      ]),
    );
    expect(flow.mapping.map((m: { target: string }) => m.target)).not.toContain('ERP_Last_Synced_At__c');
    // What the editor validates: every row's source and target are in the catalogs, every transform is well formed.
    for (const row of flow.mapping) {
      expect(keys(row)).toEqual(['source', 'target', 'transform']);
      expect(field(flow.source, row.source), row.source).toBeDefined();
      expect(field(flow.target, row.target), row.target).toBeDefined();
      if (row.transform !== null) expect(row.transform).toMatch(TRANSFORM_PATTERN);
    }
  });
});

describe('Salesforce package API: which org', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ extraSalesforceConnections: ['sf-eu'] });
    await h.engine.runOnce(FLOW_ID);
  });
  afterAll(async () => {
    await h.close();
  });

  it('asks which Salesforce connection when there are several, and scopes every answer to it', async () => {
    const ambiguous = await h.app.request('/api/salesforce/flows', { headers: auth });
    expect(ambiguous.status).toBe(400);
    const body = await ambiguous.json();
    expect(keys(body)).toEqual(ERROR_KEYS);
    expect(body.message).toMatch(/^connection: several Salesforce connections/);
    expect(body.message).toContain('X-Connection-Id');

    expect((await (await h.app.request('/api/salesforce/flows?connection=sf', { headers: auth })).json()).flows).toHaveLength(1);
    const eu = await h.app.request('/api/salesforce/flows', { headers: { ...auth, 'X-Connection-Id': 'sf-eu' } });
    expect((await eu.json()).flows).toEqual([]);
    const unknown = await h.app.request('/api/salesforce/flows?connection=gp', { headers: auth });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).message).toMatch(/not a Salesforce connection/);

    const accountId = String(accountOf(h, 'AARONFIT0001').Id);
    expect((await h.app.request(`/api/salesforce/records/${accountId}/audit?connection=sf`, { headers: auth })).status).toBe(200);
    expect((await h.app.request(`/api/salesforce/records/${accountId}/audit?connection=sf-eu`, { headers: auth })).status).toBe(404);
  });
});
