import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';
import { fetchToken, restCaller, startSandbox } from '../../connectors/salesforce/helpers.ts';

interface Example {
  fidelity: string;
  status?: number;
  body?: unknown;
  body_item?: unknown;
  examples?: string[];
}

const examples = JSON.parse(readFileSync(new URL('../../fixtures/salesforce/rest-api-examples.json', import.meta.url), 'utf8')) as Record<string, Example | string>;
const CHECKED_FIDELITY = new Set(['verbatim-doc', 'verbatim-observed', 'shape-verified']);

/** Same keys, same JSON types, recursively; arrays compare every actual element with the first expected one. */
function expectSameShape(expected: unknown, actual: unknown, path = '$'): void {
  const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  expect(kind(actual), `${path} type`).toBe(kind(expected));
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length > 0) {
      expect(actual.length, `${path} length`).toBeGreaterThan(0);
      actual.forEach((item, i) => expectSameShape(expected[0], item, `${path}[${i}]`));
    }
  } else if (expected !== null && typeof expected === 'object') {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    expect(Object.keys(a).sort(), `${path} keys`).toEqual(Object.keys(e).sort());
    for (const key of Object.keys(e)) expectSameShape(e[key], a[key], `${path}.${key}`);
  }
}

describe('Salesforce sandbox conforms to the published REST examples', () => {
  let sandbox: SalesforceSandbox;
  let call: ReturnType<typeof restCaller>;
  let token: string;
  const observed = new Map<string, { status: number; body: unknown; headers?: Headers }>();
  let clock = Date.parse('2026-01-05T10:00:30.000Z');

  beforeAll(async () => {
    sandbox = await startSandbox({ queryBatchSize: 500, now: () => clock });
    const tokenRes = await fetch(`${sandbox.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret }),
    });
    observed.set('oauth_token_client_credentials_200', { status: tokenRes.status, body: await tokenRes.json() });
    const badRes = await fetch(`${sandbox.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: 'wrong' }),
    });
    observed.set('oauth_token_error_400', { status: badRes.status, body: await badRes.json() });

    token = (await fetchToken(sandbox)).access_token;
    call = restCaller(sandbox, token);
    const created = await call('PATCH', 'sobjects/Account/GP_Customer_Number__c/11999', { Name: 'California Wheat Corporation', Type: 'Customer - Direct' });
    observed.set('upsert_by_external_id_created_201', created);
    observed.set('upsert_by_external_id_updated_v46plus_200', await call('PATCH', 'sobjects/Account/GP_Customer_Number__c/11999', { Name: 'California Wheat Corp.' }));
    observed.set('upsert_by_external_id_updated_pre_v46_204', await restCaller(sandbox, token, '45.0')('PATCH', 'sobjects/Account/GP_Customer_Number__c/11999', { Name: 'California Wheat' }));

    await call('PATCH', 'sobjects/Account/GP_Customer_Number__c/BBB', { Name: 'Company Two (existing)' });
    const collection = await call('PATCH', 'composite/sobjects/Account/GP_Customer_Number__c', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Account' }, Name: 'Company One', GP_Customer_Number__c: 'AAA' },
        { attributes: { type: 'Account' }, Name: 'Company Two', GP_Customer_Number__c: 'BBB' },
      ],
    });
    observed.set('sobject_collections_upsert_200', collection);
    const itemError = await call('PATCH', 'composite/sobjects/Account/GP_Customer_Number__c', {
      records: [{ attributes: { type: 'Account' }, GP_Customer_Number__c: 'NONAME' }],
    });
    observed.set('sobject_collections_item_error', { status: itemError.status, body: (itemError.body as unknown[])[0] });

    // getUpdated covers whole minutes that have passed: let the clock move on.
    clock += 120_000;
    const start = new Date(clock - 3_600_000).toISOString();
    const end = new Date(clock + 120_000).toISOString();
    observed.set('get_updated_200', await call('GET', `sobjects/Account/updated/?start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}`));

    sandbox.records.createMany('Contact', Array.from({ length: 1200 }, (_, i) => ({ FirstName: 'John', LastName: `Smith ${i}` })));
    const first = await call('GET', `query?q=${encodeURIComponent('SELECT Id, Name FROM Contact')}`);
    observed.set('query_first_page_200', first);
    let page = first;
    while ((page.body as { nextRecordsUrl?: string }).nextRecordsUrl) {
      const next = (page.body as { nextRecordsUrl: string }).nextRecordsUrl;
      page = await call('GET', next.replace(/^\/services\/data\/v63\.0\//, ''));
    }
    const last = await call('GET', `query?q=${encodeURIComponent("SELECT Name FROM Account WHERE GP_Customer_Number__c = 'AAA'")}`);
    observed.set('query_last_page_200', last);
    observed.set('query_paged_last_page', page);

    observed.set('error_invalid_session_401', await restCaller(sandbox, 'expired-token')('GET', 'sobjects/Account/describe'));
    observed.set('error_field_validation_400', await call('PATCH', 'sobjects/Account/GP_Customer_Number__c/NONAME2', { Type: 'Prospect' }));
    observed.set('header_sforce_limit_info', first);
    const usage = sandbox.apiUsage.get();
    sandbox.apiUsage.set({ used: usage.max });
    observed.set('error_request_limit_exceeded_403', await call('GET', 'sobjects/Account/describe'));
    sandbox.apiUsage.set({ used: usage.used });
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  const checked = Object.entries(examples).filter(
    (entry): entry is [string, Example] => typeof entry[1] === 'object' && CHECKED_FIDELITY.has(entry[1].fidelity),
  );

  it('covers every verbatim or shape-verified example', () => {
    expect(checked.map(([name]) => name).sort()).toEqual(
      [...observed.keys()].filter((k) => k !== 'query_paged_last_page').sort(),
    );
  });

  for (const [name, example] of checked) {
    it(`${name}: same status, keys and types`, () => {
      const actual = observed.get(name);
      expect(actual, name).toBeDefined();
      if (!actual) return;
      const expectedStatus = example.status ?? (name.startsWith('oauth_token_error') ? 400 : 200);
      expect(actual.status).toBe(expectedStatus);
      if (example.examples) {
        const header = actual.headers?.get('sforce-limit-info') ?? '';
        expect(header).toMatch(/^api-usage=\d+\/\d+$/);
        for (const sample of example.examples) expect(sample.replace(/^Sforce-Limit-Info: /, '')).toMatch(/^api-usage=\d+\/\d+/);
        return;
      }
      expectSameShape(example.body ?? example.body_item ?? null, actual.body);
    });
  }

  it('answers the literal bodies quoted verbatim', () => {
    expect(observed.get('error_invalid_session_401')?.body).toEqual((examples.error_invalid_session_401 as Example).body);
    expect(observed.get('error_request_limit_exceeded_403')?.body).toEqual((examples.error_request_limit_exceeded_403 as Example).body);
    expect(observed.get('error_field_validation_400')?.body).toEqual((examples.error_field_validation_400 as Example).body);
    expect(observed.get('sobject_collections_item_error')?.body).toEqual((examples.sobject_collections_item_error as Example).body_item);
  });

  it('reproduces the documented values, not only the shapes', () => {
    const token = observed.get('oauth_token_client_credentials_200')?.body as Record<string, string>;
    expect(token.access_token).toMatch(/^00D[A-Za-z0-9]{12}![A-Za-z0-9.]+$/);
    expect(token.issued_at).toMatch(/^\d{13}$/);
    expect(token.token_type).toBe('Bearer');
    expect(token).not.toHaveProperty('expires_in');
    expect(token.id).toMatch(/\/id\/00D[A-Za-z0-9]{15}\/005[A-Za-z0-9]{15}$/);
    const bad = observed.get('oauth_token_error_400')?.body as Record<string, string>;
    expect(bad.error).toBe('invalid_client');

    expect(observed.get('upsert_by_external_id_created_201')?.body).toMatchObject({ errors: [], success: true, created: true });
    expect((observed.get('upsert_by_external_id_created_201')?.body as { id: string }).id).toMatch(/^001[A-Za-z0-9]{15}$/);
    expect(observed.get('upsert_by_external_id_updated_v46plus_200')?.body).toMatchObject({ created: false });
    expect(observed.get('upsert_by_external_id_updated_pre_v46_204')?.body).toBeNull();
    expect((observed.get('sobject_collections_upsert_200')?.body as Array<{ created: boolean }>).map((r) => r.created)).toEqual([true, false]);

    const updated = observed.get('get_updated_200')?.body as { ids: string[]; latestDateCovered: string };
    expect(updated.ids).toHaveLength(3);
    expect(updated.latestDateCovered).toBe('2026-01-05T10:02:00.000+0000');
    expect(updated.latestDateCovered).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000\+0000$/);

    const first = observed.get('query_first_page_200')?.body as { totalSize: number; done: boolean; nextRecordsUrl: string; records: Array<Record<string, unknown>> };
    expect(first.totalSize).toBe(1200);
    expect(first.done).toBe(false);
    expect(first.records).toHaveLength(500);
    expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v63\.0\/query\/01g[A-Za-z0-9]+-500$/);
    expect(first.records[0]).toMatchObject({ attributes: { type: 'Contact' }, Name: 'John Smith 0' });
    const last = observed.get('query_paged_last_page')?.body as { done: boolean; totalSize: number; records: unknown[] };
    expect(last).toMatchObject({ done: true, totalSize: 1200 });
    expect(last).not.toHaveProperty('nextRecordsUrl');
    expect(last.records).toHaveLength(200);
  });
});
