import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessCentralModule } from '../../../service/src/connectors/business-central/index.ts';
import { createBcRuntime } from '../../../service/src/connectors/business-central/runtime.ts';
import { ConfigError } from '../../../service/src/lib/errors.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import type { ConnectionWithSecrets } from '../../../service/src/store/types.ts';
import type { BcSandbox } from '../../../service/sandbox/business-central/index.ts';
import { startBc } from './helpers.ts';

function connection(sandbox: BcSandbox, config: Record<string, unknown> = {}, secrets: Record<string, string> = {}): ConnectionWithSecrets {
  return {
    id: 'bc-main',
    system: 'business-central',
    name: 'BC',
    config: {
      tenantId: sandbox.tenantId,
      environment: sandbox.environment,
      companyId: sandbox.companyId,
      clientId: sandbox.clientId,
      authorityUrl: sandbox.url,
      apiBaseUrl: sandbox.url,
      allowInsecureHttp: true,
      ...config,
    },
    secretNames: ['clientSecret'],
    createdAt: new Date(),
    updatedAt: new Date(),
    secrets: { clientSecret: sandbox.clientSecret, ...secrets },
  };
}

describe('business central connector module', () => {
  let sandbox: BcSandbox;
  beforeAll(async () => {
    sandbox = await startBc({ seed: 'demo' });
  });
  afterAll(() => sandbox.stop());

  it('validates config field by field, with secrets kept apart and never echoed', () => {
    expect(businessCentralModule.system).toBe('business-central');
    expect([...businessCentralModule.secretKeys].sort()).toEqual(['clientSecret', 'clientState']);
    const problems = businessCentralModule.validate(
      { tenantId: 'contoso.onmicrosoft.com', environment: 'production', companyId: 'not-a-guid', clientId: 'app', notificationUrl: 'http://hooks.example.com/bc' },
      { clientSecret: 'super-secret-value' },
    );
    expect(problems.some((p) => p.startsWith('business-central.companyId:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('business-central.notificationUrl:') && p.includes('https'))).toBe(true);
    expect(problems.some((p) => p.startsWith('business-central.clientState:') && p.includes('required'))).toBe(true);
    expect(problems.join('\n')).not.toContain('super-secret-value');
    expect(businessCentralModule.validate(connection(sandbox).config, connection(sandbox).secrets)).toEqual([]);
    expect(businessCentralModule.validate({ ...connection(sandbox).config, maxConcurrent: 6 }, connection(sandbox).secrets)[0]).toContain('maxConcurrent');
  });

  it('tests reach, auth, environment, company, permissions, and reports polling-only without a notificationUrl', async () => {
    const checks = await createBcRuntime(connection(sandbox), { logger: silentLogger() }).test();
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['reach', true],
      ['auth', true],
      ['environment', true],
      ['company', true],
      ['permission:customers', true],
      ['permission:items', true],
      ['permission:salesOrders', true],
      ['permission:salesInvoices', true],
      ['permission:customerPaymentJournals', true],
      ['subscriptions', true],
    ]);
    expect(checks.find((c) => c.name === 'company')?.message).toContain('CRONUS USA, Inc.');
  });

  it('says what is wrong: secret, environment, company, permission', async () => {
    const wrongSecret = await createBcRuntime(connection(sandbox, {}, { clientSecret: 'nope-nope' }), { logger: silentLogger() }).test();
    expect(wrongSecret.find((c) => c.name === 'auth')).toMatchObject({ ok: false });
    expect(JSON.stringify(wrongSecret)).not.toContain('nope-nope');

    const wrongEnv = await createBcRuntime(connection(sandbox, { environment: 'staging' }), { logger: silentLogger() }).test();
    expect(wrongEnv.find((c) => c.name === 'environment')).toMatchObject({ ok: false });

    const wrongCompany = await createBcRuntime(connection(sandbox, { companyId: '11111111-2222-3333-4444-555555555555' }), { logger: silentLogger() }).test();
    expect(wrongCompany.find((c) => c.name === 'company')?.message).toContain(sandbox.companyId);

    sandbox.admin.denyEntitySet('salesInvoices');
    try {
      const denied = await createBcRuntime(connection(sandbox), { logger: silentLogger() }).test();
      expect(denied.find((c) => c.name === 'permission:salesInvoices')).toMatchObject({ ok: false });
      expect(denied.find((c) => c.name === 'permission:salesInvoices')?.message).toContain('API.ReadWrite.All');
    } finally {
      sandbox.admin.denyEntitySet('salesInvoices', false);
    }
  });

  it('builds feeds and writers for the known entities only, with their match fields', () => {
    const runtime = createBcRuntime(connection(sandbox), { logger: silentLogger() });
    expect(() => runtime.feed('vendors', {})).toThrow(ConfigError);
    expect(() => runtime.feed('customers', { since: 'x' })).toThrow(/unknown option/);
    expect(runtime.feed('salesInvoices', { overlapMs: 0, filter: "status eq 'Open'" })).toBeDefined();
    expect(() => runtime.writer('customers', 'email', {})).toThrow(/must be "number"/);
    expect(() => runtime.writer('salesOrders', 'externalDocumentNumber', { post: true })).toThrow(/salesInvoices only/);
    expect(runtime.writer('salesInvoices', 'externalDocumentNumber', { post: true }).maxBatchSize).toBeGreaterThan(0);
    // Without a notificationUrl there is no push face: flows poll lastModifiedDateTime.
    expect(runtime.push).toBeUndefined();
    expect(runtime.gauges?.()).toMatchObject({ bc_requests_in_flight: 0, bc_subscriptions_healthy: 0 });
  });

  it('checks subscription health when a notificationUrl is configured', async () => {
    const runtime = createBcRuntime(connection(sandbox, { notificationUrl: 'http://127.0.0.1:9/hooks/bc' }, { clientState: 'a-client-state-of-sufficient-length' }), { logger: silentLogger() });
    expect(runtime.push).toMatchObject({ bodyLimitBytes: 2 * 1024 * 1024, timeoutMs: 5_000 });
    expect(runtime.push?.upkeep).toBeTypeOf('function');
    const checks = await runtime.test();
    const subs = checks.filter((c) => c.name.startsWith('subscription:'));
    expect(subs).toHaveLength(5);
    expect(subs.every((c) => !c.ok && c.message.includes('subscription upkeep'))).toBe(true);
  });
});
