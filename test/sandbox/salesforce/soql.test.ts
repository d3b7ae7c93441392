import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';
import { fetchToken, restCaller, startSandbox } from '../../connectors/salesforce/helpers.ts';

type QueryBody = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: Array<Record<string, unknown>> };

describe('sandbox: SOQL subset', () => {
  let sandbox: SalesforceSandbox;
  let call: ReturnType<typeof restCaller>;
  const clock = Date.parse('2026-03-10T12:00:00.000Z');
  const query = async (soql: string) => call('GET', `query?q=${encodeURIComponent(soql)}`);
  const rows = async (soql: string) => {
    const res = await query(soql);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as QueryBody;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ now: () => clock });
    call = restCaller(sandbox, (await fetchToken(sandbox)).access_token);
    const acme = sandbox.records.create('Account', { Name: 'Acme', GP_Customer_Number__c: 'ACME', GP_Balance__c: 1500.5, Industry: 'Retail', GP_On_Hold__c: true, GP_Last_Sync__c: '2026-03-09T08:00:00Z' });
    sandbox.records.create('Account', { Name: 'Beta Ltd', GP_Customer_Number__c: 'BETA', GP_Balance__c: 20, Industry: 'Energy' });
    sandbox.records.create('Account', { Name: 'acme labs', GP_Customer_Number__c: 'ACL', GP_Balance__c: null });
    sandbox.records.create('Account', { Name: '100% Co', GP_Customer_Number__c: 'PCT' });
    sandbox.records.create('Contact', { FirstName: 'Ann', LastName: 'Lee', AccountId: acme.Id });
    sandbox.records.create('Contact', { LastName: 'Orphan' });
    const order = sandbox.records.create('Order', { AccountId: acme.Id, EffectiveDate: '2026-03-01' });
    const product = sandbox.records.create('Product2', { Name: 'Widget', ProductCode: 'W-1', IsActive: true });
    sandbox.records.create('OrderItem', { OrderId: order.Id, Product2Id: product.Id, Quantity: 2, UnitPrice: 10.25 });
    sandbox.records.create('OrderItem', { OrderId: order.Id, Product2Id: product.Id, Quantity: 1, UnitPrice: 5 });
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  const names = (body: QueryBody) => body.records.map((r) => r.Name);

  it('selects fields in the order asked, with attributes, canonical names and case-insensitive keywords', async () => {
    const body = await rows("select name, gp_customer_number__c from account where GP_Customer_Number__c = 'acme'");
    expect(body).toMatchObject({ totalSize: 1, done: true });
    expect(Object.keys(body.records[0] ?? {})).toEqual(['attributes', 'Name', 'GP_Customer_Number__c']);
    expect(body.records[0]?.attributes).toEqual({ type: 'Account', url: expect.stringMatching(/^\/services\/data\/v63\.0\/sobjects\/Account\/001/) as unknown });
  });

  it('filters with AND / OR / NOT, parentheses, comparisons, IN, LIKE and null', async () => {
    expect(names(await rows("SELECT Name FROM Account WHERE (Industry = 'Retail' OR Industry = 'Energy') AND GP_Balance__c > 100"))).toEqual(['Acme']);
    expect(names(await rows('SELECT Name FROM Account WHERE GP_Balance__c <= 20 ORDER BY Name'))).toEqual(['Beta Ltd']);
    expect(names(await rows("SELECT Name FROM Account WHERE GP_Customer_Number__c IN ('BETA', 'acl') ORDER BY Name"))).toEqual(['acme labs', 'Beta Ltd']);
    expect(names(await rows("SELECT Name FROM Account WHERE GP_Customer_Number__c NOT IN ('BETA', 'ACL') ORDER BY Name"))).toEqual(['100% Co', 'Acme']);
    expect(names(await rows("SELECT Name FROM Account WHERE Name LIKE 'acme%' ORDER BY Name"))).toEqual(['Acme', 'acme labs']);
    expect(names(await rows("SELECT Name FROM Account WHERE Name LIKE '100\\% C_'"))).toEqual(['100% Co']);
    expect(names(await rows('SELECT Name FROM Account WHERE GP_Balance__c = null ORDER BY Name'))).toEqual(['100% Co', 'acme labs']);
    expect(names(await rows("SELECT Name FROM Account WHERE Industry != null AND NOT Name = 'Acme'"))).toEqual(['Beta Ltd']);
    expect(names(await rows('SELECT Name FROM Account WHERE GP_On_Hold__c = true'))).toEqual(['Acme']);
  });

  it('compares dates and datetimes with literals and relative date ranges', async () => {
    expect(names(await rows('SELECT Name FROM Account WHERE GP_Last_Sync__c > 2026-03-09T07:59:59Z'))).toEqual(['Acme']);
    expect(names(await rows('SELECT Name FROM Account WHERE GP_Last_Sync__c = YESTERDAY'))).toEqual(['Acme']);
    expect(names(await rows('SELECT Name FROM Account WHERE GP_Last_Sync__c = LAST_N_DAYS:3'))).toEqual(['Acme']);
    expect((await rows('SELECT Id FROM Account WHERE CreatedDate = TODAY')).totalSize).toBe(4);
    expect((await rows('SELECT Id FROM Order WHERE EffectiveDate >= 2026-03-01 AND EffectiveDate < 2026-03-02')).totalSize).toBe(1);
    const quoted = await query("SELECT Id FROM Account WHERE CreatedDate > '2026-01-01'");
    expect(quoted.status).toBe(400);
    expect((quoted.body as Array<{ errorCode: string; message: string }>)[0]?.message).toMatch(/must be of type dateTime and should not be enclosed in quotes/);
  });

  it('orders (nulls first ascending, last descending), limits, offsets and counts', async () => {
    expect((await rows('SELECT GP_Balance__c FROM Account ORDER BY GP_Balance__c')).records.map((r) => r.GP_Balance__c)).toEqual([null, null, 20, 1500.5]);
    expect((await rows('SELECT GP_Balance__c FROM Account ORDER BY GP_Balance__c DESC')).records.map((r) => r.GP_Balance__c)).toEqual([1500.5, 20, null, null]);
    expect(names(await rows('SELECT Name FROM Account ORDER BY Name DESC LIMIT 2 OFFSET 1'))).toEqual(['acme labs', 'Acme']);
    const count = await rows("SELECT COUNT() FROM Account WHERE Name LIKE 'A%'");
    expect(count).toEqual({ totalSize: 2, done: true, records: [] });
  });

  it('reads parent fields through relationships and derived fields', async () => {
    const contacts = await rows('SELECT LastName, Account.Name, Account.GP_Customer_Number__c FROM Contact ORDER BY LastName');
    expect(contacts.records[0]).toMatchObject({ LastName: 'Lee', Account: { attributes: { type: 'Account' }, Name: 'Acme', GP_Customer_Number__c: 'ACME' } });
    expect(contacts.records[1]).toMatchObject({ LastName: 'Orphan', Account: null });
    expect(names(await rows("SELECT Name FROM Contact WHERE Account.GP_Customer_Number__c = 'ACME'"))).toEqual(['Ann Lee']);
    const items = await rows('SELECT Quantity, TotalPrice, Product2.ProductCode, Order.Account.GP_Customer_Number__c FROM OrderItem ORDER BY Quantity');
    expect(items.records[1]).toMatchObject({ Quantity: 2, TotalPrice: 20.5, Product2: { ProductCode: 'W-1' }, Order: { Account: { GP_Customer_Number__c: 'ACME' } } });
    expect((await rows('SELECT TotalAmount, Status, OrderNumber FROM Order')).records[0]).toMatchObject({ TotalAmount: 25.5, Status: 'Draft' });
  });

  it('rejects bad queries with Salesforce error codes', async () => {
    const cases: Array<[string, string]> = [
      ['SELECT Id FRM Account', 'MALFORMED_QUERY'],
      ['SELECT Id, FROM Account', 'MALFORMED_QUERY'],
      ["SELECT Id FROM Account WHERE Name = 'unterminated", 'MALFORMED_QUERY'],
      ['SELECT Id FROM Account LIMIT -1', 'MALFORMED_QUERY'],
      ['SELECT Id, Id FROM Account', 'MALFORMED_QUERY'],
      ['', 'MALFORMED_QUERY'],
      ['SELECT Nope__c FROM Account', 'INVALID_FIELD'],
      ['SELECT Owner.Name FROM Account', 'INVALID_FIELD'],
      ["SELECT Id FROM Account WHERE GP_Balance__c = 'x'", 'INVALID_FIELD'],
      ['SELECT Id FROM Invoice__c', 'INVALID_TYPE'],
    ];
    for (const [soql, code] of cases) {
      const res = await query(soql);
      expect(res.status, soql).toBe(400);
      expect((res.body as Array<{ errorCode: string }>)[0]?.errorCode, soql).toBe(code);
    }
    const noQ = await call('GET', 'query');
    expect(noQ.status).toBe(400);
    const badLocator = await call('GET', 'query/01gNOPE-2000');
    expect((badLocator.body as Array<{ errorCode: string }>)[0]?.errorCode).toBe('INVALID_QUERY_LOCATOR');
  });
});
