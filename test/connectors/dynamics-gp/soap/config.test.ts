/**
 * Configuration of the SOAP transport is validated before any call: the company in a form GP Web Services can
 * resolve (a name, or a database name with companyKey — seed 001: a database name must be a valid SQL
 * identifier), transports per entity, an https Web Services URL; bad values are configuration errors naming the field.
 */
import { describe, expect, it } from 'vitest';
import { parseGpConnectionConfig } from '../../../../service/src/connectors/dynamics-gp/config.ts';
import { ConfigError } from '../../../../service/src/lib/errors.ts';

const base = { baseUrl: 'https://gp.fabrikam.local', domain: 'FABRIKAM', username: 'svc', password: 'x', company: 'Fabrikam, Inc.' };

function problems(input: Record<string, unknown>): string[] {
  try {
    parseGpConnectionConfig({ ...base, ...input });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('GP SOAP configuration', () => {
  it('defaults to SBA, the legacy endpoint path and the 2010/01 contract', () => {
    const cfg = parseGpConnectionConfig(base);
    expect(cfg.transport).toBe('sba');
    expect(cfg.soap).toEqual({ servicePath: '/DynamicsGPWebServices/DynamicsGPService.asmx', namespace: 'http://schemas.microsoft.com/dynamics/gp/2010/01' });
    expect(cfg.flowNeeds).toEqual([{ entity: 'customers', operations: ['read'] }]);
  });

  it('needs the company name or companyKey when SOAP is used with a database name', () => {
    expect(problems({ company: 'TWO' })).toEqual([]);
    expect(problems({ company: 'TWO', transport: 'soap' })).toEqual([expect.stringMatching(/^config\.company: "TWO" is a company database name; .*companyKey/)]);
    expect(problems({ company: 'TWO', entityTransports: { customers: 'soap' } })).toHaveLength(1);
    expect(problems({ company: 'TWO', transport: 'soap', companyKey: -1 })).toEqual([]);
  });

  it('refuses values that are neither a SQL identifier nor a company name, before any call', () => {
    expect(problems({ company: 'Fab</Name><x>', transport: 'soap' })).toEqual([expect.stringMatching(/^config\.company: .*neither a valid SQL database name/)]);
    expect(problems({ company: 'SELECT', transport: 'soap' })).toEqual([expect.stringMatching(/reserved SQL keyword/)]);
    expect(problems({ tenant: 'Default<Tenant>' })).toEqual([expect.stringMatching(/^config\.tenant:/)]);
  });

  it('checks transports, versions, flow needs and the Web Services URL', () => {
    expect(problems({ transport: 'rest' })).toEqual([expect.stringMatching(/^config\.transport:/)]);
    expect(problems({ entityTransports: { invoices: 'soap' } })).toEqual([expect.stringMatching(/^config\.entityTransports/)]);
    expect(problems({ gpVersion: '2013' })).toEqual([expect.stringMatching(/^config\.gpVersion:/)]);
    expect(problems({ flowNeeds: [{ entity: 'customers', operations: ['delete'] }] })).toEqual([expect.stringMatching(/^config\.flowNeeds\.0\.operations\.0:/)]);
    expect(problems({ soap: { baseUrl: 'http://gp.fabrikam.local:48620' } })).toEqual([expect.stringMatching(/^config\.soap\.baseUrl: must be an https:\/\/ URL/)]);
    expect(problems({ soap: { baseUrl: 'http://gp.fabrikam.local:48620' }, allowInsecureHttp: true })).toEqual([]);
    expect(problems({ soap: { servicePath: 'DynamicsGPWebServices' } })).toEqual([expect.stringMatching(/^config\.soap\.servicePath:/)]);
  });
});
