import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBcAuth } from '../../../service/src/connectors/business-central/auth.ts';
import { createBcClient } from '../../../service/src/connectors/business-central/client.ts';
import { TOKEN_REFRESH_MARGIN_MS } from '../../../service/src/connectors/business-central/facts.ts';
import { ConnectorError } from '../../../service/src/lib/errors.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import type { BcSandbox } from '../../../service/sandbox/business-central/index.ts';
import { bcConfig, startBc } from './helpers.ts';

describe('business central auth (Entra client credentials)', () => {
  let sandbox: BcSandbox;
  beforeAll(async () => {
    sandbox = await startBc();
  });
  afterAll(() => sandbox.stop());

  const tokenCalls = () => sandbox.admin.counters().byLabel['POST token'] ?? 0;

  it('shares one token request between concurrent callers and caches the token', async () => {
    const before = tokenCalls();
    const auth = createBcAuth(bcConfig(sandbox), { logger: silentLogger() });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => auth.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(await auth.getToken()).toBe(tokens[0]);
    expect(auth.tokenRequests()).toBe(1);
    expect(tokenCalls() - before).toBe(1);
  });

  it('refreshes shortly before expires_in runs out, not after', async () => {
    let offsetMs = 0;
    const now = () => Date.now() + offsetMs;
    const auth = createBcAuth(bcConfig(sandbox), { logger: silentLogger(), now });
    const first = await auth.getToken();
    offsetMs = 3_599_000 - TOKEN_REFRESH_MARGIN_MS - 5_000;
    expect(await auth.getToken()).toBe(first);
    offsetMs = 3_599_000 - TOKEN_REFRESH_MARGIN_MS + 5_000;
    const second = await auth.getToken();
    expect(second).not.toBe(first);
    expect(auth.tokenRequests()).toBe(2);
  });

  it('fails as an auth error naming the AADSTS code, never the secret', async () => {
    const secret = 'this-is-the-wrong-secret-value';
    const auth = createBcAuth(bcConfig(sandbox, { clientSecret: secret }), { logger: silentLogger() });
    const err = (await auth.getToken().catch((e: unknown) => e)) as ConnectorError;
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err.category).toBe('auth');
    expect(err.code).toBe('invalid_client');
    expect(err.message).toContain('AADSTS7000215');
    expect(err.message).not.toContain(secret);
  });

  it('re-authenticates once on a 401 and gives up after the second', async () => {
    const cfg = bcConfig(sandbox);
    const auth = createBcAuth(cfg, { logger: silentLogger() });
    const client = createBcClient(cfg, { logger: silentLogger(), auth });
    await client.request('GET', 'customers?$top=1');
    sandbox.admin.tokens.expireAll();
    await expect(client.request('GET', 'customers?$top=1')).resolves.toMatchObject({ status: 200 });
    expect(auth.tokenRequests()).toBe(2);

    sandbox.admin.faults.failNext({ status: 401, code: 'Authentication_InvalidCredentials', count: 2, match: 'GET companies()/customers' });
    const err = (await client.request('GET', 'customers?$top=1').catch((e: unknown) => e)) as ConnectorError;
    expect(err.category).toBe('auth');
    expect(err.status).toBe(401);
    expect(auth.tokenRequests()).toBe(3);
  });
});
