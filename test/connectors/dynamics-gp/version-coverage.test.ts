/**
 * Version coverage: the connector learns the server's GP version (SBA help, SOAP ?wsdl), and a GP 2015 server
 * refuses a flow that needs an operation its SBA lacks, with a message naming the entity, the version and the
 * alternative transport; the emulator hides what the version lacks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GpSandbox } from '../../../service/sandbox/dynamics-gp/index.ts';
import { createVersionGate } from '../../../service/src/connectors/dynamics-gp/server-version.ts';
import { coverageOf, coverageProblem, GP_COVERAGE, GP_VERSIONS } from '../../../service/src/connectors/dynamics-gp/version-coverage.ts';
import { ConnectorError } from '../../../service/src/lib/errors.ts';
import { gpClients, startGp } from './soap/helpers.ts';

describe('the version coverage table', () => {
  it('marks every row with evidence and names what it uses', () => {
    for (const row of GP_COVERAGE) {
      expect(row.via).not.toBe('');
      for (const v of Object.keys(row.versions)) expect(GP_VERSIONS).toContain(v);
    }
    expect(coverageOf('2015', 'sba', 'customers', 'read')).toMatchObject({ offered: true, evidence: 'V' });
    expect(coverageOf('2015', 'sba', 'glAccounts', 'read').offered).toBe(false);
    expect(coverageOf('2018', 'sba', 'glAccounts', 'read')).toMatchObject({ offered: true, evidence: 'U' });
  });

  it('explains a refusal with entity, version and the other transport — or that none offers it', () => {
    expect(coverageProblem('2015', 'sba', 'glTransactions', 'create')).toMatch(/Dynamics GP 2015 does not offer create of glTransactions over SBA.*use transport "soap" for glTransactions \(entityTransports\.glTransactions = "soap": CreateGLTransaction/);
    expect(coverageProblem('2015', 'soap', 'batches', 'post')).toMatch(/GP 2015 does not offer post of batches over SOAP.*neither does SBA; GP 2016, 2018, 2025 offer it/);
    expect(coverageProblem('2018', 'sba', 'customers', 'update')).toBeUndefined();
  });
});

describe('a GP 2015 emulator', () => {
  let gp2015: GpSandbox;
  let gp2018: GpSandbox;
  beforeAll(async () => {
    [gp2015, gp2018] = await Promise.all([startGp({ gpVersion: '2015' }), startGp({ gpVersion: '2018' })]);
  });
  afterAll(() => Promise.all([gp2015?.stop(), gp2018?.stop()]));

  it('reports its version over SBA (help) and over SOAP (?wsdl)', async () => {
    const sba = gpClients(gp2015);
    const soap = gpClients(gp2015, { transport: 'soap' });
    try {
      expect((await createVersionGate(sba).facts()).reported).toBe('2015');
      const viaSoap = await createVersionGate(soap).facts();
      expect(viaSoap.reported).toBe('2015');
      expect(viaSoap.soapOperations?.has('GetCustomerList')).toBe(true);
      expect(viaSoap.soapOperations?.has('GetChangedCustomerKeyList')).toBe(true);
    } finally {
      await Promise.all([sba.close(), soap.close()]);
    }
  });

  it('refuses a flow needing GL accounts over SBA, naming entity, version and the SOAP alternative; 2018 accepts it', async () => {
    const on2015 = gpClients(gp2015, { flowNeeds: [{ entity: 'glAccounts', operations: ['read'] }] });
    const on2018 = gpClients(gp2018);
    try {
      const err = await createVersionGate(on2015)
        .require('glAccounts', 'read')
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectorError);
      expect(err).toMatchObject({ category: 'validation', code: 'GP_NOT_OFFERED_BY_VERSION' });
      expect((err as Error).message).toMatch(/Dynamics GP 2015 does not offer read of glAccounts over SBA .*use transport "soap" for glAccounts/);
      await expect(createVersionGate(on2018).require('glAccounts', 'read')).resolves.toBeUndefined();
      // With the override the table allows SOAP on 2015, and the endpoint's own ?wsdl has the last word: this
      // emulator serves customers only, so it is refused by operation name rather than accepted blindly.
      const overridden = gpClients(gp2015, { entityTransports: { glAccounts: 'soap' } });
      try {
        await expect(createVersionGate(overridden).require('glAccounts', 'read')).rejects.toThrow(/endpoint does not offer GetGLAccountList \(needed to read glAccounts\)/);
        await expect(createVersionGate(overridden).require('customers', 'read')).resolves.toBeUndefined();
      } finally {
        await overridden.close();
      }
    } finally {
      await Promise.all([on2015.close(), on2018.close()]);
    }
  });

  it('hides what 2015 lacks: no Financials/GLAccounts in SBA (404 and not in help); 2018 has it', async () => {
    const c2015 = gpClients(gp2015);
    const c2018 = gpClients(gp2018);
    try {
      const help2015 = (await c2015.sba().describe()).body as { Resources: string[]; Version: string };
      expect(help2015.Version).toMatch(/^Microsoft Dynamics GP 2015 /);
      expect(help2015.Resources).toContain('Sales/Customers');
      expect(help2015.Resources).not.toContain('Financials/GLAccounts');
      const missing = await c2015.sba().send('readGlAccounts', 'GET', 'Financials/GLAccounts?$top=1').catch((e: unknown) => e);
      expect(missing).toMatchObject({ status: 404, code: 'ResourceNotFound' });
      const help2018 = (await c2018.sba().describe()).body as { Resources: string[] };
      expect(help2018.Resources).toContain('Financials/GLAccounts');
    } finally {
      await Promise.all([c2015.close(), c2018.close()]);
    }
  });
});
