/**
 * One client interface, two transports: SBA and SOAP over the same emulator state give the same customers and
 * the same feed output, and both stay within the politeness limits (0 violations).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GpSandbox } from '../../../../service/sandbox/dynamics-gp/index.ts';
import { createGpCustomerFeed } from '../../../../service/src/connectors/dynamics-gp/feeds/customer-feed.ts';
import type { GpClient } from '../../../../service/src/connectors/dynamics-gp/client.ts';
import type { GpClients } from '../../../../service/src/connectors/dynamics-gp/gp-clients.ts';
import type { SourceChange } from '../../../../service/src/engine/types.ts';
import { gpClients, startGp, testLimiter } from './helpers.ts';

async function drain(client: GpClient, pageSize: number): Promise<SourceChange[]> {
  const feed = createGpCustomerFeed(client, { overlapDays: 1, initialWatermark: '2026-03-02' });
  let cursor = feed.beginRun(null);
  const out: SourceChange[] = [];
  for (;;) {
    const page = await feed.read(cursor, { pageSize });
    out.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return out;
  }
}

describe('SOAP and SBA transports on the same GP data', () => {
  let gp: GpSandbox;
  let sba: GpClients;
  let soap: GpClients;
  beforeAll(async () => {
    gp = await startGp();
    // A tie on one ModifiedDate across a page boundary exercises the keyset on both transports.
    gp.setClock({ now: '2026-03-02T15:00:00Z' });
    gp.generateCustomers({ count: 7, seed: 5, modifiedDate: '2026-03-02' });
    // One polite caller: both transports share the limiter, as they do inside one connection (gp-clients.ts).
    const limiter = testLimiter();
    sba = gpClients(gp, {}, limiter);
    soap = gpClients(gp, { transport: 'soap' }, limiter);
  });
  afterAll(async () => {
    await Promise.all([sba?.close(), soap?.close()]);
    await gp?.stop();
  });

  it('reads the same customer by key', async () => {
    const a = await sba.forEntity('customers').getCustomer('CONTOSOL0001');
    const b = await soap.forEntity('customers').getCustomer('contosol0001');
    expect(b.customer).toEqual(a.customer);
    expect(b.customer).toMatchObject({ CustomerId: 'CONTOSOL0001', Name: 'Contoso, Ltd.', Currency: 'Z-US$', PaymentTerms: 'Net 30' });
    expect((await soap.forEntity('customers').getCustomer('NOSUCHCU0001')).customer).toBeUndefined();
  });

  it('gives the same feed output, page by page, for the same emulator state', async () => {
    const viaSba = await drain(sba.forEntity('customers'), 3);
    const viaSoap = await drain(soap.forEntity('customers'), 3);
    expect(viaSba.length).toBeGreaterThanOrEqual(7);
    expect(viaSoap).toEqual(viaSba);
  });

  it('creates and updates through SOAP (policy first) with the same result SBA reads back', async () => {
    const client = soap.forEntity('customers');
    const created = await client.createCustomer({
      CustomerId: 'soapcust0001',
      Name: 'Soap & <Sons>',
      AddressCode: 'PRIMARY',
      City: 'Fargo',
      Phone1: '70155501230012',
      CreditLimitType: 2,
      CreditLimitAmount: 2500.5,
      Currency: 'Z-US$',
      PaymentTerms: 'Net 30',
    });
    expect(created.customer).toMatchObject({ CustomerId: 'SOAPCUST0001', Name: 'Soap & <Sons>', Phone1: '70155501230012', CreditLimitAmount: 2500.5 });
    const updated = await client.updateCustomer('SOAPCUST0001', { City: 'Bismarck', OnHold: true });
    expect(updated.customer).toMatchObject({ City: 'Bismarck', OnHold: true, Phone1: '70155501230012', AddressCode: 'PRIMARY' });
    expect((await sba.forEntity('customers').getCustomer('SOAPCUST0001')).customer).toEqual(updated.customer);
  });

  it('maps faults like the SBA client maps errors', async () => {
    const client = soap.forEntity('customers');
    const dup = await client.createCustomer({ CustomerId: 'AARONFIT0001', Name: 'Again' }).catch((e: unknown) => e);
    expect(dup).toMatchObject({ category: 'conflict', code: 'eConnect 251' });
    const badClass = await client.createCustomer({ CustomerId: 'NEWCLASS0001', Name: 'X', Class: 'NOPE' }).catch((e: unknown) => e);
    expect(badClass).toMatchObject({ category: 'validation', code: 'eConnect 495' });
    const missing = await client.updateCustomer('NOSUCHCU0001', { Name: 'X' }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ category: 'validation', code: 'EntityNotFound' });
  });

  it('kept both transports polite: no concurrency or spacing violations at the emulator', () => {
    const { politeness, ntlm } = gp.counters();
    expect(politeness.requests).toBeGreaterThan(20);
    expect(politeness.concurrencyViolations).toBe(0);
    expect(politeness.spacingViolations).toBe(0);
    expect(ntlm.authenticateRejected).toBe(0);
  });
});
