import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { hashLockKey } from '../../service/src/store/locks.ts';
import { storeEngines, testDatabaseUrl, type TestStore } from '../helpers/stores.ts';

const engines = await storeEngines();

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe.each(engines)('transactions and locks on $name', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await engine.open();
  });
  afterAll(async () => {
    await store.close();
  });

  it('commits everything written through tx, and returns fn’s value', async () => {
    const value = await store.transaction(async (tx) => {
      await tx.cursors.set('tx-flow', { n: 1 });
      await tx.jobs.enqueue([{ id: 'tx-job', kind: 'k', payload: null }]);
      await tx.audit.append([{ flowId: 'tx-flow', runId: 'r', outcome: 'created' }]);
      return 42;
    });
    expect(value).toBe(42);
    expect(await store.cursors.get('tx-flow')).toEqual({ n: 1 });
    expect(await store.jobs.get('tx-job')).toBeDefined();
  });

  it('rolls back every repository when fn throws (cursor, job, link, park, audit, connection)', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.cursors.set('tx-flow', { n: 2 });
        await tx.jobs.enqueue([{ id: 'rolled-back', kind: 'k', payload: null }]);
        await tx.links.upsert([{ flowId: 'tx-flow', sourceConnection: 'a', sourceEntity: 'E', sourceId: 'S', targetConnection: 'b', targetEntity: 'E', targetId: 'T', targetKey: 'K', contentHash: 'h', sourceVersion: '1' }]);
        await tx.parked.park([{ flowId: 'tx-flow', sourceId: 'S', sourceVersion: '1', category: 'validation', reason: 'r', payload: null }]);
        await tx.audit.append([{ flowId: 'tx-flow', runId: 'r2', outcome: 'updated' }]);
        await tx.connections.upsert({ id: 'tx-conn', system: 's', name: 'n', config: {}, secrets: { password: 'p' } });
        await tx.flows.setEnabled('tx-flow', true);
        await tx.runs.start({ id: 'tx-run', flowId: 'tx-flow', trigger: 't' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.cursors.get('tx-flow')).toEqual({ n: 1 });
    expect(await store.jobs.get('rolled-back')).toBeUndefined();
    expect((await store.links.get('tx-flow', ['S'])).size).toBe(0);
    expect(await store.parked.count({ flowId: 'tx-flow' })).toBe(0);
    expect((await store.audit.query({ flowId: 'tx-flow' })).map((e) => e.runId)).toEqual(['r']);
    expect(await store.connections.get('tx-conn')).toBeUndefined();
    expect(await store.flows.isEnabled('tx-flow')).toBeUndefined();
    expect(await store.runs.list({ flowId: 'tx-flow' })).toEqual([]);
  });

  it('a failed statement inside tx rolls back the earlier writes too', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.cursors.set('tx-flow', { n: 3 });
        await tx.runs.start({ id: 'dup-run', flowId: 'f', trigger: 't' });
        await tx.runs.start({ id: 'dup-run', flowId: 'f', trigger: 't' });
      }),
    ).rejects.toThrow();
    expect(await store.cursors.get('tx-flow')).toEqual({ n: 1 });
  });

  it('withLock: a second holder is refused while the first runs; other keys are independent', async () => {
    const inside = deferred();
    const release = deferred();
    const first = store.withLock('poll:gp-main', async () => {
      inside.resolve();
      await release.promise;
      return 'first';
    });
    await inside.promise;
    expect(await store.withLock('poll:gp-main', async () => 'second')).toEqual({ acquired: false });
    expect(await store.withLock('poll:sf', async () => 'other key')).toEqual({ acquired: true, value: 'other key' });
    release.resolve();
    expect(await first).toEqual({ acquired: true, value: 'first' });
    expect(await store.withLock('poll:gp-main', async () => 'after')).toEqual({ acquired: true, value: 'after' });
  });

  it('withLock: releases the lock when fn throws, and rethrows', async () => {
    await expect(store.withLock('k', async () => {
      throw new Error('fn failed');
    })).rejects.toThrow('fn failed');
    expect(await store.withLock('k', async () => 1)).toEqual({ acquired: true, value: 1 });
  });

  it('withLock: concurrent callers on one key never overlap', async () => {
    let active = 0;
    let maxActive = 0;
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        store.withLock('contended', async () => {
          active++;
          maxActive = Math.max(maxActive, active);
          await new Promise((r) => setTimeout(r, 30));
          active--;
          return true;
        }),
      ),
    );
    expect(maxActive).toBe(1);
    expect(results.filter((r) => r.acquired).length).toBeGreaterThanOrEqual(1);
    expect(results.filter((r) => !r.acquired).length).toBeGreaterThanOrEqual(1);
  });
});

describe.each(engines.filter((e) => e.name === 'postgres'))('advisory locks on $name', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await engine.open();
  });
  afterAll(async () => {
    await store.close();
  });

  /** Sessions holding the advisory lock for `key` (a bigint key shows in pg_locks as classid:objid, objsubid 1). */
  async function countHolders(key: string): Promise<number> {
    const [schemaRow] = await store.queryRaw('select current_schema() as name');
    const lockKey = BigInt.asUintN(64, BigInt(hashLockKey(String(schemaRow?.name), key)));
    const rows = await store.queryRaw(
      `select count(*)::int as n from pg_locks
        where locktype = 'advisory' and granted and objsubid = 1 and classid = $1::oid and objid = $2::oid`,
      [String(lockKey >> 32n), String(lockKey & 0xffffffffn)],
    );
    return Number(rows[0]?.n);
  }

  it('holds a real session advisory lock (namespaced by schema) while fn runs, and none after', async () => {
    expect(await store.withLock('visible', () => countHolders('visible'))).toEqual({ acquired: true, value: 1 });
    expect(await countHolders('visible')).toBe(0);
  });

  it('a lock held by another session (another replica) refuses this store', async () => {
    const [schemaRow] = await store.queryRaw('select current_schema() as name');
    const key = hashLockKey(String(schemaRow?.name), 'replica');
    const other = postgres(testDatabaseUrl(), { max: 1, onnotice: () => {} });
    try {
      await other`select pg_advisory_lock(${key}::bigint)`;
      expect(await store.withLock('replica', async () => 'ran')).toEqual({ acquired: false });
      await other`select pg_advisory_unlock(${key}::bigint)`;
      expect(await store.withLock('replica', async () => 'ran')).toEqual({ acquired: true, value: 'ran' });
    } finally {
      await other.end();
    }
  });
});
