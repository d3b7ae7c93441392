import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFlow } from '../../service/src/engine/runner.ts';
import { flowSchema, type FlowDefinition } from '../../service/src/engine/flow.ts';
import { ConnectorError } from '../../service/src/lib/errors.ts';
import { createTransformRegistry } from '../../service/src/engine/transforms.ts';
import { silentLogger } from '../../service/src/lib/logger.ts';
import { storeEngines, type TestStore } from '../helpers/stores.ts';
import { createFakeFeed, createFakeWriter, type FakeRow } from './fakes.ts';

const TRANSFORMS = createTransformRegistry();

const engines = await storeEngines();

let flowSeq = 0;
function makeFlow(): FlowDefinition {
  return flowSchema.parse({
    id: `test-flow-${++flowSeq}`,
    name: 'test',
    source: { connection: 'src', entity: 'customers' },
    target: { connection: 'dst', entity: 'Account', matchField: 'Ext__c' },
    matchKey: { source: 'code', transforms: ['trim', 'upper'] },
    mapping: [
      { target: 'Name', source: 'name', transforms: ['trim'], required: true, maxLength: 20 },
      { target: 'Synced__c', value: null, transforms: ['now'], excludeFromHash: true },
    ],
    schedule: { intervalMs: 60_000 },
    pageSize: 4,
  });
}

function rows(n: number, modified = 1): FakeRow[] {
  return Array.from({ length: n }, (_, i) => ({ id: `c${String(i).padStart(3, '0')}`, modified, data: { code: ` c${i} `, name: `Customer ${i}` } }));
}

const noSleep = { sleep: async () => {} };

