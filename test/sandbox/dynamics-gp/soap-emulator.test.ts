/**
 * The emulator's GP Web Services endpoint: NTLM per connection like the SBA side, SOAP 1.1 only, dispatch on
 * the exact SOAPAction (the misspelled IRecievableChanges included), and faults for what a lenient server would
 * swallow — the legacy DateTime spelling, a zoned date, an untyped OrganizationKey, a missing policy, members out
 * of DataContract order. Raw envelopes, so the client's own code is not what is being tested.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GpSandbox } from '../../../service/sandbox/dynamics-gp/index.ts';
import { createNtlmConnectionPool, type HttpResponse, type NtlmConnectionPool } from '../../../service/src/lib/ntlm/ntlm-connection-pool.ts';
import { readEnvelope } from '../../../service/src/connectors/dynamics-gp/soap/envelope.ts';
import { startGp } from '../../connectors/dynamics-gp/soap/helpers.ts';

const PATH = '/DynamicsGPWebServices/DynamicsGPService.asmx';
const SVC = 'http://schemas.microsoft.com/dynamics/gp/2010/01';
const NS = `xmlns="${SVC}" xmlns:g="http://schemas.datacontract.org/2004/07/Microsoft.Dynamics.GP" xmlns:c="http://schemas.datacontract.org/2004/07/Microsoft.Dynamics.Common" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"`;
const CTX = '<context><c:OrganizationKey i:type="c:CompanyKey"><c:Id>-1</c:Id></c:OrganizationKey><c:TenantName>DefaultTenant</c:TenantName></context>';
const env = (body: string) => `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;

describe('GP Web Services emulator (legacy endpoint)', () => {
  let gp: GpSandbox;
  let pool: NtlmConnectionPool;
  async function post(action: string, body: string, contentType = 'text/xml; charset=utf-8'): Promise<HttpResponse> {
    const lease = await pool.acquire();
    try {
      // Spaced like a polite client: the emulator counts spacing violations.
      await new Promise((r) => setTimeout(r, 110));
      return await lease.send({ method: 'POST', path: PATH, headers: { 'content-type': contentType, soapaction: `"${action}"` }, body: env(body) });
    } finally {
      lease.release();
    }
  }
  const faultOf = (res: HttpResponse) => {
    expect(res.status).toBe(500);
    const read = readEnvelope(res.body);
    if (read.kind !== 'fault') throw new Error('expected a fault');
    return read.fault;
  };

  beforeAll(async () => {
    gp = await startGp();
    pool = createNtlmConnectionPool({ origin: gp.url, size: 1, credentials: gp.credentials, headersTimeoutMs: 5000, bodyTimeoutMs: 5000 });
  });
  afterAll(async () => {
    await pool?.close();
    await gp?.stop();
  });

  it('asks for Windows authentication first, then serves SOAP on the NTLM-authenticated connection', async () => {
    const anonymous = await fetch(`${gp.url}${PATH}`, { method: 'POST', headers: { 'content-type': 'text/xml', soapaction: `"${SVC}/ICompany/GetCompanyList"` }, body: env(`<GetCompanyList ${NS}/>`) });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/NTLM/);
    const res = await post(`${SVC}/ICompany/GetCompanyList`, `<GetCompanyList ${NS}><criteria/></GetCompanyList>`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<g:Name>Fabrikam, Inc.</g:Name>');
    expect(gp.counters().ntlm.handshakesCompleted).toBeGreaterThanOrEqual(1);
  });

  it('refuses a wrong password at the NTLM layer', async () => {
    const bad = createNtlmConnectionPool({ origin: gp.url, size: 1, credentials: { ...gp.credentials, password: 'nope' }, headersTimeoutMs: 5000, bodyTimeoutMs: 5000 });
    const lease = await bad.acquire();
    await expect(lease.send({ method: 'POST', path: PATH, headers: { 'content-type': 'text/xml' }, body: env('') })).rejects.toMatchObject({ reason: 'rejected' });
    lease.release();
    await bad.close();
  });

  it('dispatches the misspelled IRecievableChanges action and refuses the correctly spelled one', async () => {
    const body = `<GetChangedCustomerKeyList ${NS}><criteria><g:LastModifiedDate><c:From>2000-01-01T00:00:00</c:From></g:LastModifiedDate></criteria>${CTX}</GetChangedCustomerKeyList>`;
    const ok = await post(`${SVC}/IRecievableChanges/GetChangedCustomerKeyList`, body);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatch(/<g:ChangedCustomerKey><c:Action>(Created|Updated)<\/c:Action>/);
    const fault = faultOf(await post(`${SVC}/IReceivableChanges/GetChangedCustomerKeyList`, body));
    expect(fault.code.local).toBe('ActionNotSupported');
    expect(fault.message).toMatch(/ContractFilter mismatch/);
  });

  it('speaks SOAP 1.1 only (BasicHttpBinding): a SOAP 1.2 content type gets 415', async () => {
    const res = await post(`${SVC}/ICompany/GetCompanyList`, `<GetCompanyList ${NS}/>`, 'application/soap+xml; charset=utf-8');
    expect(res.status).toBe(415);
    expect(res.body).toMatch(/expected type 'text\/xml; charset=utf-8'/);
  });

  it('faults on the legacy BetweenRestrictionOfNullableOfDateTime spelling and on zoned dates', async () => {
    const legacy = `<GetCustomerList ${NS}><criteria><g:ModifiedDate i:type="c:BetweenRestrictionOfNullableOfDateTime"><c:From>2026-01-01T00:00:00</c:From></g:ModifiedDate></criteria>${CTX}</GetCustomerList>`;
    expect(faultOf(await post(`${SVC}/IReceivableCards/GetCustomerList`, legacy)).message).toMatch(/deserializer has no knowledge of any type.*lower-case "d"/);
    const zoned = `<GetCustomerList ${NS}><criteria><g:ModifiedDate><c:From>2026-01-01T00:00:00Z</c:From></g:ModifiedDate></criteria>${CTX}</GetCustomerList>`;
    expect(faultOf(await post(`${SVC}/IReceivableCards/GetCustomerList`, zoned)).message).toMatch(/carries a time zone/);
  });

  it('needs a CompanyKey-typed OrganizationKey with an integer id', async () => {
    const untyped = `<GetCustomerByKey ${NS}><key><g:Id>AARONFIT0001</g:Id></key><context><c:OrganizationKey><c:Id>-1</c:Id></c:OrganizationKey></context></GetCustomerByKey>`;
    expect(faultOf(await post(`${SVC}/IReceivableCards/GetCustomerByKey`, untyped)).message).toMatch(/i:type="CompanyKey"/);
    const named = `<GetCustomerByKey ${NS}><key><g:Id>AARONFIT0001</g:Id></key><context><c:OrganizationKey i:type="c:CompanyKey"><c:Id>Fabrikam, Inc.</c:Id></c:OrganizationKey></context></GetCustomerByKey>`;
    expect(faultOf(await post(`${SVC}/IReceivableCards/GetCustomerByKey`, named)).message).toMatch(/integer company id/);
  });

  it('requires the policy from GetPolicyByOperation and DataContract member order on writes', async () => {
    const customer = '<customer><g:Key><g:Id>RAWCUST0001</g:Id></g:Key><g:Name>Raw</g:Name></customer>';
    const noPolicy = faultOf(await post(`${SVC}/IReceivableCards/CreateCustomer`, `<CreateCustomer ${NS}>${customer}${CTX}</CreateCustomer>`));
    expect(noPolicy.code.local).toBe('PolicyRequired');
    const outOfOrder = '<customer><g:Name>Raw</g:Name><g:Key><g:Id>RAWCUST0001</g:Id></g:Key></customer>';
    const pol = await post(`${SVC}/IPolicy/GetPolicyByOperation`, `<GetPolicyByOperation ${NS}><operation>CreateCustomer</operation>${CTX}</GetPolicyByOperation>`);
    const id = /<c:Key><c:Id>([^<]+)<\/c:Id><\/c:Key>/.exec(pol.body)![1]!;
    const policy = `<policy><c:Key><c:Id>${id}</c:Id></c:Key></policy>`;
    expect(faultOf(await post(`${SVC}/IReceivableCards/CreateCustomer`, `<CreateCustomer ${NS}>${outOfOrder}${CTX}${policy}</CreateCustomer>`)).message).toMatch(/Customer\.Key is out of order/);
    const ok = await post(`${SVC}/IReceivableCards/CreateCustomer`, `<CreateCustomer ${NS}>${customer}${CTX}${policy}</CreateCustomer>`);
    expect(ok.status).toBe(200);
    expect(gp.getCustomer('RAWCUST0001')).toMatchObject({ Name: expect.stringMatching(/^Raw\s+$/) });
  });

  it('counted no politeness violations for the polite caller', () => {
    const { politeness } = gp.counters();
    expect(politeness.requests).toBeGreaterThan(8);
    expect(politeness.concurrencyViolations).toBe(0);
    expect(politeness.spacingViolations).toBe(0);
  });
});
