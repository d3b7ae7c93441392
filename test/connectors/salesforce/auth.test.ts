import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesforceClient } from '../../../service/src/connectors/salesforce/client.ts';
import { parseSalesforceConfig } from '../../../service/src/connectors/salesforce/config.ts';
import { ConnectorError } from '../../../service/src/lib/errors.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import type { SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';
import { clientConfig, startSandbox } from './helpers.ts';

const CONCURRENT_CALLS = 20;

describe('Salesforce auth: client credentials, instance_url, single-flight refresh', () => {
  let sandbox: SalesforceSandbox;

  beforeAll(async () => {
    // The token host differs from the instance host: only a client that uses instance_url can succeed.
    sandbox = await startSandbox({ separateInstanceListener: true });
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('uses the instance_url of the token response as the API base', async () => {
    expect(new URL(sandbox.instanceUrl).port).not.toBe(new URL(sandbox.url).port);
    const client = createSalesforceClient(clientConfig(sandbox), { logger: silentLogger() });
    const res = await client.request<{ sobjects: unknown[] }>('GET', 'sobjects');
    expect(res.status).toBe(200);
    expect(res.body.sobjects.length).toBeGreaterThan(5);
  });

  it('shares one token request among 20 concurrent first calls', async () => {
    const issued = sandbox.sessions.issuedCount();
    const client = createSalesforceClient(clientConfig(sandbox), { logger: silentLogger() });
    const results = await Promise.all(Array.from({ length: CONCURRENT_CALLS }, () => client.request('GET', 'sobjects/Account/describe')));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(sandbox.sessions.issuedCount() - issued).toBe(1);
  });

  it('re-authenticates exactly once when the session expires mid-sequence, even with 20 concurrent failing calls', async () => {
    const client = createSalesforceClient(clientConfig(sandbox), { logger: silentLogger() });
    await client.request('GET', 'sobjects');
    const issued = sandbox.sessions.issuedCount();
    sandbox.sessions.expireAll();
    const results = await Promise.all(Array.from({ length: CONCURRENT_CALLS }, () => client.request('GET', 'sobjects/Account/describe')));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(sandbox.sessions.issuedCount() - issued).toBe(1);
    // Sequential calls after the refresh reuse the new session.
    await client.request('GET', 'sobjects');
    expect(sandbox.sessions.issuedCount() - issued).toBe(1);
  });

  it('gives up with an auth error when the session is rejected again after the one refresh', async () => {
    const client = createSalesforceClient(clientConfig(sandbox), { logger: silentLogger() });
    await client.request('GET', 'sobjects');
    // Every call is answered 401 (an injected fault standing in for a revoked integration user).
    sandbox.faults.failNext({ status: 401, errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid', count: 2, endpoint: 'sobjects.list' });
    const err = await client.request('GET', 'sobjects').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err).toMatchObject({ category: 'auth', status: 401, code: 'INVALID_SESSION_ID' });
    sandbox.faults.clear();
  });

  it('maps a wrong client secret to an auth error that does not leak the secret', async () => {
    const secret = 'definitely-wrong-secret';
    const client = createSalesforceClient(clientConfig(sandbox, { clientSecret: secret }), { logger: silentLogger() });
    const err = await client.request('GET', 'sobjects').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err).toMatchObject({ category: 'auth', status: 400, code: 'invalid_client' });
    expect(String((err as Error).message)).not.toContain(secret);
  });

  it('maps an unreachable login host to a transient error', async () => {
    const cfg = parseSalesforceConfig({ loginUrl: 'http://127.0.0.1:1', clientId: 'x', clientSecret: 'y', allowInsecureHttp: true, tokenTimeoutMs: 2000 });
    const err = await createSalesforceClient(cfg, { logger: silentLogger() }).request('GET', 'sobjects').catch((e: unknown) => e);
    expect(err).toMatchObject({ category: 'transient' });
  });

  it('refuses an http instance_url unless insecure http is allowed', async () => {
    expect(() => clientConfig(sandbox, { allowInsecureHttp: false })).toThrow(/loginUrl: must be an https:\/\/ URL/);
    // A config that got past validation some other way still never sends a token to an http instance.
    const cfg = { ...clientConfig(sandbox), allowInsecureHttp: false };
    const err = await createSalesforceClient(cfg, { logger: silentLogger() }).request('GET', 'sobjects').catch((e: unknown) => e);
    expect(err).toMatchObject({ category: 'auth' });
    expect(String((err as Error).message)).toMatch(/instance_url is not https/);
  });
});
