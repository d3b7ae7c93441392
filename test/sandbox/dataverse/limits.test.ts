/** Service protection limits (FACTS §4, 4.1 #8) at small configured values, and injected faults. */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { DataverseSandbox } from '../../../service/sandbox/dataverse/index.ts';
import { createSandboxClock } from '../../../service/sandbox/dataverse/clock.ts';
import { DvHttpError } from '../../../service/sandbox/dataverse/errors.ts';
import { createServiceProtection } from '../../../service/sandbox/dataverse/rate-limits.ts';
import { startDv, waitFor, webApi } from './helpers.ts';

describe('dataverse emulator: service protection limits and faults', () => {
  let sandbox: DataverseSandbox | undefined;
  afterEach(async () => {
    await sandbox?.stop();
    sandbox = undefined;
  });

  it('answers 429 0x80072322 with Retry-After past the request limit, and recovers once the window slides', async () => {
    sandbox = await startDv({ seed: 'none', limits: { maxRequestsPerWindow: 3 } });
    const api = await webApi(sandbox);
    for (let i = 0; i < 3; i++) expect((await api.call('GET', 'WhoAmI')).status).toBe(200);
    const limited = await api.call('GET', 'WhoAmI');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toEqual({ code: '0x80072322', message: 'Number of requests exceeded the limit of 3 over time window of 300 seconds.' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(300);
    expect(sandbox.admin.limits.stats().rejectedRequests).toBe(1);
    expect(sandbox.admin.counters().byLabel['429']).toBe(1);
    sandbox.admin.advanceClock(retryAfter * 1000);
    expect((await api.call('GET', 'WhoAmI')).status).toBe(200);
  });

  it('at the default limits, request 6,001 in the window gets the published 429 verbatim', () => {
    const published = (JSON.parse(readFileSync(new URL('../../fixtures/dataverse/webapi-examples.json', import.meta.url), 'utf8')) as Record<string, { body: { error: unknown } }>)
      .error_service_protection_429?.body.error;
    const limits = createServiceProtection(createSandboxClock(() => 1_000_000));
    for (let i = 0; i < 6_000; i++) limits.admit('user')(0);
    let thrown: unknown;
    try {
      limits.admit('user');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(DvHttpError);
    const err = thrown as DvHttpError;
    expect(err.status).toBe(429);
    expect({ code: err.code, message: err.message }).toEqual(published);
    expect(err.headers['retry-after']).toBe('300');
  });

  it('counts combined execution time from emulated latency (0x80072321)', async () => {
    sandbox = await startDv({ seed: 'none', limits: { maxExecutionMsPerWindow: 100 } });
    const api = await webApi(sandbox);
    sandbox.admin.faults.setLatency(60, 'WhoAmI');
    expect((await api.call('GET', 'WhoAmI')).status).toBe(200);
    expect((await api.call('GET', 'WhoAmI')).status).toBe(200);
    expect(sandbox.admin.limits.usage().executionMsInWindow).toBe(120);
    const limited = await api.call('GET', 'WhoAmI');
    expect(limited.status).toBe(429);
    expect(limited.body.error?.code).toBe('0x80072321');
    expect(limited.body.error?.message).toMatch(/^Combined execution time of incoming requests exceeded limit of 100 milliseconds over time window of 300 seconds\./);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses the request over the concurrency limit at once with 0x80072326', async () => {
    sandbox = await startDv({ seed: 'none', limits: { maxConcurrent: 2 } });
    const api = await webApi(sandbox);
    sandbox.admin.faults.setLatency(4_000, 'WhoAmI');
    const slow = [api.call('GET', 'WhoAmI'), api.call('GET', 'WhoAmI')];
    const admin = sandbox.admin;
    await waitFor(() => admin.limits.usage().inFlight === 2);
    const third = await api.call('GET', 'accounts?$top=1');
    expect(third.status).toBe(429);
    expect(third.body.error).toEqual({ code: '0x80072326', message: 'Number of concurrent requests exceeded the limit of 2.' });
    expect(third.headers.get('retry-after')).toBe('1');
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200]);
    expect((await api.call('GET', 'accounts?$top=1')).status).toBe(200);
  });

  it('injects status faults with Retry-After, drops, and loses the response after the write commits', async () => {
    sandbox = await startDv({ seed: 'none' });
    const api = await webApi(sandbox);
    sandbox.admin.faults.failNext({ status: 503, retryAfterSeconds: 7, match: 'POST accounts' });
    const failed = await api.call('POST', 'accounts', { name: 'x' });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('7');
    expect(failed.body.error?.code).toMatch(/^0x/);
    expect(sandbox.admin.listRecords('account')).toHaveLength(0);

    sandbox.admin.faults.loseResponseNext({ match: 'POST accounts' });
    await expect(api.call('POST', 'accounts', { name: 'Committed' })).rejects.toThrow();
    expect(sandbox.admin.listRecords('account').map((a) => a.name)).toEqual(['Committed']);

    sandbox.admin.faults.dropNext({ match: 'GET WhoAmI' });
    await expect(api.call('GET', 'WhoAmI')).rejects.toThrow();
    expect((await api.call('GET', 'WhoAmI')).status).toBe(200);
    expect(sandbox.admin.counters().byLabel['GET WhoAmI']).toBe(2);
  });
});
