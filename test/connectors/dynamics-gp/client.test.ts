import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../service/src/lib/errors.ts';
import type { GpClient } from '../../../service/src/connectors/dynamics-gp/client.ts';
import type { GpSandbox } from '../../../service/sandbox/dynamics-gp/index.ts';
import { makeClient, startSandbox } from './helpers.ts';

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConnectorError);
  return err as ConnectorError;
}

describe('GP client against the emulator', () => {
  let gp: GpSandbox;
  let client: GpClient;
  beforeAll(async () => {
    gp = await startSandbox();
    client = makeClient(gp);
  });
  afterEach(() => gp.clearFaults());
  afterAll(async () => {
    await client.close();
    await gp.stop();
  });

  it('reads a customer with strings trimmed, dates server-local and LastModified in UTC', async () => {
    const raw = gp.getCustomer('CONTOSOL0001')!;
    expect(raw.Name).toBe('Contoso, Ltd.'.padEnd(65));
    const { customer, requestId } = await client.getCustomer('contosol0001');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(customer).toMatchObject({
      CustomerId: 'CONTOSOL0001',
      Name: 'Contoso, Ltd.',
      ContactPerson: 'Joe Healy',
      City: 'Aurora',
      State: 'IL',
      PaymentTerms: 'Net 30',
      TaxSchedule: 'USASTCITY-6*',
      Address2: '',
      CreditLimitType: 2,
      CreditLimitAmount: 15000,
      OnHold: false,
      Inactive: false,
    });
    expect(customer!.ModifiedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(customer!.LastModified).toBe(`${String(raw.LastModifiedDate)}Z`);
  });

  it('returns undefined for a customer GP does not have', async () => {
    expect((await client.getCustomer('NOSUCHCU0001')).customer).toBeUndefined();
  });

  it('creates (wrapped in Payload) and updates a customer; ModifiedDate is the server-local date', async () => {
    gp.setClock({ now: '2026-03-02T03:30:00Z' }); // 2026-03-01 21:30 in the server's UTC-6
    try {
      const created = await client.createCustomer({ CustomerId: 'newcust0001', Name: 'New Customer', Phone1: '31255501230000', PaymentTerms: 'Net 30', CreditLimitType: 2, CreditLimitAmount: 500.25 });
      expect(created.customer).toMatchObject({ CustomerId: 'NEWCUST0001', Name: 'New Customer', ModifiedDate: '2026-03-01', CreatedDate: '2026-03-01' });
      expect(created.customer.LastModified).toBe('2026-03-02T03:30:00.000Z');
      const updated = await client.updateCustomer('NEWCUST0001', { City: 'Aurora', OnHold: true });
      expect(updated.customer).toMatchObject({ City: 'Aurora', OnHold: true, Name: 'New Customer' });
    } finally {
      gp.setClock({ now: null });
    }
  });

  it('maps eConnect data errors: duplicate → conflict (251), bad reference → validation (5421), too long → validation naming the field', async () => {
    const dup = await failure(client.createCustomer({ CustomerId: 'AARONFIT0001', Name: 'Again' }));
    expect(dup).toMatchObject({ category: 'conflict', status: 409, code: 'eConnect 251' });
    expect(dup.message).toContain('Error Number = 251');
    const terms = await failure(client.createCustomer({ CustomerId: 'TERMS0001', PaymentTerms: 'Net 999' }));
    expect(terms).toMatchObject({ category: 'validation', status: 400, code: 'eConnect 5421' });
    expect(terms.fields).toContain('PYMTRMID');
    const long = await failure(client.updateCustomer('AARONFIT0001', { Name: 'N'.repeat(65) }));
    expect(long).toMatchObject({ category: 'validation', status: 400, code: 'ValidationFailed' });
    expect(long.message).toContain('Name (CUSTNAME) is 65 characters long; GP accepts at most 64');
  });

  it('maps PATCH of a missing customer (404) to validation', async () => {
    const err = await failure(client.updateCustomer('NOSUCHCU0001', { Name: 'x' }));
    expect(err).toMatchObject({ category: 'validation', status: 404, code: 'EntityNotFound' });
  });

  it('maps 429 with Retry-After and 503 to transient with retryAfterMs', async () => {
    gp.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 7 });
    const tooMany = await failure(client.getCustomer('AARONFIT0001'));
    expect(tooMany).toMatchObject({ category: 'transient', status: 429, retryAfterMs: 7000 });
    gp.injectFault({ kind: 'status', status: 503, retryAfterSeconds: 2 });
    const unavailable = await failure(client.listCustomers({ top: 5 }));
    expect(unavailable).toMatchObject({ category: 'transient', status: 503, retryAfterMs: 2000 });
    gp.injectFault({ kind: 'status', status: 500 });
    expect(await failure(client.getCustomer('AARONFIT0001'))).toMatchObject({ category: 'transient', status: 500, retryAfterMs: undefined });
    expect((await client.getCustomer('AARONFIT0001')).customer?.CustomerId).toBe('AARONFIT0001');
  });

  it('maps a dropped connection to transient, then recovers with a new handshake', async () => {
    gp.injectFault({ kind: 'drop' });
    const err = await failure(client.getCustomer('AARONFIT0001'));
    expect(err.category).toBe('transient');
    expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await client.getCustomer('AARONFIT0001')).customer?.Name).toBe('Aaron Fitz Electrical');
  });

  it('maps a response slower than requestTimeoutMs to transient', async () => {
    const impatient = makeClient(gp, { requestTimeoutMs: 1000 });
    gp.injectFault({ kind: 'slow', delayMs: 1500 });
    try {
      expect(await failure(impatient.getCustomer('AARONFIT0001'))).toMatchObject({ category: 'transient' });
    } finally {
      await impatient.close();
    }
  });

  it('sends a fresh request id per call and the emulator echoes it in errors', async () => {
    const a = await client.getCustomer('AARONFIT0001');
    const b = await client.getCustomer('AARONFIT0001');
    expect(a.requestId).not.toBe(b.requestId);
    gp.injectFault({ kind: 'status', status: 503 });
    const err = await failure(client.getCustomer('AARONFIT0001'));
    expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('GP client: authentication and permissions', () => {
  let gp: GpSandbox;
  beforeAll(async () => {
    gp = await startSandbox({
      users: [
        { domain: 'FABRIKAM', username: 'svc-mlconnector', password: 'Right-Pa55', gpUserId: 'MLCONNECT', companies: '*', grants: { 'Sales/Customers': ['read'] } },
        { domain: 'FABRIKAM', username: 'svc-reports', password: 'Other-Pa55', gpUserId: 'REPORTS', companies: ['TWO'], grants: {} },
      ],
    });
  });
  afterAll(() => gp.stop());

  it('a wrong password is an auth error naming DOMAIN\\user, never the password, and nothing else is called', async () => {
    gp.resetCounters();
    const client = makeClient(gp, { password: 'Wrong-Pa55' });
    const err = await failure(client.listCustomers({ top: 10 }));
    await client.close();
    expect(err).toMatchObject({ category: 'auth', status: 401 });
    expect(err.message).toBe('GP refused the Windows credentials for FABRIKAM\\svc-mlconnector');
    expect(JSON.stringify({ ...err, message: err.message })).not.toContain('Wrong-Pa55');
    const c = gp.counters();
    expect(c.ntlm).toMatchObject({ negotiateMessages: 1, authenticateRejected: 1, handshakesCompleted: 0 });
    expect(c.politeness.requests).toBe(0);
  });

  it('a resource the GP user may not read → 403 → auth (permission)', async () => {
    const client = makeClient(gp, { username: 'svc-reports', password: 'Other-Pa55' });
    const err = await failure(client.listCustomers({ top: 10 }));
    await client.close();
    expect(err).toMatchObject({ category: 'auth', status: 403 });
    expect(err.message).toContain('REPORTS does not have security access to read Sales/Customers');
  });

  it('a write the GP user may not do → 403; reads still work', async () => {
    const client = makeClient(gp, { password: 'Right-Pa55' });
    expect((await client.listCustomers({ top: 3 })).customers).toHaveLength(3);
    expect(await failure(client.createCustomer({ CustomerId: 'DENIED0001' }))).toMatchObject({ category: 'auth', status: 403 });
    await client.close();
  });

  it('an unknown company → 404 (CompanyNotFound), also from getCustomer', async () => {
    const client = makeClient(gp, { password: 'Right-Pa55', company: 'THREE' });
    const err = await failure(client.getCustomer('AARONFIT0001'));
    await client.close();
    expect(err).toMatchObject({ category: 'validation', status: 404, code: 'CompanyNotFound' });
    expect(err.message).toContain("Company 'THREE' was not found in tenant 'DefaultTenant'");
  });
});