describe.each(engines)('runner on $name', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await engine.open();
  });
  afterAll(async () => {
    await store.close();
  });

  it('first run creates every record, second writes nothing, a changed record updates exactly one', async () => {
    const flow = makeFlow();
    const source = rows(10);
    const { feed } = createFakeFeed(source);
    const { writer, target, state } = createFakeWriter(3);
    const deps = { store, feed, writer, logger: silentLogger(), transforms: TRANSFORMS, ...noSleep };

    const first = await runFlow(flow, deps);
    expect(first.status).toBe('succeeded');
    expect(first.stats).toMatchObject({ read: 10, created: 10, updated: 0, parked: 0 });
    expect(target.size).toBe(10);
    expect(state.calls).toBe(5); // pages of 4 in batches of ≤3: 2 + 2 + 1

    await store.cursors.set(flow.id, null); // re-read everything: same versions → seen, nothing written
    const second = await runFlow(flow, deps);
    expect(second.stats).toMatchObject({ read: 10, created: 0, updated: 0, seen: 10 });
    expect(state.calls).toBe(5);

    const row = source[3]!;
    row.modified = 2;
    row.data.name = 'Renamed';
    const third = await runFlow(flow, deps);
    expect(third.stats).toMatchObject({ created: 0, updated: 1 });
    expect(target.get('C3')?.fields.Name).toBe('Renamed');

    const audit = await store.audit.query({ flowId: flow.id, recordId: 'c003' });
    expect(audit.map((e) => e.outcome)).toEqual(['updated', 'created']);
  });

  it('a new version with identical mapped content is audited as unchanged, not written', async () => {
    const flow = makeFlow();
    const source = rows(2);
    const { feed } = createFakeFeed(source);
    const { writer, state } = createFakeWriter(3);
    const deps = { store, feed, writer, logger: silentLogger(), transforms: TRANSFORMS, ...noSleep };
    await runFlow(flow, deps);
    source[0]!.modified = 5;
    source[0]!.data.unmapped = 'changed but not mapped';
    const r = await runFlow(flow, deps);
    expect(r.stats).toMatchObject({ unchanged: 1, updated: 0 });
    expect(state.calls).toBe(1);
    const [last] = await store.audit.query({ flowId: flow.id, recordId: 'c000', limit: 1 });
    expect(last?.outcome).toBe('unchanged');
  });

  it('parks a per-record failure, keeps the rest, and replay succeeds once the cause is fixed', async () => {
    const flow = makeFlow();
    const source = rows(5);
    const { feed } = createFakeFeed(source);
    const { writer, target, state } = createFakeWriter(3);
    state.rejectKeys.set('C2', new ConnectorError('validation', 'Name: custom validation rule failed', { code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' }));
    const deps = { store, feed, writer, logger: silentLogger(), transforms: TRANSFORMS, ...noSleep };
    const r = await runFlow(flow, deps);
    expect(r.stats).toMatchObject({ created: 4, parked: 1 });
    expect(target.has('C2')).toBe(false);
    const parked = await store.parked.list({ flowId: flow.id, status: 'parked' });
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({ sourceId: 'c002', category: 'validation' });
    // cursor advanced past the parked record: it has a durable outcome
    expect(await store.cursors.get(flow.id)).toEqual({ modified: 1, id: 'c004' });

    // A later run that re-reads the same version does not hammer the target with it again.
    await store.cursors.set(flow.id, null);
    const callsBefore = state.calls;
    const again = await runFlow(flow, deps);
    expect(again.stats.parked).toBe(0);
    expect(again.stats.seen).toBe(5);
    expect(state.calls).toBe(callsBefore);

    state.rejectKeys.clear();
    const { createEngine } = await import('../../service/src/engine/engine.ts');
    const eng = createEngine({
      store,
      flows: [flow],
      logger: silentLogger(), transforms: TRANSFORMS,
      connections: {
        get: (id: string) => ({ id, system: 'fake', feed: () => feed, writer: () => writer, test: async () => [], close: async () => {} }),
        list: () => [],
      },
      ...noSleep,
    });
    const results = await eng.replay({ ids: [parked[0]!.id] });
    expect(results).toEqual([expect.objectContaining({ sourceId: 'c002', outcome: 'created' })]);
    expect(target.has('C2')).toBe(true);
    expect(await store.parked.count({ flowId: flow.id })).toBe(0);
  });

  it('a mapping failure parks the record as a validation error naming the field', async () => {
    const flow = makeFlow();
    const source = rows(2);
    source[1]!.data.name = 'A name that is far too long for the target';
    const { feed } = createFakeFeed(source);
    const { writer } = createFakeWriter(3);
    const r = await runFlow(flow, { store, feed, writer, logger: silentLogger(), transforms: TRANSFORMS, ...noSleep });
    expect(r.stats).toMatchObject({ created: 1, parked: 1 });
    const [p] = await store.parked.list({ flowId: flow.id });
    expect(p?.category).toBe('validation');
    expect(p?.reason).toMatch(/Name is 42 characters long; the target allows 20/);
  });

  it('an auth failure of the feed fails the run, writes nothing and leaves the cursor', async () => {
    const flow = makeFlow();
    const { feed, state: feedState } = createFakeFeed(rows(3));
    const { writer, state } = createFakeWriter(3);
    await store.cursors.set(flow.id, { modified: 0, id: '' });
    feedState.failNext = new ConnectorError('auth', 'GP refused the Windows credentials for FABRIKAM\\svc', { status: 401 });
    const r = await runFlow(flow, { store, feed, writer, logger: silentLogger(), transforms: TRANSFORMS, ...noSleep });
    expect(r.status).toBe('failed');
    expect(r.error?.category).toBe('auth');
    expect(state.calls).toBe(0);
    expect(await store.cursors.get(flow.id)).toEqual({ modified: 0, id: '' });
    const [failed] = await store.audit.query({ flowId: flow.id, outcome: 'run_failed' });
    expect(failed?.errorCategory).toBe('auth');
  });

  it('retries a transient write failure honouring Retry-After, with backoff', async () => {
    const flow = makeFlow();
    const { feed } = createFakeFeed(rows(2));
    const { writer, state, target } = createFakeWriter(3);
    state.throwNext.push(new ConnectorError('transient', 'Too Many Requests', { status: 429, retryAfterMs: 7_000 }));
    const waits: number[] = [];
    const r = await runFlow(flow, { store, feed, writer, logger: silentLogger(), transforms: TRANSFORMS, sleep: async (ms: number) => void waits.push(ms) });
    expect(r.status).toBe('succeeded');
    expect(target.size).toBe(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(7_000);
  });

  it('a crash in the middle of a page loses nothing and duplicates nothing after restart', async () => {
    const flow = makeFlow();
    const source = rows(10);
    const { feed } = createFakeFeed(source);
    const { writer, state, target } = createFakeWriter(3);
    state.crashAfterCalls = 2; // page 1 (4 records) = calls 1-2; page 2 dies on its first call
    const crashed = await runFlow(flow, { store, feed, writer, logger: silentLogger(), transforms: TRANSFORMS, ...noSleep, retryPolicy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } });
    expect(crashed.status).toBe('failed');
    const cursorAfterCrash = await store.cursors.get(flow.id);
    expect(cursorAfterCrash).toEqual({ modified: 1, id: 'c003' });
    state.crashAfterCalls = Infinity;
    const restarted = await runFlow(flow, { store, feed, writer, logger: silentLogger(), transforms: TRANSFORMS, ...noSleep });
    expect(restarted.status).toBe('succeeded');
    expect(target.size).toBe(10);
    expect([...target.keys()].sort()).toEqual(source.map((r) => r.data.code as string).map((c) => c.trim().toUpperCase()).sort());
    expect(restarted.stats.created).toBe(6);
  });
});
