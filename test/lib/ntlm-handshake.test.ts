import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'undici';
import httpntlm from 'httpntlm';
import { createNtlmConnectionPool, NtlmHandshakeError, type HttpRequest } from '../../service/src/lib/ntlm/ntlm-connection-pool.ts';
import type { GpSandbox } from '../../service/sandbox/dynamics-gp/index.ts';
import { findNtlmChallengeHeader, parseChallengeMessage } from '../../service/src/lib/ntlm/ntlm-messages.ts';
import { AV_ID, NTLM_FLAGS, hasFlag } from '../../service/src/lib/ntlm/ntlm-flags.ts';
import { decodeAvPairs } from '../../service/src/lib/ntlm/ntlm-messages.ts';
import { startSandbox } from '../connectors/dynamics-gp/helpers.ts';

const CUSTOMERS = '/GPService/Tenants(DefaultTenant)/Companies(TWO)/Sales/Customers(AARONFIT0001)';
const get: HttpRequest = { method: 'GET', path: CUSTOMERS, headers: { accept: 'application/json' } };

describe('NTLM between the undici pool and the GP emulator', () => {
  let gp: GpSandbox;
  let legacy: GpSandbox;
  let lenient: GpSandbox;
  beforeAll(async () => {
    [gp, legacy, lenient] = await Promise.all([
      startSandbox({ limits: { minSpacingMs: 0 } }),
      startSandbox({ limits: { minSpacingMs: 0 }, ntlm: { offerExtendedSecurity: false } }),
      startSandbox({ limits: { minSpacingMs: 0 }, ntlm: { offerExtendedSecurity: false, allowNtlmV1: true } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([gp.stop(), legacy.stop(), lenient.stop()]);
  });

  it('answers an unauthenticated request with 401 offering NTLM and Negotiate', async () => {
    const client = new Client(gp.url);
    const res = await client.request({ method: 'GET', path: CUSTOMERS });
    await res.body.dump();
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toEqual(['NTLM', 'Negotiate']);
    await client.close();
  });

  it('issues a CHALLENGE with a random per-socket challenge, extended security and a TargetInfo with MsvAvTimestamp', async () => {
    const challenges: Buffer[] = [];
    for (let i = 0; i < 2; i += 1) {
      const client = new Client(gp.url);
      const res = await client.request({ method: 'GET', path: CUSTOMERS, headers: { authorization: httpntlm.ntlm.createType1Message({ username: 'x', domain: 'FABRIKAM' }) } });
      await res.body.dump();
      expect(res.statusCode).toBe(401);
      const header = findNtlmChallengeHeader(res.headers['www-authenticate']);
      const msg = parseChallengeMessage(Buffer.from(header!.slice(5), 'base64'));
      expect(hasFlag(msg.flags, NTLM_FLAGS.EXTENDED_SESSION_SECURITY)).toBe(true);
      expect(hasFlag(msg.flags, NTLM_FLAGS.TARGET_INFO)).toBe(true);
      expect(decodeAvPairs(msg.targetInfo).map((p) => p.id)).toContain(AV_ID.TIMESTAMP);
      challenges.push(msg.serverChallenge);
      await client.close();
    }
    expect(challenges[0]!.equals(challenges[1]!)).toBe(false);
  });

  it('completes the handshake (NTLMv2) and reuses the authenticated connection without new handshakes', async () => {
    gp.resetCounters();
    const pool = createNtlmConnectionPool({ origin: gp.url, size: 1, credentials: gp.credentials, headersTimeoutMs: 5000, bodyTimeoutMs: 5000 });
    for (let i = 0; i < 5; i += 1) {
      const lease = await pool.acquire();
      const res = await lease.send(get);
      lease.release();
      expect(res.status).toBe(200);
    }
    expect(gp.counters().ntlm).toMatchObject({ negotiateMessages: 1, handshakesCompleted: 1, authenticateRejected: 0 });
    expect(gp.counters().politeness.requests).toBe(5);
    expect(pool.stats()).toMatchObject({ open: 1, handshakesCompleted: 1 });
    await pool.close();
  });

  it('handshakes again after the server closed the socket', async () => {
    gp.resetCounters();
    const pool = createNtlmConnectionPool({ origin: gp.url, size: 1, credentials: gp.credentials, headersTimeoutMs: 5000, bodyTimeoutMs: 5000 });
    let lease = await pool.acquire();
    expect((await lease.send(get)).status).toBe(200);
    lease.release();
    gp.injectFault({ kind: 'drop' });
    lease = await pool.acquire();
    await expect(lease.send(get)).rejects.toThrow();
    lease.release();
    lease = await pool.acquire();
    expect((await lease.send(get)).status).toBe(200);
    lease.release();
    expect(gp.counters().ntlm.handshakesCompleted).toBe(2);
    expect(pool.stats().disconnects).toBeGreaterThanOrEqual(1);
    await pool.close();
  });

  it('rejects a wrong password with 401 (NtlmHandshakeError "rejected")', async () => {
    gp.resetCounters();
    const pool = createNtlmConnectionPool({ origin: gp.url, size: 1, credentials: { ...gp.credentials, password: 'not-the-password' }, headersTimeoutMs: 5000, bodyTimeoutMs: 5000 });
    const lease = await pool.acquire();
    const err = await lease.send(get).catch((e: unknown) => e);
    lease.release();
    expect(err).toBeInstanceOf(NtlmHandshakeError);
    expect((err as NtlmHandshakeError).reason).toBe('rejected');
    expect(gp.counters().ntlm).toMatchObject({ handshakesCompleted: 0, authenticateRejected: 1 });
    await pool.close();
  });

  it('refuses NTLMv1 by default and accepts it only when configured', async () => {
    for (const [server, expected] of [
      [legacy, 'rejected'],
      [lenient, 200],
    ] as const) {
      const pool = createNtlmConnectionPool({ origin: server.url, size: 1, credentials: server.credentials, headersTimeoutMs: 5000, bodyTimeoutMs: 5000 });
      const lease = await pool.acquire();
      const outcome = await lease.send(get).then(
        (r) => r.status,
        (e: NtlmHandshakeError) => e.reason,
      );
      lease.release();
      await pool.close();
      expect(outcome).toBe(expected);
    }
    expect(legacy.counters().ntlm.ntlmV1Refused).toBe(1);
    expect(lenient.counters().ntlm.handshakesCompleted).toBe(1);
  });
});
