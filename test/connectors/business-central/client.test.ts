import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchOperation } from '../../../service/src/connectors/business-central/client.ts';
import type { BcCustomer } from '../../../service/src/connectors/business-central/entities.ts';
import { categorize, mapBcFailure } from '../../../service/src/connectors/business-central/errors.ts';
import { dateTimeLiteral } from '../../../service/src/connectors/business-central/odata.ts';
import { ConnectorError } from '../../../service/src/lib/errors.ts';
import type { BcSandbox } from '../../../service/sandbox/business-central/index.ts';
import { bcClient, customerBody, startBc } from './helpers.ts';

describe('business central client', () => {
  let sandbox: BcSandbox;
  beforeAll(async () => {
    sandbox = await startBc();
    for (let i = 0; i < 25; i++) sandbox.admin.createRecord('customers', customerBody(`C${String(i).padStart(3, '0')}`));
  });
  afterAll(() => sandbox.stop());

  it('pages by following @odata.nextLink verbatim', async () => {
    const client = bcClient(sandbox, { pageSize: 10 });
    sandbox.admin.resetCounters();
    const sizes: number[] = [];
    const ids = new Set<string>();
    for await (const page of client.pages<BcCustomer>('customers')) {
      sizes.push(page.value.length);
      for (const c of page.value) ids.add(c.id);
    }
    expect(sizes).toEqual([10, 10, 5]);
    expect(ids.size).toBe(25);
    expect(sandbox.admin.counters().byLabel['GET companies()/customers']).toBe(3);
  });

  it('filters on lastModifiedDateTime with an unquoted literal', async () => {
    const client = bcClient(sandbox);
    const mark = new Date(sandbox.admin.now()).toISOString();
    sandbox.admin.advanceClock(60_000);
    sandbox.admin.createRecord('customers', customerBody('LATE-1'));
    const rows = await client.listAll<BcCustomer>('customers', { filter: `lastModifiedDateTime gt ${dateTimeLiteral(mark)}` });
    expect(rows.map((r) => r.number)).toEqual(['LATE-1']);
  });

  it('surfaces a stale etag as a conflict, and updateWithRetryOnConflict re-reads and retries once', async () => {
    const client = bcClient(sandbox);
    const [row] = await client.listAll<BcCustomer>('customers', { filter: "number eq 'C001'" });
    if (!row) throw new Error('seed missing');
    sandbox.admin.updateRecord('customers', row.id, { city: 'Edited in BC' });
    const err = (await client.update('customers', row.id, String(row['@odata.etag']), { displayName: 'From SF' }).catch((e: unknown) => e)) as ConnectorError;
    expect(err.category).toBe('conflict');
    expect(err.code).toBe('Request_EntityChanged');

    let calls = 0;
    const updated = await client.updateWithRetryOnConflict<BcCustomer>('customers', row.id, (current) => {
      calls += 1;
      // A BC user saves the record between our read and our PATCH, once.
      if (calls === 1) sandbox.admin.updateRecord('customers', row.id, { phoneNumber: '555-0100' });
      return { displayName: `${current.city} / From SF` };
    });
    expect(calls).toBe(2);
    expect(updated).toMatchObject({ displayName: 'Edited in BC / From SF', phoneNumber: '555-0100' });

    let always = 0;
    const err2 = (await client
      .updateWithRetryOnConflict<BcCustomer>('customers', row.id, () => {
        always += 1;
        sandbox.admin.updateRecord('customers', row.id, { phoneNumber: `555-01${always}` });
        return { displayName: 'never lands' };
      })
      .catch((e: unknown) => e)) as ConnectorError;
    expect(always).toBe(2);
    expect(err2.category).toBe('conflict');
  });

  it('honours 429 + Retry-After: a transient error with retryAfterMs, and every caller waits it out', async () => {
    const client = bcClient(sandbox);
    await client.request('GET', 'items?$top=1'); // token first, so the window only sees API calls
    sandbox.admin.limits.reset();
    sandbox.admin.limits.set({ windowMs: 1_000, maxRequestsPerWindow: 2 });
    try {
      await client.request('GET', 'items?$top=1');
      await client.request('GET', 'items?$top=1');
      const err = (await client.request('GET', 'items?$top=1').catch((e: unknown) => e)) as ConnectorError;
      expect(err.category).toBe('transient');
      expect(err.status).toBe(429);
      expect(err.retryAfterMs).toBe(1_000);
      const started = Date.now();
      await expect(client.request('GET', 'items?$top=1')).resolves.toMatchObject({ status: 200 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    } finally {
      sandbox.admin.limits.set({ windowMs: 300_000, maxRequestsPerWindow: 6_000 });
      sandbox.admin.limits.reset();
    }
  });

  it('never causes a 429 itself under a burst: concurrency and the sliding window are kept client-side', async () => {
    const client = bcClient(sandbox, { maxConcurrent: 2, requestsPerWindow: 10, rateWindowMs: 700 });
    await client.request('GET', 'items?$top=1');
    sandbox.admin.limits.reset();
    sandbox.admin.limits.set({ windowMs: 700, maxRequestsPerWindow: 10, maxConcurrent: 2, maxQueued: 0 });
    sandbox.admin.faults.setLatency(15, 'companies()/customers');
    const before = sandbox.admin.limits.stats();
    try {
      const results = await Promise.all(Array.from({ length: 25 }, () => client.request('GET', 'customers?$top=1')));
      expect(results.every((r) => r.status === 200)).toBe(true);
      const after = sandbox.admin.limits.stats();
      expect(after.rejectedWindow - before.rejectedWindow).toBe(0);
      expect(after.rejectedQueueFull - before.rejectedQueueFull).toBe(0);
      expect(client.stats().peakInFlight).toBeLessThanOrEqual(2);
      expect(client.stats().windowWaits).toBeGreaterThan(0);
    } finally {
      sandbox.admin.faults.clear();
      sandbox.admin.limits.set({ windowMs: 300_000, maxRequestsPerWindow: 6_000, maxConcurrent: 5, maxQueued: 95 });
      sandbox.admin.limits.reset();
    }
  });

  it('runs $batch in requests of at most 100 operations, results in order with per-operation errors', async () => {
    const client = bcClient(sandbox);
    sandbox.admin.resetCounters();
    const ops: BatchOperation[] = Array.from({ length: 150 }, (_, i) => ({ method: 'POST', path: 'items', body: { number: `BATCH-${i}`, displayName: `Item ${i}` } }));
    ops[7] = { method: 'POST', path: 'items', body: { number: 'BATCH-6', displayName: 'duplicate of 6' } };
    ops[120] = { method: 'POST', path: 'items', body: { number: 'BATCH-X', displayName: 'x', colour: 'red' } };
    const results = await client.batch(ops);
    expect(results).toHaveLength(150);
    expect(sandbox.admin.counters().byLabel['POST $batch']).toBe(2);
    expect(results.filter((r) => r.ok)).toHaveLength(148);
    expect(results[7]?.error).toMatchObject({ category: 'conflict', code: 'Internal_EntityWithSameKeyExists' });
    expect(results[120]?.error).toMatchObject({ category: 'validation', fields: ['colour'] });
    expect((results[149]?.body as { number: string }).number).toBe('BATCH-149');
  });

  it('maps BC error families and statuses to categories', () => {
    expect(categorize(400, 'BadRequest_ResourceNotFound')).toBe('validation');
    expect(categorize(400, 'Application_StringExceededLength')).toBe('validation');
    expect(categorize(401, 'Authentication_InvalidCredentials')).toBe('auth');
    expect(categorize(403, 'Authorization_InsufficientPermissions')).toBe('auth');
    expect(categorize(409, 'Request_EntityChanged')).toBe('conflict');
    expect(categorize(500, 'Internal_ServerError')).toBe('transient');
    for (const s of [408, 429, 502, 503, 504]) expect(categorize(s, undefined)).toBe('transient');
    const err = mapBcFailure({ method: 'GET', what: 'x', status: 503, body: { error: { code: 'Internal_ServiceUnavailable', message: 'busy  CorrelationId:  0f0e.' } }, retryAfter: '7' });
    expect(err).toMatchObject({ category: 'transient', retryAfterMs: 7_000 });
    expect(err.message).not.toContain('CorrelationId');
  });

  it('refuses to send its token to a nextLink on another host', async () => {
    const client = bcClient(sandbox);
    const err = (await client.request('GET', 'https://evil.example.com/v2.0/x').catch((e: unknown) => e)) as ConnectorError;
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err.category).toBe('validation');
  });
});
