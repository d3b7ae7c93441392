import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../service/src/lib/errors.ts';
import { dynamicsGpModule } from '../../../service/src/connectors/dynamics-gp/index.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import type { ConnectionWithSecrets } from '../../../service/src/store/types.ts';
import type { GpSandbox } from '../../../service/sandbox/dynamics-gp/index.ts';
import { startSandbox } from './helpers.ts';

describe('dynamics-gp connector module', () => {
  let gp: GpSandbox;
  beforeAll(async () => {
    gp = await startSandbox();
  });
  afterAll(() => gp.stop());

  function connection(password: string): ConnectionWithSecrets {
    const now = new Date();
    return {
      id: 'gp-main',
      system: 'dynamics-gp',
      name: 'GP',
      config: { baseUrl: gp.url, allowInsecureHttp: true, company: 'TWO', domain: 'FABRIKAM', username: gp.credentials.username, minSpacingMs: 100 },
      secrets: { password },
      secretNames: ['password'],
      createdAt: now,
      updatedAt: now,
    };
  }

  it('tests the connection: auth, company and customer permission', async () => {
    const rt = dynamicsGpModule.create(connection(gp.credentials.password), { logger: silentLogger() });
    try {
      const checks = await rt.test();
      expect(checks.map((c) => [c.name, c.ok])).toEqual([
        ['reach', true],
        ['tls', true],
        ['auth', true],
        ['version', true],
        ['coverage:customers:read', true],
        ['company', true],
        ['permission:customers', true],
      ]);
      expect(rt.gauges?.()).toMatchObject({ limiter_in_flight: 0, ntlm_handshakes: 1 });
      const page = await rt.feed('customers', {}).read(null, { pageSize: 5 });
      expect(page.changes).toHaveLength(5);
    } finally {
      await rt.close();
    }
  });

  it('reports refused credentials as a failed auth check with a hint, without the password', async () => {
    const rt = dynamicsGpModule.create(connection('Wrong-Pa55'), { logger: silentLogger() });
    try {
      const checks = await rt.test();
      expect(checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['auth']);
      const check = checks.find((c) => c.name === 'auth');
      expect(check).toMatchObject({ name: 'auth', ok: false });
      expect(check!.message).toContain('GP refused the Windows credentials for FABRIKAM\\svc-mlconnector');
      expect(check!.message).not.toContain('Wrong-Pa55');
    } finally {
      await rt.close();
    }
  });

  it('offers only the customers feed for now', () => {
    const rt = dynamicsGpModule.create(connection(gp.credentials.password), { logger: silentLogger() });
    expect(() => rt.feed('vendors', {})).toThrow(ConfigError);
    expect(() => rt.feed('customers', { initialWatermark: 'yesterday' })).toThrow(/initialWatermark/);
    expect(() => rt.writer('customers', 'CustomerId', {})).toThrow(ConfigError);
    return rt.close();
  });
});
