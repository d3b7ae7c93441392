import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';
import { fetchToken, restCaller, startSandbox } from '../../connectors/salesforce/helpers.ts';

const tokenRequest = (sandbox: SalesforceSandbox, form: Record<string, string>, contentType = 'application/x-www-form-urlencoded') =>
  fetch(`${sandbox.url}/services/oauth2/token`, { method: 'POST', headers: { 'content-type': contentType }, body: new URLSearchParams(form) });

describe('sandbox: OAuth, sessions, limits and faults', () => {
  let sandbox: SalesforceSandbox;
  let clock = Date.parse('2026-05-01T00:00:00.000Z');

  beforeAll(async () => {
    sandbox = await startSandbox({ now: () => clock, dailyApiLimit: 1000, sessionTimeoutMs: 2 * 60 * 60 * 1000 });
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('answers OAuth errors in the RFC 6749 shape', async () => {
    const wrongSecret = await tokenRequest(sandbox, { grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: 'nope' });
    expect(wrongSecret.status).toBe(400);
    expect(await wrongSecret.json()).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
    const wrongId = await tokenRequest(sandbox, { grant_type: 'client_credentials', client_id: 'other', client_secret: sandbox.clientSecret });
    expect(await wrongId.json()).toEqual({ error: 'invalid_client_id', error_description: 'client identifier invalid' });
    const wrongGrant = await tokenRequest(sandbox, { grant_type: 'password', client_id: sandbox.clientId, client_secret: sandbox.clientSecret });
    expect(((await wrongGrant.json()) as { error: string }).error).toBe('unsupported_grant_type');
    const json = await tokenRequest(sandbox, { grant_type: 'client_credentials' }, 'application/json');
    expect(json.status).toBe(400);
    expect(sandbox.sessions.issuedCount()).toBe(0);
  });

  it('checks the Bearer token on every REST call and expires sessions after the timeout or on demand', async () => {
    const { access_token: token } = await fetchToken(sandbox);
    const call = restCaller(sandbox, token);
    expect((await call('GET', 'sobjects/Account/describe')).status).toBe(200);
    clock += 2 * 60 * 60 * 1000 + 1;
    const expired = await call('GET', 'sobjects/Account/describe');
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    const fresh = restCaller(sandbox, (await fetchToken(sandbox)).access_token);
    clock += 60 * 60 * 1000;
    expect((await fresh('GET', 'sobjects')).status).toBe(200);
    clock += 60 * 60 * 1000; // 2 h since issue but only 1 h since last use: still alive
    expect((await fresh('GET', 'sobjects')).status).toBe(200);
    expect(sandbox.sessions.expireAll()).toBeGreaterThan(0);
    expect((await fresh('GET', 'sobjects')).status).toBe(401);
    const none = await fetch(`${sandbox.url}/services/data/v63.0/sobjects`);
    expect(none.status).toBe(401);
  });

  it('reports api usage on every REST response and answers 403 REQUEST_LIMIT_EXCEEDED past the limit', async () => {
    const call = restCaller(sandbox, (await fetchToken(sandbox)).access_token);
    sandbox.apiUsage.set({ used: 997 });
    const a = await call('GET', 'sobjects');
    expect(a.headers.get('sforce-limit-info')).toBe('api-usage=998/1000');
    const failing = await call('GET', 'query?q=SELECT+Nope+FROM+Account');
    expect(failing.status).toBe(400);
    expect(failing.headers.get('sforce-limit-info')).toBe('api-usage=999/1000');
    await call('GET', 'sobjects');
    const over = await call('GET', 'sobjects');
    expect(over.status).toBe(403);
    expect(over.body).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    expect(over.headers.get('sforce-limit-info')).toBe('api-usage=1000/1000');
    sandbox.apiUsage.set({ used: 0 });
  });

  it('serves only supported API versions', async () => {
    const token = (await fetchToken(sandbox)).access_token;
    expect((await restCaller(sandbox, token, '20.0')('GET', 'sobjects')).status).toBe(404);
    expect((await restCaller(sandbox, token, '99.0')('GET', 'sobjects')).status).toBe(404);
    const versions = (await (await fetch(`${sandbox.url}/services/data/`)).json()) as Array<{ version: string }>;
    expect(versions.map((v) => v.version)).toContain('63.0');
  });

  it('injects status faults with Retry-After, dropped connections and latency, and counts calls per endpoint', async () => {
    sandbox.counters.reset();
    const call = restCaller(sandbox, (await fetchToken(sandbox)).access_token);
    sandbox.faults.failNext({ status: 503, retryAfterSeconds: 7, count: 2, endpoint: 'query' });
    const other = await call('GET', 'sobjects');
    expect(other.status).toBe(200);
    const first = await call('GET', 'query?q=SELECT+Id+FROM+Account');
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('7');
    expect((first.body as Array<{ errorCode: string }>)[0]?.errorCode).toBe('SERVER_UNAVAILABLE');
    expect((await call('GET', 'query?q=SELECT+Id+FROM+Account')).status).toBe(503);
    expect((await call('GET', 'query?q=SELECT+Id+FROM+Account')).status).toBe(200);

    sandbox.faults.dropNext();
    await expect(call('GET', 'sobjects')).rejects.toThrow();
    expect((await call('GET', 'sobjects')).status).toBe(200);

    sandbox.faults.setLatency(150);
    const started = Date.now();
    await call('GET', 'sobjects');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    sandbox.faults.clear();

    expect(sandbox.counters.snapshot().byEndpoint).toMatchObject({ 'sobjects.list': 4, query: 3, 'oauth.token': 1 });
    const admin = (await (await fetch(`${sandbox.url}/_sandbox/counters`)).json()) as { total: number };
    expect(admin.total).toBe(sandbox.counters.snapshot().total);
  });

  it('exposes the admin surface over HTTP (faults, rules, records, token expiry)', async () => {
    const post = (path: string, body: unknown) => fetch(`${sandbox.url}/_sandbox/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('records/Account', [{ Name: 'Seeded', GP_Customer_Number__c: 'SEED1' }])).status).toBe(201);
    expect((await post('records/Account', [{ GP_Customer_Number__c: 'SEED2' }])).status).toBe(400);
    expect((await post('validation-rules', { name: 'r1', sobject: 'Account', field: 'Name', equals: 'blocked', message: 'Blocked' })).status).toBe(201);
    const call = restCaller(sandbox, (await fetchToken(sandbox)).access_token);
    const blocked = await call('PATCH', 'sobjects/Account/GP_Customer_Number__c/SEED3', { Name: 'BLOCKED' });
    expect((blocked.body as Array<{ errorCode: string }>)[0]?.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect((await fetch(`${sandbox.url}/_sandbox/validation-rules/r1`, { method: 'DELETE' })).status).toBe(204);
    expect((await call('PATCH', 'sobjects/Account/GP_Customer_Number__c/SEED3', { Name: 'BLOCKED' })).status).toBe(201);
    expect((await post('faults', { kind: 'status', status: 500, endpoint: 'sobjects.list' })).status).toBe(201);
    expect((await call('GET', 'sobjects')).status).toBe(500);
    expect((await post('tokens/expire', {})).status).toBe(200);
    expect((await call('GET', 'sobjects')).status).toBe(401);
    expect(sandbox.internalErrors()).toEqual([]);
  });
});

describe('sandbox: instance URL distinct from the login URL', () => {
  it('advertises a second listener as instance_url and serves REST only there', async () => {
    const sandbox = await startSandbox({ separateInstanceListener: true });
    try {
      expect(sandbox.instanceUrl).not.toBe(sandbox.url);
      const token = await fetchToken(sandbox);
      expect(token.instance_url).toBe(sandbox.instanceUrl);
      const onLogin = await fetch(`${sandbox.url}/services/data/v63.0/sobjects`, { headers: { authorization: `Bearer ${token.access_token}` } });
      expect(onLogin.status).toBe(404);
      const onInstance = await fetch(`${sandbox.instanceUrl}/services/data/v63.0/sobjects`, { headers: { authorization: `Bearer ${token.access_token}` } });
      expect(onInstance.status).toBe(200);
    } finally {
      await sandbox.stop();
    }
  });

  it('can advertise a configured origin', async () => {
    const sandbox = await startSandbox({ advertisedInstanceUrl: 'https://acme.my.salesforce.com' });
    try {
      expect((await fetchToken(sandbox)).instance_url).toBe('https://acme.my.salesforce.com');
    } finally {
      await sandbox.stop();
    }
  });
});
