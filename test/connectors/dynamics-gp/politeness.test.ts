import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GpSandbox } from '../../../service/sandbox/dynamics-gp/index.ts';
import { createNtlmConnectionPool, type HttpRequest } from '../../../service/src/lib/ntlm/ntlm-connection-pool.ts';
import { makeClient, startSandbox } from './helpers.ts';

describe('politeness: 2 concurrent requests, ≥100 ms apart', () => {
  let gp: GpSandbox;
  beforeAll(async () => {
    // 50 ms of arrival jitter forgiven (default 15): client and emulator share one process on a busy 2-core
    // machine, where a preempted emulator stamps one arrival late (seen: 34 ms) and the next one on time. Without
    // a limiter the gaps are ~0 ms, so the counter still tells a polite client from an impolite one (second
    // test); the limiter's own stats check the exact 100 ms at the client.
    gp = await startSandbox({ limits: { maxConcurrent: 2, minSpacingMs: 100, spacingToleranceMs: 50 }, latency: { fixedMs: 20, jitterMs: 120 } });
  });
  afterAll(() => gp.stop());

  it('50 parallel client calls: the emulator sees no violation, one handshake per pooled socket', async () => {
    const client = makeClient(gp, { maxConcurrent: 2, minSpacingMs: 100 });
    // One call first: cold JIT paths (client and emulator share this process) would otherwise delay the first
    // request's arrival by several ms and make the next, on-time one look early.
    await client.getCustomer('AARONFIT0001');
    gp.resetCounters();
    const ids = ['AARONFIT0001', 'CONTOSOL0001', 'BLUEYOND0001', 'ASTORSUI0001', 'COHOWINE0001'];
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => client.getCustomer(ids[i % ids.length]!)));
    expect(results.every((r) => r.customer !== undefined)).toBe(true);
    const c = gp.counters();
    expect(c.politeness).toMatchObject({ requests: 50, concurrencyViolations: 0, spacingViolations: 0 });
    expect(c.politeness.peakInFlight).toBeLessThanOrEqual(2);
    expect(c.politeness.peakInFlight).toBe(2);
    expect(c.ntlm.handshakesCompleted).toBeLessThanOrEqual(2);
    expect(c.connections).toBeLessThanOrEqual(2);
    const stats = client.stats();
    expect(stats.limiter).toMatchObject({ started: 51, completed: 51 });
    expect(stats.limiter.minObservedSpacingMs).toBeGreaterThanOrEqual(100);
    await client.close();
  });

  it('without the limiter, the emulator refuses the excess with 503 + Retry-After and counts both violations', async () => {
    gp.resetCounters();
    const pool = createNtlmConnectionPool({ origin: gp.url, size: 5, credentials: gp.credentials, headersTimeoutMs: 5000, bodyTimeoutMs: 5000 });
    const req: HttpRequest = { method: 'GET', path: '/GPService/Tenants(DefaultTenant)/Companies(TWO)/Sales/Customers(AARONFIT0001)', headers: {} };
    const statuses = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const lease = await pool.acquire();
        try {
          const res = await lease.send(req);
          return { status: res.status, retryAfter: res.headers['retry-after'] };
        } finally {
          lease.release();
        }
      }),
    );
    await pool.close();
    const refused = statuses.filter((s) => s.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((s) => s.retryAfter === '1')).toBe(true);
    const c = gp.counters().politeness;
    expect(c.concurrencyViolations).toBe(refused.length);
    expect(c.spacingViolations).toBeGreaterThan(0);
  });

  it('can answer over-limit requests with 429 instead', async () => {
    gp.configureLimits({ overLimitStatus: 429, retryAfterSeconds: 3 });
    try {
      const a = makeClient(gp, { maxConcurrent: 2 });
      const b = makeClient(gp, { maxConcurrent: 2 });
      // Long enough that the first two requests are still running when the next two arrive, even on a busy machine.
      gp.setLatency({ fixedMs: 1500, jitterMs: 0 });
      const outcomes = await Promise.allSettled([a.getCustomer('AARONFIT0001'), b.getCustomer('AARONFIT0001'), a.getCustomer('CONTOSOL0001'), b.getCustomer('CONTOSOL0001')]);
      await Promise.all([a.close(), b.close()]);
      const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason as { category: string; status: number; retryAfterMs: number });
      expect(rejected.length).toBeGreaterThan(0);
      expect(rejected[0]).toMatchObject({ category: 'transient', status: 429, retryAfterMs: 3000 });
    } finally {
      gp.configureLimits({ overLimitStatus: 503, retryAfterSeconds: 1 });
      gp.setLatency({ fixedMs: 20, jitterMs: 120 });
    }
  });
});
