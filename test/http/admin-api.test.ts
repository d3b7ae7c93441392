import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { createEngine } from '../../service/src/engine/engine.ts';
import { flowSchema } from '../../service/src/engine/flow.ts';
import { createApp } from '../../service/src/http/app.ts';
import { createMetrics } from '../../service/src/http/metrics.ts';
import { createConnectionRegistry } from '../../service/src/engine/connection-registry.ts';
import type { ConnectorModule, PushFace } from '../../service/src/engine/connector.ts';
import { createModuleRegistry } from '../../service/src/engine/module-registry.ts';
import { createPushService } from '../../service/src/engine/push.ts';
import { ConnectorError } from '../../service/src/lib/errors.ts';
import { createLogger } from '../../service/src/lib/logger.ts';
import { storeEngines, type TestStore } from '../helpers/stores.ts';
import { createFakeFeed, createFakeWriter } from '../engine/fakes.ts';

const API_KEY = 'test-api-key-0123456789abcdef';
const SECRET = 'hunter2-very-secret-password';

function fakeModule(feed: ReturnType<typeof createFakeFeed>['feed'], writer: ReturnType<typeof createFakeWriter>['writer']): ConnectorModule {
  const configSchema = z.object({ baseUrl: z.url() }).strict();
  return {
    system: 'fake',
    displayName: 'Fake',
    configSchema,
    catalog: [],
    transforms: {},
    secretKeys: ['password'],
    validate(config, secrets) {
      const r = configSchema.safeParse(config);
      const problems = r.success ? [] : r.error.issues.map((i) => `config.${i.path.join('.')}: ${i.message}`);
      if (!secrets.password) problems.push('secrets.password: required');
      return problems;
    },
    create(conn) {
      return {
        id: conn.id,
        system: 'fake',
        feed: () => feed,
        writer: () => writer,
        async test() {
          return conn.secrets.password === SECRET
            ? [{ name: 'auth', ok: true, message: 'signed in' }]
            : [{ name: 'auth', ok: false, message: 'the system refused the password: check secrets.password' }];
        },
        gauges: () => ({ in_flight: 0 }),
        // The source system pushes changes and holds one subscription per entity for us.
        ...(conn.id === 'src' ? { push: pushFace } : {}),
        close: async () => {},
      };
    },
  };
}

/** A push face whose upkeep creates, then keeps, one subscription. */
const pushFace: PushFace = {
  bodyLimitBytes: 1_000,
  timeoutMs: 5_000,
  upkeepIntervalMs: 60_000,
  receive: async () => ({ response: { status: 202, headers: {}, body: '' }, changes: [], catchUp: [] }),
  async upkeep(stored) {
    const existing = stored.find((s) => s.key === 'things');
    const state = [{ key: 'things', entity: 'things', externalId: 'sub-1', expiresAt: new Date('2030-01-01T00:00:00Z'), lastRenewedAt: existing?.lastRenewedAt ?? new Date('2026-01-01T00:00:00Z'), lastError: null, state: {} }];
    return { state, catchUp: existing ? [] : ['things'], health: [{ key: 'things', entity: 'things', ok: true, action: existing ? 'unchanged' : 'created', message: existing ? 'kept' : 'created' }] };
  },
};

const [engineCase] = await storeEngines();

