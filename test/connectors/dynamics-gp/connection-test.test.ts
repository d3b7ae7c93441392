/**
 * "Ping your real systems": the GP connection test reports a wrong password, an unknown company and a missing
 * permission as distinct failing checks, each saying what to fix, over both transports; and a healthy connection
 * passes reach, TLS, auth, version, coverage, company and permission — without a secret in any message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GP_SANDBOX_DEFAULT_USER, type GpSandbox } from '../../../service/sandbox/dynamics-gp/index.ts';
import { dynamicsGpModule } from '../../../service/src/connectors/dynamics-gp/index.ts';
import type { ConnectionCheck } from '../../../service/src/engine/connections.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import { gpConfig, startGp } from './soap/helpers.ts';

const NO_READ = { ...GP_SANDBOX_DEFAULT_USER, username: 'svc-noread', password: 'Sandbox-NoRead-1!', gpUserId: 'NOREAD', grants: {} };

async function runTest(gp: GpSandbox, overrides: Record<string, unknown>, password = gp.credentials.password): Promise<ConnectionCheck[]> {
  const { password: _omit, ...config } = { ...gpConfig(gp), ...overrides } as Record<string, unknown>;
  const runtime = dynamicsGpModule.create(
    { id: 'gp', system: 'dynamics-gp', name: 'GP', config, secrets: { password }, secretNames: ['password'], createdAt: new Date(), updatedAt: new Date() },
    { logger: silentLogger() },
  );
  try {
    return await runtime.test();
  } finally {
    await runtime.close();
  }
}

const failing = (checks: ConnectionCheck[]) => checks.filter((c) => !c.ok).map((c) => c.name);

describe.each(['sba', 'soap'] as const)('GP connection test over %s', (transport) => {
  let gp: GpSandbox;
  beforeAll(async () => {
    gp = await startGp({ gpVersion: '2016', users: [GP_SANDBOX_DEFAULT_USER, NO_READ] });
  });
  afterAll(() => gp?.stop());

  it('passes every check on a healthy connection', async () => {
    const checks = await runTest(gp, { transport });
    expect(failing(checks)).toEqual([]);
    expect(checks.map((c) => c.name)).toEqual(['reach', 'tls', 'auth', 'version', 'coverage:customers:read', 'company', 'permission:customers']);
    expect(checks.find((c) => c.name === 'version')!.message).toMatch(/Dynamics GP 2016 \(reported by the server\)/);
    expect(JSON.stringify(checks)).not.toContain(gp.credentials.password);
  });

  it('reports a wrong password as a failing auth check (and nothing after it)', async () => {
    const checks = await runTest(gp, { transport }, 'Wrong-Password-1!');
    expect(failing(checks)).toEqual(['auth']);
    expect(checks.find((c) => c.name === 'reach')!.ok).toBe(true);
    expect(checks.at(-1)!.message).toMatch(/refused the Windows credentials for FABRIKAM\\svc-mlconnector — check domain, username and the password/);
    expect(JSON.stringify(checks)).not.toContain('Wrong-Password-1!');
  });

  it('reports an unknown company as a failing company check', async () => {
    const checks = await runTest(gp, { transport, company: 'Northwind Traders' });
    expect(failing(checks)).toEqual(['company']);
    expect(checks.find((c) => c.name === 'company')!.message).toMatch(/Northwind Traders/);
    if (transport === 'soap') expect(checks.find((c) => c.name === 'company')!.message).toMatch(/available: Fabrikam, Inc\. \(-1\)/);
  });

  it('reports a missing permission as a failing permission check naming what to grant', async () => {
    const checks = await runTest(gp, { transport, username: NO_READ.username }, NO_READ.password);
    expect(failing(checks)).toEqual(['permission:customers']);
    expect(checks.find((c) => c.name === 'permission:customers')!.message).toMatch(/NOREAD does not have security access to read .*grant the GP user security access to customers/);
  });

  it('fails coverage (and says what to do) when a flow needs what GP 2016 cannot do over this transport', async () => {
    // Over SOAP the emulator serves CreateGLTransaction now; it still has no GetVendorList to offer.
    const need = transport === 'sba' ? { entity: 'glTransactions', operations: ['create'] } : { entity: 'vendors', operations: ['read'] };
    const name = `coverage:${need.entity}:${need.operations[0]}`;
    const checks = await runTest(gp, { transport, flowNeeds: [{ entity: 'customers', operations: ['read'] }, need] });
    expect(failing(checks)).toEqual([name]);
    expect(checks.find((c) => c.name === name)!.message).toMatch(transport === 'sba' ? /GP 2016 does not offer create of glTransactions over SBA.*use transport "soap"/ : /does not offer GetVendorList/);
  });
});

describe('GP connection test: reach', () => {
  it('reports an unreachable server as a failing reach check', async () => {
    const gp = await startGp();
    const url = gp.url;
    await gp.stop();
    const checks = await runTest({ ...gp, url, credentials: gp.credentials } as GpSandbox, { baseUrl: url, requestTimeoutMs: 2000 });
    expect(failing(checks)).toEqual(['reach']);
    expect(checks[0]!.message).toMatch(/ECONNREFUSED.*check that http:\/\/127\.0\.0\.1:\d+ is reachable/);
  });
});
