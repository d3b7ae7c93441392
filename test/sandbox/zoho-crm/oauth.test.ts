/**
 * Zoho accounts and API authentication (FACTS §5, §5.1 #1–3): the refresh answer and its api_domain per data
 * centre, Zoho's HTTP-200 error bodies that let a client tell a data-centre mismatch (invalid_client) from bad
 * or revoked credentials (invalid_client_secret, invalid_code), the refresh throttle, token expiry, the
 * Zoho-oauthtoken scheme and scope enforcement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZohoCrmSandbox } from '../../../service/sandbox/zoho-crm/index.ts';
import { apiClient, connect, HOUR_MS, refreshAt, refreshParams, startZoho } from './helpers.ts';
import { expectZohoError } from './oas.ts';

describe('zoho crm emulator: OAuth and data centres', () => {
  let zoho: ZohoCrmSandbox;

  beforeAll(async () => {
    zoho = await startZoho({ dataCenters: ['com', 'eu', 'in', 'com.au'] });
  });
  afterAll(async () => {
    expect(zoho.admin.internalErrors()).toEqual([]);
    await zoho.stop();
  });

  it('gives every data centre its own accounts and API origin', () => {
    const origins = zoho.dataCenters.flatMap((dc) => [zoho.urls(dc).accountsUrl, zoho.urls(dc).apiUrl]);
    expect(new Set(origins).size).toBe(8);
  });

  it('refreshes with the published body and names the api_domain of the DC', async () => {
    const res = await refreshAt(zoho.urls('com').accountsUrl, refreshParams(zoho));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['access_token', 'api_domain', 'expires_in', 'scope', 'token_type']);
    expect(res.body).toMatchObject({ api_domain: zoho.urls('com').apiUrl, token_type: 'Bearer', expires_in: 3600 });
    expect(String(res.body.access_token)).toMatch(/^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
    expect(String(res.body.scope).split(' ')).toContain('ZohoCRM.modules.ALL');
  });

  it('accepts the parameters as a form body too', async () => {
    const res = await fetch(`${zoho.urls('com').accountsUrl}/oauth/v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(refreshParams(zoho)),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Record<string, unknown>).api_domain).toBe(zoho.urls('com').apiUrl);
  });

  it('serves an org of another DC only on that DC, with its api_domain', async () => {
    const { refreshToken } = zoho.admin.createOrg({ dc: 'eu', companyName: 'EU GmbH' });
    const eu = await connect(zoho, { dc: 'eu', refreshToken });
    expect(eu.apiDomain).toBe(zoho.urls('eu').apiUrl);
    const org = await eu.call('GET', 'org');
    expect(org.status).toBe(200);
    expect((org.body.org as Array<Record<string, unknown>>)[0]?.company_name).toBe('EU GmbH');
    // The EU token at the US API host: unknown there.
    const wrongHost = await apiClient(eu.token, zoho.urls('com').apiUrl).call('GET', 'org');
    expect(wrongHost.status).toBe(401);
    expect(wrongHost.body).toEqual({ code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' });
  });

  it('answers a refresh at the wrong DC with invalid_client, distinct from bad credentials', async () => {
    const wrongDc = await refreshAt(zoho.urls('in').accountsUrl, refreshParams(zoho));
    expect(wrongDc.status).toBe(200);
    expect(wrongDc.body).toEqual({ error: 'invalid_client' });

    const badSecret = await refreshAt(zoho.urls('com').accountsUrl, { ...refreshParams(zoho), client_secret: 'not-the-secret' });
    expect(badSecret.body).toEqual({ error: 'invalid_client_secret' });

    const revoked = zoho.admin.issueRefreshToken();
    expect(zoho.admin.revokeRefreshToken(revoked)).toBe(true);
    const revokedRes = await refreshAt(zoho.urls('com').accountsUrl, refreshParams(zoho, revoked));
    expect(revokedRes.status).toBe(200);
    expect(revokedRes.body).toEqual({ error: 'invalid_code' });
  });

  it('answers invalid_code when the client is multi-DC but the refresh token belongs to another DC', async () => {
    zoho.admin.enableClientInDataCenter(zoho.clientId, 'com.au');
    const res = await refreshAt(zoho.urls('com.au').accountsUrl, refreshParams(zoho));
    expect(res.body).toEqual({ error: 'invalid_code' });
  });

  it('exchanges a single-use grant code for a refresh token', async () => {
    const code = zoho.admin.issueGrantCode();
    const params = { code, client_id: zoho.clientId, client_secret: zoho.clientSecret, grant_type: 'authorization_code' };
    const first = await refreshAt(zoho.urls('com').accountsUrl, params);
    expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, api_domain: zoho.urls('com').apiUrl });
    expect(String(first.body.refresh_token)).toMatch(/^1000\./);
    expect((await refreshAt(zoho.urls('com').accountsUrl, params)).body).toEqual({ error: 'invalid_code' });
  });

  it('limits refresh-token generation from grant codes to 5 a minute', async () => {
    const exchange = () => refreshAt(zoho.urls('com').accountsUrl, { code: zoho.admin.issueGrantCode(), client_id: zoho.clientId, client_secret: zoho.clientSecret, grant_type: 'authorization_code' });
    zoho.admin.advanceClock(60_000);
    for (let i = 0; i < 5; i += 1) expect((await exchange()).body.refresh_token).toBeTypeOf('string');
    expect((await exchange()).body).toMatchObject({ error: 'Access Denied', status: 'failure' });
    zoho.admin.advanceClock(60_000);
    expect((await exchange()).body.refresh_token).toBeTypeOf('string');
  });

  it('keeps 20 refresh tokens per user and client: the 21st invalidates the first', async () => {
    const other = zoho.admin.registerClient({ dataCenters: ['com'] });
    const mint = () => zoho.admin.issueRefreshToken({ clientId: other.clientId });
    const first = mint();
    for (let i = 0; i < 19; i += 1) mint();
    const refresh = (token: string) => refreshAt(zoho.urls('com').accountsUrl, { refresh_token: token, client_id: other.clientId, client_secret: other.clientSecret, grant_type: 'refresh_token' });
    expect((await refresh(first)).body.access_token).toBeTypeOf('string');
    mint();
    expect((await refresh(first)).body).toEqual({ error: 'invalid_code' });
  });

  it('refuses the Bearer scheme and a missing header; takes Zoho-oauthtoken', async () => {
    const api = await connect(zoho);
    const bearer = await apiClient(api.token, api.apiDomain, 'Bearer').call('GET', 'org');
    expect(bearer.status).toBe(401);
    expectZohoError(bearer.body, 'AUTHENTICATION_FAILURE');
    const none = await fetch(`${api.apiDomain}/crm/v8/org`);
    expect(none.status).toBe(401);
    expect((await api.call('GET', 'org')).status).toBe(200);
  });

  it('expires access tokens after expires_in on the sandbox clock', async () => {
    const api = await connect(zoho);
    expect((await api.call('GET', 'Accounts?fields=Account_Name')).status).toBe(204);
    zoho.admin.advanceClock(HOUR_MS);
    const expired = await api.call('GET', 'Accounts?fields=Account_Name');
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' });
  });

  it('throttles a refresh token after 10 refreshes in 10 minutes with Access Denied, then recovers', async () => {
    const token = zoho.admin.issueRefreshToken();
    for (let i = 0; i < 10; i += 1) expect((await refreshAt(zoho.urls('com').accountsUrl, refreshParams(zoho, token))).body.access_token).toBeTypeOf('string');
    const throttled = await refreshAt(zoho.urls('com').accountsUrl, refreshParams(zoho, token));
    expect(throttled.status).toBe(200);
    expect(throttled.body).toEqual({ error: 'Access Denied', error_description: 'You have made too many requests continuously. Please try again after some time.', status: 'failure' });
    zoho.admin.advanceClock(10 * 60_000 + 1);
    expect((await refreshAt(zoho.urls('com').accountsUrl, refreshParams(zoho, token))).body.access_token).toBeTypeOf('string');
  });

  it('keeps at most 15 live access tokens per refresh token, dropping the oldest', async () => {
    const token = zoho.admin.issueRefreshToken();
    zoho.admin.oauth.set({ refreshThrottleMax: 100 });
    try {
      const first = await connect(zoho, { refreshToken: token });
      for (let i = 0; i < 14; i += 1) await connect(zoho, { refreshToken: token });
      expect((await first.call('GET', 'org')).status).toBe(200);
      await connect(zoho, { refreshToken: token });
      expect((await first.call('GET', 'org')).body.code).toBe('INVALID_TOKEN');
    } finally {
      zoho.admin.oauth.set({ refreshThrottleMax: 10 });
    }
  });

  it('enforces scopes with OAUTH_SCOPE_MISMATCH', async () => {
    const readAccounts = zoho.admin.issueRefreshToken({ scopes: ['ZohoCRM.modules.accounts.READ'] });
    const api = await connect(zoho, { refreshToken: readAccounts });
    expect((await api.call('GET', 'Accounts?fields=Account_Name')).status).toBe(204);
    for (const [method, path, body] of [
      ['POST', 'Accounts', { data: [{ Account_Name: 'No scope' }] }],
      ['GET', 'Contacts?fields=Last_Name', undefined],
      ['GET', 'settings/fields?module=Accounts', undefined],
      ['GET', 'actions/watch', undefined],
    ] as const) {
      const res = await api.call(method, path, { body });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body).toEqual({ code: 'OAUTH_SCOPE_MISMATCH', details: {}, message: 'invalid oauth scope to access this URL', status: 'error' });
    }
    const all = await connect(zoho, { refreshToken: zoho.admin.issueRefreshToken({ scopes: ['ZohoCRM.modules.ALL'] }) });
    expect((await all.call('POST', 'Accounts', { body: { data: [{ Account_Name: 'Scoped Ltd' }] } })).status).toBe(201);
  });
});
