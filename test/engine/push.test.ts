/**
 * Generic push (engine/push.ts) with a scripted push face on a real store: pushed changes become one sync job per
 * enabled flow reading (connection, entity); a replayed notification — with a version or without one — queues
 * nothing new; deletes queue nothing; catch-ups become runs; the answer comes within the sender's timeout; upkeep
 * gets the stored subscriptions and its result is stored; the engine's schedule queues one upkeep per interval.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushFace, PushReceipt, PushRequest, PushSubscriptionState, PushUpkeepResult } from '../../service/src/engine/connector.ts';
import type { ConnectionResolver, ConnectionRuntime } from '../../service/src/engine/connections.ts';
import { flowSchema, type FlowDefinition } from '../../service/src/engine/flow.ts';
import { createPushService, PUSH_UPKEEP_JOB } from '../../service/src/engine/push.ts';
import type { PeriodicTask } from '../../service/src/engine/scheduler.ts';
import { silentLogger } from '../../service/src/lib/logger.ts';
import { storeEngines, type TestStore } from '../helpers/stores.ts';

const CONNECTION = 'crm';
const flow = (id: string, entity: string): FlowDefinition =>
  flowSchema.parse({
    id,
    name: id,
    source: { connection: CONNECTION, entity },
    target: { connection: 'erp', entity: 'Thing', matchField: 'Ext__c' },
    matchKey: { source: 'id' },
    mapping: [{ target: 'Name', source: 'name' }],
    schedule: { cron: '0 0 1 1 *' },
  });
const FLOWS = [flow('accounts-a', 'accounts'), flow('accounts-b', 'accounts'), flow('contacts', 'contacts'), flow('off', 'accounts')];

/** A push face answering from a script: what the next notification carries, and what upkeep does. */
function scriptedFace() {
  const script = {
    receipt: { response: { status: 202, headers: {}, body: '' }, changes: [], catchUp: [] } as PushReceipt,
    delayMs: 0,
    upkeeps: [] as PushSubscriptionState[][],
    upkeepResult: { state: [], catchUp: [], health: [] } as PushUpkeepResult,
  };
  const face: PushFace = {
    bodyLimitBytes: 1_000,
    timeoutMs: 1_000,
    upkeepIntervalMs: 60 * 60_000,
    async receive(_req: PushRequest) {
      if (script.delayMs) await new Promise((r) => setTimeout(r, script.delayMs));
      return structuredClone(script.receipt);
    },
    async upkeep(stored) {
      script.upkeeps.push(stored);
      return script.upkeepResult;
    },
  };
  return { face, script };
}

const [pglite] = await storeEngines();

