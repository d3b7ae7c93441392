/** Entra tokens for the org resource, WhoAmI, expiry on the sandbox clock, and the 401 challenge. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataverseSandbox } from '../../../service/sandbox/dataverse/index.ts';
import { ODATA_HEADERS, requestToken, startDv, webApi } from './helpers.ts';

describe('dataverse emulator: Entra ID tokens and WhoAmI', () => {
  let sandbox: DataverseSandbox;

  beforeAll(async () => {
    sandbox = await startDv({ seed: 'none', tokenLifetimeSeconds: 3599 });
  });
  afterAll(() => sandbox.stop());

  it('serves the authority and the org on different origins; the scope is the org URL + /.default', () => {
    expect(sandbox.authorityUrl).not.toBe(sandbox.orgUrl);
    expect(sandbox.tokenUrl).toBe(`${sandbox.authorityUrl}/${sandbox.tenantId}/oauth2/v2.0/token`);
    expect(sandbox.scope).toBe(`${sandbox.orgUrl}/.default`);
    expect(sandbox.apiBaseUrl).toBe(`${sandbox.orgUrl}/api/data/v9.2`);
  });

  it('issues a client-credentials token with a ~60 minute lifetime', async () => {
    const res = await requestToken(sandbox);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    expect(typeof body.access_token).toBe('string');
  });

  it('answers a wrong secret, an unknown client, a scope without /.default and another resource with Entra errors', async () => {
    const cases: Array<[Record<string, string>, number, string, number]> = [
      [{ client_secret: 'wrong' }, 401, 'invalid_client', 7000215],
      [{ client_id: '00000000-0000-0000-0000-000000000001' }, 400, 'unauthorized_client', 700016],
      [{ scope: sandbox.orgUrl }, 400, 'invalid_scope', 1002012],
      [{ scope: 'https://someoneelse.crm.dynamics.com/.default' }, 400, 'invalid_resource', 500011],
      [{ grant_type: 'password' }, 400, 'unsupported_grant_type', 70003],
    ];
    for (const [form, status, error, code] of cases) {
      const res = await requestToken(sandbox, form);
      expect(res.status).toBe(status);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body.error).toBe(error);
      expect(String(body.error_description)).toMatch(new RegExp(`^AADSTS${code}: `));
      expect(body.error_codes).toEqual([code]);
      expect(typeof body.correlation_id).toBe('string');
    }
  });

  it('WhoAmI answers the application user, business unit and organization', async () => {
    const api = await webApi(sandbox);
    const res = await api.call('GET', 'WhoAmI');
    expect(res.status).toBe(200);
    expect(res.headers.get('odata-version')).toBe('4.0');
    expect(res.body).toEqual({
      '@odata.context': `${sandbox.apiBaseUrl}/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
      BusinessUnitId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      UserId: sandbox.appUserId,
      OrganizationId: sandbox.organizationId,
    });
    const post = await api.call('POST', 'WhoAmI', {});
    expect(post.status).toBe(404);
    expect(post.body.error?.message).toMatch(/^No HTTP resource was found that matches the request URI/);
  });

  it('refuses a missing or expired token with 401 and a WWW-Authenticate challenge', async () => {
    const none = await fetch(`${sandbox.apiBaseUrl}/WhoAmI`, { headers: ODATA_HEADERS });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer authorization_uri=.*resource_id=/);
    const api = await webApi(sandbox);
    expect((await api.call('GET', 'WhoAmI')).status).toBe(200);
    sandbox.admin.advanceClock(3_599_000);
    const expired = await api.call('GET', 'WhoAmI');
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain(`resource_id=${sandbox.orgUrl}/`);
    expect(expired.body.error?.code).toMatch(/^0x[0-9A-Fa-f]+$/);
    expect((await (await webApi(sandbox)).call('GET', 'WhoAmI')).status).toBe(200);
  });

  it('can share one origin when asked', async () => {
    const single = await startDv({ seed: 'none', separateAuthority: false });
    try {
      expect(single.authorityUrl).toBe(single.orgUrl);
      const api = await webApi(single);
      expect((await api.call('GET', 'WhoAmI')).status).toBe(200);
    } finally {
      await single.stop();
    }
  });
});
