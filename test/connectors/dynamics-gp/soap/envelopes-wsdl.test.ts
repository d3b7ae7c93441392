/**
 * Every envelope the SOAP client sends is checked against the WSDL fixture (operation names, SOAP actions, member
 * names, namespaces, order and xsi:types), independently of the connector's own contract module; the checker
 * itself is shown to catch the mistakes it exists for (wrong namespace, wrong order, the DateTime spelling).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GpSandbox } from '../../../../service/sandbox/dynamics-gp/index.ts';
import { readEnvelope } from '../../../../service/src/connectors/dynamics-gp/soap/envelope.ts';
import { createGpSoapClient } from '../../../../service/src/connectors/dynamics-gp/soap/soap-client.ts';
import { parseGpConnectionConfig } from '../../../../service/src/connectors/dynamics-gp/config.ts';
import { parseXml } from '../../../../service/src/connectors/dynamics-gp/soap/xml.ts';
import { silentLogger } from '../../../../service/src/lib/logger.ts';
import { gpConfig, startGp, RecordingClient, type Sent } from './helpers.ts';
import { loadContract } from '../../../helpers/gp-wsdl-validator.ts';

const contract = loadContract(new URL('../../../fixtures/dynamics-gp/gp-2010-01-customer-slice.wsdl', import.meta.url).pathname);


describe('SOAP client envelopes validate against the WSDL fixture', () => {
  let gp: GpSandbox;
  const sent: Sent[] = [];
  beforeAll(async () => {
    gp = await startGp();
    const client = createGpSoapClient(parseGpConnectionConfig(gpConfig(gp, { transport: 'soap' })), {
      logger: silentLogger(),
      dispatcherFactory: (origin, o) => new RecordingClient(origin, o, sent),
    });
    await client.listCustomers({ modifiedFrom: '2026-01-01', top: 2 });
    await client.createCustomer({ CustomerId: 'WSDLCHEK0001', Name: 'Checked', AddressCode: 'MAIN', City: 'Aurora', Phone1: '6305550100', CreditLimitType: 2, CreditLimitAmount: 10, Currency: 'Z-US$' });
    await client.updateCustomer('WSDLCHEK0001', { Name: 'Checked again', CreditLimitType: 1 });
    await client.close();
  });
  afterAll(() => gp?.stop());

  it('sent every operation of the flow, each with the exact SOAPAction of the WSDL binding', () => {
    const ops = new Set<string>();
    for (const s of sent) {
      const read = readEnvelope(s.body);
      expect(read.kind).toBe('body');
      if (read.kind !== 'body') continue;
      ops.add(read.element.local);
      expect(s.action).toBe(`"${contract.actions.get(read.element.local)}"`);
    }
    expect([...ops].sort()).toEqual(['CreateCustomer', 'GetCompanyList', 'GetCurrencyList', 'GetCustomerByKey', 'GetCustomerList', 'GetPolicyByOperation', 'UpdateCustomer']);
  });

  it('every body element matches the contract: names, namespaces, order, i:types', () => {
    for (const s of sent) {
      const read = readEnvelope(s.body);
      if (read.kind !== 'body') throw new Error('fault in a request');
      expect({ op: read.element.local, problems: contract.validate(read.element) }).toEqual({ op: read.element.local, problems: [] });
    }
  });

  it('uses BetweenRestrictionOfNullableOfdateTime (lower-case d) for the ModifiedDate range', () => {
    const list = sent.find((s) => s.body.includes('<GetCustomerList'))!;
    expect(list.body).toContain('i:type="c:BetweenRestrictionOfNullableOfdateTime"');
    expect(list.body).toContain('<c:From>2026-01-01T00:00:00</c:From>');
  });

  it('the checker rejects a wrong namespace, a wrong order and the legacy DateTime spelling', () => {
    const ns = 'xmlns="http://schemas.microsoft.com/dynamics/gp/2010/01" xmlns:g="http://schemas.datacontract.org/2004/07/Microsoft.Dynamics.GP" xmlns:c="http://schemas.datacontract.org/2004/07/Microsoft.Dynamics.Common" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"';
    const ctx = '<context><c:OrganizationKey i:type="c:CompanyKey"><c:Id>-1</c:Id></c:OrganizationKey></context>';
    const wrongNs = parseXml(`<GetCustomerList ${ns}><criteria><c:ModifiedDate><c:From>2026-01-01T00:00:00</c:From></c:ModifiedDate></criteria>${ctx}</GetCustomerList>`);
    expect(contract.validate(wrongNs).join()).toMatch(/ModifiedDate: not a member/);
    const wrongOrder = parseXml(`<GetCustomerList ${ns}>${ctx}<criteria/></GetCustomerList>`);
    expect(contract.validate(wrongOrder).join()).toMatch(/out of contract order/);
    const legacy = parseXml(`<GetCustomerList ${ns}><criteria><g:ModifiedDate i:type="c:BetweenRestrictionOfNullableOfDateTime"><c:From>2026-01-01T00:00:00</c:From></g:ModifiedDate></criteria>${ctx}</GetCustomerList>`);
    expect(contract.validate(legacy).join()).toMatch(/BetweenRestrictionOfNullableOfDateTime is not a contract type/);
    const untypedKey = parseXml(`<GetCustomerList ${ns}><context><c:OrganizationKey><c:Id>-1</c:Id></c:OrganizationKey></context></GetCustomerList>`);
    expect(contract.validate(untypedKey).join()).toMatch(/OrganizationKey\/\{[^}]+\}Id: not a member/);
  });
});
