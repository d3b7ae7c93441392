/** Queries: $select / $filter / $orderby / $top / $count, paging with nextLink followed verbatim (FACTS 4.1 #4). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataverseSandbox } from '../../../service/sandbox/dataverse/index.ts';
import { startDv, webApi, type WebApi } from './helpers.ts';

describe('dataverse emulator: queries and paging', () => {
  let sandbox: DataverseSandbox;
  let api: WebApi;

  beforeAll(async () => {
    sandbox = await startDv({ seed: 'demo' });
    api = await webApi(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('seeds a dozen sample accounts, some with an account number, each with contacts', async () => {
    const all = await api.call('GET', 'accounts?$select=name,accountnumber,_primarycontactid_value&$count=true');
    expect(all.body['@odata.count']).toBe(12);
    const names = (all.body.value ?? []).map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['Adventure Works (sample)', 'Fourth Coffee (sample)', 'Litware, Inc. (sample)']));
    const numbered = (all.body.value ?? []).filter((a) => a.accountnumber !== null);
    expect(numbered.length).toBeGreaterThan(3);
    expect(numbered.length).toBeLessThan(12);
    expect((all.body.value ?? []).every((a) => typeof a._primarycontactid_value === 'string')).toBe(true);
    const contacts = await api.call('GET', 'contacts/$count');
    expect(Number(contacts.text)).toBeGreaterThanOrEqual(12);
  });

  it('filters with eq / ne / gt / and / or / contains / startswith, case-insensitively, with typed literals', async () => {
    const q = (f: string) => api.call('GET', `accounts?$select=name,revenue&$filter=${encodeURIComponent(f)}`);
    expect((await q("name eq 'fourth coffee (sample)'")).body.value?.map((a) => a.name)).toEqual(['Fourth Coffee (sample)']);
    expect((await q("contains(name,'ski')")).body.value?.map((a) => a.name)).toEqual(['Alpine Ski House (sample)']);
    expect((await q("startswith(name,'A') and revenue ge 60000")).body.value?.map((a) => a.name).sort()).toEqual(['Adventure Works (sample)', 'Alpine Ski House (sample)']);
    expect((await q("revenue gt 200000 or name eq 'Coho Winery (sample)'")).body.value).toHaveLength(2);
    expect((await q('accountnumber eq null')).body.value).toHaveLength(6);
    expect((await q('accountnumber ne null')).body.value).toHaveLength(6);
    expect((await q('modifiedon gt 2000-01-01T00:00:00Z')).body.value).toHaveLength(12);
    const quotedDate = await q("modifiedon gt '2000-01-01T00:00:00Z'");
    expect(quotedDate.status).toBe(400);
    expect(quotedDate.body.error?.message).toContain("'Edm.DateTimeOffset' and 'Edm.String'");
    const unknown = await api.call('GET', 'accounts?$select=Name');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.message).toBe("Could not find a property named 'Name' on type 'Microsoft.Dynamics.CRM.account'.");
    const unknownFilter = await q("nope eq 'x'");
    expect(unknownFilter.status).toBe(400);
    expect(unknownFilter.body.error?.message).toContain("Could not find a property named 'nope'");
  });

  it('orders and limits with $orderby and $top (no nextLink)', async () => {
    const top = await api.call('GET', 'accounts?$select=name,revenue&$orderby=revenue desc,name asc&$top=3');
    expect(top.body.value?.map((a) => a.revenue)).toEqual([250000, 150000, 120000]);
    expect(top.body['@odata.nextLink']).toBeUndefined();
  });

  it('pages with odata.maxpagesize, echoes Preference-Applied, and the nextLink (followed verbatim) visits every row once', async () => {
    const prefer = { prefer: 'odata.maxpagesize=5' };
    const first = await api.call('GET', 'accounts?$select=name&$orderby=name', undefined, prefer);
    expect(first.status).toBe(200);
    expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=5');
    expect(first.body['@odata.context']).toBe(`${sandbox.apiBaseUrl}/$metadata#accounts(name)`);
    const next = first.body['@odata.nextLink'] as string;
    expect(next).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/data\/v9\.2\/accounts\?\$select=name&\$orderby=name&\$skiptoken=%3Ccookie%20pagenumber=%222%22%20pagingcookie=%22%253ccookie%2520page%253d%25221%2522%253e/);
    const seen = [...(first.body.value ?? [])];
    let link: string | undefined = next;
    let pages = 1;
    while (link) {
      const page = await api.call('GET', link, undefined, prefer);
      expect(page.status).toBe(200);
      seen.push(...(page.body.value ?? []));
      link = page.body['@odata.nextLink'] as string | undefined;
      pages += 1;
    }
    expect(pages).toBe(3);
    const names = seen.map((a) => a.name as string);
    expect(new Set(names).size).toBe(12);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it('a row inserted between pages neither repeats nor shifts rows already read', async () => {
    const prefer = { prefer: 'odata.maxpagesize=4' };
    const first = await api.call('GET', 'accounts?$select=name&$orderby=name', undefined, prefer);
    await api.call('POST', 'accounts', { name: 'AAA Early Bird' });
    const seen = [...(first.body.value ?? [])];
    let link = first.body['@odata.nextLink'] as string | undefined;
    while (link) {
      const page = await api.call('GET', link, undefined, prefer);
      seen.push(...(page.body.value ?? []));
      link = page.body['@odata.nextLink'] as string | undefined;
    }
    expect(new Set(seen.map((a) => a.accountid)).size).toBe(seen.length);
    expect(seen).toHaveLength(12);
  });

  it('rejects $skip, ignores $top beside maxpagesize, and serves at most 5,000 a page', async () => {
    const skip = await api.call('GET', 'accounts?$skip=2');
    expect(skip.status).toBe(400);
    expect(skip.body.error?.message).toContain('$skip');
    const both = await api.call('GET', 'accounts?$select=name&$top=2', undefined, { prefer: 'odata.maxpagesize=5' });
    expect(both.body.value).toHaveLength(5);
    expect(both.body['@odata.nextLink']).toBeDefined();
    const big = await api.call('GET', 'accounts?$select=name', undefined, { prefer: 'odata.maxpagesize=10000' });
    expect(big.headers.get('preference-applied')).toBe('odata.maxpagesize=5000');
    const tampered = await api.call('GET', 'accounts?$select=name&$skiptoken=abc');
    expect(tampered.status).toBe(400);
  });

  it('adds formatted values and lookup annotations when asked', async () => {
    const res = await api.call('GET', "accounts?$select=name,paymenttermscode,creditlimit,_primarycontactid_value&$filter=accountnumber eq 'ADVENTUR0001'", undefined, {
      prefer: 'odata.include-annotations="*"',
    });
    const row = res.body.value?.[0] as Record<string, unknown>;
    expect(row['paymenttermscode@OData.Community.Display.V1.FormattedValue']).toBe('2% 10, Net 30');
    expect(row['creditlimit@OData.Community.Display.V1.FormattedValue']).toBe('$25,000.00');
    expect(row['_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe('contact');
    expect(row['_primarycontactid_value@OData.Community.Display.V1.FormattedValue']).toBe('Nancy Anderson (sample)');
  });
});
