/**
 * Webhooks (FACTS 4.1 #9–12): registration through the Web API, the three shared-secret auth types, the
 * RemoteExecutionContext body and headers, retry-once on 502/503/504 only, System Jobs for async failures,
 * the size-exceeded variant, redelivery, and falling silent. Delivery is driven with flush() — no sleeps.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DataverseSandbox } from '../../../service/sandbox/dataverse/index.ts';
import { startDv, startReceiver, waitFor, webApi, type Receiver, type WebApi } from './helpers.ts';

const SAMPLE = JSON.parse(readFileSync(new URL('../../fixtures/dataverse/remoteexecutioncontext.contact-update.example.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('dataverse emulator: webhooks', () => {
  let sandbox: DataverseSandbox;
  let api: WebApi;
  let receiver: Receiver;

  beforeAll(async () => {
    sandbox = await startDv({ seed: 'none', webhooks: { delayMs: 60_000 } });
    api = await webApi(sandbox);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await sandbox.stop();
    await receiver.close();
  });
  beforeEach(() => {
    receiver.requests.length = 0;
    receiver.respondWith([]);
  });

  /** Register an endpoint + one step through the Web API, as a connector would. */
  async function register(auth: { authtype: number; authvalue: string }, step: { message: string; table: string; mode: number; filteringattributes?: string }) {
    const ep = await api.call('POST', 'serviceendpoints', { name: 'ml-connector', contract: 8, url: receiver.url, ...auth }, { prefer: 'return=representation' });
    expect(ep.status).toBe(201);
    expect(ep.body.authvalue).toBeUndefined();
    const message = await api.call('GET', `sdkmessages?$select=name&$filter=name eq '${step.message}'`);
    const messageId = message.body.value?.[0]?.sdkmessageid as string;
    const filter = await api.call('GET', `sdkmessagefilters?$select=primaryobjecttypecode&$filter=primaryobjecttypecode eq '${step.table}' and _sdkmessageid_value eq ${messageId}`);
    const filterId = filter.body.value?.[0]?.sdkmessagefilterid as string;
    const created = await api.call('POST', 'sdkmessageprocessingsteps', {
      name: `ml-connector: ${step.message} of ${step.table}`,
      mode: step.mode,
      stage: 40,
      rank: 1,
      supporteddeployment: 0,
      asyncautodelete: false,
      filteringattributes: step.filteringattributes ?? null,
      'sdkmessageid@odata.bind': `/sdkmessages(${messageId})`,
      'sdkmessagefilterid@odata.bind': `/sdkmessagefilters(${filterId})`,
      'eventhandler_serviceendpoint@odata.bind': `/serviceendpoints(${String(ep.body.serviceendpointid)})`,
    });
    expect(created.status).toBe(204);
    const stepId = /\(([0-9a-f-]{36})\)$/.exec(created.headers.get('odata-entityid') ?? '')?.[1] as string;
    return { endpointId: ep.body.serviceendpointid as string, stepId };
  }

  async function unregister(ids: { endpointId: string; stepId: string }) {
    expect((await api.call('DELETE', `sdkmessageprocessingsteps(${ids.stepId})`)).status).toBe(204);
    expect((await api.call('DELETE', `serviceendpoints(${ids.endpointId})`)).status).toBe(204);
  }

  it('WebhookKey: an async Update posts the RemoteExecutionContext with ?code= and the x-ms-dynamics headers', async () => {
    const ids = await register({ authtype: 4, authvalue: 'key-123' }, { message: 'Update', table: 'contact', mode: 1, filteringattributes: 'firstname,lastname' });
    const contact = await api.call('POST', 'contacts', { firstname: 'James', lastname: 'Glynn (sample)' }, { prefer: 'return=representation' });
    const id = contact.body.contactid as string;
    await api.call('PATCH', `contacts(${id})`, { telephone1: '555-0100' });
    await sandbox.admin.webhooks.flush();
    expect(receiver.requests).toHaveLength(0);
    await api.call('PATCH', `contacts(${id})`, { firstname: 'Jim' }, { 'x-request-id': 'ignored' });
    expect(receiver.requests).toHaveLength(0);
    await sandbox.admin.webhooks.flush();
    expect(receiver.requests).toHaveLength(1);
    const req = receiver.requests[0] as (typeof receiver.requests)[number];
    expect(req.method).toBe('POST');
    expect(new URL(req.url, 'http://x').searchParams.get('code')).toBe('key-123');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-ms-dynamics-organization']).toBe(new URL(sandbox.orgUrl).host);
    expect(req.headers['x-ms-dynamics-entity-name']).toBe('contact');
    expect(req.headers['x-ms-dynamics-request-name']).toBe('Update');
    expect(req.headers['x-ms-correlation-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(req.body).toContain('\\/Date(');
    expect(req.body).toContain('"Entity:http:\\/\\/schemas.microsoft.com\\/xrm\\/2011\\/Contracts"');

    const ctx = JSON.parse(req.body) as Record<string, unknown>;
    expect(Object.keys(ctx).sort()).toEqual(Object.keys(SAMPLE).sort());
    expect(ctx).toMatchObject({ MessageName: 'Update', Mode: 1, Stage: 40, Depth: 1, PrimaryEntityName: 'contact', PrimaryEntityId: id, CorrelationId: req.headers['x-ms-correlation-request-id'] });
    const target = (ctx.InputParameters as Array<{ key: string; value: Record<string, unknown> }>)[0] as { key: string; value: Record<string, unknown> };
    expect(target.key).toBe('Target');
    expect(Object.keys(target.value).sort()).toEqual(Object.keys((SAMPLE.InputParameters as Array<{ value: Record<string, unknown> }>)[0]?.value ?? {}).sort());
    const attrs = Object.fromEntries((target.value.Attributes as Array<{ key: string; value: unknown }>).map((a) => [a.key, a.value]));
    expect(attrs.firstname).toBe('Jim');
    expect(attrs.contactid).toBe(id);
    expect(String(attrs.modifiedon)).toMatch(/^\/Date\(\d+\)\/$/);
    expect(attrs.modifiedby).toMatchObject({ __type: 'EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts', LogicalName: 'systemuser', Id: sandbox.appUserId });
    const post = (ctx.PostEntityImages as Array<{ key: string; value: { Attributes: Array<{ key: string; value: unknown }> } }>)[0];
    expect(post?.key).toBe('AsynchronousStepPrimaryName');
    expect(post?.value.Attributes).toEqual([{ key: 'fullname', value: 'Jim Glynn (sample)' }, { key: 'contactid', value: id }]);
    expect((ctx.ParentContext as Record<string, unknown>).Stage).toBe(30);
    expect(String(ctx.OperationCreatedOn)).toMatch(/^\/Date\(\d+\)\/$/);
    await unregister(ids);
  });

  it('HttpHeader and HttpQueryString send the configured pairs; a UI edit fires the step too', async () => {
    const header = await register({ authtype: 5, authvalue: '<settings><setting name="X-Hook-Secret" value="s3cr3t" /></settings>' }, { message: 'Create', table: 'account', mode: 1 });
    await sandbox.admin.createRecord('account', { name: 'Made in the UI' });
    await sandbox.admin.webhooks.flush();
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]?.headers['x-hook-secret']).toBe('s3cr3t');
    const created = JSON.parse(receiver.requests[0]?.body ?? '{}') as Record<string, unknown>;
    expect(created.MessageName).toBe('Create');
    expect(created.OutputParameters).toEqual([{ key: 'id', value: created.PrimaryEntityId }]);
    expect(created.UserId).toBe(sandbox.uiUserId);
    await unregister(header);

    receiver.requests.length = 0;
    const query = await register({ authtype: 6, authvalue: '<settings><setting name="sig" value="abc" /><setting name="tenant" value="t1" /></settings>' }, { message: 'Delete', table: 'account', mode: 1 });
    const acc = await api.call('POST', 'accounts', { name: 'To delete' }, { prefer: 'return=representation' });
    await api.call('DELETE', `accounts(${String(acc.body.accountid)})`);
    await sandbox.admin.webhooks.flush();
    expect(receiver.requests).toHaveLength(1);
    const params = new URL(receiver.requests[0]?.url ?? '', 'http://x').searchParams;
    expect(params.get('sig')).toBe('abc');
    expect(params.get('tenant')).toBe('t1');
    const deleted = JSON.parse(receiver.requests[0]?.body ?? '{}') as { InputParameters: Array<{ value: Record<string, unknown> }> };
    expect(deleted.InputParameters[0]?.value).toMatchObject({ __type: 'EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts', LogicalName: 'account', Id: acc.body.accountid });
    await unregister(query);

    const bad = await api.call('POST', 'serviceendpoints', { name: 'bad', contract: 8, url: receiver.url, authtype: 5, authvalue: 'not xml' });
    expect(bad.status).toBe(400);
  });

  it('retries exactly once on 503 and not on 500; async failures become Failed System Jobs', async () => {
    const ids = await register({ authtype: 4, authvalue: 'k' }, { message: 'Create', table: 'account', mode: 1 });
    receiver.respondWith([503, 200]);
    await api.call('POST', 'accounts', { name: 'Retry once' });
    await sandbox.admin.webhooks.flush();
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[0]?.body).toBe(receiver.requests[1]?.body);
    expect(sandbox.admin.webhooks.deliveries().at(-1)).toMatchObject({ attempts: [503, 200], outcome: 'delivered' });

    receiver.requests.length = 0;
    receiver.respondWith([503, 503]);
    await api.call('POST', 'accounts', { name: 'Retry fails' });
    await sandbox.admin.webhooks.flush();
    expect(receiver.requests).toHaveLength(2);

    receiver.requests.length = 0;
    receiver.respondWith([500]);
    await api.call('POST', 'accounts', { name: 'No retry' });
    await sandbox.admin.webhooks.flush();
    expect(receiver.requests).toHaveLength(1);
    const last = sandbox.admin.webhooks.deliveries().at(-1);
    expect(last).toMatchObject({ attempts: [500], outcome: 'failed' });

    const jobs = await api.call('GET', `asyncoperations?$select=name,statecode,statuscode,message,_owningextensionid_value&$filter=statuscode eq 31`);
    expect(jobs.status).toBe(200);
    expect(jobs.body.value).toHaveLength(2);
    expect(jobs.body.value?.every((j) => j.statecode === 3 && j._owningextensionid_value === ids.stepId)).toBe(true);
    expect(jobs.body.value?.map((j) => j.message)).toEqual(expect.arrayContaining(['The webhook call failed with HTTP status 500.', 'The webhook call failed with HTTP status 503.']));
    await unregister(ids);
  });

  it('a synchronous step that fails fails the user operation, which then does not commit', async () => {
    const ids = await register({ authtype: 4, authvalue: 'k' }, { message: 'Create', table: 'account', mode: 0 });
    receiver.respondWith([400]);
    const res = await api.call('POST', 'accounts', { name: 'Refused by the hook' });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toMatch(/^0x/);
    expect(receiver.requests).toHaveLength(1);
    expect(sandbox.admin.listRecords('account').some((a) => a.name === 'Refused by the hook')).toBe(false);
    const ok = await api.call('POST', 'accounts', { name: 'Accepted by the hook' });
    expect(ok.status).toBe(204);
    const ctx = JSON.parse(receiver.requests[1]?.body ?? '{}') as Record<string, unknown>;
    expect(ctx).toMatchObject({ Mode: 0, IsInTransaction: true, PostEntityImages: [] });
    await unregister(ids);
  });

  it('sends a payload over 256 KB without InputParameters / ParentContext / images and with x-ms-dynamics-msg-size-exceeded', async () => {
    const ids = await register({ authtype: 4, authvalue: 'k' }, { message: 'Update', table: 'account', mode: 1 });
    sandbox.admin.webhooks.set({ maxPayloadBytes: 4_096 });
    const acc = await api.call('POST', 'accounts', { name: 'Big' }, { prefer: 'return=representation' });
    await api.call('PATCH', `accounts(${String(acc.body.accountid)})`, { description: 'x'.repeat(1_999) });
    await sandbox.admin.webhooks.flush();
    sandbox.admin.webhooks.set({ maxPayloadBytes: 256 * 1024 });
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]?.headers['x-ms-dynamics-msg-size-exceeded']).toBeDefined();
    const ctx = JSON.parse(receiver.requests[0]?.body ?? '{}') as Record<string, unknown>;
    expect(ctx).toMatchObject({ InputParameters: [], ParentContext: null, PreEntityImages: [], PostEntityImages: [], PrimaryEntityId: acc.body.accountid, MessageName: 'Update' });
    await unregister(ids);
  });

  it('redelivers a past delivery byte for byte, and falls silent when delivery is disabled', async () => {
    const ids = await register({ authtype: 4, authvalue: 'k' }, { message: 'Create', table: 'account', mode: 1 });
    await api.call('POST', 'accounts', { name: 'Replay me' });
    await sandbox.admin.webhooks.flush();
    const original = sandbox.admin.webhooks.deliveries().at(-1);
    const replay = await sandbox.admin.webhooks.redeliver(original?.id as string);
    expect(replay).toMatchObject({ redeliveryOf: original?.id, outcome: 'delivered' });
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[1]?.body).toBe(receiver.requests[0]?.body);
    expect(receiver.requests[1]?.headers['x-ms-correlation-request-id']).toBe(receiver.requests[0]?.headers['x-ms-correlation-request-id']);

    sandbox.admin.webhooks.setEnabled(false);
    await api.call('POST', 'accounts', { name: 'Nobody hears' });
    await sandbox.admin.webhooks.flush();
    sandbox.admin.webhooks.setEnabled(true);
    expect(receiver.requests).toHaveLength(2);
    expect(sandbox.admin.webhooks.deliveries().at(-1)?.outcome).toBe('suppressed');
    await unregister(ids);
  });

  it('delivers on its own after the configured delay (waiting on the receiver, not on a timer)', async () => {
    const quick = await startDv({ seed: 'none', webhooks: { delayMs: 10 } });
    try {
      const qApi = await webApi(quick);
      await quick.admin.registerWebhook({ url: receiver.url, authType: 4, authValue: 'k', steps: [{ message: 'Create', table: 'contact' }] });
      await qApi.call('POST', 'contacts', { lastname: 'Async' });
      // The receiver sees the POST before the emulator has read the answer: wait for the emulator's own count.
      await waitFor(() => quick.admin.webhooks.stats().delivered === 1);
      expect(receiver.requests).toHaveLength(1);
      expect(quick.admin.webhooks.stats()).toMatchObject({ delivered: 1, failed: 0 });
    } finally {
      await quick.stop();
    }
  });
});
