import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../service/src/lib/errors.ts';
import { classifyCompany } from '../../../service/src/connectors/dynamics-gp/company-name.ts';
import { parseGpConnectionConfig } from '../../../service/src/connectors/dynamics-gp/config.ts';
import { createGpClient } from '../../../service/src/connectors/dynamics-gp/client.ts';
import { dynamicsGpModule } from '../../../service/src/connectors/dynamics-gp/index.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import type { GpSandbox } from '../../../service/sandbox/dynamics-gp/index.ts';
import { clientConfig, startSandbox } from './helpers.ts';

const base = {
  baseUrl: 'https://gp.fabrikam.local',
  company: 'Fabrikam, Inc.',
  domain: 'FABRIKAM',
  username: 'svc-mlconnector',
  password: 'S3cret!pw',
};

function problems(input: unknown): string[] {
  try {
    parseGpConnectionConfig(input);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
}

describe('GP connection config', () => {
  it('applies the defaults: DefaultTenant, 2 concurrent, 150 ms, 1 overlap day, Payload facts', () => {
    const cfg = parseGpConnectionConfig(base);
    expect(cfg).toMatchObject({ tenant: 'DefaultTenant', maxConcurrent: 2, minSpacingMs: 150, overlapDays: 1, pageSize: 500 });
    expect(cfg.facts.requestEnvelopeKey).toBe('Payload');
  });

  it('accepts a company database name (SQL identifier) or a display name with spaces and commas', () => {
    expect(classifyCompany('TWO')).toEqual({ ok: true, form: 'database' });
    expect(classifyCompany('Fabrikam, Inc.')).toEqual({ ok: true, form: 'display-name' });
    expect(classifyCompany("Margie's Travel & Co")).toEqual({ ok: true, form: 'display-name' });
    expect(classifyCompany('COMPAÑIA DE PRUEBA')).toEqual({ ok: true, form: 'display-name' });
  });

  it.each([
    ['TWO; DROP DATABASE TWO', 'neither a valid SQL database name'],
    ['TWO)/Sales/Customers(', 'neither a valid SQL database name'],
    ['Fabrikam%2C', 'neither a valid SQL database name'],
    ['SELECT', 'reserved SQL keyword'],
    [' TWO', 'must not start or end with spaces'],
    ['', 'is required'],
    ['A'.repeat(65) + ' Inc', 'neither a valid SQL database name'],
  ])('rejects company %j', (company, message) => {
    const p = problems({ ...base, company });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^config\.company: /);
    expect(p[0]).toContain(message);
  });

  it('keeps maxConcurrent within 2–5 and minSpacingMs within 100–200 ms, naming the field', () => {
    expect(problems({ ...base, maxConcurrent: 1 })[0]).toMatch(/^config\.maxConcurrent: must be between 2 and 5/);
    expect(problems({ ...base, maxConcurrent: 6 })[0]).toMatch(/^config\.maxConcurrent: must be between 2 and 5/);
    expect(problems({ ...base, minSpacingMs: 50 })[0]).toMatch(/^config\.minSpacingMs: must be between 100 and 200 ms/);
    expect(problems({ ...base, minSpacingMs: 250 })[0]).toMatch(/^config\.minSpacingMs: must be between 100 and 200 ms/);
    expect(problems({ ...base, maxConcurrent: 5, minSpacingMs: 100 })).toEqual([]);
  });

  it('requires https unless allowInsecureHttp, and rejects DOMAIN\\user, bad tenants and bad time zones', () => {
    expect(problems({ ...base, baseUrl: 'http://gp.local' })[0]).toMatch(/^config\.baseUrl: must be an https:\/\/ URL/);
    expect(problems({ ...base, baseUrl: 'http://gp.local', allowInsecureHttp: true })).toEqual([]);
    expect(problems({ ...base, username: 'FABRIKAM\\svc' })[0]).toMatch(/^config\.username: must be the bare account name/);
    expect(problems({ ...base, tenant: 'Default)Tenant' })[0]).toMatch(/^config\.tenant:/);
    expect(problems({ ...base, timezone: 'Mars/Olympus' })[0]).toMatch(/^config\.timezone:/);
    expect(problems({ ...base, timezone: 'America/Chicago', utcOffsetMinutes: -360 })[0]).toMatch(/^config\.utcOffsetMinutes: give either/);
  });

  it('never echoes the password in a problem', () => {
    const p = problems({ ...base, password: 12345, maxConcurrent: 9 });
    expect(p.join('\n')).not.toContain('12345');
    expect(p.some((x) => x.startsWith('config.password'))).toBe(true);
  });

  it('reports secrets under secrets.* through the connector module', () => {
    const { password: _pw, ...config } = base;
    expect(dynamicsGpModule.validate(config, {})).toEqual(['secrets.password: Invalid input: expected string, received undefined']);
    expect(dynamicsGpModule.validate(config, { password: 'x' })).toEqual([]);
  });
});

describe('invalid company rejected before any request', () => {
  let gp: GpSandbox;
  beforeAll(async () => {
    gp = await startSandbox();
  });
  afterAll(() => gp.stop());

  it('createGpClient throws a ConfigError and the GP Service sees nothing', () => {
    const cfg = clientConfig(gp, { company: "TWO') or 1=1 --" });
    expect(() => createGpClient(cfg as never, { logger: silentLogger() })).toThrow(ConfigError);
    const c = gp.counters();
    expect(c.connections).toBe(0);
    expect(c.ntlm.negotiateMessages + c.ntlm.missingCredentials + c.politeness.requests).toBe(0);
  });
});
