/** The emulator's bodies and headers against the published Web API examples (test/fixtures/dataverse/webapi-examples.json). */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataverseSandbox } from '../../../service/sandbox/dataverse/index.ts';
import { startDv, webApi, type WebApi } from './helpers.ts';

type Example = { body: Record<string, unknown> & { value?: Array<Record<string, unknown>> }; headers?: Record<string, string>; status?: number };
const EXAMPLES = JSON.parse(readFileSync(new URL('../../fixtures/dataverse/webapi-examples.json', import.meta.url), 'utf8')) as Record<string, Example>;
const example = (name: string): Example => EXAMPLES[name] as Example;
const GUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;

/** Same keys in the same order, same JSON types. */
function expectSameShape(ours: Record<string, unknown>, published: Record<string, unknown>): void {
  expect(Object.keys(ours)).toEqual(Object.keys(published));
  for (const k of Object.keys(published)) expect([k, ours[k] === null ? 'null' : typeof ours[k]]).toEqual([k, published[k] === null ? 'null' : typeof published[k]]);
}

describe('dataverse emulator: shapes of the published examples', () => {
  let sandbox: DataverseSandbox;
  let api: WebApi;
  let org: string;

  beforeAll(async () => {
    sandbox = await startDv({ seed: 'demo' });
    api = await webApi(sandbox);
    org = sandbox.orgUrl;
  });
  afterAll(() => sandbox.stop());

  const placeholder = (text: string) => text.replace(/\[Organization UR[Ii]\]/g, org);

  it('retrieve with $select (v9.0 path): context, etag, selected columns, id, currency', async () => {
    const published = example('account_retrieve_select');
    const id = (await api.call('GET', "accounts?$select=name&$filter=name eq 'A. Datum Corporation (sample)'")).body.value?.[0]?.accountid as string;
    const res = await api.call('GET', `${org}/api/data/v9.0/accounts(${id})?$select=name,revenue`);
    expect(res.status).toBe(published.status);
    expect(res.headers.get('content-type')).toBe(published.headers?.['Content-Type']);
    expect(res.headers.get('odata-version')).toBe('4.0');
    expectSameShape(res.body, published.body);
    expect(res.body['@odata.context']).toBe(placeholder(published.body['@odata.context'] as string));
    expect(res.body.name).toBe('A. Datum Corporation (sample)');
  });

  it('update with return=representation: 200, Preference-Applied, the $entity context', async () => {
    const published = example('account_update_return_representation');
    const id = (await api.call('GET', 'accounts?$select=name&$top=1')).body.value?.[0]?.accountid as string;
    const res = await api.call('PATCH', `${org}/api/data/v9.0/accounts(${id})?$select=name,creditonhold,address1_latitude,description,revenue,accountcategorycode,createdon`, { name: 'Updated Sample Account' }, {
      prefer: 'return=representation',
      'if-match': '*',
    });
    expect(res.status).toBe(published.status);
    expect(res.headers.get('preference-applied')).toBe(published.headers?.['Preference-Applied']);
    expect(res.body['@odata.context']).toBe(`${org}/api/data/v9.0/$metadata#accounts(name,creditonhold,address1_latitude,description,revenue,accountcategorycode,createdon)/$entity`);
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(published.body).sort());
    expect(res.body.createdon).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('upsert 204 headers and the 201 representation match the examples', async () => {
    const plain = example('upsert_alternate_key_create_or_update_204');
    const res = await api.call('PATCH', "accounts(accountnumber='SHAPE-1')", { name: 'Shape' });
    expect(res.status).toBe(plain.status);
    expect(res.headers.get('odata-version')).toBe(plain.headers?.['OData-Version']);
    expect(res.headers.get('odata-entityid')).toBe(`${sandbox.apiBaseUrl}/accounts(accountnumber='SHAPE-1')`);
    const rep = example('upsert_alternate_key_created_return_representation_201');
    const created = await api.call('PATCH', "accounts(accountnumber='SHAPE-2')?$select=accountid", { name: 'Shape 2' }, { prefer: 'return=representation' });
    expect(created.status).toBe(rep.status);
    expect(Object.keys(created.body)).toEqual(['@odata.context', '@odata.etag', 'accountid']);
    expect(Object.keys(rep.body)).toEqual(['@odata.context', '@odata.etag', 'example_recordid']);
    expect(created.headers.get('etag')).toBe(created.body['@odata.etag']);
  });

  it('the first page and its $skiptoken paging cookie are built like the example', async () => {
    const published = example('paging_first_page');
    const res = await api.call('GET', 'contacts?$select=fullname', undefined, { prefer: 'odata.maxpagesize=2' });
    expect(res.headers.get('preference-applied')).toBe(published.headers?.['Preference-Applied']);
    expect(Object.keys(res.body)).toEqual(Object.keys(published.body));
    expect(res.body['@odata.context']).toBe(placeholder(published.body['@odata.context'] as string));
    expectSameShape(res.body.value?.[0] as Record<string, unknown>, published.body.value?.[0] as Record<string, unknown>);
    const ours = (res.body['@odata.nextLink'] as string).replace(sandbox.orgUrl, '[Organization URI]').replace(GUID, 'G');
    const theirs = (published.body['@odata.nextLink'] as string).replace(GUID, 'G');
    expect(ours).toBe(theirs);
  });

  it('change tracking: initial and delta bodies, the deleted entry and the delta token format', async () => {
    const initialPub = example('change_tracking_initial');
    const adatum = (await api.call('GET', "accounts(accountnumber='ADATUM0001')?$select=name")).body.accountid as string;
    await api.call('PATCH', `accounts(${adatum})`, { fax: '10101', accountnumber: null });
    const initial = await api.call('GET', 'accounts?$select=name,accountnumber,telephone1,fax', undefined, { prefer: 'odata.track-changes' });
    const withFax = initial.body.value?.find((v) => v.fax === '10101') as Record<string, unknown>;
    expect(initial.headers.get('preference-applied')).toBe(initialPub.headers?.['Preference-Applied']);
    expect(Object.keys(initial.body)).toEqual(['@odata.context', 'value', '@odata.deltaLink']);
    expect(Object.keys(initialPub.body).sort()).toEqual(Object.keys(initial.body).sort());
    expectSameShape(withFax, initialPub.body.value?.[0] as Record<string, unknown>);
    const token = (link: string) => /\$deltatoken=(.*)$/.exec(link)?.[1] ?? '';
    const format = (t: string) => t.replace(/\d+/g, 'N');
    expect(format(token(initial.body['@odata.deltaLink'] as string))).toBe(format(token(initialPub.body['@odata.deltaLink'] as string)));

    const deltaPub = example('change_tracking_delta');
    const victim = initial.body.value?.[0]?.accountid as string;
    await api.call('DELETE', `accounts(${victim})`);
    const delta = await api.call('GET', initial.body['@odata.deltaLink'] as string);
    const deleted = delta.body.value?.find((v) => v.reason === 'deleted') as Record<string, unknown>;
    const deletedPub = deltaPub.body.value?.find((v) => v.reason === 'deleted') as Record<string, unknown>;
    expectSameShape(deleted, deletedPub);
    expect(deleted['@odata.context']).toBe(placeholder(deletedPub['@odata.context'] as string).replace('/v9.0/', '/v9.2/'));
    expect(String(delta.body['@odata.context'])).toMatch(/\/\$delta$/);
  });

  it('the basic error envelope', async () => {
    const basic = example('error_basic');
    const res = await api.call('GET', 'accounts(00000000-0000-0000-0000-000000000001)');
    expect(res.status).toBe(404);
    expect(Object.keys(res.body)).toEqual(Object.keys(basic.body));
    expect(Object.keys(res.body.error ?? {})).toEqual(Object.keys(basic.body.error as object));
  });
});
