/** Create / update / upsert / delete status codes and headers (FACTS 4.1 #1–3), alternate-key quoting, body checks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataverseSandbox } from '../../../service/sandbox/dataverse/index.ts';
import { startDv, webApi, type WebApi } from './helpers.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('dataverse emulator: writes', () => {
  let sandbox: DataverseSandbox;
  let api: WebApi;

  beforeAll(async () => {
    sandbox = await startDv({ seed: 'none' });
    api = await webApi(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('POST → 204 + OData-EntityId; with return=representation → 201 + the row', async () => {
    const plain = await api.call('POST', 'accounts', { name: 'Plain Co', revenue: 1000 });
    expect(plain.status).toBe(204);
    expect(plain.text).toBe('');
    const entityId = plain.headers.get('odata-entityid') as string;
    expect(entityId).toMatch(new RegExp(`^${sandbox.apiBaseUrl}/accounts\\([0-9a-f-]{36}\\)$`));
    const read = await api.call('GET', entityId.slice(sandbox.apiBaseUrl.length + 1) + '?$select=name,revenue');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ name: 'Plain Co', revenue: 1000, _transactioncurrencyid_value: expect.stringMatching(GUID) });
    expect(read.body['@odata.context']).toBe(`${sandbox.apiBaseUrl}/$metadata#accounts(name,revenue)/$entity`);
    expect(read.headers.get('etag')).toBe(read.body['@odata.etag']);

    const rep = await api.call('POST', 'accounts?$select=name,accountnumber', { name: 'Rep Co', accountnumber: 'REP-1' }, { prefer: 'return=representation' });
    expect(rep.status).toBe(201);
    expect(rep.headers.get('preference-applied')).toBe('return=representation');
    expect(rep.body['@odata.etag']).toMatch(/^W\/"\d+"$/);
    expect(rep.body).toMatchObject({ name: 'Rep Co', accountnumber: 'REP-1', accountid: expect.stringMatching(GUID) });
  });

  it('PATCH by alternate key upserts with 204 both times; return=representation tells 201 from 200', async () => {
    const created = await api.call('PATCH', "accounts(accountnumber='UP-1')", { name: 'Upsert One' });
    expect(created.status).toBe(204);
    expect(created.headers.get('odata-entityid')).toBe(`${sandbox.apiBaseUrl}/accounts(accountnumber='UP-1')`);
    const updated = await api.call('PATCH', "accounts(accountnumber='UP-1')", { name: 'Upsert One v2' });
    expect(updated.status).toBe(204);
    const list = await api.call('GET', `accounts?$filter=accountnumber eq 'UP-1'&$select=name`);
    expect(list.body.value).toHaveLength(1);
    expect(list.body.value?.[0]?.name).toBe('Upsert One v2');

    const c201 = await api.call('PATCH', "accounts(accountnumber='UP-2')?$select=name", { name: 'Two' }, { prefer: 'return=representation' });
    expect(c201.status).toBe(201);
    expect(c201.headers.get('etag')).toBe(c201.body['@odata.etag']);
    const c200 = await api.call('PATCH', "accounts(accountnumber='UP-2')?$select=name", { name: 'Two v2' }, { prefer: 'return=representation' });
    expect(c200.status).toBe(200);
    expect(c200.body.name).toBe('Two v2');
  });

  it('quotes string keys with single quotes and doubles a quote inside', async () => {
    const res = await api.call('PATCH', `accounts(accountnumber='${encodeURIComponent("O''NEIL-1")}')`, { name: "O'Neil Ltd" });
    expect(res.status).toBe(204);
    const got = await api.call('GET', `accounts?$filter=${encodeURIComponent("accountnumber eq 'O''NEIL-1'")}&$select=accountnumber,name`);
    expect(got.body.value?.[0]).toMatchObject({ accountnumber: "O'NEIL-1", name: "O'Neil Ltd" });
    const byKey = await api.call('GET', `accounts(accountnumber='O''NEIL-1')?$select=name`);
    expect(byKey.status).toBe(200);
    const unknownKey = await api.call('GET', `accounts(name='x')`);
    expect(unknownKey.status).toBe(400);
  });

  it('ignores alternate-key values in the body on update and uses them on create', async () => {
    await api.call('PATCH', "accounts(accountnumber='KEEP-1')", { name: 'Keep' });
    const upd = await api.call('PATCH', "accounts(accountnumber='KEEP-1')", { name: 'Keep 2', accountnumber: 'CHANGED-1' });
    expect(upd.status).toBe(204);
    expect((await api.call('GET', "accounts(accountnumber='KEEP-1')?$select=name")).body.name).toBe('Keep 2');
    expect((await api.call('GET', "accounts(accountnumber='CHANGED-1')")).status).toBe(404);
    const create = await api.call('PATCH', "accounts(accountnumber='URL-1')", { name: 'Body key wins', accountnumber: 'BODY-1' });
    expect(create.status).toBe(204);
    expect((await api.call('GET', "accounts(accountnumber='BODY-1')?$select=name")).body.name).toBe('Body key wins');
  });

  it('If-Match: * on a missing row → 404 and nothing created; If-None-Match: * on an existing row → 412', async () => {
    const miss = await api.call('PATCH', "accounts(accountnumber='NOPE-1')", { name: 'x' }, { 'if-match': '*' });
    expect(miss.status).toBe(404);
    expect(miss.body.error).toEqual({ code: '0x80040217', message: expect.stringContaining('does not exist') });
    expect((await api.call('GET', "accounts(accountnumber='NOPE-1')")).status).toBe(404);
    const missById = await api.call('PATCH', 'accounts(00000000-0000-0000-0000-0000000000aa)', { name: 'x' }, { 'if-match': '*' });
    expect(missById.status).toBe(404);

    await api.call('PATCH', "accounts(accountnumber='ONCE-1')", { name: 'Once' }, { 'if-none-match': '*' });
    const again = await api.call('PATCH', "accounts(accountnumber='ONCE-1')", { name: 'Twice' }, { 'if-none-match': '*' });
    expect(again.status).toBe(412);
    expect(again.body.error).toEqual({ code: '0x80040237', message: 'A record with matching key values already exists.' });
    const upd = await api.call('PATCH', "accounts(accountnumber='ONCE-1')", { name: 'Updated' }, { 'if-match': '*' });
    expect(upd.status).toBe(204);
  });

  it('a stale If-Match etag → 412 ConcurrencyVersionMismatch; the current one passes; updates move the etag', async () => {
    const rep = await api.call('POST', 'accounts', { name: 'Etag Co' }, { prefer: 'return=representation' });
    const id = rep.body.accountid as string;
    const etag = rep.body['@odata.etag'] as string;
    expect((await api.call('PATCH', `accounts(${id})`, { name: 'Etag Co 2' }, { 'if-match': etag })).status).toBe(204);
    const stale = await api.call('PATCH', `accounts(${id})`, { name: 'Etag Co 3' }, { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect(stale.body.error).toEqual({ code: '0x80060882', message: "The version of the existing record doesn't match the RowVersion property provided." });
    const fresh = await api.call('GET', `accounts(${id})?$select=name,versionnumber`);
    expect(fresh.body['@odata.etag']).toBe(`W/"${String(fresh.body.versionnumber)}"`);
    expect(fresh.body['@odata.etag']).not.toBe(etag);
    const notModified = await api.call('GET', `accounts(${id})?$select=name`, undefined, { 'if-none-match': fresh.body['@odata.etag'] as string });
    expect(notModified.status).toBe(304);
    expect((await api.call('DELETE', `accounts(${id})`, undefined, { 'if-match': etag })).status).toBe(412);
  });

  it('PATCH by id upserts too; DELETE → 204 then 404', async () => {
    const id = '3f0a8c2e-1b2d-4c5e-8f90-123456789abc';
    expect((await api.call('PATCH', `accounts(${id})`, { name: 'By Id' })).status).toBe(204);
    expect((await api.call('GET', `accounts(${id})?$select=name`)).body).toMatchObject({ name: 'By Id', accountid: id });
    expect((await api.call('DELETE', `accounts(${id})`)).status).toBe(204);
    const gone = await api.call('DELETE', `accounts(${id})`);
    expect(gone.status).toBe(404);
    expect(gone.body.error?.code).toBe('0x80040217');
    expect((await api.call('GET', `accounts(${id})`)).status).toBe(404);
  });

  it('a duplicate alternate key on create → 412 DuplicateRecord', async () => {
    await api.call('POST', 'accounts', { name: 'Dup A', accountnumber: 'DUP-1' });
    const dup = await api.call('POST', 'accounts', { name: 'Dup B', accountnumber: 'dup-1' });
    expect(dup.status).toBe(412);
    expect(dup.body.error?.code).toBe('0x80040237');
  });

  it('refuses unknown columns, wrong types, too-long strings, bad choices and direct _x_value writes with 400 naming them', async () => {
    const unknown = await api.call('POST', 'accounts', { name: 'x', Name: 'y' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.code).toBe('0x80048d19');
    expect(unknown.body.error?.message).toContain("The property 'Name' does not exist on type 'Microsoft.Dynamics.CRM.account'");
    const badType = await api.call('POST', 'accounts', { name: 'x', revenue: '1000' });
    expect(badType.status).toBe(400);
    expect(badType.body.error?.message).toContain("'Edm.Decimal'");
    const long = await api.call('POST', 'accounts', { name: 'x', accountnumber: 'A'.repeat(21) });
    expect(long.status).toBe(400);
    expect(long.body.error?.message).toContain("maximum allowed length of '20'");
    const choice = await api.call('POST', 'accounts', { name: 'x', paymenttermscode: 99 });
    expect(choice.status).toBe(400);
    expect(choice.body.error?.message).toContain("'paymenttermscode'");
    const direct = await api.call('POST', 'accounts', { name: 'x', _primarycontactid_value: '3f0a8c2e-1b2d-4c5e-8f90-123456789abc' });
    expect(direct.status).toBe(400);
    expect(direct.body.error?.message).toContain('Use Navigation properties');
    const badNav = await api.call('POST', 'contacts', { lastname: 'x', 'parentcustomerid@odata.bind': '/accounts(3f0a8c2e-1b2d-4c5e-8f90-123456789abc)' });
    expect(badNav.status).toBe(400);
    expect(badNav.body.error?.message).toContain("undeclared property 'parentcustomerid'");
    const missingTarget = await api.call('POST', 'contacts', { lastname: 'x', 'parentcustomerid_account@odata.bind': '/accounts(3f0a8c2e-1b2d-4c5e-8f90-123456789abd)' });
    expect(missingTarget.status).toBe(404);
    const notJson = await api.call('POST', 'accounts', 'name=x', { 'content-type': 'text/plain' });
    expect(notJson.status).toBe(415);
    const wrongSet = await api.call('GET', 'Account');
    expect(wrongSet.status).toBe(404);
    expect(wrongSet.body.error).toEqual({ code: '0x8006088a', message: "Resource not found for the segment 'Account'." });
    expect((await api.call('DELETE', 'accounts')).status).toBe(405);
  });

  it('answers 413 past the request size limit and 501 for what the sandbox does not implement', async () => {
    const small = await startDv({ seed: 'none', maxRequestBytes: 1_024 });
    try {
      const smallApi = await webApi(small);
      const big = await smallApi.call('POST', 'accounts', { name: 'x', description: 'y'.repeat(1_500) });
      expect(big.status).toBe(413);
      expect(big.body.error?.code).toMatch(/^0x/);
      expect(small.admin.listRecords('account')).toHaveLength(0);
      const batch = await smallApi.call('POST', '$batch', '--batch_x--', { 'content-type': 'multipart/mixed;boundary=batch_x' });
      expect(batch.status).toBe(501);
    } finally {
      await small.stop();
    }
  });

  it('binds lookups with @odata.bind and reads them back as _x_value; contacts compose fullname', async () => {
    const acc = await api.call('POST', 'accounts', { name: 'Parent Co' }, { prefer: 'return=representation' });
    const contact = await api.call(
      'POST',
      'contacts?$select=fullname,_parentcustomerid_value',
      { firstname: 'Ada', lastname: 'Lovelace', 'parentcustomerid_account@odata.bind': `/accounts(${String(acc.body.accountid)})` },
      { prefer: 'return=representation' },
    );
    expect(contact.status).toBe(201);
    expect(contact.body).toMatchObject({ fullname: 'Ada Lovelace', _parentcustomerid_value: acc.body.accountid });
    const upd = await api.call('PATCH', `accounts(${String(acc.body.accountid)})`, { 'primarycontactid@odata.bind': `/contacts(${String(contact.body.contactid)})` });
    expect(upd.status).toBe(204);
    const withExpand = await api.call('GET', `accounts(${String(acc.body.accountid)})?$select=name&$expand=primarycontactid($select=fullname)`);
    expect(withExpand.body.primarycontactid).toMatchObject({ fullname: 'Ada Lovelace', contactid: contact.body.contactid });
    expect(withExpand.body['@odata.context']).toBe(`${sandbox.apiBaseUrl}/$metadata#accounts(name,primarycontactid(fullname))/$entity`);
  });
});
