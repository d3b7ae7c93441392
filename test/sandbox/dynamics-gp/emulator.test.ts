import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import type { GpSandbox } from '../../../service/sandbox/dynamics-gp/index.ts';
import { createNtlmConnectionPool, type HttpMethod, type NtlmConnectionPool } from '../../../service/src/lib/ntlm/ntlm-connection-pool.ts';
import { startSandbox } from '../../connectors/dynamics-gp/helpers.ts';

const COMPANY = '/GPService/Tenants(DefaultTenant)/Companies(Fabrikam%2C%20Inc.)';
const CUSTOMERS = `${COMPANY}/Sales/Customers`;
const NOW_MS = Date.parse('2026-05-04T15:00:00Z');

interface Res {
  status: number;
  json: { Payload?: unknown; Error?: { Code: string; Message: string; CorrelationId: string } } & Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

describe('GP SBA emulator', () => {
  let gp: GpSandbox;
  let pool: NtlmConnectionPool;

  async function call(method: HttpMethod, path: string, body?: unknown, contentType = 'application/json'): Promise<Res> {
    const lease = await pool.acquire();
    try {
      const res = await lease.send({
        method,
        path,
        headers: body === undefined ? { 'x-request-id': 'test-req-1' } : { 'content-type': contentType, 'x-request-id': 'test-req-1' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, json: res.body ? JSON.parse(res.body) : {}, headers: res.headers };
    } finally {
      lease.release();
    }
  }
  const list = (query: string) => call('GET', `${CUSTOMERS}?${query}`);

  beforeAll(async () => {
    gp = await startSandbox({ limits: { minSpacingMs: 0, maxConcurrent: 5 }, now: () => NOW_MS });
    pool = createNtlmConnectionPool({ origin: gp.url, size: 1, credentials: gp.credentials, headersTimeoutMs: 5000, bodyTimeoutMs: 5000 });
  });
  afterAll(async () => {
    await pool.close();
    await gp.stop();
  });

  describe('Payload wrapper and bodies', () => {
    it('refuses a POST body without a top-level Payload object', async () => {
      const res = await call('POST', CUSTOMERS, { CustomerId: 'NOWRAP0001', Name: 'No Wrapper' });
      expect(res.status).toBe(400);
      expect(res.json.Error).toMatchObject({ Code: 'PayloadRequired', CorrelationId: 'test-req-1' });
      expect(res.json.Error!.Message).toContain('must wrap the Customer in a top-level "Payload" object');
      expect(gp.getCustomer('NOWRAP0001')).toBeUndefined();
    });

    it('refuses extra top-level properties, Payload arrays, non-JSON bodies and other media types', async () => {
      expect((await call('POST', CUSTOMERS, { Payload: { CustomerId: 'X1' }, Extra: 1 })).json.Error!.Message).toContain('Unexpected top-level properties');
      expect((await call('POST', CUSTOMERS, { Payload: [{ CustomerId: 'X1' }] })).status).toBe(400);
      expect((await call('POST', CUSTOMERS, '{not json')).json.Error!.Message).toBe('The request body is not valid JSON');
      expect((await call('POST', CUSTOMERS, 'CustomerId=X1', 'application/x-www-form-urlencoded')).status).toBe(415);
      expect((await call('PATCH', `${CUSTOMERS}(AARONFIT0001)`, { Name: 'x' })).json.Error!.Code).toBe('PayloadRequired');
    });

    it('creates with POST (201, Payload back), upper-casing keys, padding strings to char(N)', async () => {
      const res = await call('POST', CUSTOMERS, { Payload: { CustomerId: 'lowerca0001', Name: 'Lower Case Ltd', ClassId: 'usa-gen', Phone1: '6305550101' } });
      expect(res.status).toBe(201);
      const c = res.json.Payload as Record<string, unknown>;
      expect(c.CustomerId).toBe('LOWERCA0001    ');
      expect(c.Name).toBe('Lower Case Ltd'.padEnd(65));
      expect(c.ClassId).toBe('USA-GEN'.padEnd(15));
      expect(c.Phone1).toBe('6305550101'.padEnd(21));
      expect(c).toMatchObject({ IsActive: true, IsOnHold: false, CreditLimitType: 0, CreatedDate: '2026-05-04T00:00:00', ModifiedDate: '2026-05-04T00:00:00' });
      expect(c.LastModifiedDate).toBe('2026-05-04T15:00:00.000');
      // Keys compare case-insensitively and ignore trailing blanks.
      expect((await call('GET', `${CUSTOMERS}('LowerCa0001%20%20')`)).status).toBe(200);
    });

    it('PATCH needs an existing customer and cannot change the key', async () => {
      expect((await call('PATCH', `${CUSTOMERS}(NOSUCHCU0001)`, { Payload: { Name: 'x' } })).json.Error).toMatchObject({ Code: 'EntityNotFound' });
      expect((await call('PATCH', `${CUSTOMERS}(AARONFIT0001)`, { Payload: { CustomerId: 'OTHER0001' } })).json.Error!.Message).toContain('cannot be changed');
      expect((await call('POST', `${CUSTOMERS}(AARONFIT0001)`, { Payload: {} })).status).toBe(405);
    });
  });

  describe('GP data rules', () => {
    it.each([
      [{ CustomerId: 'X'.repeat(16) }, 'CustomerId (CUSTNMBR) is 16 characters long; GP accepts at most 15'],
      [{ CustomerId: 'LEN0001', Address1: 'A'.repeat(61) }, 'Address1 (ADDRESS1) is 61 characters long; GP accepts at most 60'],
      [{ CustomerId: 'LEN0001', City: 'C'.repeat(36) }, 'City (CITY) is 36 characters long; GP accepts at most 35'],
      [{ CustomerId: 'LEN0001', State: 'S'.repeat(30) }, 'State (STATE) is 30 characters long; GP accepts at most 29'],
      [{ CustomerId: 'LEN0001', Zip: '60504-12345' }, 'Zip (ZIP) is 11 characters long; GP accepts at most 10'],
      [{ CustomerId: 'LEN0001', Phone1: '(312) 555-0101' }, 'Phone1 (PHONE1) must contain digits only'],
      [{ CustomerId: 'LEN0001', CreditLimitType: 2, CreditLimitAmount: 1.123456 }, 'CreditLimitAmount (CRLMTAMT) has more than 5 decimals'],
      [{ CustomerId: 'LEN0001', IsOnHold: 1 }, 'IsOnHold (HOLD) must be true or false'],
      [{ CustomerId: 'LEN0001', Colour: 'red' }, 'Customer has no property "Colour"'],
      [{ CustomerId: 'LEN0001', ModifiedDate: '2026-01-01' }, 'Customer.ModifiedDate is read-only'],
    ])('refuses %j with a message naming the field', async (payload, message) => {
      const res = await call('POST', CUSTOMERS, { Payload: payload });
      expect(res.status).toBe(400);
      expect(res.json.Error!.Code).toBe('ValidationFailed');
      expect(res.json.Error!.Message).toContain(message);
    });

    it.each([
      [{ CustomerId: 'AARONFIT0001' }, 251, 409],
      [{ CustomerId: '   ' }, 33, 400],
      [{ CustomerId: 'ERR0001', ClassId: 'NOPE' }, 495, 400],
      [{ CustomerId: 'ERR0001', PaymentTermsId: 'Net 99' }, 5421, 400],
      [{ CustomerId: 'ERR0001', CreditLimitType: 2, CreditLimitAmount: -5 }, 5403, 400],
      [{ CustomerId: 'ERR0001', CreditLimitType: 3 }, 4617, 400],
      [{ CustomerId: 'ERR0001', CreditLimitType: 1, CreditLimitAmount: 100 }, 7128, 400],
      [{ CustomerId: 'ERR0001', CreditLimitType: 2, CreditLimitAmount: 100.123 }, 8006, 400],
    ])('eConnect rule for %j → error %i', async (payload, number, status) => {
      const res = await call('POST', CUSTOMERS, { Payload: payload });
      expect(res.status).toBe(status);
      expect(res.json.Error!.Code).toBe(`eConnect.${number}`);
      expect(res.json.Error!.Message).toMatch(new RegExp(`^Sql procedure error codes returned:\\nError Number = ${number}  Stored Procedure taUpdateCreateCustomerRcd  Error Description = `));
    });

    it('a GP user edit bumps ModifiedDate (server-local date) and LastModifiedDate (UTC, SQL datetime ticks)', async () => {
      gp.setClock({ now: '2026-05-05T04:59:59.998Z', utcOffsetMinutes: -300 }); // 23:59:59 on 05-04 in UTC-5
      try {
        const edited = gp.editCustomer('CONTOSOL0001', { Address2: 'Suite 200' });
        expect(edited).toMatchObject({ ModifiedDate: '2026-05-04T00:00:00', LastModifiedDate: '2026-05-05T04:59:59.997', Address2: 'Suite 200'.padEnd(61) });
        gp.setClock({ now: '2026-05-05T05:00:00.001Z' });
        expect(gp.editCustomer('CONTOSOL0001', { Address2: 'Suite 300' })).toMatchObject({ ModifiedDate: '2026-05-05T00:00:00', LastModifiedDate: '2026-05-05T05:00:00.000' });
      } finally {
        gp.setClock({ now: NOW_MS, utcOffsetMinutes: -360 });
      }
    });

    it('generates synthetic customers: 8 letters + 4 digits, unique', () => {
      const ids = gp.generateCustomers({ count: 300, seed: 3 });
      expect(new Set(ids).size).toBe(300);
      expect(ids.every((id) => /^[A-Z]{8}\d{4}$/.test(id))).toBe(true);
    });
  });

  describe('queries and routing', () => {
    it('filters by ModifiedDate with a keyset tiebreak, ordered by ModifiedDate then CustomerId', async () => {
      const all = await list(`$filter=${encodeURIComponent('ModifiedDate ge 2000-01-01')}&$orderby=${encodeURIComponent('ModifiedDate asc,CustomerId asc')}`);
      const rows = all.json.Payload as Array<{ CustomerId: string; ModifiedDate: string }>;
      const keys = rows.map((r) => `${r.ModifiedDate}|${r.CustomerId.trim()}`);
      expect(keys).toEqual([...keys].sort());
      const pivot = rows[5]!;
      const d = pivot.ModifiedDate.slice(0, 10);
      const filter = `(ModifiedDate gt ${d}) or (ModifiedDate eq ${d} and CustomerId gt '${pivot.CustomerId.trim()}')`;
      const after = await list(`$filter=${encodeURIComponent(filter)}&$orderby=${encodeURIComponent('ModifiedDate,CustomerId')}&$top=3`);
      expect((after.json.Payload as Array<{ CustomerId: string }>).map((r) => r.CustomerId)).toEqual(rows.slice(6, 9).map((r) => r.CustomerId));
    });

    it.each([
      ['$top=1001', '$top must be an integer from 1 to 1000'],
      ['$skip=10', 'unsupported query option "$skip"'],
      [`$filter=${encodeURIComponent('ModifiedDate ge 2026-01-01T00:00:00Z')}`, 'ModifiedDate is date-only'],
      [`$filter=${encodeURIComponent('Colour eq 1')}`, 'unknown or unfilterable property "Colour"'],
      [`$filter=${encodeURIComponent("CustomerId gt 'A")}`, 'unterminated string literal'],
      [`$orderby=${encodeURIComponent('Name sideways')}`, 'is not "<property> [asc|desc]"'],
    ])('refuses %s', async (query, message) => {
      const res = await list(query);
      expect(res.status).toBe(400);
      expect(res.json.Error!.Message).toContain(message);
    });

    it('addresses the company by display name or database name, case-insensitively; unknown ones → 404', async () => {
      for (const c of ['Fabrikam%2C%20Inc.', 'fabrikam,%20inc.', 'TWO', 'two']) {
        expect((await call('GET', `/GPService/Tenants(DefaultTenant)/Companies(${c})/Sales/Customers(AARONFIT0001)`)).status).toBe(200);
      }
      expect((await call('GET', '/GPService/Tenants(DefaultTenant)/Companies(THREE)/Sales/Customers')).json.Error).toMatchObject({ Code: 'CompanyNotFound' });
      expect((await call('GET', '/GPService/Tenants(Other)/Companies(TWO)/Sales/Customers')).json.Error).toMatchObject({ Code: 'TenantNotFound' });
      expect((await call('GET', `${COMPANY}/Sales/Widgets`)).json.Error).toMatchObject({ Code: 'ResourceNotFound' });
      expect((await call('GET', `${CUSTOMERS}(A;B)`)).status).toBe(400);
      const help = await call('GET', '/GPService/Tenants(DefaultTenant)/help');
      expect(help.json).toMatchObject({ Companies: ['Fabrikam, Inc.'] });
      // The help page lists every resource the emulated GP offers (customers, documents, receivables, GL...).
      expect(help.json.Resources).toContain('Sales/Customers');
      expect(new Set(help.json.Resources as string[]).size).toBe((help.json.Resources as string[]).length);
    });
  });

  describe('sandbox admin routes', () => {
    it('reads counters, injects faults, sets the clock and edits customers over HTTP (no Windows auth)', async () => {
      const admin = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) => {
        const res = await request(`${gp.url}/_sandbox/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
        return { status: res.statusCode, json: (await res.body.json()) as Record<string, unknown> };
      };
      expect((await admin('GET', 'counters')).json).toHaveProperty('politeness.requests');
      expect((await admin('POST', 'faults', { kind: 'status', status: 503, retryAfterSeconds: 4 })).status).toBe(201);
      const faulted = await call('GET', `${CUSTOMERS}(AARONFIT0001)`);
      expect(faulted.status).toBe(503);
      expect(faulted.headers['retry-after']).toBe('4');
      expect((await admin('POST', 'faults', { kind: 'explode' })).status).toBe(400);
      expect((await admin('PUT', 'clock', { now: '2026-05-06T12:00:00Z' })).json).toMatchObject({ now: '2026-05-06T12:00:00.000Z', frozen: true, utcOffsetMinutes: -360 });
      const edited = await admin('PATCH', 'companies/TWO/customers/AARONFIT0001', { City: 'Bellevue' });
      expect(edited.json).toMatchObject({ ModifiedDate: '2026-05-06T00:00:00', City: 'Bellevue'.padEnd(35) });
      expect((await admin('POST', 'companies/Fabrikam%2C%20Inc./customers/generate', { count: 5, seed: 9, modifiedDate: '2026-05-01' })).json).toMatchObject({ generated: 5 });
      expect((await admin('PUT', 'clock', { now: NOW_MS })).status).toBe(400);
      await admin('PUT', 'clock', { now: new Date(NOW_MS).toISOString() });
    });
  });
});
