/**
 * Token endpoint and bearer checks (FACTS §6, §6.1 #1–2): audience, credentials, grant type, 24 h expiry on the
 * emulator clock, tenant isolation, and the DRF 401 body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcurifySandbox } from '../../../service/sandbox/procurify/index.ts';
import { AUDIENCE, connect, requestToken, startProcurify } from './helpers.ts';
import { loadOas, type Oas } from './oas.ts';

const BASE_MS = Date.parse('2025-06-02T08:00:00Z');

describe('procurify emulator: OAuth client credentials', () => {
  let sandbox: ProcurifySandbox;
  let oas: Oas;

  beforeAll(async () => {
    oas = loadOas();
    sandbox = await startProcurify({ now: () => BASE_MS, tenants: [{ domain: 'fabrikam-mfg', seed: 'reference' }, { domain: 'contoso', seed: 'reference', apiUserEmail: 'api@contoso.example' }] });
  });
  afterAll(() => sandbox.stop());

  it('issues a 24 h bearer token whose scope names the tenant domain and the API user', async () => {
    const res = await requestToken(sandbox);
    expect(res.status).toBe(200);
    expect(oas.errorsFor('OauthTokenRequestResponse', res.body)).toEqual([]);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 86400, scope: `urn:procurify-api:domain:fabrikam-mfg urn:procurify-api:email:${sandbox.apiUserEmail}` });
    const [header, payload, signature] = String(res.body.access_token).split('.');
    expect(signature).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(JSON.parse(Buffer.from(header as string, 'base64url').toString())).toMatchObject({ typ: 'JWT' });
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ aud: AUDIENCE, iat: BASE_MS / 1000, exp: BASE_MS / 1000 + 86400 });
  });

  it('refuses a wrong audience, secret, client or grant type with the Auth0 error body', async () => {
    const wrongAudience = await requestToken(sandbox, { audience: 'https://api.procurify.com' });
    expect(wrongAudience.status).toBe(403);
    expect(wrongAudience.body).toEqual({ error: 'access_denied', error_description: 'Service not found: https://api.procurify.com' });
    const noAudience = await requestToken(sandbox, { audience: undefined });
    expect(noAudience.status).toBe(403);
    expect(noAudience.body.error).toBe('access_denied');
    for (const override of [{ client_secret: 'nope' }, { client_id: 'nope' }]) {
      const res = await requestToken(sandbox, override);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'access_denied', error_description: 'Unauthorized' });
    }
    const password = await requestToken(sandbox, { grant_type: 'password' });
    expect(password.status).toBe(400);
    expect(password.body.error).toBe('unsupported_grant_type');
  });

  it('takes the documented JSON body only, unless configured to accept a form too', async () => {
    const form = new URLSearchParams({ client_id: sandbox.clientId, client_secret: sandbox.clientSecret, audience: AUDIENCE, grant_type: 'client_credentials' }).toString();
    const refused = await requestToken(sandbox, {}, { contentType: 'application/x-www-form-urlencoded', raw: form });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_request');
    sandbox.admin.configure({ tokenBody: 'json-or-form' });
    try {
      expect((await requestToken(sandbox, {}, { contentType: 'application/x-www-form-urlencoded', raw: form })).status).toBe(200);
    } finally {
      sandbox.admin.configure({ tokenBody: 'json' });
    }
  });

  it('answers token errors DRF-style when configured so', async () => {
    sandbox.admin.configure({ tokenErrorStyle: 'drf' });
    try {
      const res = await requestToken(sandbox, { client_secret: 'nope' });
      expect(res.status).toBe(401);
      expect(Object.keys(res.body)).toEqual(['detail']);
    } finally {
      sandbox.admin.configure({ tokenErrorStyle: 'auth0' });
    }
  });

  it('expires a token after 24 h on the emulator clock: 401 {"detail"}, and a new token works', async () => {
    const client = await connect(sandbox);
    sandbox.admin.advanceClock(86_400_000 - 1_000);
    expect((await client.get('/api/v3/vendors')).status).toBe(200);
    sandbox.admin.advanceClock(1_000);
    const expired = await client.get('/api/v3/vendors');
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ detail: 'Signature has expired.' });
    expect(expired.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    const fresh = await connect(sandbox);
    expect((await fresh.get('/api/v3/vendors')).status).toBe(200);
  });

  it("refuses a missing token, a malformed header and another tenant's token", async () => {
    const mine = await connect(sandbox);
    const noToken = await fetch(`${sandbox.baseUrl}/api/v3/vendors`, { headers: { 'x-procurify-client': 'api' } });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual({ detail: 'Authentication credentials were not provided.' });
    const empty = await mine.get('/api/v3/vendors', { authorization: 'Bearer' });
    expect(empty.status).toBe(401);
    const contoso = sandbox.tenant('contoso');
    const theirs = await connect(contoso);
    expect((await theirs.get('/api/v3/vendors')).status).toBe(200);
    const crossed = await fetch(`${sandbox.baseUrl}/api/v3/vendors`, { headers: { authorization: `Bearer ${theirs.token}`, 'x-procurify-client': 'api' } });
    expect(crossed.status).toBe(401);
    expect(await crossed.json()).toEqual({ detail: 'Invalid token.' });
    const wrongHost = await requestToken({ ...sandbox.tenant('fabrikam-mfg'), tokenUrl: contoso.tokenUrl });
    expect(wrongHost.status).toBe(401);
  });

  it('requires the documented X-Procurify-Client: api header unless configured to ignore it', async () => {
    const client = await connect(sandbox);
    const without = await client.get('/api/v3/vendors', { 'x-procurify-client': '' });
    expect(without.status).toBe(400);
    expect(without.body.detail).toMatch(/X-Procurify-Client/);
    sandbox.admin.configure({ clientHeader: 'ignore' });
    try {
      expect((await client.get('/api/v3/vendors', { 'x-procurify-client': '' })).status).toBe(200);
    } finally {
      sandbox.admin.configure({ clientHeader: 'require' });
    }
  });

  it('counts tokens issued and calls by endpoint', async () => {
    sandbox.admin.resetCounters();
    const before = sandbox.admin.counters().tokensIssued;
    const client = await connect(sandbox);
    await client.get('/api/v3/vendors');
    await client.get('/api/v3/vendors/');
    const counters = sandbox.admin.counters();
    expect(counters.tokensIssued).toBe(before + 1);
    expect(counters.byLabel['POST /oauth/token']).toBe(1);
    expect(counters.byLabel['GET /api/v3/vendors']).toBe(2);
  });
});