describe('generic push', () => {
  let store: TestStore;
  const { face, script } = scriptedFace();
  const runtime = { id: CONNECTION, system: 'crm', push: face } as unknown as ConnectionRuntime;
  const plain = { id: 'erp', system: 'erp' } as unknown as ConnectionRuntime;
  const connections: ConnectionResolver = {
    get: (id) => {
      const rt = [runtime, plain].find((r) => r.id === id);
      if (!rt) throw new Error(`no connection ${id}`);
      return rt;
    },
    list: () => [runtime, plain],
  };
  const runs: Array<{ flowId: string; trigger: string; slot?: string }> = [];
  const slots = new Set<string>();
  // Like the engine's requestRun: a slot asked for twice queues one run.
  const engine = {
    flows: () => FLOWS,
    requestRun: async (flowId: string, trigger: string, slot?: string) => {
      if (slot !== undefined && slots.has(`${flowId}:${slot}`)) return;
      if (slot !== undefined) slots.add(`${flowId}:${slot}`);
      runs.push({ flowId, trigger, ...(slot !== undefined ? { slot } : {}) });
    },
  };
  let push: ReturnType<typeof createPushService>;
  const notify = (changes: PushReceipt['changes'], catchUp: string[] = []) => {
    script.receipt = { response: { status: 202, headers: { 'content-type': 'text/plain' }, body: '' }, changes, catchUp };
    return push.receive(CONNECTION, { method: 'POST', query: {}, headers: {}, body: '{}' });
  };
  const syncJobs = async () => (await store.queryRaw(`select id from jobs where kind = 'sync' order by id`)).map((r) => String(r.id));

  beforeAll(async () => {
    store = await pglite!.open();
    await store.flows.setEnabled('off', false);
    push = createPushService({ store, connections, engine, logger: silentLogger() });
  });
  afterAll(async () => {
    await store.close();
  });

  it('queues one sync job per changed record and enabled flow reading its entity, and answers with the face\'s response', async () => {
    const res = await notify([
      { entity: 'accounts', id: 'A1', op: 'upsert', version: 'v1' },
      { entity: 'contacts', id: 'C1', op: 'upsert', version: 'v7' },
      { entity: 'leads', id: 'L1', op: 'upsert', version: 'v1' },
    ]);
    expect(res).toEqual({ status: 202, headers: { 'content-type': 'text/plain' }, body: '' });
    expect(await syncJobs()).toEqual(['sync:accounts-a:A1@v1', 'sync:accounts-b:A1@v1', 'sync:contacts:C1@v7']);
    const [job] = await store.queryRaw(`select payload from jobs where id = 'sync:contacts:C1@v7'`);
    expect(job?.payload).toEqual({ flowId: 'contacts', sourceIds: ['C1'], trigger: 'webhook' });
  });

  it('queues nothing new when the same notification arrives again; a new version queues again', async () => {
    const before = await syncJobs();
    await notify([{ entity: 'accounts', id: 'A1', op: 'upsert', version: 'v1' }]);
    expect(await syncJobs()).toEqual(before);
    await notify([{ entity: 'accounts', id: 'A1', op: 'upsert', version: 'v2' }]);
    expect((await syncJobs()).filter((id) => id.includes('A1@v2'))).toEqual(['sync:accounts-a:A1@v2', 'sync:accounts-b:A1@v2']);
  });

  it('dedupes a notification without a version on a digest of its item, so a replay queues nothing', async () => {
    const item = { resource: 'accounts/A9', changeType: 'updated', sequence: 41 };
    const before = (await syncJobs()).length;
    await notify([{ entity: 'accounts', id: 'A9', op: 'upsert', item }]);
    const first = await syncJobs();
    expect(first.length - before).toBe(2);
    expect(first.filter((id) => id.includes('A9@digest:'))).toHaveLength(2);
    await notify([{ entity: 'accounts', id: 'A9', op: 'upsert', item: { ...item } }]);
    expect(await syncJobs()).toEqual(first);
    await notify([{ entity: 'accounts', id: 'A9', op: 'upsert', item: { ...item, sequence: 42 } }]);
    expect((await syncJobs()).length).toBe(first.length + 2);
  });

  it('queues nothing for deletes (flows never delete), and turns catch-up entities into runs, once per notification', async () => {
    const before = await syncJobs();
    runs.length = 0;
    await notify([{ entity: 'accounts', id: 'A1', op: 'delete', version: 'gone' }], ['contacts', 'accounts']);
    expect(await syncJobs()).toEqual(before);
    expect(runs).toEqual([
      { flowId: 'contacts', trigger: 'webhook', slot: expect.stringMatching(/^push:[0-9a-f]{32}$/) },
      { flowId: 'accounts-a', trigger: 'webhook', slot: expect.stringMatching(/^push:/) },
      { flowId: 'accounts-b', trigger: 'webhook', slot: expect.stringMatching(/^push:/) },
    ]);
    // The same notification again asks for the same slots: no new run.
    await notify([], ['contacts']);
    expect(runs).toHaveLength(3);
    await push.receive(CONNECTION, { method: 'POST', query: {}, headers: {}, body: '{"another":"notification"}' });
    expect(runs).toHaveLength(4);
  });

  it('answers 404 for a connection without a push face (the sender drops its subscription)', async () => {
    expect((await push.receive('erp', { method: 'POST', query: {}, headers: {}, body: '' })).status).toBe(404);
    expect((await push.receive('nope', { method: 'POST', query: {}, headers: {}, body: '' })).status).toBe(404);
    expect(push.face('erp')).toBeUndefined();
    expect(push.face(CONNECTION)).toBe(face);
  });

  it('answers 503 + Retry-After when it cannot queue within the sender\'s timeout; the retry is deduped', async () => {
    script.delayMs = 2_000;
    try {
      const res = await notify([{ entity: 'contacts', id: 'C2', op: 'upsert', version: 'v1' }]);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('30');
    } finally {
      script.delayMs = 0;
    }
    // The late work still queued the change; the sender's retry finds it queued and adds nothing.
    const deadline = Date.now() + 20_000;
    while (!(await syncJobs()).includes('sync:contacts:C2@v1')) {
      if (Date.now() > deadline) throw new Error('the late notification was never queued');
      await new Promise((r) => setTimeout(r, 50));
    }
    const before = await syncJobs();
    expect((await notify([{ entity: 'contacts', id: 'C2', op: 'upsert', version: 'v1' }])).status).toBe(202);
    expect(await syncJobs()).toEqual(before);
  });

  it('runs upkeep with the stored subscriptions, stores its result, and polls what it caught up', async () => {
    const row = (key: string, over: Partial<PushSubscriptionState> = {}): PushSubscriptionState => ({
      key,
      entity: 'accounts',
      externalId: `sub-${key}`,
      expiresAt: new Date('2030-01-01T00:00:00Z'),
      lastRenewedAt: null,
      lastError: null,
      state: { etag: key },
      ...over,
    });
    script.upkeepResult = { state: [row('accounts'), row('contacts', { entity: 'contacts' })], catchUp: ['contacts'], health: [{ key: 'accounts', entity: 'accounts', ok: true, action: 'created', message: 'created' }] };
    runs.length = 0;
    const first = await push.upkeep(CONNECTION);
    expect(first).toMatchObject({ connectionId: CONNECTION, ran: true, catchUp: ['contacts'] });
    expect(runs).toEqual([{ flowId: 'contacts', trigger: 'subscription-catch-up' }]);
    expect(script.upkeeps.at(-1)).toEqual([]);
    expect((await push.subscriptions(CONNECTION)).map((r) => r.key)).toEqual(['accounts', 'contacts']);

    // The next upkeep sees what the last one stored; a key it no longer returns is dropped.
    script.upkeepResult = { state: [row('accounts', { lastError: 'renewal refused' })], catchUp: [], health: [] };
    await push.upkeep(CONNECTION);
    expect(script.upkeeps.at(-1)).toEqual([row('accounts'), row('contacts', { entity: 'contacts' })]);
    expect(await push.subscriptions(CONNECTION)).toEqual([row('accounts', { lastError: 'renewal refused' })]);
    expect(await push.upkeep('erp')).toBeUndefined();
  });

  it('schedules upkeep on the engine: one job per connection and interval, worked by the upkeep handler; old receipts pruned', async () => {
    const tasks: PeriodicTask[] = [];
    const handlers = new Map<string, (job: { payload: unknown }) => Promise<'done' | 'busy'>>();
    push.schedule({ addPeriodicTask: (t) => void tasks.push(t), addJobHandler: (kind, h) => void handlers.set(kind, h) });
    expect(tasks.map((t) => [t.name, t.everyMs])).toEqual([[PUSH_UPKEEP_JOB, 60_000]]);
    await tasks[0]!.tick();
    await tasks[0]!.tick();
    const jobs = await store.queryRaw(`select id, payload from jobs where kind = $1`, [PUSH_UPKEEP_JOB]);
    expect(jobs).toHaveLength(1);
    expect(String(jobs[0]?.id)).toMatch(/^push-upkeep:crm:\d{4}-\d{2}-\d{2}T\d{2}:00:00.000Z$/);
    const upkeeps = script.upkeeps.length;
    expect(await handlers.get(PUSH_UPKEEP_JOB)!({ payload: jobs[0]?.payload })).toBe('done');
    expect(script.upkeeps.length).toBe(upkeeps + 1);

    const aged = createPushService({ store, connections, engine, logger: silentLogger(), receiptRetentionMs: 1, now: () => Date.now() + 60_000 });
    const agedTasks: PeriodicTask[] = [];
    aged.schedule({ addPeriodicTask: (t) => void agedTasks.push(t), addJobHandler: () => {} });
    await agedTasks[0]!.tick();
    expect(await store.queryRaw('select * from push_receipts')).toEqual([]);
  });
});