describe('admin API', () => {
  let store: TestStore;
  let app: ReturnType<typeof createApp>;
  const logLines: string[] = [];
  const { feed } = createFakeFeed([{ id: 'a1', modified: 1, data: { code: 'A1', name: 'Alpha' } }]);
  const { writer, state } = createFakeWriter(10);

  beforeAll(async () => {
    store = await engineCase!.open();
    const logger = createLogger({
      level: 'debug',
      destination: new Writable({ write: (chunk, _enc, cb) => (logLines.push(String(chunk)), cb()) }),
    });
    const modules = createModuleRegistry([fakeModule(feed, writer)]);
    const connections = createConnectionRegistry({ store, modules: modules.modules, logger });
    await connections.upsert({ id: 'src', system: 'fake', name: 'Source', config: { baseUrl: 'https://src.example.com' }, secrets: { password: SECRET } });
    await connections.upsert({ id: 'dst', system: 'fake', name: 'Target', config: { baseUrl: 'https://dst.example.com' }, secrets: { password: SECRET } });
    const flow = flowSchema.parse({
      id: 'fake-flow',
      name: 'Fake flow',
      source: { connection: 'src', entity: 'things' },
      target: { connection: 'dst', entity: 'Thing', matchField: 'Ext__c' },
      matchKey: { source: 'code' },
      mapping: [{ target: 'Name', source: 'name', required: true }],
      schedule: { intervalMs: 60_000 },
    });
    const metrics = createMetrics({ defaultMetrics: false });
    const engine = createEngine({ store, flows: [flow], connections, transforms: modules.transforms, logger, metrics: metrics.engine });
    const push = createPushService({ store, connections, engine, logger });
    app = createApp({ store, engine, connections, modules, push, metrics, logger, apiKey: API_KEY });
  });
  afterAll(async () => {
    await store.close();
  });

  const auth = { 'X-API-Key': API_KEY, 'Content-Type': 'application/json' };

  it('serves health, readiness and metrics without a key', async () => {
    expect((await app.request('/health')).status).toBe(200);
    const ready = await app.request('/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    const metrics = await app.request('/metrics');
    expect(metrics.headers.get('content-type')).toMatch(/text\/plain/);
    expect(await metrics.text()).toContain('mlc_parked_records');
  });

  it('refuses /api without the right key, with the error envelope', async () => {
    const none = await app.request('/api/flows');
    expect(none.status).toBe(401);
    const body = await none.json();
    expect(body).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(body.requestId).toBeTruthy();
    expect((await app.request('/api/flows', { headers: { 'X-API-Key': 'wrong' } })).status).toBe(401);
    expect((await app.request('/api/flows', { headers: { Authorization: `Bearer ${API_KEY}` } })).status).toBe(200);
  });

  it('creates connections with write-only secrets and never returns or logs them', async () => {
    const res = await app.request('/api/connections', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ id: 'third', system: 'fake', name: 'Third', config: { baseUrl: 'https://x.example.com' }, secrets: { password: SECRET } }),
    });
    expect(res.status).toBe(201);
    const listed = await (await app.request('/api/connections', { headers: auth })).text();
    expect(listed).not.toContain(SECRET);
    expect(JSON.parse(listed).connections.find((c: { id: string }) => c.id === 'third')).toMatchObject({ secretNames: ['password'] });
    expect(logLines.join('')).not.toContain(SECRET);
  });

  it('answers bad input with 400 naming the field, never a stack trace', async () => {
    const res = await app.request('/api/connections', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ id: 'Bad Id', system: 'fake', name: 'x', config: { baseUrl: 'not a url' }, secrets: {} }),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe('BAD_REQUEST');
    expect(body.message).toMatch(/^id: /);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);

    const invalidConfig = await app.request('/api/connections', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ id: 'fourth', system: 'fake', name: 'x', config: { baseUrl: 'not a url', password: 'oops' }, secrets: {} }),
    });
    expect(invalidConfig.status).toBe(400);
    const msg = (await invalidConfig.json()).message as string;
    expect(msg).toContain('config.password: secrets go in "secrets"');
    expect(msg).toContain('config.baseUrl');
    expect(msg).toContain('secrets.password: required');

    const notJson = await app.request('/api/connections', { method: 'POST', headers: auth, body: '{nope' });
    expect(notJson.status).toBe(400);

    const badQuery = await app.request('/api/audit?limit=0', { headers: auth });
    expect(badQuery.status).toBe(400);
    expect((await badQuery.json()).message).toMatch(/^limit: /);
  });

  it('tests a connection and says what to fix', async () => {
    await app.request('/api/connections', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ id: 'third', system: 'fake', name: 'Third', config: { baseUrl: 'https://x.example.com' }, secrets: { password: 'wrong' } }),
    });
    const res = await app.request('/api/connections/third/test', { method: 'POST', headers: auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, checks: [{ name: 'auth', ok: false }] });
    expect((await app.request('/api/connections/nope/test', { method: 'POST', headers: auth })).status).toBe(404);
  });

  it('runs a flow, lists it, and exposes audit and the error queue', async () => {
    const run = await app.request('/api/flows/fake-flow/run?wait=true', { method: 'POST', headers: auth });
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({ status: 'succeeded', stats: { created: 1 } });
    const flows = await (await app.request('/api/flows', { headers: auth })).json();
    expect(flows.flows[0]).toMatchObject({ id: 'fake-flow', enabled: true, parked: 0, lastRun: { status: 'succeeded' } });
    const audit = await (await app.request('/api/audit?recordId=a1', { headers: auth })).json();
    expect(audit.events.map((e: { outcome: string }) => e.outcome)).toEqual(['created']);
    expect((await app.request('/api/flows/nope/run', { method: 'POST', headers: auth })).status).toBe(404);
    const queued = await app.request('/api/flows/fake-flow/run', { method: 'POST', headers: auth });
    expect(queued.status).toBe(202);
    expect((await queued.json()).jobId).toMatch(/^run:fake-flow:/);
    expect(state.calls).toBe(1);
  });

  it('replays parked records by id and by filter', async () => {
    const errors = await app.request('/api/errors/replay', { method: 'POST', headers: auth, body: JSON.stringify({}) });
    expect(errors.status).toBe(400);
    expect((await errors.json()).message).toMatch(/say which records to replay/);
    await store.parked.park([{ flowId: 'fake-flow', sourceId: 'a1', sourceVersion: '0', category: 'transient', reason: 'timeout', payload: { id: 'a1', version: '0', op: 'upsert', data: { code: 'A1', name: 'Alpha' } } }]);
    const listed = await (await app.request('/api/errors?flowId=fake-flow', { headers: auth })).json();
    expect(listed.parked).toHaveLength(1);
    const one = await app.request(`/api/errors/${listed.parked[0].id}/replay`, { method: 'POST', headers: auth });
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ sourceId: 'a1' });
    expect(await store.parked.count({ flowId: 'fake-flow' })).toBe(0);
    expect((await app.request('/api/errors/999999/replay', { method: 'POST', headers: auth })).status).toBe(404);
  });

  it('shows a connection\'s push subscriptions and runs their upkeep now', async () => {
    const before = await app.request('/api/connections/src/push', { headers: auth });
    expect(before.status).toBe(200);
    expect(await before.json()).toEqual({ connection: 'src', subscriptions: [] });
    const upkeep = await app.request('/api/connections/src/push/upkeep', { method: 'POST', headers: auth });
    expect(upkeep.status).toBe(200);
    const report = await upkeep.json();
    expect(report).toMatchObject({ connectionId: 'src', ran: true, catchUp: ['things'], health: [{ key: 'things', ok: true, action: 'created' }] });
    expect(report.subscriptions).toEqual([{ key: 'things', entity: 'things', externalId: 'sub-1', expiresAt: '2030-01-01T00:00:00.000Z', lastRenewedAt: '2026-01-01T00:00:00.000Z', lastError: null, state: {} }]);
    const again = await app.request('/api/connections/src/push/upkeep', { method: 'POST', headers: auth });
    expect((await again.json()).health[0]).toMatchObject({ action: 'unchanged' });
    expect((await app.request('/api/connections/dst/push', { headers: auth })).status).toBe(404);
    expect((await app.request('/api/connections/dst/push/upkeep', { method: 'POST', headers: auth })).status).toBe(404);
    expect((await app.request('/api/connections/src/push', {})).status).toBe(401);
  });

  it('maps connector errors to statuses without leaking internals', async () => {
    const { Hono } = await import('hono');
    const { toErrorResponse } = await import('../../service/src/http/errors.ts');
    const probe = new Hono();
    probe.onError((err, c) => toErrorResponse(err, c, createLogger({ level: 'silent' })));
    probe.get('/busy', () => {
      throw new ConnectorError('transient', 'GP is busy', { retryAfterMs: 2_500 });
    });
    probe.get('/auth', () => {
      throw new ConnectorError('auth', 'Salesforce refused the client credentials', { code: 'invalid_client' });
    });
    probe.get('/bug', () => {
      throw new TypeError('secret-laden internals at /srv/app.ts:42');
    });
    const busy = await probe.request('/busy');
    expect(busy.status).toBe(503);
    expect(busy.headers.get('Retry-After')).toBe('3');
    expect(await busy.json()).toMatchObject({ code: 'TRANSIENT', message: 'GP is busy' });
    const authFailure = await probe.request('/auth');
    expect(authFailure.status).toBe(502);
    expect(await authFailure.json()).toMatchObject({ code: 'invalid_client' });
    const bug = await probe.request('/bug');
    expect(bug.status).toBe(500);
    const body = await bug.text();
    expect(body).not.toContain('secret-laden');
    expect(JSON.parse(body)).toMatchObject({ code: 'INTERNAL' });
    expect((await app.request('/api/nothing-here', { headers: auth })).status).toBe(404);
  });
});
